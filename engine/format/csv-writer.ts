/**
 * The CSV buffer step: rows formatted with the extract's delimiter, text qualifier (doubled inside
 * values), NULL marker and header, UTF-8, `\n` line ends; compressed block by block.
 */
import type { Compression } from '../../shared/model/schema.ts';
import type { BinaryText, CsvLayout } from '../../shared/sql/stage-hook.ts';
import { blockCompressor, blockSizeFor, compressedBound, startCompressor } from './compressor.ts';
import type { BuiltFile, FileBuilder, FileColumn, FileFormatWriter, Row } from './file-builder.ts';


export interface CsvOptions extends CsvLayout {
  readonly compression: Compression;
  /** How binary values are written, for the warehouse that reads the file (`binaryTextFor`). */
  readonly binary: BinaryText;
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');

/** One non-NULL value as its CSV text. */
export type Cell = (value: unknown) => string;

/** The header line of CSV files in `layout` ('' without one): names qualified like any text. */
export function csvHeader(layout: CsvLayout, columns: readonly FileColumn[]): string {
  if (!layout.header) return '';
  const { delimiter, qualifier, nullMarker } = layout;
  const needsQuote = new RegExp(`[${escapeRegExp(delimiter)}${escapeRegExp(qualifier)}\\n\\r]`);
  const names = columns.map((c) => (c.name === nullMarker || needsQuote.test(c.name) ? qualifier + c.name.replaceAll(qualifier, qualifier + qualifier) + qualifier : c.name));
  return `${names.join(delimiter)}\n`;
}

/**
 * The text of each column's non-NULL values as the CSV writer writes them (qualified where needed),
 * for a caller that writes the rest of the line itself (the MariaDB source's byte lines).
 */
export function csvCells(columns: readonly FileColumn[], options: CsvLayout & { readonly binary: BinaryText }): Cell[] {
  const { delimiter, qualifier, nullMarker } = options;
  const needsQuote = new RegExp(`[${escapeRegExp(delimiter)}${escapeRegExp(qualifier)}\\n\\r]`);
  const doubled = new RegExp(escapeRegExp(qualifier), 'g');
  const twice = qualifier + qualifier;
  const quoted = (text: string): string => qualifier + (text.includes(qualifier) ? text.replace(doubled, twice) : text) + qualifier;
  // Text equal to the NULL marker (the empty string by default) is qualified so it stays text.
  const text: Cell = (v) => {
    const s = v as string;
    return s === nullMarker || needsQuote.test(s) ? quoted(s) : s;
  };
  // A NULL marker a number or boolean can be written as (0, 1, -1, 1e+21): such a value is
  // qualified, as text equal to it is, or the warehouse would read it back as NULL.
  const plain: Cell = (v) => {
    const s = String(v);
    return s === nullMarker || needsQuote.test(s) ? quoted(s) : s;
  };
  // Chosen once: the per-row cell compares nothing unless the marker is a boolean's text.
  const bool: Cell = nullMarker === '0' || nullMarker === '1'
    ? (v) => { const s = v ? '1' : '0'; return s === nullMarker ? quoted(s) : s; }
    : (v) => (v ? '1' : '0');
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
  return cells;
}

/** Makes the CSV writer for an entity's columns. */
export function csvWriter(columns: readonly FileColumn[], options: CsvOptions): FileFormatWriter {
  const { delimiter, nullMarker, compression } = options;
  // The zstd worker boots while the source starts sending rows, not under the first block.
  startCompressor(compression);
  const cells = csvCells(columns, options);
  const header = csvHeader(options, columns);
  const width = cells.length;

  return {
    extension: `.csv${compression === 'gzip' ? '.gz' : compression === 'zstd' ? '.zst' : ''}`,
    newFile(firstRow: number, limit: number): FileBuilder {
      const blockChars = blockSizeFor(limit);
      const out = blockCompressor(compression);
      let pending = header;
      /** Exact UTF-8 size of `pending`, once near the limit; -1 while an upper bound (3 bytes a char) does. */
      let pendingBytes = -1;
      let rows = 0;
      // Bytes produced, plus the most the block in flight and the text not yet compressed can add.
      const fits = (line: string): boolean => {
        if (out.bytes + compressedBound(out.inFlight + (pending.length + line.length) * 3, compression) <= limit) return true;
        if (pendingBytes < 0) pendingBytes = Buffer.byteLength(pending);
        return out.bytes + compressedBound(out.inFlight + pendingBytes + Buffer.byteLength(line), compression) <= limit;
      };
      const drain = (): Promise<void> => {
        const block = Buffer.from(pending, 'utf8');
        pending = '';
        pendingBytes = -1;
        return out.write(block);
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
            if (rows > 0 && !fits(line)) {
              // The blocks in flight count at their raw size until compressed: with their real
              // size known the line may fit after all (see BlockCompressor.settle).
              if (out.inFlight === 0) break;
              await out.settle();
              if (!fits(line)) break;
            }
            if (pendingBytes >= 0) pendingBytes += Buffer.byteLength(line);
            pending += line;
            rows++;
            if (pending.length >= blockChars) await drain();
          }
          return r - start;
        },
        async finish(): Promise<BuiltFile> {
          if (pending) await drain();
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
