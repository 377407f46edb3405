import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltFile, FileColumn, FileFormatWriter, Row } from './file-builder.ts';
import { parquetWriter, type ParquetWriterOptions } from './parquet-writer.ts';

let dir: string;
let instance: DuckDBInstance;
let db: DuckDBConnection;
let fileCount = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-parquet-'));
  instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  db = await instance.connect();
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes a built file to disk and returns its path, for DuckDB. */
function save(file: BuiltFile): string {
  const path = join(dir, `f${++fileCount}.parquet`);
  const bytes = Buffer.concat(file.chunks);
  expect(bytes.length).toBe(file.bytes);
  writeFileSync(path, bytes);
  return path;
}

async function query(sql: string): Promise<unknown[][]> {
  return (await db.runAndReadAll(sql)).getRows();
}

/** Writes all rows into one file (no size limit) and saves it. */
async function writeOne(columns: FileColumn[], rows: Row[], options?: ParquetWriterOptions): Promise<{ path: string; built: BuiltFile }> {
  const file = parquetWriter(columns, options).newFile(1, Number.MAX_SAFE_INTEGER);
  expect(await file.add(rows, 0, rows.length)).toBe(rows.length);
  const built = await file.finish();
  return { path: save(built), built };
}

/**
 * The aggregator's loop (engine/aggregate.ts): rows 1..total in batches, the rest of each batch
 * offered to the file, a new file started when one is full.
 */
async function writeFiles(writer: FileFormatWriter, limit: number, total: number, batchRows: number, row: (i: number) => Row): Promise<BuiltFile[]> {
  const files: BuiltFile[] = [];
  let file = writer.newFile(1, limit);
  for (let start = 0; start < total; start += batchRows) {
    const batch = Array.from({ length: batchRows }, (_, k) => row(start + k + 1));
    let at = 0;
    while (at < batch.length) {
      at += await file.add(batch, at, batch.length);
      if (at < batch.length) {
        files.push(await file.finish());
        file = writer.newFile(start + at + 1, limit);
      }
    }
  }
  files.push(await file.finish());
  return files;
}

/** Microseconds since the epoch of a UTC wall time, computed independently of the writer. */
function epochMicros(year: number, month: number, day: number, h = 0, m = 0, s = 0, micros = 0, offsetMinutes = 0): bigint {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, 0);
  return BigInt(date.getTime()) * 1000n + BigInt(micros) - BigInt(offsetMinutes) * 60_000_000n;
}

const ALL_TYPES: FileColumn[] = [
  { name: 'b', type: { kind: 'boolean' } },
  { name: 'si', type: { kind: 'smallint' } },
  { name: 'i', type: { kind: 'int' } },
  { name: 'big', type: { kind: 'bigint' } },
  { name: 'd18', type: { kind: 'decimal', precision: 18, scale: 4 } },
  { name: 'd38', type: { kind: 'decimal', precision: 38, scale: 10 } },
  { name: 'd5', type: { kind: 'decimal', precision: 5, scale: 2 } },
  { name: 'f', type: { kind: 'float' } },
  { name: 'dbl', type: { kind: 'double' } },
  { name: 'dt', type: { kind: 'date' } },
  { name: 'tm', type: { kind: 'time' } },
  { name: 'ts', type: { kind: 'datetime' } },
  { name: 'tz', type: { kind: 'datetimeoffset' } },
  { name: 'str', type: { kind: 'string', length: 100 } },
  { name: 'bin', type: { kind: 'binary' } },
  { name: 'u', type: { kind: 'uuid' } },
];

const ALL_TYPE_ROWS: Row[] = [
  [
    true, -32768, -2147483648, -(2n ** 63n), '-12345678901234.5678', '-999999999999999999999999999.9999999999', '-999.99', -1.5, -1e300,
    '0001-01-01', '00:00:00', '1900-01-01 00:00:00', '1969-12-31 23:59:59.999999+05:30',
    'He said "hi", O\'Brien\nnext line\ttab\r\n', new Uint8Array([0, 0, 1, 255, 0]), '00000000-0000-0000-0000-000000000000',
  ],
  [
    false, 32767, 2147483647, 2n ** 63n - 1n, '12345678901234.5678', '9999999999999999999999999999.9999999999', '999.99', 3.25, 1e300,
    '9999-12-31', '23:59:59.9999999', '9999-12-31 23:59:59.999999', '2024-02-29 12:00:00.000001-08:00',
    '東京 Zürich 🙂 Ελλάδα naïve', new Uint8Array(0), 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ],
  ALL_TYPES.map(() => null),
  [
    null, 0, 0, 0n, '-0.0001', '-0.0000000001', '-0.5', 0, 0.1,
    '1969-12-31', '12:34:56.5', '1969-07-20 20:17:40.5', '2150-01-01 00:00:00+00:00',
    '', new Uint8Array([0]), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  ],
  [
    true, null, 42, -1n, '12.5', '1', '-1.5', null, null,
    '1600-02-29', null, '1600-02-29 12:00:00.000123', '2300-06-15 08:30:00.25-03:30',
    'plain', null, null,
  ],
];

describe('parquetWriter', () => {
  it('round-trips every column type through DuckDB, NULLs included', async () => {
    const { path, built } = await writeOne(ALL_TYPES, ALL_TYPE_ROWS);
    expect(built).toMatchObject({ firstRow: 1, rows: 5 });
    const rows = await query(`
      SELECT b, si, i, big::VARCHAR, d18::VARCHAR, d38::VARCHAR, d5::VARCHAR, f, dbl, dt::VARCHAR, tm::VARCHAR,
             epoch_us(ts), epoch_us(tz), str, hex(bin), CAST(u AS UUID)::VARCHAR
      FROM read_parquet('${path}')`);
    expect(rows).toEqual([
      [
        true, -32768, -2147483648, '-9223372036854775808', '-12345678901234.5678', '-999999999999999999999999999.9999999999', '-999.99', -1.5, -1e300,
        '0001-01-01', '00:00:00', epochMicros(1900, 1, 1), epochMicros(1969, 12, 31, 23, 59, 59, 999999, 330),
        'He said "hi", O\'Brien\nnext line\ttab\r\n', '000001FF00', '00000000-0000-0000-0000-000000000000',
      ],
      [
        false, 32767, 2147483647, '9223372036854775807', '12345678901234.5678', '9999999999999999999999999999.9999999999', '999.99', 3.25, 1e300,
        '9999-12-31', '23:59:59.999999', epochMicros(9999, 12, 31, 23, 59, 59, 999999), epochMicros(2024, 2, 29, 12, 0, 0, 1, -480),
        '東京 Zürich 🙂 Ελλάδα naïve', '', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ],
      ALL_TYPES.map(() => null),
      [
        null, 0, 0, '0', '-0.0001', '-0.0000000001', '-0.50', 0, 0.1,
        '1969-12-31', '12:34:56.5', epochMicros(1969, 7, 20, 20, 17, 40, 500000), epochMicros(2150, 1, 1),
        '', '00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ],
      [
        true, null, 42, '-1', '12.5000', '1.0000000000', '-1.50', null, null,
        '1600-02-29', null, epochMicros(1600, 2, 29, 12, 0, 0, 123), epochMicros(2300, 6, 15, 8, 30, 0, 250000, -210),
        'plain', null, null,
      ],
    ]);
  });

  it('writes the Parquet logical types the warehouses expect', async () => {
    const { path } = await writeOne(ALL_TYPES, ALL_TYPE_ROWS);
    const schema = await query(`SELECT name, type, converted_type, logical_type FROM parquet_schema('${path}') WHERE name <> 'arrow_schema'`);
    const byName = new Map(schema.map(([name, ...rest]) => [name as string, rest.map((v) => (v === null ? '' : String(v))).join(' ')]));
    expect(byName.get('b')).toBe('BOOLEAN  ');
    expect(byName.get('si')).toMatch(/^INT32 INT_16 IntType\(bitWidth=.*isSigned=1\)/);
    expect(byName.get('i')).toMatch(/^INT32 /);
    expect(byName.get('big')).toMatch(/^INT64 /);
    expect(byName.get('d18')).toBe('INT64 DECIMAL DecimalType(scale=4, precision=18)');
    expect(byName.get('d38')).toBe('FIXED_LEN_BYTE_ARRAY DECIMAL DecimalType(scale=10, precision=38)');
    expect(byName.get('d5')).toBe('INT32 DECIMAL DecimalType(scale=2, precision=5)');
    expect(byName.get('f')).toMatch(/^FLOAT /);
    expect(byName.get('dbl')).toMatch(/^DOUBLE /);
    expect(byName.get('dt')).toBe('INT32 DATE DateType()');
    expect(byName.get('tm')).toMatch(/^INT64 TIME_MICROS TimeType\(isAdjustedToUTC=0, unit=.*MICROS=MicroSeconds\(\)/);
    expect(byName.get('ts')).toMatch(/^INT64 TIMESTAMP_MICROS TimestampType\(isAdjustedToUTC=0, unit=.*MICROS=MicroSeconds\(\)/);
    expect(byName.get('tz')).toMatch(/^INT64 TIMESTAMP_MICROS TimestampType\(isAdjustedToUTC=1, unit=.*MICROS=MicroSeconds\(\)/);
    expect(byName.get('str')).toBe('BYTE_ARRAY UTF8 StringType()');
    expect(byName.get('bin')).toBe('BYTE_ARRAY  ');
    expect(byName.get('u')).toBe('BYTE_ARRAY UTF8 StringType()');
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`);
    expect(Object.fromEntries(types)).toMatchObject({
      si: 'SMALLINT', d18: 'DECIMAL(18,4)', d38: 'DECIMAL(38,10)', dt: 'DATE', tm: 'TIME', ts: 'TIMESTAMP', tz: 'TIMESTAMP WITH TIME ZONE', bin: 'BLOB',
    });
  });

  it('compresses with ZSTD and writes min/max statistics for every column chunk', async () => {
    const { path } = await writeOne(ALL_TYPES, ALL_TYPE_ROWS);
    const chunks = await query(`SELECT path_in_schema, compression, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('${path}')`);
    expect(chunks).toHaveLength(ALL_TYPES.length);
    for (const [name, compression, min, max, nulls] of chunks) {
      expect(compression, String(name)).toBe('ZSTD');
      expect(min, String(name)).not.toBeNull();
      expect(max, String(name)).not.toBeNull();
      expect(nulls, String(name)).not.toBeNull();
    }
    const stats = Object.fromEntries(chunks.map(([name, , min, max]) => [String(name), [min, max]]));
    expect(stats['i']).toEqual(['-2147483648', '2147483647']);
    expect(stats['big']).toEqual(['-9223372036854775808', '9223372036854775807']);
  });

  it('cuts row groups at rowGroupRows', async () => {
    const rows: Row[] = Array.from({ length: 2500 }, (_, i) => [i, `row ${i}`]);
    const { path } = await writeOne([{ name: 'id', type: { kind: 'int' } }, { name: 's', type: { kind: 'string' } }], rows, { rowGroupRows: 1000 });
    const groups = await query(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('${path}') ORDER BY 1`);
    expect(groups.map((g) => Number(g[1]))).toEqual([1000, 1000, 500]);
    expect(await query(`SELECT count(*), sum(id), min(s), max(s) FROM read_parquet('${path}')`)).toEqual([[2500n, 3123750n, 'row 0', 'row 999']]);
  });

  it('dictionary encodes string and uuid columns by default, and only what the setting names', async () => {
    const columns: FileColumn[] = [{ name: 'id', type: { kind: 'int' } }, { name: 'state', type: { kind: 'string' } }, { name: 'u', type: { kind: 'uuid' } }];
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => [i, ['open', 'closed', 'held'][i % 3], `00000000-0000-0000-0000-00000000000${i % 2}`]);
    const dictionaryOf = async (path: string): Promise<Record<string, boolean>> => Object.fromEntries(
      (await query(`SELECT path_in_schema, dictionary_page_offset IS NOT NULL AND encodings LIKE '%DICTIONARY%' FROM parquet_metadata('${path}')`)).map(([name, dict]) => [String(name), dict as boolean]),
    );
    expect(await dictionaryOf((await writeOne(columns, rows)).path)).toEqual({ id: false, state: true, u: true });
    expect(await dictionaryOf((await writeOne(columns, rows, { dictionary: 'all' })).path)).toEqual({ id: true, state: true, u: true });
    const none = (await writeOne(columns, rows, { dictionary: 'none' })).path;
    expect(await dictionaryOf(none)).toEqual({ id: false, state: false, u: false });
    // Statistics stay on whatever the encoding.
    expect(await query(`SELECT DISTINCT stats_min_value IS NOT NULL AND stats_max_value IS NOT NULL FROM parquet_metadata('${none}')`)).toEqual([[true]]);
    expect(await query(`SELECT count(*), count(DISTINCT state), min(u) FROM read_parquet('${(await writeOne(columns, rows, { dictionary: 'all' })).path}')`))
      .toEqual([[3000n, 3n, expect.anything()]]);
  });

  it('cuts the first row group at rowGroupBytes of raw data, and the rest at its row count', async () => {
    // 1,000 bytes of text + 4 bytes of id per row: 64 KiB of raw data is reached after 63 rows.
    const rows: Row[] = Array.from({ length: 1000 }, (_, i) => [i, String(i % 10).repeat(1000)]);
    const { path } = await writeOne([{ name: 'id', type: { kind: 'int' } }, { name: 's', type: { kind: 'string' } }], rows, { rowGroupBytes: 64 * 1024 });
    const groups = (await query(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('${path}') ORDER BY 1`)).map((g) => Number(g[1]));
    expect(groups.length).toBeGreaterThan(10);
    expect(groups[0]).toBeLessThanOrEqual(66);
    expect(groups.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(await query(`SELECT count(*), sum(id) FROM read_parquet('${path}')`)).toEqual([[1000n, 499500n]]);
  });

  it('keeps every file within the limit with dictionaries on every column, even when they fall back to PLAIN', async () => {
    const limit = 192 * 1024;
    const columns: FileColumn[] = [{ name: 'id', type: { kind: 'bigint' } }, { name: 'code', type: { kind: 'string' } }, { name: 'text', type: { kind: 'string' } }];
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // `code` repeats (the dictionary wins), `text` never does (the dictionary outgrows its page and falls back).
    const row = (i: number): Row => [BigInt(i), `C${i % 7}`, `${Math.floor(random() * 1e12)}-${i}-${'x'.repeat(Math.floor(random() * 300))}`];
    const total = 20_000;
    const files = await writeFiles(parquetWriter(columns, { dictionary: 'all' }), limit, total, 2000, row);
    const sizes = files.map((f) => f.bytes);
    expect(files.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
    // A dictionary column's worst case is about twice its raw size, counted for the rows held and the group on the worker: files fill less.
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(limit / 4);
    const list = `[${files.map(save).map((p) => `'${p}'`).join(', ')}]`;
    expect(await query(`SELECT count(*), sum(id), count(DISTINCT code) FROM read_parquet(${list})`)).toEqual([[BigInt(total), BigInt((total * (total + 1)) / 2), 7n]]);
    expect(await query(`SELECT count(*) > 0 FROM parquet_metadata(${list}) WHERE path_in_schema = 'code' AND encodings LIKE '%DICTIONARY%'`)).toEqual([[true]]);
  });

  it('writes a valid file with no rows', async () => {
    const file = parquetWriter(ALL_TYPES).newFile(1, 1024 * 1024);
    const built = await file.finish();
    expect(built.rows).toBe(0);
    const path = save(built);
    expect(await query(`SELECT count(*) FROM read_parquet('${path}')`)).toEqual([[0n]]);
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`);
    expect(types.map((t) => t[0])).toEqual(ALL_TYPES.map((c) => c.name));
  });

  it('keeps every file within the limit, reasonably full, across a multi-MB input', async () => {
    const limit = 256 * 1024;
    const columns: FileColumn[] = [
      { name: 'id', type: { kind: 'int' } },
      { name: 'big', type: { kind: 'bigint' } },
      { name: 'name', type: { kind: 'string', length: 50 } },
      { name: 'amount', type: { kind: 'decimal', precision: 18, scale: 4 } },
      { name: 'modified', type: { kind: 'datetime' } },
    ];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words = ['Acme', '"quoted"', "O'Brien", 'Zürich', '東京', 'line\nbreak', 'Ltd', 'GmbH'];
    const row = (i: number): Row => [
      i,
      BigInt(Math.floor((random() - 0.5) * 2 ** 53)),
      random() < 0.1 ? null : `${words[Math.floor(random() * words.length)]} ${Math.floor(random() * 1e6)} ${words[i % words.length]}`,
      random() < 0.1 ? null : `${random() < 0.2 ? '-' : ''}${Math.floor(random() * 1e9)}.${Math.floor(random() * 1e4)}`,
      `20${10 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)} 0${Math.floor(random() * 10)}:1${Math.floor(random() * 10)}:2${Math.floor(random() * 10)}.${String(Math.floor(random() * 1e6)).padStart(6, '0')}`,
    ];
    const total = 150_000;
    const files = await writeFiles(parquetWriter(columns), limit, total, 5000, row);

    const sizes = files.map((f) => f.bytes);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(3 * 1024 * 1024);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(limit / 2);
    expect(files.map((f) => f.rows).reduce((a, b) => a + b, 0)).toBe(total);
    let next = 1;
    for (const f of files) {
      expect(f.firstRow).toBe(next);
      next += f.rows;
    }

    const paths = files.map(save);
    const list = `[${paths.map((p) => `'${p}'`).join(', ')}]`;
    expect(await query(`SELECT count(*), sum(id), count(DISTINCT id), count(name), count(amount) FROM read_parquet(${list})`))
      .toEqual([[BigInt(total), BigInt((total * (total + 1)) / 2), BigInt(total), expect.any(BigInt), expect.any(BigInt)]]);
    const chunks = await query(`SELECT DISTINCT compression, stats_min_value IS NOT NULL AND stats_max_value IS NOT NULL FROM parquet_metadata(${list})`);
    expect(chunks).toEqual([['ZSTD', true]]);
  });

  it('takes at least one row into an empty file, even one larger than the limit, and then no more', async () => {
    const writer = parquetWriter([{ name: 'id', type: { kind: 'int' } }, { name: 'blob', type: { kind: 'binary' } }]);
    const big = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
    const rows: Row[] = [[1, big], [2, big]];
    const file = writer.newFile(1, 10_000);
    expect(await file.add(rows, 0, 2)).toBe(1);
    expect(await file.add(rows, 1, 2)).toBe(0);
    const built = await file.finish();
    expect(built.rows).toBe(1);
    const path = save(built);
    expect(await query(`SELECT id, octet_length(blob) FROM read_parquet('${path}')`)).toEqual([[1, 200_000n]]);
  });

  it('refuses values that do not match the column type, naming the column', async () => {
    const attempt = (type: FileColumn['type'], value: unknown): Promise<number> =>
      Promise.resolve(parquetWriter([{ name: 'c', type }]).newFile(1, 1e9).add([[value]], 0, 1));
    await expect(attempt({ kind: 'decimal', precision: 18, scale: 4 }, '1.23456')).rejects.toThrow(/column "c": expected decimal\(18,4\)/);
    await expect(attempt({ kind: 'decimal', precision: 5, scale: 2 }, '1234.5')).rejects.toThrow(/decimal\(5,2\)/);
    await expect(attempt({ kind: 'decimal', precision: 18, scale: 4 }, '1e5')).rejects.toThrow(/decimal/);
    await expect(attempt({ kind: 'int' }, 1.5)).rejects.toThrow(/column "c": expected an int/);
    await expect(attempt({ kind: 'smallint' }, 40000)).rejects.toThrow(/smallint/);
    await expect(attempt({ kind: 'bigint' }, 2n ** 63n)).rejects.toThrow(/bigint/);
    await expect(attempt({ kind: 'date' }, '2024-13-01')).rejects.toThrow(/date/);
    await expect(attempt({ kind: 'datetime' }, '2024-01-01T25:00:00')).rejects.toThrow(/datetime/);
    await expect(attempt({ kind: 'datetimeoffset' }, '2024-01-01 10:00:00')).rejects.toThrow(/datetimeoffset/);
    await expect(attempt({ kind: 'string' }, 42)).rejects.toThrow(/string/);
    await expect(attempt({ kind: 'binary' }, 'abc')).rejects.toThrow(/Uint8Array/);
  });

  it('frees an abandoned file and refuses further use', async () => {
    const writer = parquetWriter([{ name: 'id', type: { kind: 'int' } }], { rowGroupRows: 10 });
    const file = writer.newFile(1, 1e9);
    await file.add(Array.from({ length: 25 }, (_, i) => [i]), 0, 25);
    file.abandon();
    await expect(Promise.resolve().then(() => file.add([[1]], 0, 1))).rejects.toThrow(/abandoned/);
    await expect(file.finish()).rejects.toThrow(/abandoned/);
    // The writer still makes good files afterwards.
    const next = writer.newFile(26, 1e9);
    await next.add([[26], [27]], 0, 2);
    const path = save(await next.finish());
    expect(await query(`SELECT sum(id) FROM read_parquet('${path}')`)).toEqual([[53n]]);
  });
});
