/**
 * How big a Parquet file can get: the worst-case bounds that let the writer keep every file within
 * its limit while it still holds rows raw (see parquetWriter), and how rows are sliced and row
 * groups cut so that the raw part stays small next to the limit.
 */
import type { ParquetCompression } from '../../shared/model/schema.ts';
import type { FileColumn } from './file-builder.ts';

export { DEFAULT_ROW_GROUP_ROWS } from '../../shared/model/schema.ts';
/** A row group is cut once its raw data reaches this, or 1/8 of the file limit if less. */
const MAX_ROW_GROUP_RAW_BYTES = 32 * 1024 * 1024;
const ROW_GROUP_SHARE_OF_LIMIT = 8;
/** Rows are taken in slices of at most this many, fewer as the file nears its limit. */
const MAX_SLICE_ROWS = 4096;
const FIRST_SLICE_ROWS = 64;

// Worst-case encoded size of raw data held. PLAIN encoding never needs more bytes than our raw
// count (4/8/16 bytes per fixed value, 4 + length per byte array, 1 bit per boolean); ZSTD adds
// at most 1/256 plus a few bytes per page; definition levels take one bit per value; each page
// adds a header and an offset-index entry; arrow-rs cuts a page at 20,000 rows or 1 MiB.
const ZSTD_GROWTH = 1.005;

/**
 * How much a codec can grow a page's bytes at worst: a factor and bytes per page, beyond the page
 * header. ZSTD: as above. Snappy (the snap crate arrow-rs uses): `max_compress_len` is
 * 32 + n + n/6. Gzip (flate2's GzEncoder): a deflate stream is at most n + n/4096 + n/16384 + 13
 * bytes (zlib's deflateBound; stored blocks where compression does not pay), plus the 18-byte gzip
 * header and trailer; 1/1000 and 64 bytes are allowed. Uncompressed: the bytes themselves.
 */
export interface CodecGrowth {
  readonly factor: number;
  readonly perPage: number;
}
export const CODEC_GROWTH: Readonly<Record<ParquetCompression, CodecGrowth>> = {
  zstd: { factor: ZSTD_GROWTH, perPage: 0 },
  snappy: { factor: 7 / 6, perPage: 32 },
  gzip: { factor: 1.001, perPage: 64 },
  none: { factor: 1, perPage: 0 },
};
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
export const UNFLUSHED = 16 * 1024;

/** Most footer bytes one row group of these columns adds. */
export function rowGroupMetadataBound(columns: readonly FileColumn[]): number {
  let bytes = PER_ROW_GROUP;
  for (const c of columns) bytes += PER_COLUMN_CHUNK + Buffer.byteLength(c.name);
  return bytes;
}

/** Raw bytes at which a file of `limit` bytes cuts its first row group: min(32 MiB, limit / 8). */
export function rowGroupRawTrigger(limit: number): number {
  return Math.min(MAX_ROW_GROUP_RAW_BYTES, limit / ROW_GROUP_SHARE_OF_LIMIT);
}

/**
 * Worst-case encoded bytes of one column chunk holding `rows` values and `dataBytes` raw bytes.
 * A dictionary-encoded chunk may hold, at worst, a dictionary of every value (no more than the raw
 * data), the indices of the rows encoded before its dictionary outgrew its page (at most 4 bytes
 * each) and, after that fallback, the rest PLAIN (no more than the raw data again).
 */
export function chunkDataBound(rows: number, dataBytes: number, dictionary = false, codec: CodecGrowth = CODEC_GROWTH.zstd): number {
  const pages = Math.ceil(rows / PAGE_ROWS) + Math.ceil(dataBytes / PAGE_BYTES) + 1;
  // Levels are compressed with the values, so the codec's growth applies to them too (Snappy: 1/6).
  const plain = (dataBytes + rows / 8) * codec.factor + pages * (PER_PAGE + codec.perPage);
  return dictionary ? 2 * plain + rows * 4 * codec.factor + PER_PAGE + codec.perPage : plain;
}

/** What the next slice is sized from; all byte counts are raw unless said otherwise. */
export interface SliceInput {
  /** Rows and raw bytes taken so far by every file of the entity (0 rows: nothing seen yet). */
  readonly rowsSeen: number;
  readonly bytesSeen: number;
  readonly columns: number;
  readonly limit: number;
  /** The file's current worst-case size. */
  readonly bound: number;
  /** Whether the file's row-group size is fixed yet (it is once the first group was cut). */
  readonly groupRowsFixed: boolean;
  readonly rawTrigger: number;
  /** Raw bytes held in the current row group. */
  readonly rawHeld: number;
  /** The file's codec (ZSTD when absent). */
  readonly codec?: CodecGrowth;
}

/**
 * Rows to try next, at the raw size per row seen so far: about half of what the room left would
 * hold, and while the row-group size is not fixed, no more than reach the raw-size cut.
 */
export function sliceRows(input: SliceInput): number {
  if (input.rowsSeen === 0) return FIRST_SLICE_ROWS;
  const rawPerRow = input.bytesSeen / input.rowsSeen + 1;
  let rows = (input.limit - input.bound) / (rawPerRow * (input.codec ?? CODEC_GROWTH.zstd).factor + input.columns / 8) / 2;
  if (!input.groupRowsFixed) rows = Math.min(rows, Math.ceil((input.rawTrigger - input.rawHeld) / rawPerRow));
  return Math.max(1, Math.min(MAX_SLICE_ROWS, Math.floor(rows)));
}
