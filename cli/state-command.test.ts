// `landfall state`: the saved watermark and its ledger as the warehouse holds them; `state set` and
// `state rollback --to-run` need --yes, are refused while the entity's run lock is held, are
// recorded in zdm.control_parameter_history as a person's change, and make the next run's extract
// exactly the one the preview shows for that saved value — on DuckDB, PostgreSQL and MariaDB.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ProjectStore } from '../app/store/project-store.ts';
import type { Connection } from '../shared/model/index.ts';
import { previewPlan } from '../shared/plan/preview-plan.ts';
import { planStep } from '../shared/plan/run-plan.ts';
import { logEntry } from '../shared/plan/statement-log.ts';
import { acquireRunLock } from '../engine/run-lock.ts';
import { landfall } from '../test/plan/landfall-cli.ts';
import { createSource, createWarehouse, WAREHOUSE_KINDS, workspace, type TestRow, type TestSource, type TestWarehouse, type Workspace, type WarehouseKind } from '../test/engine/fixtures.ts';
import type { EntityState } from './saved-state.ts';

const COLUMNS = [
  { name: 'id', type: 'int' },
  { name: 'name', type: 'string(40)' },
  { name: 'version', type: 'bigint' },
];
const rows = (from: number, to: number): TestRow[] => Array.from({ length: to - from + 1 }, (_, i) => [from + i, `item ${from + i}`, from + i]);

function stored(connection: Connection, env: string): Connection {
  if ('password' in connection && connection.password !== undefined && connection.password !== '') {
    process.env[env] = connection.password;
    return { ...connection, password: `\${env:${env}}` };
  }
  return connection;
}

async function project(kind: WarehouseKind, ws: Workspace): Promise<{ file: string; source: TestSource; warehouse: TestWarehouse }> {
  const source = await createSource('sqlite', ws);
  ws.defer(() => source.close());
  await source.createTable('items', COLUMNS);
  await source.insert('items', COLUMNS, rows(1, 100));
  const warehouse = await createWarehouse(kind, ws);
  const file = join(ws.dir, 'state.landfall');
  const store = ProjectStore.create(file, { name: 'state' });
  try {
    store.saveConnection(source.connection);
    store.saveConnection(stored(warehouse.connection, `LF_STATE_TEST_${kind.toUpperCase()}_PASSWORD`));
    store.saveConnection({ name: 'lake', kind: 'localfs', path: ws.lake });
    store.saveEntity({ name: 'items', columns: COLUMNS.map((c) => ({ ...c, nullable: false })), businessKey: ['id'], warehouse: warehouse.connection.name });
    store.saveExtract({
      entity: 'items',
      source: { kind: 'table', connection: source.connection.name, table: 'items' },
      pattern: { kind: 'incremental', changeColumns: [{ column: 'version' }] },
      format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) },
      compression: 'none',
      lander: { connection: 'lake' },
    });
  } finally {
    store.close();
  }
  return { file, source, warehouse };
}

/** Runs the project through `landfall run` and returns the run's id and the entity's result. */
async function run(file: string): Promise<{ id: string; rows: number; inserted: number }> {
  const out = await landfall('run', file, '--batch-date', '2026-03-01');
  expect(out.code, out.out + out.err).toBe(0);
  const store = ProjectStore.open(file);
  try {
    const [latest] = store.listRuns(1);
    return { id: latest!.id, rows: latest!.entities[0]!.rows, inserted: latest!.entities[0]!.inserted };
  } finally {
    store.close();
  }
}

async function state(file: string): Promise<EntityState> {
  const out = await landfall('state', file, 'items', '--json');
  expect(out.code, out.err).toBe(0);
  return (JSON.parse(out.out) as EntityState[])[0]!;
}

/** The extract the run executed, and the one the preview shows for `saved`. */
function extracts(file: string, runId: string, saved: string): { ran: string[]; preview: string[] } {
  const store = ProjectStore.open(file);
  try {
    const [log] = store.runLog(runId, 'items');
    const { plan } = previewPlan(store.getProject(), 'items', { batchDate: '2026-03-01', watermarks: { version: saved } });
    const step = planStep(plan, 'extract')!;
    return { ran: log!.statements.filter((s) => s.step === 'extract').map((s) => s.sql), preview: step.statements.map((item) => logEntry(step, item).sql) };
  } finally {
    store.close();
  }
}

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe.each(WAREHOUSE_KINDS)('landfall state on a %s warehouse', (kind) => {
  it('shows, sets and rolls back the saved watermark, recorded in the ledger, refused while the entity is run', async () => {
    ws = await workspace();
    const { file, source, warehouse } = await project(kind, ws);
    const first = await run(file);
    await source.insert('items', COLUMNS, rows(101, 110));
    const second = await run(file);
    expect(second).toMatchObject({ rows: 10, inserted: 10 });
    expect(await state(file)).toMatchObject({
      saved: [{ parameter: 'version', value: '110' }],
      history: [
        { parameter: 'version', oldValue: null, newValue: '100', runId: first.id, changedBy: 'run' },
        { parameter: 'version', oldValue: '100', newValue: '110', runId: second.id, changedBy: 'run' },
      ],
    });
    // The run history shows the run's metrics: the lag it closed and the time since the last success.
    const shown = await landfall('runs', 'show', file, second.id);
    expect(shown.out).toContain('10 rows read, 10 versions written');
    expect(shown.out).toContain('watermark version: 100 -> 110, lag closed 10 units');
    expect(shown.out).toMatch(/since the last successful run: \d+\.\d s/);
    const listed = JSON.parse((await landfall('runs', file, '--json')).out) as { id: string; entities: { metrics?: { rowsRead: number; files: number } }[] }[];
    expect(listed.find((r) => r.id === first.id)!.entities[0]!.metrics).toMatchObject({ rowsRead: 100, files: 1 });
    expect((await landfall('runs', file)).out).toMatch(/rows read\s+written\s+bytes\s+files/);
    const text = await landfall('state', file);
    expect(text.out).toContain('saved: version = 110');
    expect(text.out).toMatch(/version: 100 -> 110 {2}by run /);

    // Without --yes: only what would change.
    const dry = await landfall('state', 'set', file, 'items', 'version', '105');
    expect(dry.code).toBe(1);
    expect(dry.err).toContain('entity "items": would change version: 110 -> 105; add --yes to change it');
    // A parameter the entity does not save, and a value its column cannot hold.
    expect((await landfall('state', 'set', file, 'items', 'name', 'x', '--yes')).err).toContain('entity "items" saves only version, not "name"');
    expect((await landfall('state', 'set', file, 'items', 'version', '10.5', '--yes')).err).toContain('entity "items": version "10.5" must be a whole number');

    // While a run holds the entity's lock (taken here as a run would), the change is refused.
    const held = await acquireRunLock('a-run-in-progress', [{ warehouse: warehouse.connection, entities: ['items'] }], { signal: new AbortController().signal, onRetry: () => undefined });
    try {
      const refused = await landfall('state', 'set', file, 'items', 'version', '105', '--yes');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('entity "items" is being run (');
      expect(refused.err).toContain('its saved state was not changed');
    } finally {
      await held.release();
    }
    expect((await state(file)).history).toHaveLength(2);

    const set = await landfall('state', 'set', file, 'items', 'version', '105', '--yes', '--by', 'alice');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('changed version: 110 -> 105; recorded in zdm.control_parameter_history by person:alice');
    const afterSet = await state(file);
    expect(afterSet.saved).toEqual([{ parameter: 'version', value: '105' }]);
    expect(afterSet.history[2]).toMatchObject({ oldValue: '110', newValue: '105', runId: null, changedBy: 'person:alice' });

    // The next run extracts after 105, exactly as the preview with that saved value shows.
    const third = await run(file);
    expect(third).toMatchObject({ rows: 5, inserted: 0 });
    const after105 = extracts(file, third.id, '105');
    expect(after105.ran).toEqual(after105.preview);
    expect(after105.ran.join('\n')).toContain('105');
    expect((await state(file)).history[3]).toMatchObject({ oldValue: '105', newValue: '110', runId: third.id, changedBy: 'run' });

    // Back to where the first run left it: the next run extracts the ten rows after 100 again.
    const rollback = await landfall('state', 'rollback', file, 'items', '--to-run', first.id, '--yes', '--by', 'bob');
    expect(rollback.code, rollback.err).toBe(0);
    expect(rollback.out).toContain('changed version: 110 -> 100');
    const afterRollback = await state(file);
    expect(afterRollback.saved).toEqual([{ parameter: 'version', value: '100' }]);
    expect(afterRollback.history[4]).toMatchObject({ oldValue: '110', newValue: '100', runId: first.id, changedBy: 'person:bob' });
    const fourth = await run(file);
    expect(fourth).toMatchObject({ rows: 10, inserted: 0 });
    const after100 = extracts(file, fourth.id, '100');
    expect(after100.ran).toEqual(after100.preview);
    expect((await landfall('state', 'rollback', file, 'items', '--to-run', 'no-such-run', '--yes')).err).toContain('run no-such-run left nothing of it in the warehouse');
  }, 120_000);
});
