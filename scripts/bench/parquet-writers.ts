/**
 * Dev tool: measures Parquet writers for the extract engine on the same generated rows (ZSTD,
 * column statistics on). Not part of the test suite.
 *
 *   node --import tsx scripts/bench/parquet-writers.ts [--only a,b] [--scale 0.1] [--repeat 3] [--keep]
 *
 * Each (candidate, data set) pair runs in its own child process so that peak RSS
 * (`process.resourceUsage().maxRSS`) belongs to that candidate alone; the parent then checks each
 * output with DuckDB (row count, codec, statistics) and prints a table; with `--repeat N` each pair
 * runs N times and the fastest run is shown (the machine may be shared). Rows are generated in
 * batches of 10,000 as the engine would pass them (arrays, values already normalised), so the
 * `generate-only` row is the baseline to subtract.
 *
 * Candidates:
 * - `landfall`: engine/format/parquet-writer.ts (the chosen writer).
 * - `parquet-wasm`: apache-arrow vectors built from the rows, streamed batch by batch into
 *   parquet-wasm's `transformParquetStream` (arrow-rs AsyncArrowWriter), row groups of 100,000.
 * - `parquet-wasm-nodict`: the same with dictionary encoding off.
 * - `duckdb`: rows into an in-memory DuckDB table through data chunks and the appender (decimal and
 *   temporal values as text), then `COPY (SELECT casts …) TO file (FORMAT parquet, COMPRESSION zstd)`.
 * - `hyparquet`: hyparquet-writer (pure JS) with zstd-napi as its ZSTD compressor. Not a project
 *   dependency: install it elsewhere and point HYPARQUET_WRITER at its `src/index.js`
 *   (e.g. `npm i hyparquet-writer` in /tmp/x, then HYPARQUET_WRITER=/tmp/x/node_modules/hyparquet-writer/src/index.js).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { BIGINT, BLOB, BOOLEAN, DOUBLE, DuckDBDataChunk, DuckDBInstance, FLOAT, INTEGER, SMALLINT, VARCHAR, blobValue } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { compress as zstdCompress } from 'zstd-napi';
import type { ColumnType } from '../../shared/model/column-type.ts';
import type { FileColumn, Row } from '../../engine/format/file-builder.ts';
import { parquetWriter } from '../../engine/format/parquet-writer.ts';

const BATCH = 10_000;
const ROW_GROUP = 100_000;

// ---------------------------------------------------------------------------------------------
// Data sets

interface DataSet {
  readonly columns: FileColumn[];
  readonly rows: number;
}

const t = (kind: ColumnType['kind']): ColumnType => ({ kind }) as ColumnType;

const DATA_SETS: Record<string, DataSet> = {
  narrow: {
    rows: 1_000_000,
    columns: [
      { name: 'id', type: t('int') },
      { name: 'big', type: t('bigint') },
      { name: 'name', type: { kind: 'string', length: 50 } },
      { name: 'amount', type: { kind: 'decimal', precision: 18, scale: 4 } },
      { name: 'modified', type: t('datetime') },
    ],
  },
  wide: {
    rows: 200_000,
    columns: (() => {
      const kinds: ColumnType[] = [
        t('int'), t('bigint'), t('smallint'), t('boolean'), { kind: 'decimal', precision: 18, scale: 2 },
        { kind: 'decimal', precision: 38, scale: 10 }, t('float'), t('double'), t('date'), t('time'),
        t('datetime'), t('datetimeoffset'), { kind: 'string', length: 20 }, { kind: 'string', length: 200 },
        { kind: 'binary', length: 16 }, t('uuid'),
      ];
      const columns: FileColumn[] = [];
      for (let i = 0; i < 30; i++) columns.push({ name: `c${String(i).padStart(2, '0')}`, type: kinds[i % kinds.length]! });
      return columns;
    })(),
  },
};

/** xorshift32, deterministic. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const WORDS = ['Acme', 'Zürich', 'O\'Brien', '"quoted"', 'naïve', '東京', 'Ünïcödé', 'line\nbreak', 'comma, inc', 'Ltd', 'GmbH', 'Øresund', 'Ελλάδα', '🙂'];
const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function valueGenerator(type: ColumnType, seed: number): (row: number) => unknown {
  const r = rng(seed);
  const nullable = (f: (row: number) => unknown) => (row: number): unknown => (r() < 0.1 ? null : f(row));
  const dateText = (): string => `${1950 + Math.floor(r() * 150)}-${pad2(1 + Math.floor(r() * 12))}-${pad2(1 + Math.floor(r() * 28))}`;
  const timeText = (): string => `${pad2(Math.floor(r() * 24))}:${pad2(Math.floor(r() * 60))}:${pad2(Math.floor(r() * 60))}.${pad(Math.floor(r() * 1e6), 6)}`;
  switch (type.kind) {
    case 'boolean': return nullable(() => r() < 0.5);
    case 'smallint': return nullable(() => Math.floor(r() * 65536) - 32768);
    case 'int': return nullable((row) => row + 1);
    case 'bigint': return nullable(() => BigInt(Math.floor((r() - 0.5) * 2 ** 52)) * 1024n + BigInt(Math.floor(r() * 1024)));
    case 'decimal': {
      const intDigits = Math.min(type.precision - type.scale, 15);
      return nullable(() => {
        const whole = Math.floor(r() ** 3 * 10 ** intDigits);
        const frac = type.scale === 0 ? '' : '.' + pad(Math.floor(r() * 10 ** Math.min(type.scale, 15)), Math.min(type.scale, 15));
        return (r() < 0.2 ? '-' : '') + whole + frac;
      });
    }
    case 'float': return nullable(() => Math.fround((r() - 0.5) * 1e6));
    case 'double': return nullable(() => (r() - 0.5) * 1e12);
    case 'date': return nullable(dateText);
    case 'time': return nullable(timeText);
    case 'datetime': return nullable(() => `${dateText()} ${timeText()}`);
    case 'datetimeoffset': {
      const offsets = ['+00:00', '+05:30', '-08:00', '+01:00', '-03:30'];
      return nullable(() => `${dateText()} ${timeText()}${offsets[Math.floor(r() * offsets.length)]!}`);
    }
    case 'string': {
      const max = type.length ?? 500;
      return nullable((row) => {
        let s = `${WORDS[Math.floor(r() * WORDS.length)]!} ${row % 977} ${WORDS[Math.floor(r() * WORDS.length)]!}`;
        while (s.length < max * 0.6 && r() < 0.8) s += ' ' + WORDS[Math.floor(r() * WORDS.length)]! + Math.floor(r() * 100);
        return s.length > max ? s.slice(0, max) : s;
      });
    }
    case 'binary': return nullable(() => {
      const b = new Uint8Array(type.length ?? 16);
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
      return b;
    });
    case 'uuid': return nullable(() => {
      let h = '';
      for (let i = 0; i < 32; i++) h += Math.floor(r() * 16).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
    });
  }
}

function* batches(set: DataSet, scale: number): Generator<Row[]> {
  const gens = set.columns.map((c, i) => valueGenerator(c.type, 1234 + i * 7919));
  const total = Math.round(set.rows * scale);
  for (let start = 0; start < total; start += BATCH) {
    const n = Math.min(BATCH, total - start);
    const rows: Row[] = new Array<Row>(n);
    for (let i = 0; i < n; i++) {
      const row: unknown[] = new Array<unknown>(gens.length);
      for (let c = 0; c < gens.length; c++) row[c] = gens[c]!(start + i);
      rows[i] = row;
    }
    yield rows;
  }
}

// ---------------------------------------------------------------------------------------------
// Value parsing shared by the candidates that need binary values

const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, day: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function parseDays(s: string): number {
  return daysFromCivil(d(s, 0) * 1000 + d(s, 1) * 100 + d(s, 2) * 10 + d(s, 3), d(s, 5) * 10 + d(s, 6), d(s, 8) * 10 + d(s, 9));
}

/** Microseconds since midnight of `HH:MM:SS[.f…]` at `at`; sets `timeEnd` to the index after it. */
let timeEnd = 0;
function parseTimeMicros(s: string, at: number): number {
  const secs = (d(s, at) * 10 + d(s, at + 1)) * 3600 + (d(s, at + 3) * 10 + d(s, at + 4)) * 60 + d(s, at + 6) * 10 + d(s, at + 7);
  let i = at + 8;
  let frac = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    let digits = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (digits < 6) { frac = frac * 10 + c; digits++; }
      i++;
    }
    while (digits < 6) { frac *= 10; digits++; }
  }
  timeEnd = i;
  return secs * 1_000_000 + frac;
}

function parseTimestampMicros(s: string, withOffset: boolean): number {
  let micros = parseDays(s) * 86_400_000_000 + parseTimeMicros(s, 11);
  if (withOffset) {
    const sign = s.charCodeAt(timeEnd) === 45 ? -1 : 1;
    const minutes = (d(s, timeEnd + 1) * 10 + d(s, timeEnd + 2)) * 60 + d(s, timeEnd + 4) * 10 + d(s, timeEnd + 5);
    micros -= sign * minutes * 60_000_000;
  }
  return micros;
}

/** Unscaled decimal as a bigint (slow but exact; used by the candidates that want bigints). */
function decimalUnscaled(text: string, scale: number): bigint {
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text + '0'.repeat(scale));
  const frac = text.slice(dot + 1);
  return BigInt(text.slice(0, dot) + frac + '0'.repeat(scale - frac.length));
}

// ---------------------------------------------------------------------------------------------
// Candidates

interface Sink {
  add(rows: readonly Row[]): void | Promise<void>;
  /** The file's bytes, in order. */
  finish(): Promise<Uint8Array[]>;
}
type Candidate = (columns: readonly FileColumn[]) => Promise<Sink>;

const landfall: Candidate = async (columns) => {
  const builder = parquetWriter(columns, { rowGroupRows: ROW_GROUP }).newFile(1, Number.MAX_SAFE_INTEGER);
  return {
    add: async (rows) => { await builder.add(rows, 0, rows.length); },
    finish: async () => [...(await builder.finish()).chunks],
  };
};

/** Builds one Arrow column (apache-arrow `Data`) from a batch of rows. */
function arrowColumn(type: ColumnType, rows: readonly Row[], c: number): { field: arrow.Field; data: arrow.Data } {
  const n = rows.length;
  const validity = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  const valid = (i: number, v: unknown): boolean => {
    if (v === null || v === undefined) { nullCount++; return false; }
    validity[i >> 3]! |= 1 << (i & 7);
    return true;
  };
  const make = (dataType: arrow.DataType, props: Record<string, unknown>): { field: arrow.Field; data: arrow.Data } => ({
    field: new arrow.Field(`c${c}`, dataType, true),
    data: arrow.makeData({ type: dataType, length: n, nullCount, nullBitmap: validity, ...props } as never),
  });
  const int64s = (f: (v: unknown) => number): Int32Array => {
    const words = new Int32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const v = rows[i]![c];
      if (!valid(i, v)) continue;
      const x = f(v);
      const hi = Math.floor(x / 4294967296);
      words[2 * i] = x - hi * 4294967296;
      words[2 * i + 1] = hi;
    }
    return words;
  };
  switch (type.kind) {
    case 'boolean': {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) { const v = rows[i]![c]; if (valid(i, v) && v === true) bits[i >> 3]! |= 1 << (i & 7); }
      return make(new arrow.Bool(), { data: bits });
    }
    case 'smallint': case 'int': {
      const a = type.kind === 'smallint' ? new Int16Array(n) : new Int32Array(n);
      for (let i = 0; i < n; i++) { const v = rows[i]![c]; if (valid(i, v)) a[i] = v as number; }
      return make(type.kind === 'smallint' ? new arrow.Int16() : new arrow.Int32(), { data: a });
    }
    case 'bigint': {
      const a = new BigInt64Array(n);
      for (let i = 0; i < n; i++) { const v = rows[i]![c]; if (valid(i, v)) a[i] = v as bigint; }
      return make(new arrow.Int64(), { data: a });
    }
    case 'float': case 'double': {
      const a = type.kind === 'float' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) { const v = rows[i]![c]; if (valid(i, v)) a[i] = v as number; }
      return make(type.kind === 'float' ? new arrow.Float32() : new arrow.Float64(), { data: a });
    }
    case 'decimal': {
      const words = new Uint32Array(n * 4);
      const scale = type.scale;
      for (let i = 0; i < n; i++) {
        const v = rows[i]![c];
        if (!valid(i, v)) continue;
        let u = decimalUnscaled(v as string, scale);
        for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(BigInt.asUintN(32, u)); u >>= 32n; }
      }
      return make(new arrow.Decimal(scale, type.precision, 128), { data: words });
    }
    case 'date': {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) { const v = rows[i]![c]; if (valid(i, v)) a[i] = parseDays(v as string); }
      return make(new arrow.DateDay(), { data: a });
    }
    case 'time': return make(new arrow.TimeMicrosecond(), { data: new BigInt64Array(int64s((v) => parseTimeMicros(v as string, 0)).buffer) });
    case 'datetime': return make(new arrow.TimestampMicrosecond(), { data: new BigInt64Array(int64s((v) => parseTimestampMicros(v as string, false)).buffer) });
    case 'datetimeoffset': return make(new arrow.TimestampMicrosecond('UTC'), { data: new BigInt64Array(int64s((v) => parseTimestampMicros(v as string, true)).buffer) });
    case 'string': case 'uuid': case 'binary': {
      const offsets = new Int32Array(n + 1);
      let buf = Buffer.allocUnsafe(n * 16);
      let pos = 0;
      for (let i = 0; i < n; i++) {
        const v = rows[i]![c];
        if (valid(i, v)) {
          const need = typeof v === 'string' ? v.length * 3 : (v as Uint8Array).length;
          if (pos + need > buf.length) { const b = Buffer.allocUnsafe(Math.max(buf.length * 2, pos + need)); buf.copy(b, 0, 0, pos); buf = b; }
          if (typeof v === 'string') pos += buf.write(v, pos);
          else { buf.set(v as Uint8Array, pos); pos += (v as Uint8Array).length; }
        }
        offsets[i + 1] = pos;
      }
      return make(type.kind === 'binary' ? new arrow.Binary() : new arrow.Utf8(), { valueOffsets: offsets, data: buf.subarray(0, pos) });
    }
  }
}

function arrowBatchToWasm(columns: readonly FileColumn[], rows: readonly Row[]): pw.RecordBatch {
  const built = columns.map((col, c) => arrowColumn(col.type, rows, c));
  const schema = new arrow.Schema(built.map((b) => b.field));
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: rows.length, nullCount: 0, children: built.map((b) => b.data) });
  const ipc = arrow.tableToIPC(new arrow.Table([new arrow.RecordBatch(schema, struct)]), 'stream');
  const table = pw.Table.fromIPCStream(ipc);
  const batch = table.recordBatch(0)!;
  table.free();
  return batch;
}

const parquetWasm = (dictionary: boolean): Candidate => async (columns) => {
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setStatisticsEnabled(pw.EnabledStatistics.Chunk)
    .setDictionaryEnabled(dictionary)
    .setMaxRowGroupSize(ROW_GROUP)
    .build();
  let controller!: ReadableStreamDefaultController<pw.RecordBatch>;
  const input = new ReadableStream<pw.RecordBatch>({ start: (c) => { controller = c; } });
  const chunks: Uint8Array[] = [];
  // transformParquetStream reads the first batch (for the schema) before it resolves: don't await it here.
  const drained = (async () => {
    const reader = ((await pw.transformParquetStream(input, props)) as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
    }
  })();
  return {
    add: async (rows) => {
      controller.enqueue(arrowBatchToWasm(columns, rows));
      await new Promise((resolve) => setImmediate(resolve));
    },
    finish: async () => {
      controller.close();
      await drained;
      return chunks;
    },
  };
};

function duckType(type: ColumnType): string {
  switch (type.kind) {
    case 'boolean': return 'BOOLEAN';
    case 'smallint': return 'SMALLINT';
    case 'int': return 'INTEGER';
    case 'bigint': return 'BIGINT';
    case 'float': return 'FLOAT';
    case 'double': return 'DOUBLE';
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
    case 'date': return 'DATE';
    case 'time': return 'TIME';
    case 'datetime': return 'TIMESTAMP';
    case 'datetimeoffset': return 'TIMESTAMPTZ';
    case 'string': case 'uuid': return 'VARCHAR';
    case 'binary': return 'BLOB';
  }
}

/** The staging type: text for values DuckDB parses more cheaply in SQL than we can build in JS. */
function stagingType(type: ColumnType): { sql: string; duck: DuckDBType } {
  const native: Partial<Record<ColumnType['kind'], DuckDBType>> = {
    boolean: BOOLEAN, smallint: SMALLINT, int: INTEGER, bigint: BIGINT, float: FLOAT, double: DOUBLE, binary: BLOB,
  };
  const duck = native[type.kind] ?? VARCHAR;
  return { sql: duck.toString(), duck };
}

const duckdb: Candidate = async (columns) => {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  const staging = columns.map((c) => stagingType(c.type));
  await connection.run(`CREATE TABLE staging (${columns.map((c, i) => `"c${i}" ${staging[i]!.sql}`).join(', ')})`);
  const appender = await connection.createAppender('staging');
  const isBlob = columns.map((c) => c.type.kind === 'binary');
  return {
    add: (rows) => {
      for (let start = 0; start < rows.length; start += 2048) {
        const n = Math.min(2048, rows.length - start);
        const chunk = DuckDBDataChunk.create(staging.map((s) => s.duck), n);
        const data: DuckDBValue[][] = columns.map(() => new Array<DuckDBValue>(n));
        for (let i = 0; i < n; i++) {
          const row = rows[start + i]!;
          for (let c = 0; c < columns.length; c++) {
            const v = row[c];
            data[c]![i] = v === null ? null : isBlob[c] ? blobValue(v as Uint8Array) : (v as DuckDBValue);
          }
        }
        chunk.setColumns(data);
        appender.appendDataChunk(chunk);
      }
    },
    finish: async () => {
      appender.closeSync();
      const dir = mkdtempSync(join(tmpdir(), 'pq-duck-'));
      const file = join(dir, 'out.parquet');
      const select = columns.map((c, i) => `CAST("c${i}" AS ${duckType(c.type)}) AS "c${i}"`).join(', ');
      await connection.run(`COPY (SELECT ${select} FROM staging) TO '${file}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP})`);
      const bytes = readFileSync(file);
      rmSync(dir, { recursive: true, force: true });
      connection.closeSync();
      instance.closeSync();
      return [bytes];
    },
  };
};

interface HyparquetWriterModule {
  ByteWriter: new () => { offset: number; index: number; buffer: ArrayBuffer; flush?: () => void; getBytes(): Uint8Array };
  ParquetWriter: new (options: object) => { write(options: object): void | Promise<void>; finish(): void | Promise<void> };
}

function hyparquetSchemaElement(name: string, type: ColumnType): Record<string, unknown> {
  const base = { name, repetition_type: 'OPTIONAL' };
  switch (type.kind) {
    case 'boolean': return { ...base, type: 'BOOLEAN' };
    // hyparquet-writer 0.17 writes IntType.bitWidth as an i32 where Thrift wants a byte, and DuckDB
    // rejects the footer: use the converted type alone.
    case 'smallint': return { ...base, type: 'INT32', converted_type: 'INT_16' };
    case 'int': return { ...base, type: 'INT32' };
    case 'bigint': return { ...base, type: 'INT64' };
    case 'float': return { ...base, type: 'FLOAT' };
    case 'double': return { ...base, type: 'DOUBLE' };
    case 'decimal': {
      const physical = type.precision <= 9 ? { type: 'INT32' } : type.precision <= 18 ? { type: 'INT64' } : { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16 };
      return { ...base, ...physical, converted_type: 'DECIMAL', precision: type.precision, scale: type.scale, logical_type: { type: 'DECIMAL', precision: type.precision, scale: type.scale } };
    }
    case 'date': return { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'time': return { ...base, type: 'INT64', converted_type: 'TIME_MICROS', logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' } };
    case 'datetime': return { ...base, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } };
    case 'datetimeoffset': return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } };
    case 'string': case 'uuid': return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'binary': return { ...base, type: 'BYTE_ARRAY' };
  }
}

function hyparquetConverter(type: ColumnType): (v: unknown) => unknown {
  switch (type.kind) {
    case 'decimal': return (v) => {
      const u = decimalUnscaled(v as string, type.scale);
      return type.precision <= 9 ? Number(u) : u;
    };
    case 'date': return (v) => parseDays(v as string);
    case 'time': return (v) => BigInt(parseTimeMicros(v as string, 0));
    case 'datetime': return (v) => BigInt(parseTimestampMicros(v as string, false));
    case 'datetimeoffset': return (v) => BigInt(parseTimestampMicros(v as string, true));
    default: return (v) => v;
  }
}

const hyparquet: Candidate = async (columns) => {
  const path = process.env['HYPARQUET_WRITER'];
  if (!path) throw new Error('set HYPARQUET_WRITER to hyparquet-writer/src/index.js');
  const hw = (await import(path)) as HyparquetWriterModule;
  const writer = new hw.ByteWriter();
  const chunks: Uint8Array[] = [];
  writer.flush = () => { chunks.push(writer.getBytes().slice()); writer.index = 0; };
  const schema = [{ name: 'root', num_children: columns.length }, ...columns.map((c, i) => hyparquetSchemaElement(`c${i}`, c.type))];
  const pq = new hw.ParquetWriter({ writer, schema, codec: 'ZSTD', compressors: { ZSTD: (b: Uint8Array) => zstdCompress(b, { compressionLevel: 3 }) }, statistics: true });
  const converters = columns.map((c) => hyparquetConverter(c.type));
  let pending: unknown[][] = columns.map(() => []);
  const flush = async (): Promise<void> => {
    if (pending[0]!.length === 0) return;
    const columnData = pending.map((data, i) => ({ name: `c${i}`, data }));
    pending = columns.map(() => []);
    await pq.write({ columnData, rowGroupSize: ROW_GROUP });
  };
  return {
    add: async (rows) => {
      for (const row of rows) {
        for (let c = 0; c < columns.length; c++) {
          const v = row[c];
          pending[c]!.push(v === null ? null : converters[c]!(v));
        }
      }
      if (pending[0]!.length >= ROW_GROUP) await flush();
    },
    finish: async () => {
      await flush();
      await pq.finish();
      writer.flush!();
      return chunks;
    },
  };
};

const generateOnly: Candidate = async () => ({ add: () => {}, finish: async () => [] });

const CANDIDATES: Record<string, Candidate> = {
  'generate-only': generateOnly,
  landfall,
  'parquet-wasm': parquetWasm(true),
  'parquet-wasm-nodict': parquetWasm(false),
  duckdb,
  hyparquet,
};

// ---------------------------------------------------------------------------------------------
// Child: one candidate on one data set

interface Result { ms: number; rows: number; bytes: number; maxRssMb: number; file: string }

async function child(candidateName: string, setName: string, scale: number, outFile: string): Promise<void> {
  const set = DATA_SETS[setName]!;
  const candidate = CANDIDATES[candidateName]!;
  let generateMs = 0;
  let rows = 0;
  const started = performance.now();
  const sink = await candidate(set.columns);
  const it = batches(set, scale);
  for (;;) {
    const g0 = performance.now();
    const next = it.next();
    generateMs += performance.now() - g0;
    if (next.done) break;
    rows += next.value.length;
    await sink.add(next.value);
  }
  const chunks = await sink.finish();
  const ms = performance.now() - started - (candidateName === 'generate-only' ? 0 : generateMs);
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  if (bytes > 0) writeFileSync(outFile, Buffer.concat(chunks));
  const result: Result = { ms, rows, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, file: outFile };
  process.stdout.write(JSON.stringify(result) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Parent: run everything, check outputs with DuckDB, print a table

async function check(file: string): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM read_parquet('${file}')) AS n,
              (SELECT string_agg(DISTINCT compression, '/') FROM parquet_metadata('${file}')) AS codec,
              (SELECT count(*) FILTER (WHERE stats_min_value IS NULL AND stats_null_count < num_values) FROM parquet_metadata('${file}')) AS missing_stats,
              (SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${file}')) AS groups`,
    );
    const [n, codec, missing, groups] = reader.getRows()[0]!;
    return `${String(n)} rows, ${String(codec)}, ${String(groups)} row groups${Number(missing) > 0 ? `, ${String(missing)} chunks without min/max` : ''}`;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await child(args[1]!, args[2]!, Number(args[3]), args[4]!);
    return;
  }
  const option = (name: string): string | undefined => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
  const scale = Number(option('--scale') ?? '1');
  const only = option('--only')?.split(',');
  const repeat = Math.max(1, Number(option('--repeat') ?? '1'));
  const names = Object.keys(CANDIDATES).filter((n) => (only ? only.includes(n) : n !== 'hyparquet' || process.env['HYPARQUET_WRITER']));
  const dir = mkdtempSync(join(tmpdir(), 'pq-bench-'));
  const self = fileURLToPath(import.meta.url);
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; best of ${repeat}`);
  console.log('| data set | candidate | wall s | rows/s | output MB | peak RSS MB | check |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const setName of Object.keys(DATA_SETS)) {
    for (const name of names) {
      const outFile = join(dir, `${setName}-${name}.parquet`);
      let best: Result | undefined;
      let failure = '';
      for (let i = 0; i < repeat && !failure; i++) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', name, setName, String(scale), outFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
        const line = run.stdout.trim().split('\n').pop() ?? '';
        if (run.status !== 0 || !line.startsWith('{')) {
          failure = (run.stderr || run.stdout).trim().split('\n').slice(-3).join(' ');
          break;
        }
        const result = JSON.parse(line) as Result;
        if (!best || result.ms < best.ms) best = result;
      }
      if (!best) {
        console.log(`| ${setName} | ${name} | failed: ${failure} ||||`);
        continue;
      }
      const r = best;
      const verdict = r.bytes > 0 ? await check(r.file).catch((e: unknown) => `DuckDB cannot read it: ${String(e).split('\n')[0]!}`) : '';
      console.log(`| ${setName} | ${name} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US')} | ${(r.bytes / 1e6).toFixed(1)} | ${Math.round(r.maxRssMb)} | ${verdict} |`);
    }
  }
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`outputs kept in ${dir}`);
}

await main();
