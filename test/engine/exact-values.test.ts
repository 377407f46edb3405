// A value lands exactly as the source holds it, or its entity fails before anything is published
// or committed, naming entity, column, row and value and saying what to declare instead: the same
// in CSV and Parquet, from every source (PostgreSQL by its row path and by COPY). Each case puts
// one bad value at row 2 of three, runs a Full extract and checks the message, that no file was
// published and that nothing reached the warehouse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity, type ExtractInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, listTree, must, readControl, readManifest, readVersions, run, runOk, WAREHOUSE_KINDS, workspace, type SourceKind, type Workspace } from './fixtures.ts';

type Format = 'csv' | 'parquet';

interface BadValue {
  readonly label: string;
  /** The entity's type for column `v`. */
  readonly type: string;
  /** Per source: the table `t (id, v)` with rows 1–3, row 2 holding the bad value. */
  readonly sources: Partial<Record<SourceKind, string>>;
  /** The value as the message shows it, then the problem. */
  readonly message: RegExp;
}

const rows = (good: string, bad: string): string => `INSERT INTO t VALUES (1, ${good}), (2, ${bad}), (3, ${good})`;

const BAD: BadValue[] = [
  {
    label: 'a decimal with more fraction digits than its scale',
    type: 'decimal(10,1)',
    sources: {
      sqlite: `CREATE TABLE t (id INTEGER, v TEXT); ${rows(`'1.5'`, `'0.99'`)}`,
      duckdb: `CREATE TABLE t (id INTEGER, v DECIMAL(10,2)); ${rows('1.5', '0.99')}`,
      postgres: `CREATE TABLE t (id int, v numeric(10,2)); ${rows('1.5', '0.99')}`,
      mariadb: `CREATE TABLE t (id INT, v DECIMAL(10,2)); ${rows('1.5', '0.99')}`,
    },
    message: /"0\.99" has more digits after the point than decimal\(10,1\) holds \(1\): declare decimal\(p,s\) with a larger scale, or round in the mapping \(e\.g\. ROUND\(x, 1\)\)$/,
  },
  {
    label: 'a decimal with more integer digits than its precision allows',
    type: 'decimal(6,2)',
    sources: {
      sqlite: `CREATE TABLE t (id INTEGER, v TEXT); ${rows(`'1.5'`, `'12345'`)}`,
      postgres: `CREATE TABLE t (id int, v numeric); ${rows('1.5', '12345')}`,
    },
    message: /"12345" does not fit decimal\(6,2\): at most 4 digits before the point: declare decimal\(p,s\) with a larger precision$/,
  },
  {
    label: 'a time of day into a date column',
    type: 'date',
    sources: {
      sqlite: `CREATE TABLE t (id INTEGER, v TEXT); ${rows(`'2026-11-20'`, `'2026-11-20 10:30:00'`)}`,
      duckdb: `CREATE TABLE t (id INTEGER, v TIMESTAMP); ${rows(`'2026-11-20'`, `'2026-11-20 10:30:00'`)}`,
      postgres: `CREATE TABLE t (id int, v timestamp); ${rows(`'2026-11-20'`, `'2026-11-20 10:30:00'`)}`,
      mariadb: `CREATE TABLE t (id INT, v DATETIME); ${rows(`'2026-11-20'`, `'2026-11-20 10:30:00'`)}`,
    },
    message: /"2026-11-20 10:30:00" has a time of day, which a date column would drop: declare the column datetime, or CAST it to a date in the mapping$/,
  },
  {
    label: 'an instant (timestamptz) into a datetime column',
    type: 'datetime',
    sources: {
      sqlite: `CREATE TABLE t (id INTEGER, v TEXT); ${rows(`'2026-11-20 10:30:00'`, `'2026-11-20 10:30:00+00'`)}`,
      // A timestamptz column holds nothing a datetime column may take: the other rows are NULL.
      duckdb: `SET TimeZone = 'UTC'; CREATE TABLE t (id INTEGER, v TIMESTAMPTZ); ${rows('NULL', `'2026-11-20 10:30:00+00'`)}`,
      postgres: `CREATE TABLE t (id int, v timestamptz); ${rows('NULL', `'2026-11-20 12:30:00+02'`)}`,
    },
    message: /"2026-11-20 10:30:00\+00" has a time zone offset, which a datetime column would drop: declare the column datetimeoffset/,
  },
  // What PostgreSQL holds and no warehouse does, the same on its row path and its COPY path.
  ...([
    ['datetime', 'timestamp', `'2026-11-20 10:30:00'`, 'infinity'],
    ['date', 'date', `'2026-11-20'`, '-infinity'],
    ['date', 'date', `'2026-11-20'`, '0044-03-15 BC'],
    ['datetimeoffset', 'timestamptz', `'2026-11-20 10:30:00+00'`, 'infinity'],
  ] as const).map(([type, pgType, good, bad]): BadValue => ({
    label: `${bad} in a ${type} column`,
    type,
    sources: { postgres: `CREATE TABLE t (id int, v ${pgType}); ${rows(good, `'${bad}'`)}` },
    message: new RegExp(`"${bad}" is outside the years 0001–9999 that every warehouse holds: filter it out or replace it in the mapping$`),
  })),
  // PostgreSQL checks by the source column's type on its COPY path: text and integers take their own.
  ...([
    ['decimal(10,1)', 'text', `'1.5'`, `'0.99'`, /"0\.99" has more digits after the point than decimal\(10,1\) holds \(1\)/],
    ['decimal(10,1)', 'text', `'1.5'`, `'1,5'`, /"1,5" is not a decimal\(10,1\)$/],
    ['decimal(6,2)', 'bigint', '1', '12345', /"12345" does not fit decimal\(6,2\): at most 4 digits before the point/],
    ['date', 'text', `'2026-11-20'`, `'2026-11-20 10:30:00'`, /"2026-11-20 10:30:00" has a time of day, which a date column would drop/],
    ['date', 'timestamptz', 'NULL', `'2026-11-20 10:30:00+00'`, /"2026-11-20 10:30:00\+00" has a time zone offset, so its day depends on the zone/],
    ['datetime', 'varchar(40)', `'2026-11-20 10:30:00'`, `'2026-11-20 10:30:00Z'`, /"2026-11-20 10:30:00Z" has a time zone offset, which a datetime column would drop/],
    ['datetime', 'text', `'2026-11-20 10:30:00'`, `'infinity'`, /"infinity" is outside the years 0001–9999/],
    ['datetimeoffset', 'text', `'2026-11-20 10:30:00+00'`, `'-infinity'`, /"-infinity" is outside the years 0001–9999/],
  ] as const).map(([type, pgType, good, bad, message]): BadValue => ({
    label: `${bad} from a PostgreSQL ${pgType} into a ${type} column`,
    type,
    sources: { postgres: `CREATE TABLE t (id int, v ${pgType}); ${rows(good, bad)}` },
    message,
  })),
  {
    label: 'text that is not valid UTF-8',
    type: 'string(20)',
    sources: { sqlite: `CREATE TABLE t (id INTEGER, v TEXT); ${rows(`'ok é'`, `CAST(X'61FF62' AS TEXT)`)}` },
    message: /X'61FF62' \(3 bytes\) is not valid UTF-8 text: declare the column binary to keep the bytes, or repair the text in the source$/,
  },
];

const CASES = BAD.flatMap((bad) => (Object.keys(bad.sources) as SourceKind[]).flatMap((source) => (['csv', 'parquet'] as const).map((format) => ({ ...bad, source, format, setup: bad.sources[source]! }))));

const extract = (format: Format): Pick<ExtractInput, 'format' | 'compression'> => ({ format: { kind: format }, compression: format === 'csv' ? 'gzip' : 'zstd' });

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('a value that would not land exactly', () => {
  it.each(CASES)('$label, from $source to $format, fails its entity with column, row and value; nothing is published or committed', async (c) => {
    const source = await createSource(c.source, ws);
    // One statement at a time: MariaDB's client takes no multi-statement text.
    for (const statement of c.setup.split('; ')) await source.exec(statement);
    if (c.source === 'duckdb') await source.close();
    const wh = await createWarehouse('duckdb', ws);
    const entity = { name: 'vals', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'v', type: c.type }], businessKey: ['id'], warehouse: 'wh' };
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{ entity, extract: { entity: 'vals', source: { kind: 'query', connection: 'src', sql: 'SELECT id, v FROM t ORDER BY id' }, pattern: { kind: 'full' }, ...extract(c.format) } }],
    });
    const { result } = await run(spec);
    expect(result.status).toBe('failed');
    const error = result.entities[0]!.error!;
    expect(error).toMatch(/^entity "vals", column "v", row 2: /);
    expect(error).toMatch(c.message);
    expect(await readManifest(ws, 'vals')).toBeUndefined();
    expect((await listTree(entityFolder(ws, 'vals'))).filter((p) => /\.(csv|parquet)/.test(p))).toEqual([]);
    expect(await readVersions(wh, must(parseEntity(entity)))).toEqual([]);
    expect(await readControl(wh)).toEqual([]);
  });
});

describe('a bad value deep in a long PostgreSQL COPY', () => {
  it('is named by its row: the engine counts the rows the COPY delivered before the error', async () => {
    const source = await createSource('postgres', ws);
    await source.exec(`CREATE TABLE t AS SELECT g AS id, CASE WHEN g = 123457 THEN 0.99 ELSE 1.5 END AS v FROM generate_series(1, 300000) AS g`);
    const wh = await createWarehouse('duckdb', ws);
    const entity = { name: 'vals', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'v', type: 'decimal(10,1)' }], businessKey: ['id'], warehouse: 'wh' };
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{ entity, extract: { entity: 'vals', source: { kind: 'query', connection: 'src', sql: 'SELECT id, v FROM t ORDER BY id' }, pattern: { kind: 'full' }, ...extract('csv'), fileSizeMb: 0.25 } }],
    });
    const { result } = await run(spec);
    expect(result.entities[0]!.error).toMatch(/^entity "vals", column "v", row 123457: "0\.99" has more digits after the point than decimal\(10,1\) holds/);
    expect(await readManifest(ws, 'vals')).toBeUndefined();
  });
});

describe('a PostgreSQL COPY trusts the source column types', () => {
  it('leaves out the checks a column type guarantees, keeps the NaN check of a numeric, and still lands every value exactly', async () => {
    const source = await createSource('postgres', ws);
    await source.exec(`CREATE TABLE t (id int, amount numeric(10,2), total numeric, code varchar(8), note text, n bigint)`);
    await source.exec(`INSERT INTO t VALUES (1, 12345678.99, 1.5, 'abcdefgh', 'abc', 123456789012), (2, -0.01, 2, 'x', 'y', -1)`);
    const wh = await createWarehouse('duckdb', ws);
    const columns = [
      { name: 'id', type: 'int', nullable: false },
      { name: 'amount', type: 'decimal(12,2)' },
      { name: 'total', type: 'decimal(12,2)' },
      { name: 'code', type: 'string(8)' },
      { name: 'note', type: 'string(8)' },
      { name: 'n', type: 'decimal(19,0)' },
    ];
    const entity = { name: 'typed', columns, businessKey: ['id'], warehouse: 'wh' };
    const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [{ entity, extract: { entity: 'typed', source: { kind: 'table', connection: 'src', table: 't' }, pattern: { kind: 'full' }, ...extract('csv') } }] });
    const { events } = await runOk(spec);
    const copy = events.flatMap((e) => (e.type === 'entity:statement' && e.entry.step === 'extract' && e.entry.sql.startsWith('COPY') ? [e.entry.sql] : []));
    expect(copy).toHaveLength(1);
    // numeric(10,2) into decimal(12,2): only NaN can fail; numeric without a modifier: every check.
    expect(copy[0]).toContain(`CASE WHEN "amount" = 'NaN' THEN`);
    expect(copy[0]).toContain(`pg_temp.lf_decimal("total", 'total'`);
    // varchar(8) into string(8) needs no length check; text does; bigint fits decimal(19,0).
    expect(copy[0]).toContain(`CAST("code" AS TEXT) AS "code"`);
    expect(copy[0]).toContain(`char_length(CAST("note" AS TEXT)) > 8`);
    expect(copy[0]).toContain(`CAST("n" AS NUMERIC(19,0)) AS "n"`);
    const types = events.find((e) => e.type === 'entity:statement' && e.entry.step === 'sourceTypes');
    expect(types).toBeDefined();
    const versions = await readVersions(wh, must(parseEntity(entity)));
    expect(versions.map((v) => v.values)).toEqual([['1', '12345678.99', '1.50', 'abcdefgh', 'abc', '123456789012'], ['2', '-0.01', '2.00', 'x', 'y', '-1']]);
  });

  it('refuses NaN in a numeric(p,s) column that otherwise fits, with its row', async () => {
    const source = await createSource('postgres', ws);
    await source.exec(`CREATE TABLE t (id int, v numeric(10,2)); INSERT INTO t VALUES (1, 1.5), (2, 'NaN'), (3, 2)`);
    const wh = await createWarehouse('duckdb', ws);
    const entity = { name: 'vals', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'v', type: 'decimal(10,2)' }], businessKey: ['id'], warehouse: 'wh' };
    const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [{ entity, extract: { entity: 'vals', source: { kind: 'query', connection: 'src', sql: 'SELECT id, v FROM t ORDER BY id' }, pattern: { kind: 'full' }, ...extract('csv') } }] });
    const { result } = await run(spec);
    expect(result.entities[0]!.error).toMatch(/^entity "vals", column "v", row 2: "NaN" is not a number, which a decimal column cannot hold/);
    expect(await readManifest(ws, 'vals')).toBeUndefined();
  });
});

describe('values that are exact', () => {
  // PostgreSQL and MariaDB warehouses load CSV only.
  it.each([...WAREHOUSE_KINDS.map((warehouse) => ({ warehouse, format: 'csv' as const })), { warehouse: 'duckdb' as const, format: 'parquet' as const }])(
    'land as the source holds them, into $warehouse by $format: zeros beyond the scale, midnight into a date, instants into datetimeoffset, bytes into binary',
    async ({ warehouse, format }) => {
      const columns = [
        { name: 'id', type: 'int', nullable: false },
        { name: 'amount', type: 'decimal(10,1)' },
        { name: 'day', type: 'date' },
        { name: 'at', type: 'datetimeoffset' },
        { name: 'raw', type: 'binary' },
      ];
      const entity = { name: 'exact', columns, businessKey: ['id'], warehouse: 'wh' };
      const sqlite = await createSource('sqlite', ws, 'lite');
      // The bytes 61 FF 62 stored as text: a binary column takes them exactly.
      await sqlite.exec(`CREATE TABLE t (id INTEGER, amount TEXT, day TEXT, at TEXT, raw TEXT);
        INSERT INTO t VALUES (1, '1.50', '2026-11-20 00:00:00', '2026-11-20 12:30:00+02:00', CAST(X'61FF62' AS TEXT))`);
      const postgres = await createSource('postgres', ws, 'pg');
      await postgres.exec(`CREATE TABLE t (id int, amount numeric(10,3), day timestamp, at timestamptz, raw bytea);
        INSERT INTO t VALUES (1, 1.500, '2026-11-20 00:00:00', '2026-11-20 12:30:00+02', '\\x61ff62')`);
      const wh = await createWarehouse(warehouse, ws);
      const csv = warehouse === 'mariadb' ? { format: { kind: 'csv' as const, nullMarker: 'NULL' }, compression: 'gzip' as const } : extract('csv');
      const spec = jobSpec({
        ws,
        connections: [sqlite.connection, postgres.connection, wh.connection],
        batchId: 1,
        parallel: 1,
        entities: ['lite', 'pg'].map((connection) => ({
          entity: { ...entity, name: `exact_${connection}` },
          extract: { entity: `exact_${connection}`, source: { kind: 'table' as const, connection, table: 't' }, pattern: { kind: 'full' as const }, ...(format === 'csv' ? csv : extract(format)) },
        })),
      });
      await runOk(spec);
      for (const name of ['exact_lite', 'exact_pg']) {
        const versions = await readVersions(wh, must(parseEntity({ ...entity, name })));
        expect(versions.map((v) => v.values), name).toEqual([['1', '1.5', '2026-11-20', '2026-11-20 10:30:00+00:00', '61ff62']]);
      }
    },
  );
});
