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
    // No window numbers the rows: the engine counts them (a window costs more than every check).
    expect(extract.text).not.toContain('OVER');
    expectGoldenFile(extract.text, new URL('./__golden__/copyOut.postgres.sql', import.meta.url));
  });

  it('checks decimals, dates and instants through functions the server picks by the source column type', () => {
    const base = project();
    const columns = ['decimal(10,2)', 'date', 'datetime', 'datetimeoffset'].map((type, i) => ({ name: ['price', 'launched', 'changed', 'sold_at'][i]!, type, nullable: true }));
    const checked = { ...base, entities: base.entities.map((e) => (e.name === 'product' ? { ...e, columns: [...e.columns, ...columns] } : e)) };
    const text = stepText(planStep(previewPlan(checked, 'product', { batchDate: '2026-03-01' }).plan, 'extract')!).replace(/^(-- .*\n)+\n/, '');
    // One overload per source type for each checked target, and each column calls its own.
    for (const fn of ['lf_decimal(x NUMERIC', 'lf_decimal(x BIGINT', 'lf_decimal(x TEXT', 'lf_date(x DATE', 'lf_date(x TIMESTAMP,', 'lf_date(x TIMESTAMPTZ', 'lf_datetime(x TEXT', 'lf_instant(x TIMESTAMPTZ']) expect(text).toContain(`FUNCTION pg_temp.${fn}`);
    expect(text).toContain(`CAST(pg_temp.lf_decimal("price", 'price', 1e8, 2, `);
    expect(text).toContain(`pg_temp.lf_instant("sold_at", 'sold_at')`);
    expectGoldenFile(text, new URL('./__golden__/copyOut.checks.postgres.sql', import.meta.url));
  });

  it('extracts Parquet entities by binary COPY: the same checks, every value in its own type', () => {
    const base = project();
    const parquet = { ...base, extracts: base.extracts.map((x) => (x.entity === 'product' ? { ...x, format: { kind: 'parquet' as const } } : x)) };
    const columns = [{ name: 'active', type: 'boolean', nullable: true }, { name: 'sold_at', type: 'datetimeoffset', nullable: true }, { name: 'price', type: 'decimal(10,2)', nullable: true }];
    const typed = { ...parquet, entities: parquet.entities.map((e) => (e.name === 'product' ? { ...e, columns: [...e.columns, ...columns] } : e)) };
    const step = planStep(previewPlan(typed, 'product', { batchDate: '2026-03-01' }).plan, 'extract')!;
    expect(step).toMatchObject({ dialect: 'postgres', copyOut: true });
    expect(step.notes).toContain('the server writes binary COPY tuples of the entity\'s types, each value checked against its type');
    const text = stepText(step).replace(/^(-- .*\n)+\n/, '');
    expect(text).toMatch(/\) TO STDOUT WITH \(FORMAT binary\);$/);
    expect(text).toContain('CAST("active" AS BOOLEAN) AS "active"');
    expect(text).toContain(`CAST(pg_temp.lf_instant("sold_at", 'sold_at') AS TIMESTAMPTZ(6)) AS "sold_at"`);
    expect(text).toContain(`CAST(pg_temp.lf_decimal("price", 'price', 1e8, 2, `);
    // A business key keeps its type too (the CSV path casts it to text).
    expect(text).not.toMatch(/ELSE CAST\(.* AS TEXT\) END AS/);
  });

  it('shows the plain query when another dialect is asked for', () => {
    const step = planStep(previewPlan(project(), 'product', { batchDate: '2026-03-01', dialect: 'postgres' }).plan, 'extract')!;
    expect(step.copyOut).toBeUndefined();
    expect(stepText(step)).not.toContain('COPY');
  });
});
