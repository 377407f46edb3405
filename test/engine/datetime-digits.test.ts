// A datetime lands with every fraction digit the source holds, or the entity fails: DuckDB,
// PostgreSQL and MariaDB keep microseconds, and would cut (DuckDB) or round (PostgreSQL, MariaDB)
// a seventh digit on load without a word. SQLite sources hold any text; SQL Server's
// DATETIME2(7) holds 100 ns. The refusal names entity, column, row and value and what to do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, createWarehouse, jobSpec, run, runOk, workspace, WAREHOUSE_KINDS, type TestRow, type Workspace } from './fixtures.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'at', type: 'datetime' },
  { name: 'at_tz', type: 'datetimeoffset' },
  { name: 'clock', type: 'time' },
];

describe.each(WAREHOUSE_KINDS)('into a %s warehouse', (kind) => {
  async function spec(rows: TestRow[]) {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS.map((c) => (c.name === 'id' ? c : { ...c, type: 'string(40)' })));
    await source.insert('items', COLUMNS, rows);
    await source.close();
    const wh = await createWarehouse(kind, ws);
    return {
      wh,
      spec: jobSpec({
        ws, connections: [source.connection, wh.connection], batchId: 1,
        entities: [{
          entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
          extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' } },
        }],
      }),
    };
  }

  it('lands six fraction digits, and seven written with trailing zeros, exactly', async () => {
    const { spec: s, wh } = await spec([
      [1, '2026-03-01 10:00:00.123456', '2026-03-01 10:00:00.123456+02:00', '10:00:00.123456'],
      [2, '2026-03-01 10:00:00.1234560', '2026-03-01 10:00:00.1000000+00:00', '23:59:59.9999990'],
    ]);
    const { result } = await runOk(s);
    expect(result.entities[0]!.rows).toBe(2);
    const at = wh.dialect.quote('at');
    const text = kind === 'mariadb' ? `CAST(${at} AS CHAR)` : kind === 'postgres' ? `CAST(${at} AS TEXT)` : `CAST(${at} AS VARCHAR)`;
    expect(await wh.query(`SELECT ${text} FROM ${wh.dialect.table('psg', 'items')} ORDER BY id`)).toEqual([['2026-03-01 10:00:00.123456'], ['2026-03-01 10:00:00.123456']]);
  });

  it.each([
    ['at', [3, '2026-03-01 10:00:00.1234567', null, null], '2026-03-01 10:00:00.1234567'],
    ['at_tz', [3, null, '2026-03-01 10:00:00.000000001+02:00', null], '2026-03-01 10:00:00.000000001+02:00'],
    ['clock', [3, null, null, '10:00:00.1234567'], '10:00:00.1234567'],
  ] as const)('refuses a seventh digit in %s before anything lands, naming it', async (column, row, value) => {
    const { spec: s, wh } = await spec([[1, '2026-03-01 10:00:00', null, null], [2, null, null, null], [...row]]);
    const { result } = await run(s);
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toContain(`entity "items", column "${column}", row 3: "${value}" has more fraction digits than a ${kind} warehouse keeps (6)`);
    expect(await wh.exists('psg', 'items')).toBe(false);
  });
});

describe('a PostgreSQL source whose text column holds a datetime', () => {
  it.each([
    ['at', [2, '2026-03-01 10:00:00.1234567', null], '2026-03-01 10:00:00.1234567'],
    ['at_tz', [2, null, '2026-03-01 10:00:00.0000001+02:00'], '2026-03-01 10:00:00.0000001+02:00'],
  ] as const)('refuses a seventh digit in %s in its COPY, which would round it to microseconds', async (column, row, value) => {
    const columns = COLUMNS.slice(0, 3);
    const source = await createSource('postgres', ws);
    await source.createTable('items', columns.map((c) => (c.name === 'id' ? c : { ...c, type: 'string(40)' })));
    await source.insert('items', columns, [[1, '2026-03-01 10:00:00.123456', '2026-03-01 10:00:00+00:00'], [...row]]);
    await source.close();
    const wh = await createWarehouse('duckdb', ws);
    const s = jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: 1,
      entities: [{ entity: { name: 'items', columns, businessKey: ['id'], warehouse: 'wh' }, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' } } }],
    });
    const { result } = await run(s);
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toContain(`column "${column}", row 2: "${value}" has more fraction digits than the 6 a PostgreSQL timestamp keeps`);
    expect(await wh.exists('psg', 'items')).toBe(false);
  });
});
