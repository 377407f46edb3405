/**
 * Files from CSV lines a server already formatted (PostgreSQL `COPY … TO STDOUT`): each row is
 * `[line]`, one complete line of bytes ending in `\n`. Only the header, compression and the cut at
 * the size limit happen here; the bytes are passed through as they came.
 */
import type { Compression } from '../../shared/model/schema.ts';
import { blockCompressor, blockSizeFor, compressedBound } from './compressor.ts';
import type { BuiltFile, FileBuilder, FileFormatWriter, Row } from './file-builder.ts';

export function csvLinesWriter(header: string, compression: Compression): FileFormatWriter {
  const headerBytes = Buffer.from(header, 'utf8');
  return {
    extension: `.csv${compression === 'gzip' ? '.gz' : compression === 'zstd' ? '.zst' : ''}`,
    newFile(firstRow: number, limit: number): FileBuilder {
      const blockBytes = blockSizeFor(limit);
      const out = blockCompressor(compression);
      let pending: Uint8Array[] = headerBytes.length ? [headerBytes] : [];
      let pendingBytes = headerBytes.length;
      let rows = 0;
      const drain = (): Promise<void> => {
        const block = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        return out.write(block);
      };
      return {
        get rows() { return rows; },
        async add(batch: readonly Row[], start: number, end: number) {
          let r = start;
          for (; r < end; r++) {
            const line = batch[r]![0] as Uint8Array;
            if (rows > 0 && out.bytes + compressedBound(out.inFlight + pendingBytes + line.length, compression) > limit) break;
            pending.push(line);
            pendingBytes += line.length;
            rows++;
            if (pendingBytes >= blockBytes) await drain();
          }
          return r - start;
        },
        async finish(): Promise<BuiltFile> {
          if (pendingBytes) await drain();
          await out.end();
          return { firstRow, rows, chunks: out.chunks, bytes: out.bytes };
        },
        abandon() {
          pending = [];
          out.destroy();
        },
      };
    },
  };
}

/**
 * Splits a CSV byte stream into lines at row ends: a `\n` outside a qualified value (a doubled
 * qualifier inside one toggles twice, so the count stays right). Yields batches of `[line]` rows.
 */
export async function* csvLines(chunks: AsyncIterable<Uint8Array>, qualifier: string): AsyncGenerator<Row[]> {
  const q = qualifier.charCodeAt(0);
  let carry: Buffer | undefined;
  let quoted = false;
  for await (const chunk of chunks) {
    const buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    // Resume the scan after the carried bytes: their quote state is already known.
    let i = carry ? carry.length : 0;
    carry = undefined;
    const rows: Row[] = [];
    let start = 0;
    // Jumps from quote to quote and newline to newline with native searches, not byte by byte.
    let nextQuote = buffer.indexOf(q, i);
    while (i < buffer.length) {
      if (quoted) {
        if (nextQuote < 0) break;
        quoted = false;
        i = nextQuote + 1;
        nextQuote = buffer.indexOf(q, i);
        continue;
      }
      const newline = buffer.indexOf(10, i);
      if (nextQuote >= 0 && (newline < 0 || nextQuote < newline)) {
        quoted = true;
        i = nextQuote + 1;
        nextQuote = buffer.indexOf(q, i);
        continue;
      }
      if (newline < 0) break;
      rows.push([buffer.subarray(start, newline + 1)]);
      start = i = newline + 1;
    }
    if (start < buffer.length) carry = Buffer.from(buffer.subarray(start));
    if (rows.length) yield rows;
  }
  if (carry?.length) throw new Error('the CSV stream ended inside a row');
}
