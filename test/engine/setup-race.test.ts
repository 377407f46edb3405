// Two real engine processes running different entities into one warehouse at the same time, both
// finding Landfall's shared zdm tables missing: on a fresh warehouse, and on an older one that has
// the control table but not the tables added since (run logs, ledger, row-hash schemes, entity
// columns). Each creates them if missing; neither may fail because the other created one first.
// On the older PostgreSQL and MariaDB warehouses the test makes the race certain: it holds a lock on
// both entities' persistent staging tables, so each load stops after its setup with its CREATEs
// done (and, on PostgreSQL, not yet committed), and lets them go together.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { forkEngine } from './engine-child.ts';
import { createSource, createWarehouse, jobSpec, runOk, workspace, type TestSource, type TestWarehouse, type WarehouseKind, type Workspace } from './fixtures.ts';
import { blockLoad } from './load-blocker.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'payload', type: 'string(60)' },
];
const ENTITIES = ['alpha', 'beta'] as const;
/** The shared tables an older warehouse (before run metrics, the ledger and model evolution) lacks. */
const NEWER_TABLES = ['control_parameter_history', 'run_log', 'entity_run_log', 'entity_run_watermarks', 'entity_columns', 'row_hash_schemes'];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function sourceOf(): Promise<TestSource> {
  const source = await createSource('sqlite', ws);
  for (const table of ENTITIES) {
    await source.createTable(table, COLUMNS);
    await source.insert(table, COLUMNS, Array.from({ length: 50 }, (_, i) => [i + 1, `${table} ${i + 1}`]));
  }
  return source;
}

const specOf = (source: TestSource, wh: TestWarehouse, entities: readonly string[], batchId: number): JobSpec => jobSpec({
  ws,
  connections: [source.connection, wh.connection],
  batchId,
  entities: entities.map((name) => ({
    entity: { name, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
    extract: { entity: name, source: { kind: 'table', connection: 'src', table: name }, pattern: { kind: 'full' } },
  })),
});

/** How many of the engine's load sessions wait on a lock (the test's, or each other's). */
async function waitingLoads(wh: TestWarehouse): Promise<number> {
  const [row] = wh.kind === 'postgres'
    ? await wh.query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'landfall load' AND wait_event_type = 'Lock'")
    : await wh.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND STATE LIKE 'Waiting for%lock%'");
  return Number(row?.[0]);
}

async function bothProcesses(source: TestSource, wh: TestWarehouse, batchId: number, whileRunning?: () => Promise<void>): Promise<void> {
  const children = ENTITIES.map((entity) => forkEngine(specOf(source, wh, [entity], batchId)));
  await whileRunning?.();
  const results = await Promise.all(children.map((child) => child.result()));
  for (const [i, result] of results.entries()) {
    expect(result.entities.map((e) => [e.entity, e.status, e.error])).toEqual([[ENTITIES[i], 'done', undefined]]);
  }
  for (const [i, child] of children.entries()) expect(await child.exited, children[i]!.stderr()).toEqual({ code: 0, signal: null });
  for (const entity of ENTITIES) {
    expect(await wh.query(`SELECT COUNT(*) FROM ${wh.dialect.table('zdm', 'entity_run_log')} WHERE ${wh.dialect.quote('entity')} = '${entity}'`)).toEqual([['1']]);
  }
}

describe('loads creating the shared zdm tables at once', () => {
  it.each(['postgres', 'mariadb'] as const)('%s: a fresh warehouse', async (kind: WarehouseKind) => {
    const source = await sourceOf();
    const wh = await createWarehouse(kind, ws);
    await bothProcesses(source, wh, 1);
  });

  // A DuckDB file is open in one process at a time (DuckDB's own file lock): a second process
  // that finds it open fails its entity at connecting, with DuckDB's message naming the holder,
  // before anything of it is created; it never races the other's CREATEs.
  it('duckdb: a fresh warehouse file, two processes', async () => {
    const source = await sourceOf();
    const wh = await createWarehouse('duckdb', ws);
    const children = ENTITIES.map((entity) => forkEngine(specOf(source, wh, [entity], 1)));
    const results = await Promise.all(children.map((child) => child.result()));
    const outcomes = results.map((result) => result.entities[0]!);
    const done = outcomes.filter((e) => e.status === 'done').map((e) => e.entity);
    expect(done.length).toBeGreaterThan(0);
    for (const e of outcomes.filter((o) => o.status !== 'done')) {
      expect(e).toMatchObject({ status: 'failed', error: expect.stringMatching(new RegExp(`^entity "${e.entity}": connecting to warehouse "wh" failed: IO Error: Could not set lock on file ".*": Conflicting lock is held in .* \\(PID \\d+\\)`)) });
    }
    for (const entity of ENTITIES) {
      expect(await wh.query(`SELECT COUNT(*) FROM zdm.entity_run_log WHERE entity = '${entity}'`)).toEqual([[done.includes(entity) ? '1' : '0']]);
    }
  });

  it('duckdb: an older warehouse, two entities of one run', async () => {
    const source = await sourceOf();
    const wh = await createWarehouse('duckdb', ws);
    await runOk(specOf(source, wh, ENTITIES, 1));
    for (const table of NEWER_TABLES) await wh.query(`DROP TABLE ${wh.dialect.table('zdm', table)}`);
    await source.update('alpha', COLUMNS, 'id', 1, { payload: 'changed' });
    const { result } = await runOk(specOf(source, wh, ENTITIES, 2));
    expect(result.entities.map((e) => e.status)).toEqual(['done', 'done']);
    for (const entity of ENTITIES) {
      expect(await wh.query(`SELECT COUNT(*) FROM zdm.entity_run_log WHERE entity = '${entity}'`)).toEqual([['1']]);
    }
  });

  it.each(['postgres', 'mariadb'] as const)('%s: an older warehouse, both loads held after their setup', async (kind) => {
    const source = await sourceOf();
    const wh = await createWarehouse(kind, ws);
    await runOk(specOf(source, wh, ENTITIES, 1));
    for (const table of NEWER_TABLES) await wh.query(`DROP TABLE ${wh.dialect.table('zdm', table)}`);
    // The first batch's log rows went with the table; the second batch writes one row per entity.
    await source.update('alpha', COLUMNS, 'id', 1, { payload: 'changed' });
    const blockers = await Promise.all(ENTITIES.map((entity) => blockLoad(wh, ws, entity)));
    await bothProcesses(source, wh, 2, async () => {
      while ((await waitingLoads(wh)) < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const blocker of blockers) await blocker.release();
    });
  });
});
