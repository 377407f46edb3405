// The preview is what runs: for every warehouse the engine loads (DuckDB, PostgreSQL, MariaDB) and
// every pattern it runs here (Full, Incremental, Date Range, Multi Wild Card File), a project is
// run twice through `landfall run`, and for each run and entity `landfall sql <file> <entity>
// --run <id>` — the plan made again from that run's recorded inputs — is byte-identical to the
// statement log the engine wrote (`landfall runs show <file> <id> --entity <entity> --sql`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectStore } from '../../app/store/project-store.ts';
import { landfall, stored } from './landfall-cli.ts';
import { createSource, createWarehouse, WAREHOUSE_KINDS, workspace, type TestSource, type Workspace, type WarehouseKind } from '../engine/fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int' },
  { name: 'name', type: 'string(50)' },
  { name: 'amount', type: 'decimal(10,2)' },
  { name: 'order_date', type: 'date' },
  { name: 'updated_at', type: 'datetime' },
];
const ENTITIES = ['orders_full', 'orders_incremental', 'orders_range', 'orders_files', 'orders_guarded'] as const;
const PATTERNS = {
  orders_full: { kind: 'full' },
  orders_incremental: { kind: 'incremental', changeColumns: [{ column: 'updated_at' }] },
  orders_range: { kind: 'dateRange', column: 'order_date', days: 10 },
  orders_files: { kind: 'multiWildCardFile' },
  orders_guarded: { kind: 'incremental', changeColumns: [{ column: 'updated_at' }] },
} as const;
/** Issue 13's statements logged too: soft delete, key sweep, data checks, current table. */
const GUARDED = {
  softDelete: { expression: 'amount < 0' },
  keySweep: { schedule: { kind: 'everyRun' } },
  checks: [{ kind: 'rowCount', min: 1 }, { kind: 'notNull', columns: ['amount'] }],
  currentTable: {},
} as const;

async function project(kind: WarehouseKind, ws: Workspace): Promise<{ file: string; source: TestSource }> {
  const source = await createSource('sqlite', ws);
  await source.createTable('orders', COLUMNS);
  await source.insert('orders', COLUMNS, [
    [1, 'Ann', '10.50', '2026-02-25', '2026-02-25 10:00:00'],
    [2, "O'Brien", '20.00', '2026-02-27', '2026-02-27 11:30:00'],
    [3, null, '30.25', '2026-01-05', '2026-02-28 09:15:00'],
  ]);
  const warehouse = await createWarehouse(kind, ws);
  const inbox = join(ws.dir, 'inbox');
  mkdirSync(inbox, { recursive: true });
  writeFileSync(join(inbox, 'orders_1.csv'), 'id,name,amount,order_date,updated_at\n1,Ann,10.50,2026-02-25,2026-02-25 10:00:00\n2,Bo,20.00,2026-02-27,2026-02-27 11:30:00\n');

  const file = join(ws.dir, 'plan.landfall');
  const store = ProjectStore.create(file, { name: 'plan' });
  try {
    store.saveConnection(source.connection);
    store.saveConnection(stored(warehouse.connection, `LF_PLAN_TEST_${kind.toUpperCase()}_PASSWORD`));
    store.saveConnection({ name: 'lake', kind: 'localfs', path: ws.lake });
    store.saveConnection({ name: 'inbox', kind: 'localfs', path: inbox });
    for (const name of ENTITIES) {
      store.saveEntity({ name, columns: COLUMNS.map((c) => ({ ...c, nullable: c.name !== 'id' })), businessKey: ['id'], warehouse: warehouse.connection.name, ...(name === 'orders_guarded' ? GUARDED : {}) });
      store.saveExtract({
        entity: name,
        source: name === 'orders_files'
          ? { kind: 'files', connection: 'inbox', pattern: 'orders_*.csv', format: { kind: 'csv' } }
          : { kind: 'table', connection: source.connection.name, table: 'orders' },
        pattern: PATTERNS[name],
        // MariaDB reads NULL as the unquoted word: its files are written with that marker.
        format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) },
        compression: 'gzip',
        lander: { connection: 'lake' },
      });
    }
    const valid = store.validate();
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
  } finally {
    store.close();
  }
  return { file, source };
}

function runIds(file: string): string[] {
  const store = ProjectStore.open(file);
  try {
    return store.listRuns().map((r) => r.id).reverse();
  } finally {
    store.close();
  }
}

describe.each(WAREHOUSE_KINDS)('the statement log on a %s warehouse', (kind) => {
  let ws: Workspace;
  let file: string;
  let runs: string[];

  beforeAll(async () => {
    ws = await workspace();
    const made = await project(kind, ws);
    file = made.file;
    const first = await landfall('run', file, '--batch-date', '2026-03-01');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    await made.source.update('orders', COLUMNS, 'id', 2, { amount: '21.00', updated_at: '2026-03-01 08:00:00' });
    await made.source.insert('orders', COLUMNS, [[4, 'Dee', '40.00', '2026-02-28', '2026-03-01 09:00:00']]);
    // The first run archived orders_1.csv: a new file arrives for the Multi Wild Card File entity.
    writeFileSync(join(ws.dir, 'inbox', 'orders_2.csv'), 'id,name,amount,order_date,updated_at\n2,Bo,21.00,2026-02-27,2026-03-01 08:00:00\n5,Eve,50.00,2026-03-01,2026-03-01 10:00:00\n');
    const second = await landfall('run', file, '--batch-date', '2026-03-02');
    expect(second.code).toBe(0);
    runs = runIds(file);
    expect(runs).toHaveLength(2);
  }, 240_000);

  afterAll(async () => {
    await ws?.cleanup();
  });

  it.each(ENTITIES)('%s: `landfall sql --run` is byte-identical to what each run executed', async (entity) => {
    for (const runId of runs) {
      const shown = await landfall('runs', 'show', file, runId, '--entity', entity, '--sql');
      expect(shown.code).toBe(0);
      const log = shown.out.slice(shown.out.indexOf('\n-- entity ') + 1);
      const planned = await landfall('sql', file, entity, '--run', runId);
      expect(planned.err).toBe('');
      expect(planned.code).toBe(0);
      expect(log).toBe(planned.out);
      // The log holds the run's own values: its id, its batch id as lf_batch_id, its files.
      expect(log).toContain(`-- run ${runId}, batch date `);
      expect(log).toContain('-- ==== persist: warehouse');
      expect(log).toMatch(/-- ==== stage: warehouse/);
      expect(log).toContain(`${entity}_000000000001.csv.gz`);
      if (entity === 'orders_guarded') {
        // The first run reads every row (no watermark yet): only the second, incremental, sweeps.
        const steps = ['checks: warehouse', 'currentTable: warehouse', ...(runId === runs[1] ? ['sweepKeys: source'] : [])];
        for (const step of steps) expect(log).toContain(`-- ==== ${step}`);
      }
    }
  });

  it('the second Incremental run extracts from the watermark the first saved', async () => {
    const second = await landfall('runs', 'show', file, runs[1]!, '--entity', 'orders_incremental', '--sql');
    expect(second.out).toContain('saved watermarks: updated_at = "2026-02-28 09:15:00');
    expect(second.out).toMatch(/WHERE \("updated_at"\) > '2026-02-28 09:15:00/);
  });

  it('lists the runs and refuses a run or entity it does not have', async () => {
    const list = await landfall('runs', file);
    expect(list.code).toBe(0);
    for (const id of runs) expect(list.out).toContain(id);
    const missing = await landfall('sql', file, 'orders_full', '--run', 'no-such-run');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('has no run no-such-run');
    const entity = await landfall('runs', 'show', file, runs[0]!, '--entity', 'nope', '--sql');
    expect(entity.code).toBe(1);
    expect(entity.err).toContain('has no entity "nope"');
  });
});
