/**
 * The CSV buffer step: rows formatted with the extract's delimiter, text qualifier (doubled inside
 * values), NULL marker and header, UTF-8, `\n` line ends; compressed block by block.
 */
import type { Compression, Extract } from '../../shared/model/schema.ts';
import type { CsvLayout } from '../../shared/sql/entity-sql.ts';
import { blockCompressor, compressedBound } from './compressor.ts';
import type { BuiltFile, FileBuilder, FileColumn, FileFormatWriter, Row } from './file-builder.ts';

/**
 * How binary values are written as text, for the warehouse that reads the file: DuckDB casts
 * `\xHH` escapes to BLOB, PostgreSQL's bytea reads `\x` then hex, others (MariaDB through UNHEX,
 * Synapse PolyBase) read plain hex.
 */
export type { BinaryText } from '../../shared/sql/entity-sql.ts';
import type { BinaryText } from '../../shared/sql/entity-sql.ts';

export interface CsvOptions extends CsvLayout {
  readonly compression: Compression;
  readonly binary: BinaryText;
  /** Text per compressed block, at most; smaller blocks cut files closer to the limit. */
  readonly blockChars?: number;
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');

type Cell = (value: unknown) => string;

/** The header line of an extract's CSV files ('' without one): names qualified where needed. */
export function csvHeader(extract: Extract, columns: readonly FileColumn[]): string {
  if (extract.format.kind !== 'csv' || !extract.format.header) return '';
  const { delimiter, qualifier, nullMarker } = extract.format;
  const needsQuote = new RegExp(`[${escapeRegExp(delimiter)}${escapeRegExp(qualifier)}\\n\\r]`);
  const names = columns.map((c) => (c.name === nullMarker || needsQuote.test(c.name) ? qualifier + c.name.replaceAll(qualifier, qualifier + qualifier) + qualifier : c.name));
  return `${names.join(delimiter)}\n`;
}

/** Makes the CSV writer for an entity's columns. */
export function csvWriter(columns: readonly FileColumn[], options: CsvOptions): FileFormatWriter {
  const { delimiter, qualifier, nullMarker, compression } = options;
  const needsQuote = new RegExp(`[${escapeRegExp(delimiter)}${escapeRegExp(qualifier)}\\n\\r]`);
  const doubled = new RegExp(escapeRegExp(qualifier), 'g');
  const twice = qualifier + qualifier;
  const quoted = (text: string): string => qualifier + (text.includes(qualifier) ? text.replace(doubled, twice) : text) + qualifier;
  // Text equal to the NULL marker (the empty string by default) is qualified so it stays text.
  const text: Cell = (v) => {
    const s = v as string;
    return s === nullMarker || needsQuote.test(s) ? quoted(s) : s;
  };
  const plain: Cell = (v) => {
    const s = String(v);
    return needsQuote.test(s) ? quoted(s) : s;
  };
  const bool: Cell = (v) => (v ? '1' : '0');
  const hex: Cell =
    options.binary === 'postgres' ? (v) => `\\x${Buffer.from(v as Uint8Array).toString('hex')}`
      : options.binary === 'duckdb' ? (v) => Buffer.from(v as Uint8Array).toString('hex').replace(/(..)/g, '\\x$1')
        : (v) => Buffer.from(v as Uint8Array).toString('hex');
  // Empty bytes are empty text: qualified when that is the NULL marker, so they stay apart from NULL.
  const binary: Cell = (v) => {
    const s = hex(v);
    return s === nullMarker ? quoted(s) : s;
  };
  // Numbers, dates, times, decimals and uuids are made of the characters [0-9a-zA-Z.:+ -] only
  // (NaN and Infinity included): when neither the delimiter nor the qualifier is one of them and
  // the NULL marker cannot be such a value, they are written without any check.
  const markerSafe = nullMarker === '' || !/^[-+0-9.:eE ]*$|^-?(NaN|Infinity)$|^[0-9a-fA-F-]+$/.test(nullMarker);
  const typedSafe = markerSafe && !/[0-9a-zA-Z.:+ -]/.test(delimiter + qualifier);
  const asIs: Cell = (v) => v as string;
  const number: Cell = (v) => String(v);
  const cells: Cell[] = columns.map((c) => {
    switch (c.type.kind) {
      case 'boolean': return bool;
      case 'binary': return binary;
      case 'string': return text;
      case 'uuid': case 'date': case 'time': case 'datetime': case 'datetimeoffset': case 'decimal': return typedSafe ? asIs : text;
      default: return typedSafe ? number : plain;
    }
  });
  const header = options.header ? `${columns.map((c) => text(c.name)).join(delimiter)}\n` : '';
  const width = cells.length;

  return {
    extension: `.csv${compression === 'gzip' ? '.gz' : compression === 'zstd' ? '.zst' : ''}`,
    newFile(firstRow: number, limit: number): FileBuilder {
      // Blocks small against the limit, so a file ends close to it.
      const blockChars = options.blockChars ?? Math.max(4096, Math.min(256 * 1024, Math.floor(limit / 16)));
      const out = blockCompressor(compression);
      let pending = header;
      /** Exact UTF-8 size of `pending`, once near the limit; -1 while an upper bound (3 bytes a char) does. */
      let pendingBytes = -1;
      let rows = 0;
      /** The block being compressed while the next is formatted, and its size (0 once flushed). */
      let compressing: Promise<void> = Promise.resolve();
      let compressingBytes = 0;
      const fits = (line: string): boolean => {
        if (out.bytes + compressedBound(compressingBytes + (pending.length + line.length) * 3, compression) <= limit) return true;
        if (pendingBytes < 0) pendingBytes = Buffer.byteLength(pending);
        return out.bytes + compressedBound(compressingBytes + pendingBytes + Buffer.byteLength(line), compression) <= limit;
      };
      const drain = async (): Promise<void> => {
        await compressing;
        const block = Buffer.from(pending, 'utf8');
        pending = '';
        pendingBytes = -1;
        compressingBytes = block.length;
        compressing = out.write(block).then(() => {
          compressingBytes = 0;
        });
        // Keeps a failure for the next await instead of an unhandled rejection meanwhile.
        compressing.catch(() => undefined);
      };
      return {
        get rows() { return rows; },
        async add(batch: readonly Row[], start: number, end: number) {
          let r = start;
          for (; r < end; r++) {
            const row = batch[r]!;
            let line = '';
            for (let i = 0; i < width; i++) {
              const v = row[i];
              if (i) line += delimiter;
              line += v === null ? nullMarker : cells[i]!(v);
            }
            line += '\n';
            if (rows > 0 && !fits(line)) break;
            if (pendingBytes >= 0) pendingBytes += Buffer.byteLength(line);
            pending += line;
            rows++;
            if (pending.length >= blockChars) await drain();
          }
          return r - start;
        },
        async finish(): Promise<BuiltFile> {
          if (pending) await drain();
          await compressing;
          await out.end();
          return { firstRow, rows, chunks: out.chunks, bytes: out.bytes };
        },
        abandon() {
          pending = '';
          out.destroy();
        },
      };
    },
  };
}
