/**
 * Parquet files: rows are gathered column by column into Arrow buffers in JS, and each full row
 * group is handed to parquet-wasm (arrow-rs) through its streaming writer, which encodes it
 * (ZSTD, PLAIN encoding, column-chunk statistics) and hands the bytes straight back.
 *
 * Chosen by measurement (scripts/bench/parquet-writers.ts) over DuckDB (appender + COPY) and
 * hyparquet-writer: fastest and leanest; DuckDB needs a file's rows staged raw in a table and
 * yields bytes only at COPY, and hyparquet-writer was slower, larger in memory and a new dependency.
 */
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import type { ColumnType } from '../../shared/model/column-type.ts';
import type { BuiltFile, FileBuilder, FileColumn, FileFormatWriter, Row } from './file-builder.ts';

export interface ParquetWriterOptions {
  /** Most rows in one row group (default 1,000,000); groups are also cut by size, see below. */
  readonly rowGroupRows?: number;
}

const DEFAULT_ROW_GROUP_ROWS = 1_000_000;
/** A row group is cut once its raw data reaches this, or 1/8 of the file limit if less. */
const MAX_ROW_GROUP_RAW_BYTES = 32 * 1024 * 1024;
const ROW_GROUP_SHARE_OF_LIMIT = 8;
/** Rows are taken in slices of at most this many, fewer as the file nears its limit. */
const MAX_SLICE_ROWS = 4096;
const FIRST_SLICE_ROWS = 64;

// Worst-case encoded size of raw data held (see parquetWriter). PLAIN encoding never needs more
// bytes than our raw count (4/8/16 bytes per fixed value, 4 + length per byte array, 1 bit per
// boolean); ZSTD adds at most 1/256 plus a few bytes per page; definition levels take one bit per
// value; each page adds a header and an offset-index entry; arrow-rs cuts a page at 20,000 rows or
// 1 MiB.
const ZSTD_GROWTH = 1.005;
const PAGE_ROWS = 20_000;
const PAGE_BYTES = 1024 * 1024;
const PER_PAGE = 160;
/**
 * Footer metadata of one column chunk beyond its name: type, encodings, sizes, offsets, size
 * statistics, min/max (arrow-rs truncates them to 64 bytes). Measured: 130–190 bytes.
 */
const PER_COLUMN_CHUNK = 400;
const PER_ROW_GROUP = 96;
/**
 * arrow-rs writes through a `BufWriter` (8 KiB), so up to that much of the groups written so far
 * may not have come out yet; twice that is allowed for.
 */
const UNFLUSHED = 16 * 1024;

/**
 * The Parquet format for one entity: ZSTD, PLAIN encoding, column-chunk statistics; logical types
 * INT16/INT32/INT64, DECIMAL(p,s) (from the exact text, never through a float), FLOAT, DOUBLE,
 * DATE, TIME(micros), TIMESTAMP(micros; adjusted to UTC for datetimeoffset, after applying the
 * offset), STRING (string, uuid), BYTE_ARRAY (binary).
 *
 * Size and memory: a file never passes its limit, and holds at most the file plus one row group.
 * - Row groups are encoded as soon as they fill, so the bytes of every finished group are known
 *   (but for up to 8 KiB that arrow-rs buffers); they are kept as the file's chunks (no second
 *   copy of raw rows).
 * - A row group is cut at `rowGroupRows` rows or when its raw data reaches min(32 MiB, limit / 8),
 *   whichever comes first; the row count reached then is the file's row-group size (arrow-rs cuts
 *   groups by row count).
 * - `add` takes rows in slices and keeps a slice only while bytes produced + a worst-case bound
 *   for the rows still held raw (raw size + ZSTD's worst-case growth + level and page overhead) +
 *   a bound for the footer (the measured size of an empty file with this schema + a per-column-chunk
 *   allowance) stays within the limit; a slice that does not fit is taken back and retried at half
 *   the size, down to one row. Since the raw part is at most 1/8 of the limit, files come out at
 *   about 85–95% of the limit for large inputs (less for very small limits, where the footer
 *   allowance weighs more).
 * Callers must await each `add` before the next call.
 */
export function parquetWriter(columns: readonly FileColumn[], options: ParquetWriterOptions = {}): FileFormatWriter {
  const maxRows = Math.max(1, Math.floor(options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS));
  let groupMetadata = PER_ROW_GROUP;
  for (const c of columns) groupMetadata += PER_COLUMN_CHUNK + Buffer.byteLength(c.name);
  const shared: SharedState = { columns, maxRows, groupMetadata, emptyFile: undefined, rowsSeen: 0, bytesSeen: 0 };
  return {
    extension: '.parquet',
    newFile: (firstRow, limit) => new ParquetFileBuilder(shared, firstRow, limit),
  };
}

interface SharedState {
  readonly columns: readonly FileColumn[];
  readonly maxRows: number;
  /** Most footer bytes one row group adds. */
  readonly groupMetadata: number;
  /** A valid zero-row file with this schema; its size is the footer's fixed part. */
  emptyFile: Uint8Array | undefined;
  /** Raw bytes per row so far (all files of the entity), to size slices. */
  rowsSeen: number;
  bytesSeen: number;
}

function writerProperties(rowGroupRows: number): pw.WriterProperties {
  return new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setStatisticsEnabled(pw.EnabledStatistics.Chunk)
    // Measured: with ZSTD, dictionary encoding made files larger and slower to write; PLAIN also
    // keeps the worst-case size bound simple.
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(rowGroupRows)
    .build();
}

function emptyFile(shared: SharedState): Uint8Array {
  if (!shared.emptyFile) {
    const builders = shared.columns.map((c) => columnBuilder(c));
    const table = pw.Table.fromIPCStream(arrowIpc(builders, 0));
    shared.emptyFile = pw.writeParquet(table, writerProperties(1));
  }
  return shared.emptyFile;
}

function arrowIpc(builders: readonly ColumnBuilder[], length: number): Uint8Array {
  const schema = new arrow.Schema(builders.map((b) => b.field));
  if (length === 0) return arrow.tableToIPC(new arrow.Table(schema), 'stream');
  const children = builders.map((b) => b.data(length));
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children });
  return arrow.tableToIPC(new arrow.Table([new arrow.RecordBatch(schema, struct)]), 'stream');
}

/** Worst-case encoded bytes of one column chunk holding `rows` values and `dataBytes` raw bytes. */
function chunkDataBound(rows: number, dataBytes: number): number {
  const pages = Math.ceil(rows / PAGE_ROWS) + Math.ceil(dataBytes / PAGE_BYTES) + 1;
  return dataBytes * ZSTD_GROWTH + rows / 8 + pages * PER_PAGE;
}

class ParquetFileBuilder implements FileBuilder {
  rows = 0;
  private readonly builders: ColumnBuilder[];
  /** Rows held raw in `builders`. */
  private held = 0;
  /** The file's row-group size, fixed when the first group is cut (0 until then). */
  private groupRows = 0;
  private groups = 0;
  private readonly rawTrigger: number;
  private sink: RowGroupSink | undefined;
  private closed = false;

  constructor(private readonly shared: SharedState, private readonly firstRow: number, private readonly limit: number) {
    this.builders = shared.columns.map((c) => columnBuilder(c));
    this.rawTrigger = Math.min(MAX_ROW_GROUP_RAW_BYTES, limit / ROW_GROUP_SHARE_OF_LIMIT);
  }

  async add(rows: readonly Row[], start: number, end: number): Promise<number> {
    this.assertOpen();
    const { shared } = this;
    let r = start;
    while (r < end) {
      const groupCap = (this.groupRows || shared.maxRows) - this.held;
      let slice = Math.min(end - r, groupCap, this.sliceRows());
      for (;;) {
        const before = this.rawBytes();
        this.append(rows, r, r + slice);
        if (this.bound() <= this.limit || (slice === 1 && this.rows === 0)) {
          shared.rowsSeen += slice;
          shared.bytesSeen += this.rawBytes() - before;
          break;
        }
        this.truncate(this.held - slice);
        if (slice === 1) return r - start;
        slice >>= 1;
      }
      this.rows += slice;
      r += slice;
      if (this.held >= (this.groupRows || shared.maxRows) || (!this.groupRows && this.rawBytes() >= this.rawTrigger)) {
        await this.flushGroup();
      }
    }
    return r - start;
  }

  async finish(): Promise<BuiltFile> {
    this.assertOpen();
    this.closed = true;
    let chunks: Uint8Array[];
    if (this.rows === 0) {
      chunks = [emptyFile(this.shared).slice()];
    } else {
      if (this.held > 0) await this.flushGroup();
      chunks = await this.sink!.close();
    }
    let bytes = 0;
    for (const chunk of chunks) bytes += chunk.length;
    for (const b of this.builders) b.release();
    return { firstRow: this.firstRow, rows: this.rows, chunks, bytes };
  }

  abandon(): void {
    this.closed = true;
    this.sink?.abort();
    this.sink = undefined;
    for (const b of this.builders) b.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('this Parquet file is already finished or abandoned');
  }

  /**
   * Rows to try next, at the raw size per row seen so far: about half of what the room left would
   * hold, and while the row-group size is not fixed, no more than reach the raw-size cut.
   */
  private sliceRows(): number {
    const { shared } = this;
    if (shared.rowsSeen === 0) return FIRST_SLICE_ROWS;
    const rawPerRow = shared.bytesSeen / shared.rowsSeen + 1;
    let rows = (this.limit - this.bound()) / (rawPerRow * ZSTD_GROWTH + this.builders.length / 8) / 2;
    if (!this.groupRows) rows = Math.min(rows, Math.ceil((this.rawTrigger - this.rawBytes()) / rawPerRow));
    return Math.max(1, Math.min(MAX_SLICE_ROWS, Math.floor(rows)));
  }

  /** Bytes the finished file could reach with the rows taken so far (see parquetWriter). */
  private bound(): number {
    const { builders } = this;
    let bound = (this.sink ? this.sink.bytes + UNFLUSHED : 0) + emptyFile(this.shared).length + (this.groups + 1) * this.shared.groupMetadata;
    for (const b of builders) bound += chunkDataBound(this.held, b.dataBytes);
    return bound;
  }

  private append(rows: readonly Row[], from: number, to: number): void {
    const { builders, held } = this;
    for (let c = 0; c < builders.length; c++) builders[c]!.append(rows, from, to, c, held);
    this.held += to - from;
  }

  private truncate(keep: number): void {
    for (const b of this.builders) b.truncate(keep, this.held);
    this.held = keep;
  }

  private rawBytes(): number {
    let bytes = 0;
    for (const b of this.builders) bytes += b.dataBytes;
    return bytes;
  }

  private async flushGroup(): Promise<void> {
    if (!this.groupRows) this.groupRows = this.held;
    const ipc = arrowIpc(this.builders, this.held);
    for (const b of this.builders) b.reset();
    this.held = 0;
    this.groups++;
    const table = pw.Table.fromIPCStream(ipc);
    const batch = table.recordBatch(0);
    table.free();
    if (!batch) throw new Error('parquet-wasm lost a record batch');
    this.sink ??= new RowGroupSink(writerProperties(this.groupRows));
    await this.sink.write(batch);
  }
}

/**
 * One file being written by parquet-wasm's `transformParquetStream`: record batches go in through
 * a pull-based stream, Parquet bytes come out. `write` resolves once the writer asks for the next
 * batch, i.e. once it has encoded this one and passed on any row group it completed.
 */
class RowGroupSink {
  bytes = 0;
  private readonly chunks: Uint8Array[] = [];
  private controller!: ReadableStreamDefaultController<pw.RecordBatch>;
  private demand: Promise<void>;
  private onDemand!: () => void;
  private readonly done: Promise<void>;
  private failure: unknown;

  constructor(properties: pw.WriterProperties) {
    this.demand = this.nextDemand();
    const input = new ReadableStream<pw.RecordBatch>(
      { start: (c) => { this.controller = c; }, pull: () => { this.onDemand(); } },
      { highWaterMark: 0 },
    );
    // transformParquetStream reads the first batch (for the schema) before it resolves.
    this.done = (async () => {
      const output = (await pw.transformParquetStream(input, properties)) as ReadableStream<Uint8Array>;
      const reader = output.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.chunks.push(value);
        this.bytes += value.length;
      }
    })();
    this.done.catch((error: unknown) => { this.failure = error ?? new Error('Parquet writer failed'); });
  }

  async write(batch: pw.RecordBatch): Promise<void> {
    await this.waitForDemand();
    this.demand = this.nextDemand();
    this.controller.enqueue(batch);
    await this.waitForDemand();
    // The writer has passed its output on; let the reader take it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.failure) throw asError(this.failure);
  }

  async close(): Promise<Uint8Array[]> {
    this.controller.close();
    await this.done;
    return this.chunks;
  }

  abort(): void {
    try {
      this.controller.error(new Error('Parquet file abandoned'));
    } catch {
      // already closed or failed
    }
    this.chunks.length = 0;
  }

  private nextDemand(): Promise<void> {
    return new Promise<void>((resolve) => { this.onDemand = resolve; });
  }

  private async waitForDemand(): Promise<void> {
    await Promise.race([this.demand, this.done.then(() => { throw new Error('Parquet writer stopped early'); })]);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

// ---------------------------------------------------------------------------------------------
// Column builders: one per column, each with its own loop over the rows (monomorphic, no per-row
// allocation) writing into typed arrays that are reused from one row group to the next.

abstract class ColumnBuilder {
  /** Raw bytes of the values held (the size of their PLAIN encoding). */
  dataBytes = 0;
  nullCount = 0;
  protected validity = new Uint8Array(128);
  protected capacity = 1024;

  constructor(readonly field: arrow.Field, protected readonly column: FileColumn) {}

  /** Appends `rows[from..to)[c]` at row `at` of the group. */
  abstract append(rows: readonly Row[], from: number, to: number, c: number, at: number): void;
  /** The Arrow data of the first `length` rows (views of the builder's buffers). */
  abstract data(length: number): arrow.Data;
  protected abstract grow(capacity: number): void;
  /** Raw bytes of rows `keep..held`, which hold `nonNull` values, being taken back. */
  protected abstract removed(keep: number, held: number, nonNull: number): number;

  /** Takes back rows `keep..held` (the last slice appended). */
  truncate(keep: number, held: number): void {
    const { validity } = this;
    let nonNull = 0;
    for (let i = keep; i < held; i++) {
      const mask = 1 << (i & 7);
      const byte = validity[i >> 3]!;
      if (byte & mask) {
        nonNull++;
        validity[i >> 3] = byte & ~mask;
      }
    }
    this.nullCount -= held - keep - nonNull;
    this.dataBytes -= this.removed(keep, held, nonNull);
  }

  reset(): void {
    this.validity.fill(0);
    this.nullCount = 0;
    this.dataBytes = 0;
  }

  release(): void {
    this.capacity = 0;
    this.validity = new Uint8Array(0);
    this.grow(0);
    this.reset();
  }

  protected ensure(rows: number): void {
    if (rows <= this.capacity) return;
    let capacity = Math.max(this.capacity * 2, 1024);
    while (capacity < rows) capacity *= 2;
    const validity = new Uint8Array(capacity >> 3);
    validity.set(this.validity);
    this.validity = validity;
    this.grow(capacity);
    this.capacity = capacity;
  }

  protected make(length: number, props: object): arrow.Data {
    return arrow.makeData({
      type: this.field.type, length, nullCount: this.nullCount, nullBitmap: this.validity.subarray(0, (length + 7) >> 3), ...props,
    } as never);
  }

  protected invalid(value: unknown, expected: string): Error {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value) : String(value);
    return new Error(`column "${this.column.name}": expected ${expected}, got ${typeof value} ${shown}`);
  }
}

type TypedArray = Uint8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A new array of length `n` starting with the values of `old`. */
function grown<T extends TypedArray>(old: T, make: (n: number) => T, n: number): T {
  const next = make(n);
  (next as { set(values: ArrayLike<number>): void }).set(old.subarray(0, Math.min(old.length, n)));
  return next;
}

class BooleanBuilder extends ColumnBuilder {
  private bits = new Uint8Array(128);
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, bits } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'boolean') throw this.invalid(v, 'a boolean');
      validity[i >> 3]! |= 1 << (i & 7);
      if (v) bits[i >> 3]! |= 1 << (i & 7);
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) / 8;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.bits.subarray(0, (length + 7) >> 3) }); }
  protected grow(capacity: number): void { this.bits = grown(this.bits, (n) => new Uint8Array(n), capacity >> 3); }
  override reset(): void { super.reset(); this.bits.fill(0); }
  protected removed(keep: number, held: number, nonNull: number): number {
    for (let i = keep; i < held; i++) this.bits[i >> 3]! &= ~(1 << (i & 7));
    return nonNull / 8;
  }
}

type NumberArray = Int16Array | Int32Array | Float32Array | Float64Array;

/** smallint, int, float, double: numbers stored as they are (after a range check for integers). */
class NumberBuilder extends ColumnBuilder {
  private values: NumberArray;
  constructor(
    field: arrow.Field, column: FileColumn, private readonly alloc: (n: number) => NumberArray,
    private readonly check: (v: number) => boolean, private readonly width: number, private readonly expected: string,
  ) {
    super(field, column);
    this.values = alloc(this.capacity);
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, values, check } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'number' || !check(v)) throw this.invalid(v, this.expected);
      validity[i >> 3]! |= 1 << (i & 7);
      values[i] = v;
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * this.width;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void { this.values = grown(this.values, this.alloc, capacity); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * this.width; }
}

class BigIntBuilder extends ColumnBuilder {
  private values = new BigInt64Array(this.capacity);
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, values } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'bigint' || v !== BigInt.asIntN(64, v)) throw this.invalid(v, 'a 64-bit bigint');
      validity[i >> 3]! |= 1 << (i & 7);
      values[i] = v;
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * 8;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void {
    const next = new BigInt64Array(capacity);
    next.set(this.values.subarray(0, Math.min(capacity, this.values.length)));
    this.values = next;
  }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 8; }
}

// --- Text parsing (fixed layouts, by char codes; no substrings) ---

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/;
/** Sticky: tested at `lastIndex`. */
const TIME = /([01]\d|2[0-3]):[0-5]\d:[0-5]\d/y;

/** `YYYY-MM-DD` at the start of `s` as days since the epoch, or NaN. */
function parseDays(s: string): number {
  if (!DATE.test(s)) return NaN;
  return daysFromCivil(digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2), two(s, 5), two(s, 8));
}

/** Index after the time parsed last by parseTimeMicros. */
let timeEnd = 0;

/** `HH:MM:SS[.f…]` at `at` as microseconds since midnight (digits past the sixth are dropped), or NaN. */
function parseTimeMicros(s: string, at: number): number {
  TIME.lastIndex = at;
  if (!TIME.test(s)) return NaN;
  let micros = (two(s, at) * 3600 + two(s, at + 3) * 60 + two(s, at + 6)) * 1_000_000;
  let i = at + 8;
  if (s.charCodeAt(i) === 46) {
    let scale = 100_000;
    for (i++; i < s.length; i++) {
      const d = digit(s, i);
      if (d < 0 || d > 9) break;
      micros += d * scale;
      scale /= 10;
    }
    micros = Math.floor(micros);
  }
  timeEnd = i;
  return micros;
}

/** Offset `+HH:MM`, `-HH:MM` or `Z` at `at`, in minutes east of UTC, or NaN. */
function parseOffsetMinutes(s: string, at: number): number {
  const sign = s.charCodeAt(at);
  if (sign === 90 && s.length === at + 1) return 0; // Z
  if ((sign !== 43 && sign !== 45) || s.length !== at + 6 || s.charCodeAt(at + 3) !== 58) return NaN;
  const minutes = two(s, at + 1) * 60 + two(s, at + 4);
  return sign === 45 ? -minutes : minutes;
}

const MICROS_PER_DAY = 86_400_000_000;
/** Within this many days of 1970, days * MICROS_PER_DAY + a day's micros is a safe integer. */
const SAFE_DAYS = 104_000;

type Int64Parser = (s: string) => number;

/** time, datetime, datetimeoffset: 64-bit microseconds parsed from text. */
class MicrosBuilder extends ColumnBuilder {
  private words = new Int32Array(this.capacity * 2);
  constructor(field: arrow.Field, column: FileColumn, private readonly parse: Int64Parser, private readonly expected: string) {
    super(field, column);
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, words, parse } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'string') throw this.invalid(v, this.expected);
      const days = parse(v);
      if (Number.isNaN(days)) throw this.invalid(v, this.expected);
      validity[i >> 3]! |= 1 << (i & 7);
      if (days > -SAFE_DAYS && days < SAFE_DAYS) {
        const x = days * MICROS_PER_DAY + partMicros;
        const hi = Math.floor(x / 4294967296);
        words[2 * i] = x - hi * 4294967296;
        words[2 * i + 1] = hi;
      } else {
        const x = BigInt.asUintN(64, BigInt(days) * BigInt(MICROS_PER_DAY) + BigInt(partMicros));
        words[2 * i] = Number(x & 0xffffffffn);
        words[2 * i + 1] = Number(x >> 32n);
      }
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * 8;
  }
  data(length: number): arrow.Data {
    return this.make(length, { data: new BigInt64Array(this.words.buffer, 0, length) });
  }
  protected grow(capacity: number): void { this.words = grown(this.words, (n) => new Int32Array(n), capacity * 2); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 8; }
}

/** Microseconds parsed beside the days (see MicrosBuilder). */
let partMicros = 0;

// Each returns days (NaN if the text is not valid) and leaves the rest in `partMicros`.
const parseTime: Int64Parser = (s) => {
  partMicros = parseTimeMicros(s, 0);
  return Number.isNaN(partMicros) || timeEnd !== s.length ? NaN : 0;
};
const parseDateTime: Int64Parser = (s) => {
  const separator = s.charCodeAt(10);
  if (separator !== 32 && separator !== 84) return NaN;
  partMicros = parseTimeMicros(s, 11);
  return Number.isNaN(partMicros) || timeEnd !== s.length ? NaN : parseDays(s);
};
const parseDateTimeOffset: Int64Parser = (s) => {
  const separator = s.charCodeAt(10);
  if (separator !== 32 && separator !== 84) return NaN;
  partMicros = parseTimeMicros(s, 11);
  if (Number.isNaN(partMicros)) return NaN;
  const offset = parseOffsetMinutes(s, timeEnd);
  if (Number.isNaN(offset)) return NaN;
  partMicros -= offset * 60_000_000;
  return parseDays(s);
};

class DateBuilder extends ColumnBuilder {
  private values = new Int32Array(this.capacity);
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, values } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      const days = typeof v === 'string' && v.length === 10 ? parseDays(v) : NaN;
      if (Number.isNaN(days)) throw this.invalid(v, 'a date YYYY-MM-DD');
      validity[i >> 3]! |= 1 << (i & 7);
      values[i] = days;
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * 4;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void { this.values = grown(this.values, (n) => new Int32Array(n), capacity); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 4; }
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * decimal(p,s) from exact text: the unscaled integer as a 128-bit two's complement value. Up to
 * 15 significant digits it is computed with doubles (exact below 2^53); beyond, with a bigint.
 */
class DecimalBuilder extends ColumnBuilder {
  private words = new Uint32Array(this.capacity * 4);
  private readonly width: number;
  constructor(field: arrow.Field, column: FileColumn, private readonly precision: number, private readonly scale: number) {
    super(field, column);
    // arrow-rs stores precision <= 9 as INT32, <= 18 as INT64, else as the fewest bytes that fit.
    this.width = precision <= 9 ? 4 : precision <= 18 ? 8 : Math.ceil((precision * Math.log2(10) + 1) / 8);
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, words, scale } = this;
    const maxIntegerDigits = this.precision - scale;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'string') throw this.invalid(v, `decimal(${this.precision},${scale}) text`);
      // One pass: sign, digits (leading zeros skipped), one optional point.
      const length = v.length;
      let k = 0;
      const negative = v.charCodeAt(0) === 45;
      if (negative || v.charCodeAt(0) === 43) k = 1;
      let value = 0;
      let significant = 0;
      let integerDigits = 0;
      let fractionDigits = -1;
      let digits = 0;
      for (; k < length; k++) {
        const ch = v.charCodeAt(k);
        if (ch === 46 && fractionDigits < 0) { fractionDigits = 0; continue; }
        const d = ch - 48;
        if (d < 0 || d > 9) { digits = -1; break; }
        digits++;
        if (fractionDigits >= 0) fractionDigits++;
        if (significant > 0 || d !== 0) {
          significant++;
          if (fractionDigits < 0) integerDigits++;
          if (significant <= 15) value = value * 10 + d;
        }
      }
      if (fractionDigits < 0) fractionDigits = 0;
      if (digits <= 0 || fractionDigits > scale || integerDigits > maxIntegerDigits) {
        throw this.invalid(v, `decimal(${this.precision},${scale}) text`);
      }
      validity[i >> 3]! |= 1 << (i & 7);
      const w = i * 4;
      const pad = scale - fractionDigits;
      if (significant + pad <= 15) {
        const x = negative ? -value * POWERS_OF_TEN[pad]! : value * POWERS_OF_TEN[pad]!;
        const hi = Math.floor(x / 4294967296);
        words[w] = x - hi * 4294967296;
        words[w + 1] = hi;
        words[w + 2] = words[w + 3] = x < 0 ? 0xffffffff : 0;
      } else {
        const dot = v.indexOf('.');
        let x = BigInt((dot < 0 ? v : v.slice(0, dot) + v.slice(dot + 1)) + '0'.repeat(pad));
        for (let j = 0; j < 4; j++) {
          words[w + j] = Number(x & 0xffffffffn);
          x >>= 32n;
        }
      }
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * this.width;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.words.subarray(0, length * 4) }); }
  protected grow(capacity: number): void { this.words = grown(this.words, (n) => new Uint32Array(n), capacity * 4); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * this.width; }
}

/** string, uuid (UTF-8) and binary: offsets plus one byte buffer. */
class BytesBuilder extends ColumnBuilder {
  private offsets = new Int32Array(this.capacity + 1);
  private bytes: Buffer = Buffer.allocUnsafe(64 * 1024);
  constructor(field: arrow.Field, column: FileColumn, private readonly text: boolean) {
    super(field, column);
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, offsets } = this;
    let bytes = this.bytes;
    let end = offsets[at]!;
    const start = end;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) {
        nulls++;
      } else if (this.text) {
        if (typeof v !== 'string') throw this.invalid(v, 'a string');
        const length = v.length;
        if (end + length * 3 > bytes.length) bytes = this.growBytes(end, length * 3);
        // ASCII by hand (no call per value); other text by Buffer, from the start.
        let k = 0;
        for (; k < length; k++) {
          const ch = v.charCodeAt(k);
          if (ch >= 128) break;
          bytes[end + k] = ch;
        }
        end += k === length ? length : bytes.write(v, end);
        validity[i >> 3]! |= 1 << (i & 7);
      } else {
        if (!(v instanceof Uint8Array)) throw this.invalid(v, 'a Uint8Array');
        if (end + v.length > bytes.length) bytes = this.growBytes(end, v.length);
        bytes.set(v, end);
        end += v.length;
        validity[i >> 3]! |= 1 << (i & 7);
      }
      offsets[i + 1] = end;
    }
    this.nullCount += nulls;
    this.dataBytes += end - start + (to - from - nulls) * 4;
  }
  data(length: number): arrow.Data {
    return this.make(length, { valueOffsets: this.offsets.subarray(0, length + 1), data: this.bytes.subarray(0, this.offsets[length]!) });
  }
  override reset(): void { super.reset(); this.offsets[0] = 0; }
  protected removed(keep: number, held: number, nonNull: number): number {
    return this.offsets[held]! - this.offsets[keep]! + nonNull * 4;
  }
  protected grow(capacity: number): void {
    this.offsets = grown(this.offsets, (n) => new Int32Array(n), capacity + 1);
    if (capacity === 0) this.bytes = Buffer.alloc(0);
  }
  private growBytes(used: number, more: number): Buffer {
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, used + more));
    this.bytes.copy(next, 0, 0, used);
    this.bytes = next;
    return next;
  }
}

const isInt32 = (v: number): boolean => (v | 0) === v;
const isInt16 = (v: number): boolean => (v << 16) >> 16 === v;
const isNumber = (): boolean => true;

function columnBuilder(column: FileColumn): ColumnBuilder {
  const type: ColumnType = column.type;
  const field = (t: arrow.DataType): arrow.Field => new arrow.Field(column.name, t, true);
  switch (type.kind) {
    case 'boolean': return new BooleanBuilder(field(new arrow.Bool()), column);
    case 'smallint': return new NumberBuilder(field(new arrow.Int16()), column, (n) => new Int16Array(n), isInt16, 4, 'a smallint number');
    case 'int': return new NumberBuilder(field(new arrow.Int32()), column, (n) => new Int32Array(n), isInt32, 4, 'an int number');
    case 'float': return new NumberBuilder(field(new arrow.Float32()), column, (n) => new Float32Array(n), isNumber, 4, 'a number');
    case 'double': return new NumberBuilder(field(new arrow.Float64()), column, (n) => new Float64Array(n), isNumber, 8, 'a number');
    case 'bigint': return new BigIntBuilder(field(new arrow.Int64()), column);
    case 'decimal': return new DecimalBuilder(field(new arrow.Decimal(type.scale, type.precision, 128)), column, type.precision, type.scale);
    case 'date': return new DateBuilder(field(new arrow.DateDay()), column);
    case 'time': return new MicrosBuilder(field(new arrow.TimeMicrosecond()), column, parseTime, 'a time HH:MM:SS[.ffffff]');
    case 'datetime': return new MicrosBuilder(field(new arrow.TimestampMicrosecond()), column, parseDateTime, 'a datetime YYYY-MM-DD HH:MM:SS[.ffffff]');
    case 'datetimeoffset':
      return new MicrosBuilder(field(new arrow.TimestampMicrosecond('UTC')), column, parseDateTimeOffset, 'a datetimeoffset YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM');
    case 'string': case 'uuid': return new BytesBuilder(field(new arrow.Utf8()), column, true);
    case 'binary': return new BytesBuilder(field(new arrow.Binary()), column, false);
  }
}
