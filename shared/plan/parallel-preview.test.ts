// Only PostgreSQL reads in parallel ranges (one exported snapshot for every reader): a MariaDB or
// SQLite extract with parallelReads set — refused by validation — previews the single read that
// would run, not PostgreSQL's snapshot statements in another dialect.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectJson } from '../model/canonical.ts';
import type { Project } from '../model/schema.ts';
import { previewPlan } from './preview-plan.ts';
import { planStep } from './run-plan.ts';
import { stepText } from './statement-log.ts';

function withParallelReads(entity: string): Project {
  const parsed = parseProjectJson(readFileSync(new URL('../../test/fixtures/every-kind.project.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { ...parsed.value, extracts: parsed.value.extracts.map((x) => (x.entity === entity ? { ...x, parallelReads: 4 } : x)) };
}

describe('the preview of parallelReads', () => {
  it.each([['invoice', 'MariaDB'], ['shipment', 'SQLite']] as const)('of %s (a %s source) has no partition step and reads once', (entity, _kind) => {
    const { plan } = previewPlan(withParallelReads(entity), entity, { batchDate: '2026-03-01' });
    expect(planStep(plan, 'partition')).toBeUndefined();
    expect(stepText(planStep(plan, 'extract')!)).not.toMatch(/pg_export_snapshot|SET TRANSACTION SNAPSHOT/);
  });

  it('of a PostgreSQL table has its partition step', () => {
    const { plan } = previewPlan(withParallelReads('product'), 'product', { batchDate: '2026-03-01' });
    expect(stepText(planStep(plan, 'partition')!)).toContain('pg_export_snapshot()');
  });
});
