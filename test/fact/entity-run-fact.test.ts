// The entity → fact path end to end on every fact warehouse (seed 001, Case 1): a real entity run
// (SQLite source, local lake, the warehouse's own stage and persist) writes persistent staging, and
// processing pulls each run's new versions into the fact. The hand-made persistent staging of
// entity-fed-fact.test.ts cannot show what the engine's own tables hold on each warehouse (column
// types, the MariaDB prefix in place of a schema, the deletion flag's type).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processFact } from '../../engine/fact/process-fact.ts';
import { openWarehouse } from '../../engine/connections.ts';
import { sql } from '../../shared/sql/statement.ts';
import { createSource, createWarehouse, jobSpec, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type Workspace } from '../engine/fixtures.ts';
import { expectConverged, pushedRows, requestsFact, type PushedRow, type WarehouseUnderTest } from './fact-fixtures.ts';

const COLUMNS = [
  { name: 'seq', type: 'bigint', nullable: false },
  { name: 'host_name', type: 'string(99)', nullable: false },
  { name: 'event_at', type: 'datetime', nullable: false },
  { name: 'bytes', type: 'int', nullable: false },
  { name: 'note', type: 'string(20)' },
];

const sourceRows = (rows: readonly PushedRow[]): TestRow[] => rows.map((r) => [r.seq, r.host, r.at, r.bytes, r.seq % 3 === 0 ? null : `n${r.seq}`]);

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** Staging as the fact sets it: the default, and single staging in a database of its own (MariaDB: in Aria, the seed's one-inserter engine). */
const STAGINGS = [
  { name: 'flip-flop staging', staging: () => ({}) },
  { name: 'single staging in a separate database', staging: (kind: string) => ({ mode: 'single' as const, database: `ingest_${process.pid}_${Date.now() % 100000}`, ...(kind === 'mariadb' ? { engine: 'Aria' as const } : {}) }) },
];

describe.each(WAREHOUSE_KINDS)('an entity run feeding a fact on %s', (kind) => {
  it.each(STAGINGS)('pulls each run\'s new versions once, with $name: new rows, not deleted ones, not twice', async ({ staging: stagingOf }) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('requests', COLUMNS);
    await source.insert('requests', COLUMNS, sourceRows(pushedRows(0, 200)));
    const wh = await createWarehouse(kind, ws);
    const spec = (batchId: string) => jobSpec({
      ws, batchId, connections: [source.connection, wh.connection],
      entities: [{
        entity: { name: 'requests_source', columns: COLUMNS, businessKey: ['seq'], warehouse: 'wh' },
        extract: { entity: 'requests_source', source: { kind: 'table', connection: 'src', table: 'requests' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
      }],
    });
    const w: WarehouseUnderTest = {
      connection: wh.connection,
      rows: async (text) => (await wh.query(text)).map((row) => row.map((v) => v ?? 'NULL')),
      drop: () => Promise.resolve(),
    };
    const staging: { database?: string } = stagingOf(kind);
    const fact = requestsFact({ source: { kind: 'entity', entity: 'requests_source' }, staging });
    // A MariaDB database is the server's, not the test database's: dropped with the test.
    const separate = staging.database;
    if (separate !== undefined && kind === 'mariadb') ws.defer(async () => {
      const server = await openWarehouse(wh.connection);
      try {
        await server.run(sql`DROP DATABASE IF EXISTS ${wh.dialect.quote(separate)}`);
      } finally {
        await server.close();
      }
    });

    // Before the entity has run there is nothing to pull, and processing says so without failing.
    expect((await processFact(fact, wh.connection)).rows).toBe(0);
    await runOk(spec('20261201000000001'));
    expect((await processFact(fact, wh.connection)).rows).toBe(200);
    expect((await processFact(fact, wh.connection)).rows).toBe(0);

    // A second run: 100 new rows and one deleted row (its closing version is not a new fact row).
    await source.insert('requests', COLUMNS, sourceRows(pushedRows(200, 300)));
    await source.delete('requests', 'seq', 7);
    await runOk(spec('20261201000000002'));
    expect((await processFact(fact, wh.connection)).rows).toBe(100);
    await expectConverged(w, pushedRows(0, 300), expect);
    // The nullable column came through as NULL, not as text.
    const nulls = await wh.query(`SELECT COUNT(*) FROM ${wh.dialect.quote('requests')} WHERE ${wh.dialect.quote('note')} IS NULL`);
    expect(Number(nulls[0]![0])).toBe(100);
  });
});
