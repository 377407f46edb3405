// The MariaDB source's values. The row path: BIGINT as numbers where they are safe integers and as
// their exact digits beyond, DATETIME fractions padded by the server to the column's precision
// written without their trailing zeros; the small queries keep BIGINT as text. The CSV lines
// written from the row packets' bytes (engine/source/mariadb-csv-lines.ts): every value lands as
// the row path (mysql2's values, the normalisers, the CSV writer's cells) would land it, every bad
// value is refused with the row path's words, and the one mysql2 internal the path relies on
// (mysql2-row-packets.ts) is still there.
import mysql from 'mysql2';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { columnNormalizers, warehouseFractionDigits } from '../../engine/column-normalizers.ts';
import { csvCells } from '../../engine/format/csv-writer.ts';
import type { FileColumn } from '../../engine/format/file-builder.ts';
import { mariadbOptions, mariadbSource } from '../../engine/source/mariadb-source.ts';
import { readRowPackets } from '../../engine/source/mysql2-row-packets.ts';
import type { CsvLinesFormat, Source } from '../../engine/source/source.ts';
import { valueNormalizer } from '../../engine/values.ts';
import { parseColumnType, type ColumnType } from '../../shared/model/column-type.ts';
import type { ConnectionKind } from '../../shared/model/connection-kinds.ts';
import type { CsvLayout } from '../../shared/sql/stage-hook.ts';
import { NULL_KEY, precisionProblem, scaleProblem } from '../../shared/value-problems.ts';
import { createSource, createWarehouse, jobSpec, readVersions, runOk, workspace, type TestSource, type Workspace } from './fixtures.ts';

let ws: Workspace;
let source: TestSource;
let opened: Source;
beforeEach(async () => {
  ws = await workspace();
  source = await createSource('mariadb', ws);
  opened = await mariadbSource(source.server!);
  ws.defer(() => opened.close());
});
afterEach(async () => {
  await ws.cleanup();
});

const read = async (sql: string): Promise<unknown[][]> => {
  const rows: unknown[][] = [];
  for await (const batch of opened.stream({ sql, params: [], types: [] }, new AbortController().signal)) rows.push(...batch);
  return rows;
};

const SAFE = 2n ** 53n - 1n;
const BIGINTS = [0n, 1n, -1n, SAFE, -SAFE, SAFE + 1n, SAFE + 2n, -(SAFE + 2n), 2n ** 63n - 1n, -(2n ** 63n)];

it('streams BIGINT as numbers up to 2^53 - 1 and as exact digits beyond, each normalised to the same bigint', async () => {
  await source.exec('CREATE TABLE b (i INT PRIMARY KEY, v BIGINT, u BIGINT UNSIGNED)');
  await source.exec(`INSERT INTO b VALUES ${BIGINTS.map((v, i) => `(${i}, ${v}, ${v < 0n ? 0n : v})`).join(', ')}, (${BIGINTS.length}, NULL, 18446744073709551615)`);
  const rows = await read('SELECT v, u FROM b ORDER BY i');
  const big = valueNormalizer({ kind: 'bigint' });
  expect(rows.slice(0, -1).map((r) => r[0])).toEqual(BIGINTS.map((v) => (v >= -SAFE && v <= SAFE ? Number(v) : String(v))));
  expect(rows.slice(0, -1).map((r) => big(r[0]))).toEqual(BIGINTS);
  expect(rows.at(-1)).toEqual([null, '18446744073709551615']);
  // Past the column type's range: refused, as before.
  expect(() => big(rows.at(-1)![1])).toThrow(/"18446744073709551615" is out of range for bigint/);
  // Versions, bounds and watermarks read by query() keep their text.
  expect(await opened.query({ sql: 'SELECT v FROM b WHERE i = 1', params: [], types: [] })).toEqual([['1']]);
});

it('writes DATETIME fractions the server pads to the column\'s precision without their trailing zeros', async () => {
  await source.exec('CREATE TABLE d (i INT PRIMARY KEY, f6 DATETIME(6), f3 DATETIME(3), f0 DATETIME)');
  await source.exec(`INSERT INTO d VALUES
    (1, '2024-03-01 10:00:00.123456', '2024-03-01 10:00:00.123', '2024-03-01 10:00:00'),
    (2, '2024-03-01 10:00:00.100000', '2024-03-01 10:00:00.120', '2024-03-01 10:00:10'),
    (3, '2024-02-29 23:59:59.000000', '2024-02-29 23:59:59.000', '2024-02-29 23:59:59'),
    (4, '0001-01-01 00:00:00.000010', '9999-12-31 23:59:59.990', '9999-12-31 23:59:59')`);
  const rows = await read('SELECT f6, f3, f0 FROM d ORDER BY i');
  // What the server sends: every fraction padded to the column's digits.
  expect(rows[1]).toEqual(['2024-03-01 10:00:00.100000', '2024-03-01 10:00:00.120', '2024-03-01 10:00:10']);
  const datetime = valueNormalizer({ kind: 'datetime' });
  expect(rows.map((r) => r.map(datetime))).toEqual([
    ['2024-03-01 10:00:00.123456', '2024-03-01 10:00:00.123', '2024-03-01 10:00:00'],
    ['2024-03-01 10:00:00.1', '2024-03-01 10:00:00.12', '2024-03-01 10:00:10'],
    ['2024-02-29 23:59:59', '2024-02-29 23:59:59', '2024-02-29 23:59:59'],
    ['0001-01-01 00:00:00.00001', '9999-12-31 23:59:59.99', '9999-12-31 23:59:59'],
  ]);
});

const COMMA: CsvLayout = { delimiter: ',', qualifier: '"', header: false, nullMarker: '' };

function format(columns: readonly { name: string; type: string }[], options: { layout?: CsvLayout; keys?: string[]; warehouse?: ConnectionKind } = {}): CsvLinesFormat {
  const fileColumns: FileColumn[] = columns.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType }));
  const layout = options.layout ?? COMMA;
  const warehouse = options.warehouse ?? 'duckdb';
  const lineBreaksRefused = warehouse === 'synapse' ? 'Synapse PolyBase cannot load: it reads CSV files line by line' : undefined;
  return {
    entity: 'e', columns: fileColumns, layout, lineBreaksRefused, fractionDigits: warehouseFractionDigits(warehouse),
    required: fileColumns.map((c) => (options.keys ?? []).includes(c.name)),
    normalizers: columnNormalizers(fileColumns, warehouse, lineBreaksRefused),
    cells: csvCells(fileColumns, { ...layout, binary: 'duckdb' }),
    refuse: (message) => new Error(message),
  };
}

/** The lines of the packet path, as text. */
async function packetLines(sql: string, f: CsvLinesFormat): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const batch of opened.csvLines!({ sql, params: [], types: [] }, f, new AbortController().signal)) {
    expect(batch.ends.length).toBe(batch.length);
    expect(batch.ends.at(-1)).toBe(batch.bytes.length);
    chunks.push(Buffer.from(batch.bytes));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The same rows through the row path: mysql2's values, each column's normaliser and CSV cell. */
async function rowLines(sql: string, f: CsvLinesFormat): Promise<string> {
  let text = '';
  for await (const batch of opened.stream({ sql, params: [], types: [] }, new AbortController().signal)) {
    for (const row of batch) text += `${row.map((v, c) => (v === null ? f.layout.nullMarker : f.cells[c]!(f.normalizers[c]!(v)))).join(f.layout.delimiter)}\n`;
  }
  return text;
}

const MIXED = [
  { name: 'id', type: 'bigint', mariadb: 'BIGINT' },
  { name: 'i', type: 'int', mariadb: 'INT' },
  { name: 's', type: 'smallint', mariadb: 'SMALLINT' },
  { name: 'z', type: 'int', mariadb: 'INT(6) ZEROFILL' },
  { name: 'd', type: 'decimal(18,4)', mariadb: 'DECIMAL(18,4)' },
  { name: 'f', type: 'double', mariadb: 'DOUBLE' },
  { name: 't', type: 'string', mariadb: 'TEXT' },
  { name: 'v', type: 'string(5)', mariadb: 'VARCHAR(20)' },
  { name: 'at', type: 'datetime', mariadb: 'DATETIME(6)' },
  { name: 'day', type: 'date', mariadb: 'DATE' },
  { name: 'ok', type: 'boolean', mariadb: 'BOOLEAN' },
  { name: 'raw', type: 'binary', mariadb: 'VARBINARY(10)' },
];

it('lands every value as the row path does: bounds, padded and negative-zero decimals, quotes, line breaks, empty text and NULL', async () => {
  await source.exec(`CREATE TABLE m (${MIXED.map((c) => `${c.name} ${c.mariadb}`).join(', ')}, PRIMARY KEY (id))`);
  await source.exec(`INSERT INTO m VALUES
    (1, 2147483647, 32767, 42, 12.3400, 90.28571428571429, 'plain', 'abcde', '2024-03-01 10:00:00.100000', '2024-02-29', 1, x'00ff'),
    (2, -2147483648, -32768, 0, -0.0000, -1.5e-7, 'a "quoted", text', 'Köln', '0001-01-01 00:00:00.000000', '9999-12-31', 0, x''),
    (-9223372036854775808, 0, 0, NULL, -0.5000, 0, 'line one\\nline two\\r\\nthree', '🚀🚀🚀🚀🚀', '2024-03-01 10:00:00.000001', NULL, NULL, NULL),
    (9223372036854775807, -1, -1, 7, 99999999999999.9999, 1e300, '', '', NULL, '2000-01-01', 1, x'61'),
    (5, NULL, NULL, 1, NULL, NULL, NULL, NULL, '2020-01-01 00:00:00', '2020-01-01', 0, x'2c22')`);
  const f = format(MIXED);
  const sql = `SELECT ${MIXED.map((c) => c.name).join(', ')} FROM m ORDER BY id`;
  const lines = await packetLines(sql, f);
  expect(lines).toBe([
    '-9223372036854775808,0,0,,-0.5,0,"line one\nline two\r\nthree",🚀🚀🚀🚀🚀,2024-03-01 10:00:00.000001,,,',
    '1,2147483647,32767,42,12.34,90.28571428571429,plain,abcde,2024-03-01 10:00:00.1,2024-02-29,1,\\x00\\xff',
    '2,-2147483648,-32768,0,0,-1.5e-7,"a ""quoted"", text",Köln,0001-01-01 00:00:00,9999-12-31,0,""',
    '5,,,1,,,,,2020-01-01 00:00:00,2020-01-01,0,\\x2c\\x22',
    '9223372036854775807,-1,-1,7,99999999999999.9999,1e+300,"","",,2000-01-01,1,\\x61',
    '',
  ].join('\n'));
  // The row path agrees on every value, the DOUBLE mysql2's own parse would read one digit off
  // (it adds up the 16 digits of 90.28571428571429 past 2^53) too: both keep the server's value.
  const rows = await rowLines(sql, f);
  expect(rows).toBe(lines);
});

it('qualifies as the CSV writer does with another delimiter, qualifier and NULL marker, and keeps numbers plain only where they may be', async () => {
  await source.exec('CREATE TABLE q (id INT PRIMARY KEY, t TEXT, d DECIMAL(6,2))');
  await source.exec(`INSERT INTO q VALUES (1, 'a;b', 1.50), (2, 'it''s', -2.00), (3, 'NULL', NULL), (4, '', 0.00), (5, 'tab\there', 10.25)`);
  for (const layout of [
    { delimiter: ';', qualifier: "'", header: false, nullMarker: 'NULL' },
    { delimiter: '\t', qualifier: '"', header: false, nullMarker: '\\N' },
    // A digit or point as delimiter: numbers go the row path's way (qualified where they hold it).
    { delimiter: '.', qualifier: '"', header: false, nullMarker: '' },
    { delimiter: '1', qualifier: '"', header: false, nullMarker: '' },
  ] satisfies CsvLayout[]) {
    const f = format([{ name: 'id', type: 'int' }, { name: 't', type: 'string' }, { name: 'd', type: 'decimal(6,2)' }], { layout });
    const sql = 'SELECT id, t, d FROM q ORDER BY id';
    expect(await packetLines(sql, f)).toBe(await rowLines(sql, f));
  }
  const semicolon = format([{ name: 'id', type: 'int' }, { name: 't', type: 'string' }, { name: 'd', type: 'decimal(6,2)' }], { layout: { delimiter: ';', qualifier: "'", header: false, nullMarker: 'NULL' } });
  expect(await packetLines('SELECT id, t, d FROM q ORDER BY id', semicolon)).toBe("1;'a;b';1.5\n2;'it''s';-2\n3;'NULL';NULL\n4;;0\n5;tab\there;10.25\n");
});

/** What the packet path says of a query's rows ('landed' when nothing is refused), on a connection of its own: a refusal closes it. */
const refusal = async (sql: string, f: CsvLinesFormat, path = packetLines): Promise<string> => {
  const previous = opened;
  opened = await mariadbSource(source.server!);
  try {
    return await path(sql, f).then(() => 'landed', (error: unknown) => (error as Error).message);
  } finally {
    await opened.close();
    opened = previous;
  }
};

it('refuses what the row path refuses, with its words: out of range, too many digits, too long, NUL, a NULL key, a line break Synapse cannot load', async () => {
  await source.exec('CREATE TABLE r (id INT PRIMARY KEY, big BIGINT UNSIGNED, i BIGINT, d DECIMAL(20,6), t VARCHAR(20), k INT)');
  await source.exec(`INSERT INTO r VALUES
    (1, 1, 1, 1, 'ok', 1),
    (2, 18446744073709551615, 1, 1, 'ok', 1),
    (3, 1, 2147483648, 1, 'ok', 1),
    (4, 1, 1, 1234567.5, 'ok', 1),
    (5, 1, 1, 1.123456, 'ok', 1),
    (6, 1, 1, 1, 'abcdef', 1),
    (7, 1, 1, 1, 'a\\0b', 1),
    (8, 1, 1, 1, 'ok', NULL),
    (9, 1, 1, 1, 'a\\nb', 1)`);
  const columns = [{ name: 'id', type: 'int' }, { name: 'big', type: 'bigint' }, { name: 'i', type: 'int' }, { name: 'd', type: 'decimal(10,4)' }, { name: 't', type: 'string(5)' }, { name: 'k', type: 'int' }];
  const at = (id: number): string => `SELECT id, big, i, d, t, k FROM r WHERE id IN (1, ${id}) ORDER BY id`;
  const f = format(columns, { keys: ['id', 'k'] });
  expect(await refusal(at(1), f)).toBe('landed');
  expect(await refusal(at(2), f)).toBe('entity "e", column "big", row 2: "18446744073709551615" is out of range for bigint');
  expect(await refusal(at(3), f)).toBe('entity "e", column "i", row 2: 2147483648 is out of range for int (-2147483648 to 2147483647)');
  expect(await refusal(at(4), f)).toBe(`entity "e", column "d", row 2: "1234567.500000" ${precisionProblem(10, 4)}`);
  expect(await refusal(at(5), f)).toBe(`entity "e", column "d", row 2: "1.123456" ${scaleProblem(10, 4)}`);
  expect(await refusal(at(6), f)).toBe('entity "e", column "t", row 2: "abcdef" is longer than the column\'s 5 characters: widen the column or shorten the value in the mapping');
  expect(await refusal(at(7), f)).toBe('entity "e", column "t", row 2: "a\\u0000b" contains a NUL character, which text columns cannot hold: strip it in the mapping');
  expect(await refusal(at(8), f)).toBe(`entity "e", column "k", row 2: ${NULL_KEY}`);
  expect(await refusal(at(9), f)).toBe('landed');
  expect(await refusal(at(9), format(columns, { keys: ['id'], warehouse: 'synapse' }))).toMatch(/^entity "e", column "t", row 2: holds a line break, which Synapse PolyBase cannot load/);
  // Each message is the row path's own: its normaliser of the value mysql2 hands over.
  for (const id of [2, 3, 4, 5, 6, 7]) {
    const message = await refusal(at(id), f);
    expect(await refusal(at(id), f, rowLines)).toBe(message.replace(/^entity "e", column "\w+", row 2: /, ''));
  }
});

it('copies dates, times, datetimes, uuids and booleans as the normalisers write them, and sends zero dates, impossible days, negative times and other booleans their way', async () => {
  await source.exec("SET SESSION sql_mode = ''");
  await source.exec('CREATE TABLE t (id INT PRIMARY KEY, day DATE, at DATETIME(6), at0 DATETIME, ts TIMESTAMP(3) NULL, off DATETIME(6), ok TINYINT, tm TIME(6), u CHAR(36))');
  await source.exec(`INSERT INTO t VALUES
    (1, '2024-02-29', '2024-02-29 23:59:59.999999', '0001-01-01 00:00:00', '2024-03-01 10:00:00.120', '2024-03-01 10:00:00.000000', 1, '23:59:59.500000', 'c4ca4238-a0b9-2382-0dcc-509a6f75849b'),
    (2, '2023-12-31', '2023-12-31 00:00:00.000000', '9999-12-31 23:59:59', '1970-01-01 00:00:01.000', '2024-03-01 10:00:00.000100', 0, '00:00:00.000000', 'C4CA4238-A0B9-2382-0DCC-509A6F75849B'),
    (3, '0000-00-00', '2024-01-01 00:00:00.5', '2024-01-01 00:00:00', NULL, NULL, 1, NULL, NULL),
    (4, '2024-01-01', '0000-00-00 00:00:00', '2024-01-01 00:00:00', NULL, NULL, 1, NULL, NULL),
    (5, '2023-02-00', '2024-01-01 00:00:00', '2024-01-01 00:00:00', NULL, NULL, 1, NULL, NULL),
    (6, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', NULL, NULL, 2, NULL, NULL),
    (7, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', NULL, NULL, 1, '-01:00:00', NULL),
    (8, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', NULL, NULL, 1, '838:59:59', NULL),
    (9, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00', NULL, NULL, 1, NULL, 'not-a-uuid')`);
  const columns = [{ name: 'id', type: 'int' }, { name: 'day', type: 'date' }, { name: 'at', type: 'datetime' }, { name: 'at0', type: 'datetime' }, { name: 'ts', type: 'datetime' }, { name: 'off', type: 'datetimeoffset' }, { name: 'ok', type: 'boolean' }, { name: 'tm', type: 'time' }, { name: 'u', type: 'uuid' }];
  const f = format(columns);
  const at = (ids: string): string => `SELECT id, day, at, at0, ts, off, ok, tm, u FROM t WHERE id IN (${ids}) ORDER BY id`;
  expect(await packetLines(at('1, 2'), f)).toBe([
    '1,2024-02-29,2024-02-29 23:59:59.999999,0001-01-01 00:00:00,2024-03-01 10:00:00.12,2024-03-01 10:00:00+00:00,1,23:59:59.5,c4ca4238-a0b9-2382-0dcc-509a6f75849b',
    '2,2023-12-31,2023-12-31 00:00:00,9999-12-31 23:59:59,1970-01-01 00:00:01,2024-03-01 10:00:00.0001+00:00,0,00:00:00,c4ca4238-a0b9-2382-0dcc-509a6f75849b',
    '',
  ].join('\n'));
  expect(await packetLines(at('1, 2'), f)).toBe(await rowLines(at('1, 2'), f));
  for (const [id, column] of [[3, 'day'], [4, 'at'], [5, 'day'], [6, 'ok'], [7, 'tm'], [8, 'tm'], [9, 'u']] as const) {
    const message = await refusal(at(`1, ${id}`), f);
    expect(message).toMatch(new RegExp(`^entity "e", column "${column}", row 2: `));
    expect(await refusal(at(`1, ${id}`), f, rowLines)).toBe(message.replace(/^entity "e", column "\w+", row 2: /, ''));
  }
});

it('reads a result with a column type it cannot copy (BIT) through mysql2\'s parser, and a wrong width is refused as the row path refuses it', async () => {
  await source.exec('CREATE TABLE b (id INT PRIMARY KEY, flag BIT(1), t TEXT)');
  await source.exec(`INSERT INTO b VALUES (1, b'1', 'x,y'), (2, b'0', NULL)`);
  const f = format([{ name: 'id', type: 'int' }, { name: 'flag', type: 'boolean' }, { name: 't', type: 'string' }]);
  expect(await packetLines('SELECT id, flag, t FROM b ORDER BY id', f)).toBe('1,1,"x,y"\n2,0,\n');
  expect(await refusal('SELECT id, t FROM b ORDER BY id', format([{ name: 'id', type: 'int' }, { name: 'flag', type: 'boolean' }, { name: 't', type: 'string' }])))
    .toBe('entity "e", column "id", row 1: has 2 values for 3 columns: the extract query must return the entity\'s columns in order');
});

it('cuts batches of 2000 lines and keeps text of any length (values past 250 and 65535 bytes have longer length codes)', async () => {
  await source.exec('CREATE TABLE l (id INT PRIMARY KEY, t LONGTEXT)');
  await source.exec(`INSERT INTO l SELECT seq, CASE seq WHEN 1 THEN REPEAT('a', 300) WHEN 2 THEN REPEAT('b', 70000) WHEN 3 THEN REPEAT('é', 100000) ELSE CONCAT('n', seq) END FROM seq_1_to_4500`);
  const f = format([{ name: 'id', type: 'int' }, { name: 't', type: 'string' }]);
  const sizes: number[] = [];
  const chunks: Buffer[] = [];
  for await (const batch of opened.csvLines!({ sql: 'SELECT id, t FROM l ORDER BY id', params: [], types: [] }, f, new AbortController().signal)) {
    sizes.push(batch.length);
    chunks.push(Buffer.from(batch.bytes));
  }
  expect(sizes).toEqual([2000, 2000, 500]);
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  expect(lines[0]).toBe(`1,${'a'.repeat(300)}`);
  expect(lines[1]).toBe(`2,${'b'.repeat(70000)}`);
  expect(lines[2]).toBe(`3,${'é'.repeat(100000)}`);
  expect(lines[4499]).toBe('4500,n4500');
});

it('mysql2 still hands every row packet to the row state set on the query (the internal the packet path relies on)', async () => {
  const connection = mysql.createConnection(mariadbOptions(source.server!));
  ws.defer(() => new Promise<void>((done) => connection.end(() => done())));
  const query = connection.query({ sql: 'SELECT seq, CONCAT(\'v\', seq) FROM seq_1_to_10', rowsAsArray: true });
  const seen: string[] = [];
  let parsed = 0;
  readRowPackets(query, (packet) => {
    // The row's two length-coded values, read from the packet's bytes.
    const bytes = packet.buffer;
    let p = packet.offset;
    const values: string[] = [];
    while (p < packet.end) {
      const length = bytes[p++]!;
      values.push(bytes.toString('utf8', p, p + length));
      p += length;
    }
    seen.push(values.join('|'));
    return true;
  });
  query.on('result', () => parsed++);
  await new Promise<void>((done, fail) => query.on('end', done).on('error', fail));
  expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}|v${i + 1}`));
  expect(parsed).toBe(0);
});

it.each([
  ['CSV', 'the packet path', { kind: 'csv' }],
  ['Parquet', 'the row path (mysql2 parses each row)', { kind: 'parquet' }],
] as const)('an extract from MariaDB to %s (%s): DOUBLE values land in the warehouse as the server holds them', async (_format, _path, format) => {
  await source.exec('CREATE TABLE f (id INT PRIMARY KEY, v DOUBLE, t TEXT)');
  // g / 7.0 for these g: mysql2's own parse reads each one unit in the last place off.
  await source.exec('INSERT INTO f VALUES (632, 632 / 7e0, \'a,"b"\'), (633, 633 / 7e0, NULL), (634, 634 / 7e0, \'\')');
  const wh = await createWarehouse('duckdb', ws);
  const columns = [{ name: 'id', type: 'int', nullable: false }, { name: 'v', type: 'double' }, { name: 't', type: 'string' }];
  const spec = jobSpec({
    ws, connections: [source.connection, wh.connection], batchId: 1,
    entities: [{
      entity: { name: 'f', columns, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: 'f', source: { kind: 'table', connection: 'src', table: 'f' }, pattern: { kind: 'full' }, format },
    }],
  });
  const { result } = await runOk(spec);
  expect(result.entities[0]).toMatchObject({ status: 'done', rows: 3 });
  const stored = (await readVersions(wh, spec.entities[0]!.entity)).filter((v) => v.current).map((v) => v.values);
  expect(stored.map((values) => [Number(values[0]), Number(values[1]), values[2]])).toEqual([[632, 632 / 7, 'a,"b"'], [633, 633 / 7, null], [634, 634 / 7, '']]);
});
