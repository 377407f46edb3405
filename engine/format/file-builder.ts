/**
 * The buffer and aggregate steps: rows are formatted into an in-memory file until it reaches the
 * configured size, measured in bytes actually produced (after compression).
 */
import type { ColumnType } from '../../shared/model/column-type.ts';

/**
 * Values in a row, by the column's type (see values.ts): null; boolean; number (smallint, int,
 * float, double); bigint (bigint); string (decimal as exact text, date `YYYY-MM-DD`, time
 * `HH:MM:SS[.fffffff]`, datetime `YYYY-MM-DD HH:MM:SS[.ffffff]`, datetimeoffset the same with
 * `+HH:MM`, string, uuid lower case); Uint8Array (binary).
 */
export type Row = unknown[];

export interface FileColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** A finished in-memory file, ready to land. */
export interface BuiltFile {
  /** The number (from 1) of the file's first row in the extract. */
  readonly firstRow: number;
  readonly rows: number;
  /** The file's content, in order. */
  readonly chunks: readonly Uint8Array[];
  readonly bytes: number;
}

/** What the aggregator hands a file builder: rows, or lines of CSV a server formatted (see csv-lines-writer.ts). */
export interface Batch {
  /** Rows in the batch. */
  readonly length: number;
}

/** One in-memory file being built, never past its size limit. */
export interface FileBuilder<B extends Batch = readonly Row[]> {
  /** Rows added so far. */
  readonly rows: number;
  /**
   * Adds `rows[start]`, `rows[start + 1]`, … up to `end` (exclusive) while the finished file stays
   * within its limit, and returns how many it took: fewer than offered means the file is full and
   * the aggregator starts another. An empty file always takes at least one row (a single row
   * larger than the limit makes a file of its own). Resolves when the builder can take more
   * (compression backpressure).
   */
  add(rows: B, start: number, end: number): Promise<number> | number;
  /** Finishes the file. */
  finish(): Promise<BuiltFile>;
  /** Drops the file (cancellation, failure) and frees what it holds. */
  abandon(): void;
}

/** Starts files of one format for one entity. */
export interface FileFormatWriter<B extends Batch = readonly Row[]> {
  /** The file name ending, e.g. `.csv.zst` or `.parquet`. */
  readonly extension: string;
  /** Starts a file whose finished size (after compression) will not exceed `limit` bytes. */
  newFile(firstRow: number, limit: number): FileBuilder<B>;
}
