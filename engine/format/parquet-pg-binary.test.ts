// Parquet from PostgreSQL's binary COPY: the same files as from the row path's values (every column
// type, edge values on both sides of 1970 and 2000, NULLs), tuples split across any chunk boundary,
// files within their limit, and a stream that is cut short refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseColumnType, type ColumnType } from '../../shared/model/column-type.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { createPostgresDatabase, type TestDatabase } from '../../test/services/databases.ts';
import { postgresSource } from '../source/postgres-source.ts';
import type { Source } from '../source/source.ts';
import { valueNormalizer } from '../values.ts';
import type { BuiltFile, FileColumn, Row } from './file-builder.ts';
import { parquetWriter } from './parquet-writer.ts';
import { pgBinaryTuples, tupleBytes } from './pg-binary-tuples.ts';

/** name, PostgreSQL source type, Landfall type, values (SQL literals; NULL included). */
const COLUMNS: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['id', 'integer', 'int', ['1', '2', '3', '4', '5', '6']],
  ['b', 'boolean', 'boolean', ['true', 'false', 'NULL', 'true', 'false', 'true']],
  ['si', 'smallint', 'smallint', ['-32768', '32767', '0', 'NULL', '-1', '7']],
  ['i', 'integer', 'int', ['-2147483648', '2147483647', '0', '-1', 'NULL', '42']],
  ['big', 'bigint', 'bigint', ['-9223372036854775808', '9223372036854775807', '0', '-1', '9007199254740993', 'NULL']],
  ['d4', 'numeric(9,2)', 'decimal(9,2)', ['-9999999.99', '0.5', '0', '-0.01', 'NULL', '1234567']],
  ['d18', 'numeric(18,4)', 'decimal(18,4)', ['-99999999999999.9999', '99999999999999.9999', '0.0001', '-12345.6789', '100000', 'NULL']],
  ['d38', 'numeric(38,10)', 'decimal(38,10)', ['-9999999999999999999999999999.9999999999', '0.0000000001', '1e20', '-3.1415926536', 'NULL', '10000']],
  ['d60', 'numeric(6,0)', 'decimal(6,0)', ['-999999', '0', '10000', '100000000e-3', 'NULL', '1']],
  ['f', 'real', 'float', ['-1.5', '3.4e38', '0', 'NULL', '1e-30', '0.1']],
  ['dbl', 'double precision', 'double', ['-1.7976931348623157e308', '5e-324', '0.1', 'NULL', '-0', '123456789.123']],
  ['dt', 'date', 'date', [`'0001-01-01'`, `'9999-12-31'`, `'1969-12-31'`, `'2000-01-01'`, `'1999-12-31'`, 'NULL']],
  ['tm', 'time', 'time', [`'00:00:00'`, `'23:59:59.999999'`, `'12:34:56.5'`, 'NULL', `'00:00:00.000001'`, `'01:02:03'`]],
  ['ts', 'timestamp', 'datetime', [`'0001-01-01 00:00:00'`, `'9999-12-31 23:59:59.999999'`, `'1969-12-31 23:59:59.999999'`, `'2000-01-01 00:00:00'`, 'NULL', `'1999-12-31 23:59:59.000001'`]],
  ['tz', 'timestamptz', 'datetimeoffset', [`'0001-01-01 12:00:00+00'`, `'9999-12-31 10:00:00-02'`, `'1970-01-01 00:00:00+05:30'`, 'NULL', `'2024-02-29 23:59:59.123456+14'`, `'2000-01-01 00:00:00+00'`]],
  ['u', 'uuid', 'uuid', [`'00000000-0000-0000-0000-000000000000'`, `'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'`, `'0123456789abcdef0123456789ABCDEF'`, 'NULL', `'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'`, `'12345678-9abc-def0-1234-56789abcdef0'`]],
  ['s', 'text', 'string', [`''`, `'Café "Zürich", 日本語 🚀'`, `E'line\\none\\ttab'`, 'NULL', `repeat('x', 5000)`, `'plain'`]],
  ['bin', 'bytea', 'binary', [`'\\x'`, `'\\x00ff10'`, 'NULL', `decode(repeat('ab', 300), 'hex')`, `'\\x80'`, `'\\x0102'`]],
];

const d = dialect('postgres');
const FILE_COLUMNS: FileColumn[] = COLUMNS.map(([name, , type]) => ({ name, type: parseColumnType(type) as ColumnType }));
/** The binary COPY the engine runs (see shared/sql/steps/copy-out.ts), each value cast to the column's type. */
const SELECT = `SELECT ${FILE_COLUMNS.map((c) => `CAST(${d.quote(c.name)} AS ${d.columnType(c.type)}) AS ${d.quote(c.name)}`).join(', ')} FROM edge ORDER BY id`;

let database: TestDatabase;
let source: Source;
let dir: string;
let instance: DuckDBInstance;
let duck: DuckDBConnection;
let saved = 0;

beforeAll(async () => {
  database = await createPostgresDatabase(inject('postgres'), 'pq_binary');
  source = await postgresSource({ ...database, ssl: false });
  await source.query({ sql: `CREATE TABLE edge (${COLUMNS.map(([name, pgType]) => `${name} ${pgType}`).join(', ')})`, params: [], types: [] });
  for (let r = 0; r < COLUMNS[0]![3].length; r++) {
    await source.query({ sql: `INSERT INTO edge VALUES (${COLUMNS.map(([, pgType, , values]) => `CAST(${values[r]} AS ${pgType})`).join(', ')})`, params: [], types: [] });
  }
  dir = mkdtempSync(join(tmpdir(), 'landfall-pq-binary-'));
  instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  duck = await instance.connect();
});

afterAll(async () => {
  duck?.closeSync();
  instance?.closeSync();
  await source?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function save(file: BuiltFile): string {
  const path = join(dir, `f${++saved}.parquet`);
  writeFileSync(path, Buffer.concat(file.chunks));
  return path;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function copyBytes(sql: string): Promise<Buffer> {
  const chunks = await collect(source.copyOut!([], `COPY (${sql}) TO STDOUT (FORMAT binary)`, new AbortController().signal));
  return Buffer.concat(chunks);
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Every file of `rows` at `limit` bytes each, as the aggregate step cuts them. */
async function files(rows: Row[], limit: number, kind: 'values' | 'pgBinary'): Promise<BuiltFile[]> {
  const writer = parquetWriter(FILE_COLUMNS, { rows: kind });
  const built: BuiltFile[] = [];
  let at = 0;
  while (at < rows.length) {
    const file = writer.newFile(at + 1, limit);
    at += await file.add(rows, at, rows.length);
    built.push(await file.finish());
  }
  return built;
}

async function rowsOf(path: string): Promise<unknown[][]> {
  return (await duck.runAndReadAll(`SELECT * FROM read_parquet('${path}') ORDER BY id`)).getRows();
}

describe('Parquet from PostgreSQL binary COPY', () => {
  it('writes the same schema and values as the row path, for every column type and edge value', async () => {
    const valueRows = (await collect(source.stream({ sql: SELECT, params: [], types: [] }, new AbortController().signal))).flat();
    const normalizers = FILE_COLUMNS.map((c) => valueNormalizer(c.type));
    for (const row of valueRows) for (let c = 0; c < row.length; c++) row[c] = row[c] === null ? null : normalizers[c]!(row[c]);
    const [fromValues] = await files(valueRows, Number.MAX_SAFE_INTEGER, 'values');
    const tuples = (await collect(pgBinaryTuples(chunked(await copyBytes(SELECT), 1 << 16), FILE_COLUMNS.length))).flat();
    const [fromBinary] = await files(tuples, Number.MAX_SAFE_INTEGER, 'pgBinary');
    const a = save(fromValues!);
    const b = save(fromBinary!);
    const schema = async (path: string): Promise<unknown[][]> =>
      (await duck.runAndReadAll(`SELECT name, type, converted_type, scale, precision, logical_type FROM parquet_schema('${path}')`)).getRows();
    expect(await schema(b)).toEqual(await schema(a));
    const binaryRows = await rowsOf(b);
    expect(binaryRows).toHaveLength(6);
    expect(binaryRows).toEqual(await rowsOf(a));
    // And against the source itself, independently of the writer: a few values as text.
    const text = (await duck.runAndReadAll(
      `SELECT CAST(big AS VARCHAR), CAST(d38 AS VARCHAR), CAST(ts AS VARCHAR), CAST(dt AS VARCHAR), u, CAST(d4 AS VARCHAR) FROM read_parquet('${b}') ORDER BY id`,
    )).getRows();
    expect(text[0]).toEqual(['-9223372036854775808', '-9999999999999999999999999999.9999999999', '0001-01-01 00:00:00', '0001-01-01', '00000000-0000-0000-0000-000000000000', '-9999999.99']);
    expect(text[1]).toEqual(['9223372036854775807', '0.0000000001', '9999-12-31 23:59:59.999999', '9999-12-31', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0.50']);
    expect(text[2]![2]).toBe('1969-12-31 23:59:59.999999');
    expect(text[4]![0]).toBe('9007199254740993');
  });

  it('splits tuples across any chunk boundary', async () => {
    const bytes = await copyBytes(SELECT);
    const whole = (await collect(pgBinaryTuples(chunked(bytes, bytes.length), FILE_COLUMNS.length))).flat();
    for (const size of [1, 2, 3, 7, 19, 64]) {
      const split = (await collect(pgBinaryTuples(chunked(bytes, size), FILE_COLUMNS.length))).flat();
      expect(split.map((r) => tupleBytes(r).toString('hex'))).toEqual(whole.map((r) => tupleBytes(r).toString('hex')));
    }
  });

  it('refuses a stream cut short, one with a tuple of another width, and one that is not binary COPY', async () => {
    const bytes = await copyBytes(SELECT);
    await expect(collect(pgBinaryTuples(chunked(bytes.subarray(0, bytes.length - 2), 100), FILE_COLUMNS.length))).rejects.toThrow('no trailer');
    await expect(collect(pgBinaryTuples(chunked(bytes.subarray(0, bytes.length - 40), 100), FILE_COLUMNS.length))).rejects.toThrow('no trailer');
    await expect(collect(pgBinaryTuples(chunked(bytes, 100), FILE_COLUMNS.length - 1))).rejects.toThrow(`a tuple of ${FILE_COLUMNS.length} fields for ${FILE_COLUMNS.length - 1} columns`);
    await expect(collect(pgBinaryTuples(chunked(Buffer.from('id,name\n1,x\n'.repeat(4)), 100), 2))).rejects.toThrow('no PGCOPY signature');
  });

  it('refuses a field whose size does not fit its column, naming the column, in every decoder', async () => {
    // Each column builder decodes its column in a loop of its own (TupleFields): each checks sizes.
    // The COPY's columns are read as other types: int (4 bytes) as bigint and as date, text as uuid…
    const tuples = (await collect(pgBinaryTuples(chunked(await copyBytes('SELECT i, s, b, dbl FROM edge WHERE i IS NOT NULL AND s IS NOT NULL ORDER BY id'), 1 << 16), 4))).flat();
    const cases: [string, string, string][] = [
      ['i', 'bigint', 'has 4 bytes, expected 8'], ['i', 'datetime', 'has 4 bytes, expected 8'], ['dbl', 'date', 'has 8 bytes, expected 4'],
      ['dbl', 'int', 'has 8 bytes, expected 4'], ['s', 'uuid', 'has 0 bytes, expected 16'], ['i', 'boolean', 'has 4 bytes, expected 1'], ['b', 'decimal(9,2)', 'has 1 bytes, expected 8 + 2 per NUMERIC digit'],
    ];
    for (const [name, type, message] of cases) {
      const columns: FileColumn[] = ['i', 's', 'b', 'dbl'].map((n) => ({ name: n, type: parseColumnType(n === name ? type : n === 's' ? 'string' : n === 'b' ? 'boolean' : n === 'i' ? 'int' : 'double') as ColumnType }));
      const file = parquetWriter(columns, { rows: 'pgBinary' }).newFile(1, Number.MAX_SAFE_INTEGER);
      await expect(file.add(tuples, 0, tuples.length)).rejects.toThrow(`column "${name}": the binary COPY field ${message}`);
      file.abandon();
    }
  });

  it('lands NUMERIC values exactly on both sides of 2^53 unscaled, where decoding leaves doubles for limbs', async () => {
    const values: [string, string][] = [
      ['numeric(18,4)', '900719925474.0991'], ['numeric(18,4)', '900719925474.0992'], ['numeric(18,4)', '-900719925474.0991'], ['numeric(18,4)', '-900719925474.0993'],
      ['numeric(18,0)', '9007199254740993'], ['numeric(18,0)', '-9007199254740992'], ['numeric(20,3)', '1.5'], ['numeric(20,3)', '-90071992547409.931'],
      ['numeric(20,3)', '90071992547409.91'], ['numeric(12,1)', '0.1'], ['numeric(38,15)', '1.000000000000001'], ['numeric(9,2)', '0'], ['numeric(38,12)', '0'],
    ];
    for (const [type, value] of values) {
      const column: FileColumn = { name: 'v', type: parseColumnType(type.replace('numeric', 'decimal')) as ColumnType };
      const tuples = (await collect(pgBinaryTuples(chunked(await copyBytes(`SELECT CAST('${value}' AS ${type}) AS v`), 1 << 16), 1))).flat();
      const file = parquetWriter([column], { rows: 'pgBinary' }).newFile(1, Number.MAX_SAFE_INTEGER);
      await file.add(tuples, 0, tuples.length);
      const path = save(await file.finish());
      const [[text]] = (await duck.runAndReadAll(`SELECT CAST(v AS VARCHAR) FROM read_parquet('${path}')`)).getRows() as [[string]];
      const [[expected]] = (await source.query({ sql: `SELECT CAST(CAST('${value}' AS ${type}) AS text)`, params: [], types: [] })) as [[string]];
      expect(`${type} ${text}`).toBe(`${type} ${expected}`);
    }
  });

  it('keeps every file within its limit and every row in some file', async () => {
    const sql = `SELECT ${FILE_COLUMNS.map((c) => `CAST(${d.quote(c.name)} AS ${d.columnType(c.type)}) AS ${d.quote(c.name)}`).join(', ')} FROM edge, generate_series(1, 3000) AS g`;
    const tuples = (await collect(pgBinaryTuples(chunked(await copyBytes(sql), 1 << 16), FILE_COLUMNS.length))).flat();
    const limit = 256 * 1024;
    const built = await files(tuples, limit, 'pgBinary');
    expect(built.length).toBeGreaterThan(3);
    let total = 0;
    for (const file of built) {
      expect(file.bytes).toBeLessThanOrEqual(limit);
      const path = save(file);
      const [[count]] = (await duck.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}')`)).getRows() as [[bigint]];
      expect(Number(count)).toBe(file.rows);
      total += file.rows;
    }
    expect(total).toBe(tuples.length);
  });
});
