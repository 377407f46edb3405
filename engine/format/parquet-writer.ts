/**
 * Parquet files: rows are gathered column by column into Arrow buffers in JS, and each full row
 * group is handed to parquet-wasm (arrow-rs) through its streaming writer, which encodes it
 * (ZSTD unless asked otherwise, PLAIN encoding, column-chunk statistics) and hands the bytes straight back.
 *
 * Chosen by measurement over DuckDB (appender + COPY) and hyparquet-writer, on 1M narrow and
 * 200k × 30 wide rows: fastest and leanest; DuckDB was about 2× slower on wide rows with about 2×
 * the RSS, needs a file's rows staged raw in a table and yields bytes only at COPY; hyparquet-writer
 * was slower, larger in memory and a new dependency. Dictionary encoding is off (with ZSTD it made
 * the files about 20% larger). The measuring script, scripts/bench/parquet-writers.ts, was retired
 * once the choice was made (it is in the history, commit 19d8c83); `npm run bench` keeps measuring
 * this writer against DuckDB's.
 *
 * The parts: sizing (parquet-sizing.ts), column builders (parquet-column-builders.ts) with their
 * temporal text parsers (temporal-text.ts), the encoding on a worker thread (parquet-worker.ts):
 * a row group encodes there while the next one fills here. This thread never loads parquet-wasm:
 * the writer properties and the zero-row file come from the worker.
 */
import * as arrow from 'apache-arrow';
import type { ParquetCompression, ParquetDictionary } from '../../shared/model/schema.ts';
import type { BuiltFile, FileBuilder, FileColumn, FileFormatWriter, Row } from './file-builder.ts';
import { columnBuilder, type ColumnBuilder } from './parquet-column-builders.ts';
import { parquetEmptyFile, parquetWorkerFile, type ParquetWorkerFile } from './parquet-worker.ts';
import { TupleFields } from './pg-binary-tuples.ts';
import { CODEC_GROWTH, DEFAULT_ROW_GROUP_ROWS, UNFLUSHED, chunkDataBound, rowGroupMetadataBound, rowGroupRawTrigger, sliceRows, type CodecGrowth } from './parquet-sizing.ts';

export interface ParquetWriterOptions {
  /** Most rows in one row group (default 1,000,000); groups are also cut by size, see below. */
  readonly rowGroupRows?: number;
  /** Raw bytes at which the first row group is cut, if before `rowGroupRows` (default: min(32 MiB, limit / 8)). */
  readonly rowGroupBytes?: number;
  /** Which columns are dictionary encoded (default `strings`: string and uuid columns). */
  readonly dictionary?: ParquetDictionary;
  /** The pages' codec (default `zstd`); the size bound allows for each codec's worst case. */
  readonly compression?: ParquetCompression;
  /**
   * What a row is: the engine's row values (`values`, the default), or `[tuple]`, one tuple of
   * PostgreSQL's binary COPY (`pgBinary`, see pg-binary-tuples.ts), decoded without text.
   */
  readonly rows?: 'values' | 'pgBinary';
}

/**
 * The Parquet format for one entity: ZSTD (or the codec asked for), PLAIN encoding, column-chunk statistics; logical types
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
 *   for the rows still held raw (raw size + the codec's worst-case growth + level and page overhead) +
 *   a bound for the footer (the measured size of an empty file with this schema + a per-column-chunk
 *   allowance) stays within the limit; a slice that does not fit is taken back and retried at half
 *   the size, down to one row. Since the raw part is at most 1/8 of the limit, files come out at
 *   about 85–95% of the limit for large inputs (less for very small limits, where the footer
 *   allowance weighs more).
 * Callers must await each `add` before the next call.
 */
export function parquetWriter(columns: readonly FileColumn[], options: ParquetWriterOptions = {}): FileFormatWriter {
  const maxRows = Math.max(1, Math.floor(options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS));
  const groupMetadata = rowGroupMetadataBound(columns);
  const dictionary = dictionaryFlags(columns, options.dictionary ?? 'strings');
  const compression = options.compression ?? 'zstd';
  const shared: SharedState = {
    columns, maxRows, groupMetadata, dictionary, dictionaryColumns: columns.filter((_, c) => dictionary[c]).map((c) => c.name), rowGroupBytes: options.rowGroupBytes,
    compression, growth: CODEC_GROWTH[compression],
    binary: options.rows === 'pgBinary', emptyFile: undefined, emptyBytes: undefined, rowsSeen: 0, bytesSeen: 0,
  };
  // Asked for now: the worker starts (and writes it) while the source starts sending rows.
  void requestEmptyFile(shared);
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
  /** Per column, whether it is dictionary encoded. */
  readonly dictionary: readonly boolean[];
  /** The names of those columns, for the worker's writer. */
  readonly dictionaryColumns: readonly string[];
  readonly rowGroupBytes: number | undefined;
  /** Rows are binary COPY tuples. */
  readonly binary: boolean;
  /** The pages' codec, and how much it can grow a page at worst. */
  readonly compression: ParquetCompression;
  readonly growth: CodecGrowth;
  /** A valid zero-row file with this schema, written on the worker; its size is the footer's fixed part. */
  emptyFile: Promise<Uint8Array> | undefined;
  /** Its size, once it is there (every `add` waits for it first). */
  emptyBytes: number | undefined;
  /** Raw bytes per row so far (all files of the entity), to size slices. */
  rowsSeen: number;
  bytesSeen: number;
}

/** Text repeats (codes, names, states) and gains from a dictionary; numbers and times rarely do. */
const DICTIONARY_KINDS: Readonly<Record<ParquetDictionary, (column: FileColumn) => boolean>> = {
  strings: (column) => column.type.kind === 'string' || column.type.kind === 'uuid',
  all: () => true,
  none: () => false,
};

export function dictionaryFlags(columns: readonly FileColumn[], dictionary: ParquetDictionary): boolean[] {
  return columns.map(DICTIONARY_KINDS[dictionary]);
}

/**
 * The entity's zero-row file, asked of the worker once (measured: with ZSTD, dictionary encoding
 * made number columns larger and slower to write, so the default keeps it to text; statistics are
 * always written, they let readers skip row groups — see parquet-worker.ts for the properties).
 */
function requestEmptyFile(shared: SharedState): Promise<Uint8Array> {
  if (!shared.emptyFile) {
    const schema = arrowIpc(shared.columns.map((c) => columnBuilder(c)), 0);
    const encoding = { rowGroupRows: 1, dictionaryColumns: shared.dictionaryColumns, compression: shared.compression };
    shared.emptyFile = parquetEmptyFile(encoding, schema).then((bytes) => {
      shared.emptyBytes = bytes.length;
      return bytes;
    });
    // A failure surfaces at the first add or finish, not as an unhandled rejection meanwhile.
    shared.emptyFile.catch(() => undefined);
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

class ParquetFileBuilder implements FileBuilder {
  rows = 0;
  private readonly builders: ColumnBuilder[];
  /** Rows held raw in `builders`. */
  private held = 0;
  /** The file's row-group size, fixed when the first group is cut (0 until then). */
  private groupRows = 0;
  private groups = 0;
  private readonly rawTrigger: number;
  private sink: ParquetWorkerFile | undefined;
  /** Parquet bytes the worker passed on so far, kept as the file's chunks. */
  private readonly chunks: Uint8Array[] = [];
  private sinkBytes = 0;
  /** The row group being encoded on the worker (at most one) and the bound of its raw data. */
  private encoding: Promise<void> | undefined;
  private encodingBound = 0;
  private closed = false;
  /** Binary COPY rows: where the fields of the slice being appended lie. */
  private readonly fields: TupleFields | undefined;

  constructor(private readonly shared: SharedState, private readonly firstRow: number, private readonly limit: number) {
    this.builders = shared.columns.map((c) => columnBuilder(c));
    this.fields = shared.binary ? new TupleFields(shared.columns.length) : undefined;
    this.rawTrigger = shared.rowGroupBytes ?? rowGroupRawTrigger(limit);
  }

  async add(rows: readonly Row[], start: number, end: number): Promise<number> {
    this.assertOpen();
    const { shared } = this;
    if (shared.emptyBytes === undefined) await requestEmptyFile(shared);
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
      chunks = [(await requestEmptyFile(this.shared)).slice()];
    } else {
      if (this.held > 0) await this.flushGroup();
      await this.encoding;
      this.keep(await this.sink!.close());
      chunks = this.chunks;
    }
    let bytes = 0;
    for (const chunk of chunks) bytes += chunk.length;
    for (const b of this.builders) b.release();
    this.fields?.clear();
    return { firstRow: this.firstRow, rows: this.rows, chunks, bytes };
  }

  abandon(): void {
    this.closed = true;
    this.sink?.abort();
    this.sink = undefined;
    this.chunks.length = 0;
    for (const b of this.builders) b.release();
    this.fields?.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('this Parquet file is already finished or abandoned');
  }

  /** Rows to try next (see sliceRows). */
  private sliceRows(): number {
    const { shared } = this;
    return sliceRows({
      rowsSeen: shared.rowsSeen, bytesSeen: shared.bytesSeen, columns: this.builders.length, limit: this.limit,
      bound: this.bound(), groupRowsFixed: this.groupRows > 0, rawTrigger: this.rawTrigger, rawHeld: this.rawBytes(), codec: shared.growth,
    });
  }

  /** Bytes the finished file could reach with the rows taken so far (see parquetWriter). */
  private bound(): number {
    // A group on the worker counts by its raw bound until its bytes are back.
    let bound = (this.sink ? this.sinkBytes + UNFLUSHED : 0) + this.encodingBound + this.shared.emptyBytes! + (this.groups + 1) * this.shared.groupMetadata;
    bound += this.heldBound();
    return bound;
  }

  private append(rows: readonly Row[], from: number, to: number): void {
    const { builders, held } = this;
    if (this.fields) appendTuples(builders, this.fields, rows, from, to, held);
    else for (let c = 0; c < builders.length; c++) builders[c]!.append(rows, from, to, c, held);
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

  /**
   * Sends the held rows to the worker as one row group and returns once the previous group is
   * encoded: one group encodes there while this thread fills the next.
   */
  /** The worst-case encoded bytes of the rows held raw, column by column (a dictionary column's worst case is larger). */
  private heldBound(): number {
    let bound = 0;
    for (let c = 0; c < this.builders.length; c++) bound += chunkDataBound(this.held, this.builders[c]!.dataBytes, this.shared.dictionary[c]!, this.shared.growth);
    return bound;
  }

  private async flushGroup(): Promise<void> {
    if (!this.groupRows) this.groupRows = this.held;
    await this.encoding;
    const bound = this.heldBound();
    const ipc = arrowIpc(this.builders, this.held);
    for (const b of this.builders) b.reset();
    this.held = 0;
    this.groups++;
    const sink = (this.sink ??= parquetWorkerFile({ rowGroupRows: this.groupRows, dictionaryColumns: this.shared.dictionaryColumns, compression: this.shared.compression }));
    this.encodingBound = bound;
    const encoding = sink.write(ipc).then((bytes) => {
      this.keep(bytes);
      this.encodingBound = 0;
    });
    this.encoding = encoding;
    // A failure surfaces at the next flush or at finish, not as an unhandled rejection meanwhile.
    encoding.catch(() => undefined);
  }

  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.sinkBytes += bytes.length;
  }
}

/** Appends binary COPY tuples `rows[from..to)` at row `at`: their fields located once, then decoded column by column. */
function appendTuples(builders: readonly ColumnBuilder[], fields: TupleFields, rows: readonly Row[], from: number, to: number, at: number): void {
  fields.locate(rows, from, to);
  for (const builder of builders) builder.reserve(at + to - from);
  for (let c = 0; c < builders.length; c++) builders[c]!.appendFields(fields, c, at);
}
