/**
 * Merging landed files into one, row for row, for `landfall compact`. Nothing is parsed into
 * values and written again, so a merged file holds exactly the bytes of its members' rows:
 * - CSV (any compression): each member is decompressed, every member's header line after the
 *   first is dropped (it must be the first member's, byte for byte), the rows are concatenated in
 *   order and compressed again as the extract compresses (the same block compressor as a run).
 * - Parquet: each member's row groups are read as Arrow record batches and written, in order, by
 *   the run's own Parquet writer (ZSTD, statistics, the extract's dictionary columns and row-group
 *   size), so small row groups come together up to the configured size.
 */
import { gunzipSync } from 'node:zlib';
import { decompress } from 'zstd-napi';
import type { Compression } from '../shared/model/schema.ts';
import { blockCompressor, blockSizeFor } from './format/compressor.ts';
import type { ParquetEncoding } from './format/parquet-worker.ts';

/** How the members of a merge were written. */
export type MergeFormat =
  | { readonly kind: 'csv'; readonly compression: Compression; readonly header: boolean; readonly qualifier: string }
  | { readonly kind: 'parquet'; readonly encoding: ParquetEncoding };

/** A merged file: its content and the rows it holds. */
export interface MergedFile {
  readonly chunks: readonly Uint8Array[];
  readonly bytes: number;
  readonly rows: number;
}

/** The compression a CSV file's name says it has (`.csv.gz`, `.csv.zst`, `.csv`). */
export function csvCompressionOf(name: string): Compression {
  return name.endsWith('.gz') ? 'gzip' : name.endsWith('.zst') ? 'zstd' : 'none';
}

function inflate(bytes: Uint8Array, compression: Compression): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (compression === 'gzip') return gunzipSync(buffer);
  if (compression === 'zstd') return decompress(buffer);
  return buffer;
}

const NEWLINE = 0x0a;

/**
 * The end (exclusive) of the first CSV record of `text` and the number of records: a line break
 * inside a qualified value (the qualifier doubled inside values, so toggling on it is exact) does
 * not end a record.
 */
function csvRecords(text: Buffer, qualifier: number): { firstEnd: number; records: number } {
  let quoted = false;
  let records = 0;
  let firstEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === qualifier) quoted = !quoted;
    else if (c === NEWLINE && !quoted) {
      records++;
      if (firstEnd < 0) firstEnd = i + 1;
    }
  }
  // A last record without a line end still counts (the engine always ends lines; others may not).
  if (text.length > 0 && text[text.length - 1] !== NEWLINE) {
    records++;
    if (firstEnd < 0) firstEnd = text.length;
  }
  return { firstEnd: Math.max(firstEnd, 0), records };
}

/** The rows one landed file holds (for history files, which have no manifest). */
export async function countRows(bytes: Uint8Array, name: string, format: MergeFormat): Promise<number> {
  if (format.kind === 'parquet') {
    const pw = await import('parquet-wasm');
    const table = pw.readParquet(bytes);
    try {
      let rows = 0;
      for (let i = 0; i < table.numBatches; i++) rows += table.recordBatch(i)!.numRows;
      return rows;
    } finally {
      table.free();
    }
  }
  const { records } = csvRecords(inflate(bytes, csvCompressionOf(name)), format.qualifier.charCodeAt(0));
  return format.header ? Math.max(0, records - 1) : records;
}

/** Merges `members` (file name and bytes, in row order) into one file of `format`. */
export async function mergeFiles(members: readonly { name: string; bytes: Uint8Array }[], format: MergeFormat): Promise<MergedFile> {
  return format.kind === 'csv' ? mergeCsv(members, format) : mergeParquet(members, format.encoding);
}

async function mergeCsv(members: readonly { name: string; bytes: Uint8Array }[], format: MergeFormat & { kind: 'csv' }): Promise<MergedFile> {
  const qualifier = format.qualifier.charCodeAt(0);
  const out = blockCompressor(format.compression);
  let header: Buffer | undefined;
  let rows = 0;
  try {
    for (const member of members) {
      let text = inflate(member.bytes, csvCompressionOf(member.name));
      const { firstEnd, records } = csvRecords(text, qualifier);
      if (format.header) {
        const own = text.subarray(0, firstEnd);
        if (header === undefined) {
          header = own;
          await out.write(own);
        } else if (!own.equals(header)) {
          throw new Error(`${member.name} has another header than ${members[0]!.name} (the entity's columns changed between them): files with different columns are not merged`);
        }
        text = text.subarray(firstEnd);
        rows += Math.max(0, records - 1);
      } else rows += records;
      // Blocks of the size a run flushes, so the compressed output is about what a run would write.
      const block = blockSizeFor(text.length);
      for (let at = 0; at < text.length; at += block) await out.write(text.subarray(at, at + block));
    }
    await out.end();
    return { chunks: out.chunks, bytes: out.bytes, rows };
  } catch (error) {
    out.destroy();
    throw error;
  }
}

async function mergeParquet(members: readonly { name: string; bytes: Uint8Array }[], encoding: ParquetEncoding): Promise<MergedFile> {
  const pw = await import('parquet-wasm');
  const { parquetWorkerFile } = await import('./format/parquet-worker.ts');
  const sink = parquetWorkerFile(encoding);
  const chunks: Uint8Array[] = [];
  let rows = 0;
  let schema: Buffer | undefined;
  try {
    for (const member of members) {
      const table = pw.readParquet(member.bytes);
      try {
        const own = Buffer.from(table.schema.intoIPCStream());
        if (schema === undefined) schema = own;
        else if (!own.equals(schema)) throw new Error(`${member.name} has another schema than ${members[0]!.name} (the entity's columns changed between them): files with different columns are not merged`);
        for (let i = 0; i < table.numBatches; i++) {
          const batch = table.recordBatch(i)!;
          rows += batch.numRows;
          const part = await sink.write(batch.intoIPCStream());
          if (part.length) chunks.push(part);
        }
      } finally {
        table.free();
      }
    }
    const last = await sink.close();
    if (last.length) chunks.push(last);
    return { chunks, bytes: chunks.reduce((n, c) => n + c.length, 0), rows };
  } catch (error) {
    sink.abort();
    throw error;
  }
}
