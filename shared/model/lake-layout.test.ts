// A partitioned layout in the model, the plan and the stage SQL: validation of the partition
// column, the path pattern in the plan's notes and sample files, and the stage statements of a
// partitioned set (goldens: DuckDB reads the Hive tree; Synapse's external table is the set's
// folder, which it reads with every folder under it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGoldenFile } from '../../test/golden-file.ts';
import { previewPlan } from '../plan/preview-plan.ts';
import { planStep } from '../plan/run-plan.ts';
import { stepText } from '../plan/statement-log.ts';
import { parseProjectJson } from './canonical.ts';
import { escapePartitionText, historyTemplateProblems, partitionPattern } from './lake-layout.ts';
import type { Project } from './schema.ts';
import { validateProject } from './validate.ts';

function fixture(): Project {
  const parsed = parseProjectJson(readFileSync(new URL('../../test/fixtures/every-kind.project.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('fixture invalid');
  return parsed.value;
}

/** The fixture with one extract's layout set, validated again. */
function withLayout(entity: string, layout: unknown): ReturnType<typeof validateProject> {
  const project = fixture();
  return validateProject({ ...project, extracts: project.extracts.map((x) => (x.entity === entity ? { ...x, layout } : x)) });
}

function valid(entity: string, layout: unknown): Project {
  const result = withLayout(entity, layout);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('partitioned layout', () => {
  it('writes patterns of Hive folders', () => {
    expect(partitionPattern({ kind: 'date', column: 'd', granularity: 'day' })).toBe('year={yyyy}/month={mm}/day={dd}');
    expect(partitionPattern({ kind: 'date', column: 'd', granularity: 'year' })).toBe('year={yyyy}');
    expect(partitionPattern({ kind: 'value', column: 'source system' })).toBe('source%20system={source system}');
    expect(escapePartitionText('a/b')).toBe('a%2Fb');
  });

  it('refuses a partition column that is missing, of the wrong type, or clashes with a folder key', () => {
    const issues = (entity: string, layout: unknown): string[] => {
      const result = withLayout(entity, layout);
      return result.ok ? [] : result.issues.map((i) => `${i.object} ${i.field}: ${i.message}`);
    };
    expect(issues('product', { partition: { kind: 'date', column: 'nope' } })).toEqual(['extract of entity "product" layout.partition.column: "nope" is not a column of entity "product"']);
    expect(issues('product', { partition: { kind: 'date', column: 'product_name' } })).toEqual(['extract of entity "product" layout.partition.column: "product_name" is string; a date partition needs a date, datetime or datetimeoffset column']);
    expect(issues('sensor_reading', { partition: { kind: 'value', column: 'raw' } })).toEqual(['extract of entity "sensor_reading" layout.partition.column: "raw" is binary; partition by a column of few text, number or date values']);
    expect(issues('calendar_x', {})).toEqual([]);
    expect(issues('product', { partition: { kind: 'hour', column: 'x' } })[0]).toMatch(/partition kind must be one of: date, value/);
    const project = fixture();
    const clash = validateProject({
      ...project,
      entities: project.entities.map((e) => (e.name === 'shipment' ? { ...e, columns: [...e.columns, { name: 'Month', type: 'int', nullable: true }] } : e)),
      extracts: project.extracts.map((x) => (x.entity === 'shipment' ? { ...x, layout: { partition: { kind: 'date', column: 'shipped_on', granularity: 'month' } } } : x)),
    });
    expect(clash.ok ? [] : clash.issues.map((i) => i.message)).toEqual(['entity "shipment" has a column "month", which is also a folder key of the date partition (month=…); rename the column or partition by value']);
    expect(issues('shipment', { partition: { kind: 'date', column: 'shipped_on', granularity: 'day' } })).toEqual([]);
  });

  it('shows the path pattern in the plan, and stages the tree: DuckDB from the files\' own columns (hive_partitioning = false), Synapse from the set folder', () => {
    const byId = valid('product', { partition: { kind: 'value', column: 'product_id' } });
    const plan = previewPlan(byId, 'product', { batchDate: '2026-03-01' }).plan;
    expect(planStep(plan, 'publish')!.notes).toContain('partitioned by the value of product_id: finance/products/product/Latest/product_id={product_id}/product_{first row}.parquet');
    // product loads into Synapse: the external table reads the whole Latest folder tree.
    const synapse = stepText(planStep(plan, 'stage')!);
    expect(synapse).toContain("LOCATION = N'/landing/finance/products/product/Latest/'");
    expectGoldenFile(synapse, new URL('../sql/__golden__/stage.partitioned.synapse.sql', import.meta.url));

    const shipment = valid('shipment', { partition: { kind: 'date', column: 'shipped_on', granularity: 'month' } });
    const duck = previewPlan(shipment, 'shipment', { batchDate: '2026-03-01' }).plan;
    const duckText = stepText(planStep(duck, 'stage')!);
    expect(duckText).toContain('/shipment/Latest/year={yyyy}/month={mm}/shipment_000000000001.csv');
    // The files hold every column the entity stages: a folder name never replaces a value.
    expect(duckText).toContain('hive_partitioning = false');
    expectGoldenFile(duckText, new URL('../sql/__golden__/stage.partitioned.duckdb.sql', import.meta.url));
    const byValue = stepText(planStep(previewPlan(valid('shipment', { partition: { kind: 'value', column: 'is_express' } }), 'shipment', { batchDate: '2026-03-01' }).plan, 'stage')!);
    expect(byValue).toContain('hive_partitioning = false');
  });

  it('refuses a history path with an unknown placeholder, or one that could leave the lander folder or mix runs', () => {
    const good = '{entity}/History/{yyyy}/{mm}/{dd}/{run_id}/{partition}/{entity}_{first_row}';
    expect(historyTemplateProblems(good)).toEqual([]);
    expect(historyTemplateProblems('{entity}/H/{run_idx}/{first_row}')).toEqual([
      '"{run_idx}" is not a placeholder of a history path; use {entity}, {yyyy}, {mm}, {dd}, {run_id}, {first_row}, {partition}',
      'needs {run_id} in a folder of the path (not the file name): each run keeps its files in a folder of its own',
    ]);
    expect(historyTemplateProblems('../{entity}/{run_id}/{first_row}')).toEqual(['must not have empty, "." or ".." segments: a history path stays inside the lander\'s folder']);
    expect(historyTemplateProblems('/abs/{entity}/{run_id}/{first_row}')[0]).toBe('must be relative to the lander\'s folder: remove the leading "/" or drive');
    expect(historyTemplateProblems('{entity}/Latest/{run_id}/{first_row}')).toEqual(['must not use a folder named Latest, Archive, _incoming or _history_incoming: those belong to the published sets']);
    expect(historyTemplateProblems('H/{run_id}/{first_row}')).toEqual(['needs {entity} in the folders up to {run_id}: runs of several entities share their run id']);
    expect(historyTemplateProblems('{entity}/{run_id}/{partition}/x')).toEqual(['needs {first_row} in the file name (the last segment): it tells a run\'s files apart']);
    expect(historyTemplateProblems('{entity}/{run_id}/p{partition}/{first_row}')).toEqual(['"{partition}" stands for the partition\'s folders and must be a segment of its own']);
    expect(historyTemplateProblems('{entity}/{run_id/{first_row}')).toContain('has a "{" or "}" that opens or closes no placeholder');
    const refused = withLayout('product', { history: { path: '{entity}/{when}/{run_id}/{first_row}', keepRuns: 0 } });
    expect(refused.ok ? [] : refused.issues.map((i) => `${i.field}: ${i.message}`).sort()).toEqual([
      'layout.history.keepRuns: must keep at least 1 run',
    ]);
    const unknown = withLayout('product', { history: { path: '{entity}/{when}/{run_id}/{first_row}' } });
    expect(unknown.ok ? [] : unknown.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'layout.history.path: "{when}" is not a placeholder of a history path; use {entity}, {yyyy}, {mm}, {dd}, {run_id}, {first_row}, {partition}',
    ]);
  });

  it('reads a partitioned PostgreSQL extract by query, not COPY: the engine needs each row to pick its folder', () => {
    const project = fixture();
    const copy = planStep(previewPlan(project, 'product', { batchDate: '2026-03-01' }).plan, 'extract')!;
    expect(copy.copyOut).toBe(true);
    const partitioned = valid('product', { partition: { kind: 'value', column: 'product_id' } });
    const plain = planStep(previewPlan(partitioned, 'product', { batchDate: '2026-03-01' }).plan, 'extract')!;
    expect(plain.copyOut).toBeUndefined();
    expect(stepText(plain)).not.toContain('TO STDOUT');
  });
});
