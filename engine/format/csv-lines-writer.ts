/**
 * Files from CSV lines a server already formatted (PostgreSQL `COPY … TO STDOUT`). The bytes are
 * passed through as they came: only the header, compression and the cut at the size limit happen
 * here. Lines travel as offsets into the chunk they arrived in, never as one object per line: a
 * million rows would otherwise be two million short-lived objects for the garbage collector.
 */
import type { Compression } from '../../shared/model/schema.ts';
import { blockCompressor, blockSizeFor, compressedBound, startCompressor } from './compressor.ts';
import type { Batch, BuiltFile, FileBuilder, FileFormatWriter } from './file-builder.ts';

/** Complete CSV lines: line `i` is `bytes[i === 0 ? 0 : ends[i - 1] .. ends[i])`, its `\n` included. */
export interface LineBatch extends Batch {
  readonly bytes: Buffer;
  readonly ends: readonly number[];
}

/** Where line `i` of a batch starts. */
const lineStart = (ends: readonly number[], i: number): number => (i === 0 ? 0 : ends[i - 1]!);

/** The first line in `[lo, hi)` for which `past` holds, or `hi`: `past` must hold from some line on, if at all. */
function firstPast(lo: number, hi: number, past: (line: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function csvLinesWriter(header: string, compression: Compression): FileFormatWriter<LineBatch> {
  const headerBytes = Buffer.from(header, 'utf8');
  // The writer is made as the COPY starts: the zstd worker boots meanwhile, not under the first block.
  startCompressor(compression);
  return {
    extension: `.csv${compression === 'gzip' ? '.gz' : compression === 'zstd' ? '.zst' : ''}`,
    newFile(firstRow: number, limit: number): FileBuilder<LineBatch> {
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
        async add(batch: LineBatch, start: number, end: number) {
          const { bytes, ends } = batch;
          let r = start;
          while (r < end) {
            // Take lines up to the block size while the file stays within its limit; the bytes
            // compressed so far change only while this awaits, so they are fixed here. Both
            // conditions hold for a run of lines and then never again (`ends` only grows), so
            // the cut is found by halving, not by visiting every line: for 1M narrow rows the
            // per-line loop was a fifth of the main thread's own time in the COPY.
            const from = lineStart(ends, r);
            const room = blockBytes - pendingBytes;
            // A line is taken while the block is below its size: the one reaching it is the last.
            const untilBlock = room <= 0 ? r : Math.min(end, firstPast(r, end, (j) => ends[j]! - from >= room) + 1);
            // The file's first line goes in whatever its size; any other only while the file stays within its limit.
            const checked = Math.min(rows === 0 ? r + 1 : r, untilBlock);
            const k = firstPast(checked, untilBlock, (j) => out.bytes + compressedBound(out.inFlight + pendingBytes + ends[j]! - from, compression) > limit);
            const full = k < untilBlock;
            if (k > r) {
              pending.push(bytes.subarray(from, ends[k - 1]));
              pendingBytes += ends[k - 1]! - from;
              rows += k - r;
              r = k;
            }
            if (full) {
              // The blocks in flight count at their raw size until compressed: with their real
              // size known the line may fit after all (see BlockCompressor.settle).
              if (out.inFlight === 0) break;
              await out.settle();
              continue;
            }
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
 * qualifier inside one toggles twice, so the count stays right). Yields batches of complete lines
 * that point into the chunks as they came: a line cut by a chunk's end is completed from the next
 * chunk into a small buffer of its own and yielded alone, ahead of the rest of that chunk, which
 * is never copied (gluing each chunk behind the carried part was one more copy of every byte).
 */
export async function* csvLines(chunks: AsyncIterable<Uint8Array>, qualifier: string): AsyncGenerator<LineBatch> {
  const q = qualifier.charCodeAt(0);
  // The parts of a line cut by chunk ends, and whether the scan is inside a qualified value.
  let carry: Buffer[] = [];
  let quoted = false;
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    // Where this chunk's batch begins, and its line ends relative to that.
    let start = 0;
    const ends: number[] = [];
    let i = 0;
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
      i = newline + 1;
      if (carry.length) {
        // Only the chunk's first line can complete a carried one (the carry is emptied here), so
        // `ends` is still empty and the batch may begin after it.
        carry.push(buffer.subarray(0, i));
        const line = Buffer.concat(carry);
        carry = [];
        yield { length: 1, bytes: line, ends: [line.length] };
        start = i;
      } else {
        ends.push(i - start);
      }
    }
    const end = start + (ends.length ? ends[ends.length - 1]! : 0);
    if (ends.length) yield { length: ends.length, bytes: buffer.subarray(start, end), ends };
    if (end < buffer.length) carry.push(buffer.subarray(end));
  }
  if (carry.length) throw new Error('the CSV stream ended inside a row');
}
