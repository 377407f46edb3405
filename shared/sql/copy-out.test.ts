// PostgreSQL sources with CSV output extract with COPY … TO STDOUT; the preview shows that text
// (what the engine runs), and another dialect asked for shows the plain query.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGoldenFile } from '../../test/golden-file.ts';
import { parseProjectJson } from '../model/canonical.ts';
import type { Project } from '../model/schema.ts';
import { previewPlan } from '../plan/preview-plan.ts';
import { planStep } from '../plan/run-plan.ts';
import { stepText } from '../plan/statement-log.ts';

function project(): Project {
  const parsed = parseProjectJson(readFileSync(new URL('../../test/fixtures/every-kind.project.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('fixture is invalid');
  const value = parsed.value;
  // The fixture's PostgreSQL extract writes Parquet; make it CSV to take the COPY path.
  return { ...value, extracts: value.extracts.map((x) => (x.entity === 'product' ? { ...x, format: { kind: 'csv', delimiter: ';', qualifier: '"', header: true, nullMarker: '' } } : x)) };
}


describe('COPY TO STDOUT extracts', () => {
  it('previews the COPY the engine runs, with casts, checks and the CSV options', () => {
    const step = planStep(previewPlan(project(), 'product', { batchDate: '2026-03-01' }).plan, 'extract')!;
    expect(step).toMatchObject({ dialect: 'postgres', copyOut: true });
    const extract = { text: stepText(step).replace(/^(-- .*\n)+\n/, '') };
    expect(extract.text).toContain('CREATE OR REPLACE FUNCTION pg_temp.lf_fail');
    expect(extract.text).toMatch(/\) TO STDOUT WITH \(FORMAT csv, HEADER false, DELIMITER ';', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8'\);$/);
    expect(extract.text).toContain('row_number() OVER () AS lf_row');
    expectGoldenFile(extract.text, new URL('./__golden__/copyOut.postgres.sql', import.meta.url));
  });

  it('shows the plain query when another dialect is asked for', () => {
    const step = planStep(previewPlan(project(), 'product', { batchDate: '2026-03-01', dialect: 'postgres' }).plan, 'extract')!;
    expect(step.copyOut).toBeUndefined();
    expect(stepText(step)).not.toContain('COPY');
  });
});
