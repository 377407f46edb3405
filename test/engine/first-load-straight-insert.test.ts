// A first load (persistent staging with no current version) skips the change set: the change
// set's probe finds no current row, and persist inserts the staged rows as they are. The versions
// must be the ones the comparison would have written: the same rows loaded once each way (the
// comparison forced by a current version of another key) give the same persistent staging,
// column by column, and the statement log says which way each run went.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity } from '../../shared/model/index.ts';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { createSource, createWarehouse, jobSpec, readVersions, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type Version, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'amount', type: 'decimal(10,2)' },
  { name: 'changed_on', type: 'date' },
  { name: 'seen_at', type: 'datetime' },
];
const ROWS: TestRow[] = [
  [1, 'first', '1.50', '2026-02-20', '2026-02-20 10:11:12'],
  [2, '', null, '2026-02-27', null],
  [3, null, '-3.25', null, '2026-01-01 00:00:00'],
  [4, 'ä "quoted", comma', '0.00', '1999-12-31', '1999-12-31 23:59:59'],
];
const SEED: TestRow[] = [[999, 'other key', '9.99', '2026-01-01', null]];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** The change-set and persist statements a run logged. */
const loadLog = (events: readonly EngineEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'entity:statement' && (e.entry.step === 'changeSet' || e.entry.step === 'persist') ? [e.entry.sql] : []));
const delta = (log: readonly string[]): boolean => log.some((s) => s.includes('_delta'));
/** A version without its valid-from (each run's own start time). */
const comparable = ({ validFrom: _validFrom, ...rest }: Version): Omit<Version, 'validFrom'> => rest;

describe.each(WAREHOUSE_KINDS)('a first load into %s persistent staging', (kind) => {
  it('inserts the staged rows without a change set, writing the versions the comparison writes', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, ROWS);
    await source.createTable('seed', COLUMNS);
    await source.insert('seed', COLUMNS, SEED);
    const straight = await createWarehouse(kind, ws, 'straight');
    const compared = await createWarehouse(kind, ws, 'compared');
    // Without delete tracking, the seeded key stays current and the items are all new keys.
    const entityInput = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', persistentStaging: { trackDeletes: false } };
    const spec = (wh: string, table: string, batchId: number) => jobSpec({
      ws, batchId, connections: [source.connection, { ...(wh === 'straight' ? straight : compared).connection, name: 'wh' }],
      entities: [{ entity: entityInput, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } } }],
    });
    const parsed = parseEntity(entityInput);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const entity = parsed.value;

    const fast = await runOk(spec('straight', 'items', 2));
    expect(fast.result.entities[0]).toMatchObject({ status: 'done', inserted: 4, updated: 0, deleted: 0 });
    expect(delta(loadLog(fast.events))).toBe(false);

    const seeded = await runOk(spec('compared', 'seed', 1));
    expect(delta(loadLog(seeded.events))).toBe(false);
    const slow = await runOk(spec('compared', 'items', 2));
    expect(slow.result.entities[0]).toMatchObject({ status: 'done', inserted: 4, updated: 0, deleted: 0 });
    expect(delta(loadLog(slow.events))).toBe(true);

    const fastVersions = await readVersions(straight, entity);
    const slowVersions = (await readVersions(compared, entity)).filter((v) => v.values[0] !== '999');
    expect(fastVersions).toHaveLength(ROWS.length);
    expect(fastVersions.map(comparable)).toEqual(slowVersions.map(comparable));
    expect(new Set(fastVersions.map((v) => v.validFrom)).size).toBe(1);

    // The rerun compares (a current version exists now) and finds nothing changed.
    const rerun = await runOk(spec('straight', 'items', 3));
    expect(rerun.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(delta(loadLog(rerun.events))).toBe(true);
    expect((await readVersions(straight, entity)).map(comparable)).toEqual(fastVersions.map(comparable));
  });
});
