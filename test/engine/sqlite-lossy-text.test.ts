// SQLite keeps whatever bytes were written as text; better-sqlite3 decodes bad bytes to U+FFFD.
// The SQLite source reads plainly until a row holds U+FFFD, then reads the rest with the exact
// query (bad text as its bytes) from that row on. These runs check that the switch loses and
// repeats no row, that text really holding U+FFFD lands as it is, that bytes in a binary column
// land exactly after the switch, and that a query whose rows come back in another order on the
// second read stops the entity instead of landing a wrong set.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, readVersions, run, runOk, workspace, type Workspace } from './fixtures.ts';

const ROWS = 5000;
const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'v', type: 'string(40)' },
  { name: 'b', type: 'binary' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** 5000 rows; row 2500's text holds a real U+FFFD, rows 3001 and 4500 bad bytes in the binary column. */
async function seeded() {
  const source = await createSource('sqlite', ws);
  await source.exec(`CREATE TABLE t (id INTEGER, v TEXT, b BLOB);
    WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${ROWS})
    INSERT INTO t SELECT i, 'row ' || i, CAST(printf('%04d', i) AS BLOB) FROM g;
    UPDATE t SET v = 'a' || char(65533) || 'b' WHERE id = 2500;
    UPDATE t SET b = CAST(X'61FF62' AS TEXT) WHERE id = 3001;
    UPDATE t SET b = CAST(X'C328' AS TEXT) WHERE id = 4500;`);
  return source;
}

describe('SQLite text decoded with U+FFFD', () => {
  it('switches to the exact read at the first doubtful row and lands every row once, exactly', async () => {
    const source = await seeded();
    const wh = await createWarehouse('duckdb', ws);
    const entityInput = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };
    const { result } = await runOk(jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: 1,
      entities: [{ entity: entityInput, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 't' }, pattern: { kind: 'full' }, format: { kind: 'csv' } } }],
    }));
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS, inserted: ROWS });
    const parsed = parseEntity(entityInput);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const versions = await readVersions(wh, parsed.value);
    expect(versions.map((v) => Number(v.values[0]))).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    const hex = (id: number): string => Buffer.from(String(versions[id - 1]!.values[2]).replace(/^\\x/, ''), 'hex').toString('hex');
    expect(versions[2499]!.values[1]).toBe('a\uFFFDb');
    expect(versions[0]!.values[1]).toBe('row 1');
    expect(versions[4999]!.values[1]).toBe('row 5000');
    expect(hex(3001)).toBe('61ff62');
    expect(hex(4500)).toBe('c328');
    expect(hex(4999)).toBe(Buffer.from('4999').toString('hex'));
  });

  it('stops the entity when the second read gives the rows in another order', async () => {
    const source = await seeded();
    const wh = await createWarehouse('duckdb', ws);
    const entityInput = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };
    const outcome = await run(jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: 1,
      entities: [{ entity: entityInput, extract: { entity: 'items', source: { kind: 'query', connection: 'src', sql: 'SELECT id, v, b FROM t ORDER BY random()' }, pattern: { kind: 'full' }, format: { kind: 'csv' } } }],
    }));
    expect(outcome.result.entities[0]?.status).toBe('failed');
    expect(outcome.result.entities[0]?.error).toMatch(/returned the rows of the extract in another order when row \d+ was read again to check its text; add an ORDER BY on a unique key/);
    expect(await wh.exists('psg', 'items')).toBe(false);
  });
});
