/**
 * Splits PostgreSQL's binary COPY stream (`COPY … TO STDOUT (FORMAT binary)`) into tuples: the
 * 11-byte signature, flags and header extension, then per tuple an int16 field count and per
 * field an int32 length (-1 for NULL) and the value's bytes, then an int16 -1 trailer. Each row
 * is `[buffer, start, end]`, where one tuple lies in the chunk, from its field count on: one small
 * array per row and no view object (a `subarray` per row was two allocations per row, and the
 * garbage they made, in the Parquet arm's profile); the Parquet column builders decode the values
 * (see parquet-column-builders.ts, `appendFields`) after `TupleFields` has located a slice's fields.
 */
import type { Row } from './file-builder.ts';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags (int32), header extension length (int32). */
const HEADER_BYTES = SIGNATURE.length + 8;

/** Thrown for a stream that is not binary COPY output of `columns` fields per tuple. */
function malformed(what: string): Error {
  return new Error(`the binary COPY stream is malformed: ${what}`);
}

/** The bytes of a row's tuple (from its field count on). */
export function tupleBytes(row: Row): Buffer {
  return (row[0] as Buffer).subarray(row[1] as number, row[2] as number);
}

/**
 * Where the fields of a slice of tuples lie, tuple after tuple: per tuple its buffer, per field its
 * start and size (-1 for NULL). One pass finds them, so that each column builder then decodes its
 * column in a loop of its own: decoding field by field, row by row, called every builder's decoder
 * from one call site (seven builder classes for the wide bench table), which V8 cannot inline
 * (profile of the Parquet arm, 1M narrow rows: `decode` + `appendBinary` + `appendTuples` were
 * 1.0 s of the main thread's 1.6 s). Reused from slice to slice: no allocation per row.
 */
export class TupleFields {
  /** The tuples located by the last `locate`. */
  count = 0;
  buffers: Buffer[] = [];
  starts = new Int32Array(0);
  sizes = new Int32Array(0);

  constructor(readonly width: number) {}

  /** Locates the fields of the tuples `rows[from..to)`, rows as `pgBinaryTuples` yields them (their fields already checked to lie inside). */
  locate(rows: readonly Row[], from: number, to: number): void {
    const { width } = this;
    const count = to - from;
    if (count * width > this.starts.length) {
      this.starts = new Int32Array(count * width);
      this.sizes = new Int32Array(count * width);
    }
    const { buffers, starts, sizes } = this;
    for (let r = from, k = 0, j = 0; r < to; r++, k++) {
      const row = rows[r]!;
      const tuple = row[0] as Buffer;
      buffers[k] = tuple;
      let pos = (row[1] as number) + 2;
      for (let c = 0; c < width; c++, j++) {
        const size = tuple.readInt32BE(pos);
        pos += 4;
        starts[j] = pos;
        sizes[j] = size;
        if (size > 0) pos += size;
      }
    }
    this.count = count;
  }

  /** Lets go of the chunks the last slice's tuples lay in. */
  clear(): void {
    this.buffers.length = 0;
    this.count = 0;
  }
}

/** Yields batches of `[buffer, start, end]` rows; checks that every tuple has `columns` fields and the stream ends with its trailer. */
export async function* pgBinaryTuples(chunks: AsyncIterable<Uint8Array>, columns: number): AsyncGenerator<Row[]> {
  let carry: Buffer | undefined;
  let header = true;
  let ended = false;
  for await (const chunk of chunks) {
    if (ended) throw malformed('bytes after the trailer');
    const buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    carry = undefined;
    let at = 0;
    if (header) {
      if (buffer.length < HEADER_BYTES) {
        carry = buffer;
        continue;
      }
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw malformed('no PGCOPY signature');
      const extension = buffer.readInt32BE(SIGNATURE.length + 4);
      if (buffer.length < HEADER_BYTES + extension) {
        carry = buffer;
        continue;
      }
      at = HEADER_BYTES + extension;
      header = false;
    }
    const rows: Row[] = [];
    const length = buffer.length;
    for (;;) {
      if (at + 2 > length) break;
      const fields = buffer.readInt16BE(at);
      if (fields === -1) {
        ended = true;
        if (at + 2 !== length) throw malformed('bytes after the trailer');
        at = length;
        break;
      }
      if (fields !== columns) throw malformed(`a tuple of ${fields} fields for ${columns} columns`);
      let end = at + 2;
      let complete = true;
      for (let f = 0; f < fields; f++) {
        if (end + 4 > length) { complete = false; break; }
        const size = buffer.readInt32BE(end);
        end += 4;
        if (size > 0) end += size;
        if (end > length) { complete = false; break; }
      }
      if (!complete) break;
      rows.push([buffer, at, end]);
      at = end;
    }
    if (at < length) {
      // A tuple split across chunks: keep its start for the next one (a copy, so the big chunk can go).
      carry = Buffer.from(buffer.subarray(at));
    }
    if (rows.length) yield rows;
  }
  if (!ended) throw malformed(header ? 'no header' : 'no trailer (the stream ended inside the data)');
}
