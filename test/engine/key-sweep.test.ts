// Issue 13, item 2: hard deletes for Incremental extracts, by a key sweep. Before, a row deleted
// at the source stayed current forever in persistent staging: the watermark query never sees it.
// Now, on the entity's schedule, the run also lands the source's business keys and marks current
// rows whose key is gone deleted — in the load's transaction, so a load that fails deletes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity, type StagingEntityInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, listTree, readVersions, run, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type TestSource, type TestWarehouse, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'changed_on', type: 'date' },
];
const ROWS: TestRow[] = [
  [1, 'one', '2026-02-20'],
  [2, 'two', '2026-02-21'],
  [3, 'three', '2026-02-22'],
  [4, 'four', '2026-02-23'],
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('the key sweep on a %s warehouse', (kind) => {
  let source: TestSource;
  let wh: TestWarehouse;
  let batch = 0;
  beforeEach(async () => {
    source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, ROWS);
    wh = await createWarehouse(kind, ws);
    batch = 0;
  });
  const entityOf = (extra: Partial<StagingEntityInput>): StagingEntityInput => ({ name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', ...extra });
  const spec = (entity: StagingEntityInput, batchDate = '2026-03-01') => jobSpec({
    ws, batchId: ++batch, batchDate, connections: [source.connection, wh.connection],
    entities: [{ entity, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'changed_on' }] }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } } }],
  });
  /** Keys of current rows, and keys whose current version is a delete. */
  const state = async () => {
    const parsed = parseEntity(entityOf({}));
    if (!parsed.ok) throw new Error('bad entity');
    const current = (await readVersions(wh, parsed.value)).filter((v) => v.current);
    return { live: current.filter((v) => !v.deleted).map((v) => v.values[0]), deleted: current.filter((v) => v.deleted).map((v) => v.values[0]) };
  };

  it('every run: a key removed from the source ends as a delete version', async () => {
    const entity = entityOf({ keySweep: { schedule: { kind: 'everyRun' } } });
    await runOk(spec(entity));
    await source.delete('items', 'id', 3);
    const swept = await runOk(spec(entity));
    expect(swept.result.entities[0]).toMatchObject({ status: 'done', mode: 'incremental', rows: 0, deleted: 1 });
    expect(await state()).toEqual({ live: ['1', '2', '4'], deleted: ['3'] });
    expect(swept.events.some((e) => e.type === 'entity:statement' && e.entry.step === 'sweepKeys')).toBe(true);
    // The keys were landed like any file set.
    expect((await listTree(`${ws.lake}/items__keys/Latest`)).some((f) => f.endsWith('.csv.zst'))).toBe(true);
    // Nothing changes on the next sweep; a new row still arrives by the watermark.
    await source.insert('items', COLUMNS, [[5, 'five', '2026-02-28']]);
    const again = await runOk(spec(entity));
    expect(again.result.entities[0]).toMatchObject({ status: 'done', inserted: 1, deleted: 0 });
    expect(await state()).toEqual({ live: ['1', '2', '4', '5'], deleted: ['3'] });
  });

  it('without a sweep the deleted key stays current (what the sweep fixes)', async () => {
    await runOk(spec(entityOf({})));
    await source.delete('items', 'id', 3);
    await runOk(spec(entityOf({})));
    expect(await state()).toEqual({ live: ['1', '2', '3', '4'], deleted: [] });
  });

  it('every 2 runs: sweeps on every second run, counting runs in the control table', async () => {
    const entity = entityOf({ keySweep: { schedule: { kind: 'everyNRuns', runs: 2 } } });
    await runOk(spec(entity));
    await source.delete('items', 'id', 3);
    await runOk(spec(entity));
    expect((await state()).deleted).toEqual(['3']);
    await source.delete('items', 'id', 4);
    const skipped = await runOk(spec(entity));
    expect(skipped.events.some((e) => e.type === 'entity:statement' && e.entry.step === 'sweepKeys')).toBe(false);
    expect((await state()).deleted).toEqual(['3']);
    await runOk(spec(entity));
    expect((await state()).deleted).toEqual(['3', '4']);
  });

  it('on a weekday: sweeps only runs whose batch date is that day', async () => {
    // 2026-03-01 is a Sunday, 2026-03-02 a Monday.
    const entity = entityOf({ keySweep: { schedule: { kind: 'weekday', day: 'monday' } } });
    await runOk(spec(entity, '2026-03-01'));
    await source.delete('items', 'id', 2);
    await runOk(spec(entity, '2026-03-01'));
    expect((await state()).deleted).toEqual([]);
    await runOk(spec(entity, '2026-03-02'));
    expect((await state()).deleted).toEqual(['2']);
  });

  it('a load that fails after the sweep deletes nothing (one transaction), and the sweep counts in the delete share', async () => {
    const entity = entityOf({ keySweep: { schedule: { kind: 'everyRun' } }, checks: [{ kind: 'maxShare', of: 'deleted', percent: 10 }] });
    await runOk(spec(entity));
    await source.delete('items', 'id', 3);
    const { result } = await run(spec(entity));
    expect(result.entities[0]!.error).toBe('entity "items": data check "maxShare deleted 10%" failed: the run would delete 1 of 4 current rows (25%), more than the 10% allowed — nothing was committed');
    expect(await state()).toEqual({ live: ['1', '2', '3', '4'], deleted: [] });
  });
});
