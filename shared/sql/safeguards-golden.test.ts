// Issue 13, item 5: soft deletes, the key sweep, data checks and the current table are statements
// of the run plan, shown by `landfall sql` and the designer's preview. Their SQL for every dialect
// is golden (T-SQL and Synapse are only tested so; DuckDB, PostgreSQL and MariaDB also run it in
// test/engine). Each golden holds the plan's text from setup to the current table.
import { describe, expect, it } from 'vitest';
import { expectGoldenFile } from '../../test/golden-file.ts';
import { validateProject, type Project, type ProjectInput } from '../model/index.ts';
import { planEntity, planStep, planSubject, type PlanStepName, type RunInputs } from '../plan/run-plan.ts';
import { renderPlan } from '../plan/statement-log.ts';
import { DIALECTS, type DialectName } from './dialect.ts';

const PROJECT_INPUT: ProjectInput = {
  format: 'landfall-project',
  version: 1,
  name: 'Safeguards',
  connections: [
    { name: 'pg', kind: 'postgres', host: 'db.example.com', database: 'sales', user: 'etl' },
    { name: 'crm', kind: 'sqlserver', host: 'crm.example.com', database: 'crm', user: 'etl', password: '${env:CRM_PASSWORD}' },
    { name: 'wh', kind: 'duckdb', path: 'warehouse.duckdb' },
    { name: 'landing', kind: 'localfs', path: '/data/lake' },
  ],
  entities: [
    {
      name: 'orders',
      columns: [
        { name: 'order_id', type: 'bigint', nullable: false },
        { name: 'status', type: 'string(10)' },
        { name: 'amount', type: 'decimal(12,2)' },
        { name: 'changed_at', type: 'datetime' },
      ],
      businessKey: ['order_id'],
      warehouse: 'wh',
      softDelete: { expression: 'deleted_at IS NOT NULL' },
      keySweep: { schedule: { kind: 'everyRun' } },
      checks: [
        { kind: 'rowCount', min: 1, max: 1000000 },
        { kind: 'maxShare', of: 'deleted', percent: 20 },
        { kind: 'maxShare', of: 'changed', percent: 80, severity: 'warn' },
        { kind: 'notNull', columns: ['status'] },
        { kind: 'unique', columns: ['order_id', 'status'], name: 'one status per order' },
        { kind: 'acceptedValues', column: 'status', values: ['open', 'shipped', "it's done"] },
        { kind: 'sql', name: 'no negative amounts', sql: 'SELECT order_id, amount FROM {{staged}} AS s WHERE s.amount < 0;' },
      ],
      currentTable: { table: 'orders_now' },
    },
    {
      name: 'accounts',
      columns: [
        { name: 'account_id', type: 'int', nullable: false },
        { name: 'name', type: 'string(100)' },
      ],
      businessKey: ['account_id'],
      warehouse: 'wh',
      softDelete: { expression: 'is_deleted = 1' },
      keySweep: { schedule: { kind: 'everyNRuns', runs: 7 } },
      currentTable: {},
    },
    {
      name: 'prices',
      columns: [{ name: 'sku', type: 'string(20)', nullable: false }, { name: 'price', type: 'decimal(10,2)' }],
      businessKey: ['sku'],
      warehouse: 'wh',
    },
  ],
  extracts: [
    { entity: 'orders', source: { kind: 'table', connection: 'pg', schema: 'sales', table: 'orders' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'changed_at' }] }, lander: { connection: 'landing' } },
    { entity: 'accounts', source: { kind: 'table', connection: 'crm', schema: 'dbo', table: 'accounts' }, pattern: { kind: 'changeTracking' }, lander: { connection: 'landing' } },
    { entity: 'prices', source: { kind: 'table', connection: 'pg', table: 'prices' }, pattern: { kind: 'full' }, lander: { connection: 'landing' } },
  ],
};

function validated(input: ProjectInput): Project {
  const result = validateProject(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}
const PROJECT = validated(PROJECT_INPUT);

const INPUTS: RunInputs = {
  batchDate: '2026-06-30',
  runId: 'r1',
  batchId: '42',
  startedAt: '2026-06-30 01:02:03.456',
  watermarks: { changed_at: '2026-06-29 23:30:00.123456', key_sweep_runs: '6' },
  changeTracking: { saved: '100', current: '250', minValid: '50' },
  rows: 1234,
  files: ['/data/lake/x/Latest/x_000000000001.csv.zst'],
  sweepFiles: ['/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst'],
  warehouse: 'ready',
  persistentStaging: 'current',
};
const STEPS: PlanStepName[] = ['sweepKeys', 'setup', 'stage', 'changeSet', 'checks', 'persist', 'currentTable'];

const plan = (entity: string, name: DialectName) => planEntity(planSubject(PROJECT, entity, name), INPUTS);

describe('the safeguards in the run plan', () => {
  it.each(DIALECTS)('are golden in %s', (name) => {
    const text = ['orders', 'accounts', 'prices'].map((entity) => renderPlan(plan(entity, name), { steps: STEPS })).join('\n');
    expectGoldenFile(text, new URL(`./__golden__/safeguards.${name}.sql`, import.meta.url));
  });

  // Issue 16: on a SQL Server warehouse that is its own lander, the swept keys are bulk copied
  // into temp.<entity>__keys (the sweepLand step, in T-SQL), as the entity's rows are.
  it('bulk copies the swept keys into a SQL Server warehouse that lands in itself', () => {
    const project = validated({
      ...PROJECT_INPUT,
      connections: [...PROJECT_INPUT.connections!, { name: 'mssql', kind: 'sqlserver', host: 'dw.example.com', database: 'dw', user: 'etl', password: '${env:DW_PASSWORD}' }],
      entities: PROJECT_INPUT.entities!.map((e) => ({ ...e, warehouse: 'mssql' })),
      extracts: PROJECT_INPUT.extracts!.map((x) => ({ ...x, lander: { connection: 'mssql' } })),
    });
    const plans = ['orders', 'accounts'].map((entity) => planEntity(planSubject(project, entity), INPUTS));
    for (const p of plans) {
      const land = planStep(p, 'sweepLand')!;
      expect(land).toMatchObject({ target: 'warehouse', dialect: 'tsql' });
      expect(land.statements.filter((item) => item.bulkCopy).map((item) => item.bulkCopy!.table)).toEqual([`[temp].[${p.entity}__keys]`]);
      expect(planStep(p, 'stage')!.refused).toBeUndefined();
    }
    const text = plans.map((p) => renderPlan(p, { steps: ['sweepKeys', 'land', 'sweepLand', 'stage', 'persist'] })).join('\n');
    expectGoldenFile(text, new URL('./__golden__/safeguards.bulk.tsql.sql', import.meta.url));
    // No sweep due: no keys are landed.
    const early = planEntity(planSubject(project, 'accounts'), { ...INPUTS, watermarks: { key_sweep_runs: '2' } });
    expect(planStep(early, 'sweepLand')).toBeUndefined();
  });

  it('sweeps an every-7-runs entity on its 7th run, and counts up otherwise', () => {
    expect(planStep(plan('accounts', 'tsql'), 'sweepKeys')).toBeDefined();
    const early = planEntity(planSubject(PROJECT, 'accounts', 'tsql'), { ...INPUTS, watermarks: { key_sweep_runs: '2' } });
    expect(planStep(early, 'sweepKeys')).toBeUndefined();
    expect(renderPlan(early, { steps: ['persist'] })).toContain("N'3'");
  });

  it('publishes by renames on MariaDB and Synapse, in the load transaction elsewhere', () => {
    const swapped = DIALECTS.filter((name) => planStep(plan('orders', name), 'currentTable')!.afterCommit === true);
    expect(swapped).toEqual(['synapse', 'mariadb']);
  });

  it('runs the default delete check only for Full extracts', () => {
    expect(planStep(plan('prices', 'postgres'), 'checks')!.statements.map((s) => s.check!.name)).toEqual(['default: at most 50% of current rows deleted']);
    expect(planStep(plan('accounts', 'postgres'), 'checks')).toBeUndefined();
  });
});
