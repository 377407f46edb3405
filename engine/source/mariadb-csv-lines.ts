/**
 * The MariaDB source's rows written into CSV lines straight from the text protocol's row packets:
 * a row is a sequence of length-coded byte strings (0xFB for NULL), and a value whose bytes are
 * already its CSV text (an integer, a plain decimal, text needing no qualifier) is copied as it is,
 * without a JS string, array or Buffer per value. Any other value is decoded as mysql2 decodes it
 * (see `packetReaders`) and written as the row path writes it: the column's normaliser, then the
 * CSV writer's cell. A value the bytes cannot vouch for (a NUL, invalid UTF-8, longer than its
 * column, a line break the warehouse refuses, an integer out of range, a decimal with too many
 * digits) takes that same way, so it is refused with the same words.
 */
import { isUtf8 } from 'node:buffer';
import mysql from 'mysql2';
import type { FieldPacket } from 'mysql2';
import { daysInMonth } from '../../shared/time.ts';
import { NULL_KEY } from '../../shared/value-problems.ts';
import { valueRefusal } from '../column-normalizers.ts';
import type { LineBatch } from '../format/csv-lines-writer.ts';
import type { Row } from '../format/file-builder.ts';
import { ValueError } from '../values.ts';
import { BATCH_ROWS, type CsvLinesFormat } from './source.ts';

/**
 * How a column's bytes are read: copied as text, integer (`bigInteger`: from a BIGINT), boolean,
 * decimal, date, time or datetime text (with `+00:00` for a datetimeoffset) or a lower-case uuid when
 * they are already the CSV text, or decoded to mysql2's own value (`number`: Number of the text, `bigNumber`: a
 * number where it is a safe integer and the digits beyond, `ascii`, `utf8`, `bytes`).
 */
export type PacketReader = 'text' | 'uuid' | 'integer' | 'bigInteger' | 'boolean' | 'decimal' | 'date' | 'time' | 'datetime' | 'datetimeoffset' | 'number' | 'bigNumber' | 'ascii' | 'utf8' | 'bytes';

const T = mysql.Types;
const INTEGER_TYPES: ReadonlySet<number> = new Set([T.TINY, T.SHORT, T.LONG, T.INT24, T.YEAR]);
const FLOAT_TYPES: ReadonlySet<number> = new Set([T.FLOAT, T.DOUBLE]);
/** Types mysql2 hands as their ASCII text (decimals; dates and times with `dateStrings`). */
const ASCII_TYPES: ReadonlySet<number> = new Set([T.DECIMAL, T.NEWDECIMAL, T.DATE, T.NEWDATE, T.DATETIME, T.TIMESTAMP, T.TIME]);
const TEXT_TYPES: ReadonlySet<number> = new Set([T.VARCHAR, T.VAR_STRING, T.STRING, T.ENUM, T.SET, T.TINY_BLOB, T.MEDIUM_BLOB, T.LONG_BLOB, T.BLOB]);
const BINARY_CHARSET = 63;

/** Digits, a point or a sign in the delimiter or qualifier would need numbers qualified; dates and times add the space and colon. */
const NUMBER_CHAR = /[0-9.+-]/;
const TIME_CHAR = /[0-9.+: -]/;
const UUID_CHAR = /[0-9a-fA-F-]/;

/**
 * Each result column's reader, or undefined when one column is of a type read here in no way
 * known to equal mysql2's (BIT, JSON, GEOMETRY, a text column not in UTF-8 …): the caller then
 * reads the rows through mysql2's parser.
 */
export function packetReaders(fields: readonly FieldPacket[], format: CsvLinesFormat): PacketReader[] | undefined {
  const { delimiter, qualifier, nullMarker } = format.layout;
  const asciiLayout = delimiter.charCodeAt(0) < 128 && qualifier.charCodeAt(0) < 128;
  // Numbers written as their digits are what the CSV writer writes only where no character of
  // theirs needs a qualifier and none can be taken for the NULL marker.
  const plainNumbers = !NUMBER_CHAR.test(delimiter + qualifier) && (nullMarker === '' || !/^[-+0-9.]+$/.test(nullMarker));
  const plainTimes = !TIME_CHAR.test(delimiter + qualifier) && (nullMarker === '' || !/^[-+0-9.: ]+$/.test(nullMarker));
  const plainUuids = !UUID_CHAR.test(delimiter + qualifier) && (nullMarker === '' || !/^[0-9a-fA-F-]+$/.test(nullMarker));
  // A row of another width is refused by the values path, with its words.
  if (fields.length !== format.columns.length) return undefined;
  const readers: PacketReader[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const kind = format.columns[i]?.type.kind;
    const type = field.columnType ?? -1;
    if ((field as { extendedFormat?: string }).extendedFormat !== undefined) return undefined;
    if (INTEGER_TYPES.has(type) || type === T.LONGLONG) {
      const integer = plainNumbers && (kind === 'int' || kind === 'smallint' || kind === 'bigint');
      readers.push(type === T.LONGLONG ? (integer ? 'bigInteger' : 'bigNumber') : integer ? 'integer' : plainNumbers && kind === 'boolean' ? 'boolean' : 'number');
    } else if (FLOAT_TYPES.has(type)) readers.push('number');
    else if (ASCII_TYPES.has(type)) readers.push(asciiReader(type, kind, plainNumbers, plainTimes));
    else if (TEXT_TYPES.has(type) && field.characterSet === BINARY_CHARSET) readers.push('bytes');
    else if (TEXT_TYPES.has(type) && field.encoding === 'utf8') readers.push(asciiLayout && kind === 'string' ? 'text' : plainUuids && kind === 'uuid' ? 'uuid' : 'utf8');
    else return undefined;
  }
  return readers;
}

/** The reader of a column mysql2 hands as ASCII text: its digits copied where the entity's type takes them as they are. */
function asciiReader(type: number, kind: string | undefined, plainNumbers: boolean, plainTimes: boolean): PacketReader {
  if (kind === 'decimal' && (type === T.DECIMAL || type === T.NEWDECIMAL)) return plainNumbers ? 'decimal' : 'ascii';
  if (kind === 'date' && (type === T.DATE || type === T.NEWDATE)) return plainTimes ? 'date' : 'ascii';
  if ((kind === 'datetime' || kind === 'datetimeoffset') && (type === T.DATETIME || type === T.TIMESTAMP)) return plainTimes ? kind : 'ascii';
  if (kind === 'time' && type === T.TIME) return plainTimes ? 'time' : 'ascii';
  return 'ascii';
}

/** Batches of CSV lines built from rows as they come, row `firstRow` first. */
export class CsvLineBuilder {
  private readonly width: number;
  private readonly delimiter: Buffer;
  private readonly d: number;
  private readonly q: number;
  private readonly marker: Buffer;
  private readonly lengths: readonly (number | undefined)[];
  /** Per column, the most digits before and after a decimal's point (0 for other types). */
  private readonly whole: readonly number[];
  private readonly scale: readonly number[];
  /** Per column, the most digits of an integer and the bounds of its range as digit text. */
  private readonly limits: readonly (readonly [string, string] | undefined)[];
  private readonly refusesBreaks: boolean;
  private buf: Buffer;
  private pos = 0;
  private ends: number[] = [];
  private row: number;
  /** Per column, how its bytes are read (see packetReaders); set when the fields arrive. */
  readers: readonly PacketReader[] = [];

  constructor(private readonly format: CsvLinesFormat, firstRow = 1) {
    const { columns, layout } = format;
    this.width = columns.length;
    this.delimiter = Buffer.from(layout.delimiter, 'utf8');
    this.d = layout.delimiter.charCodeAt(0);
    this.q = layout.qualifier.charCodeAt(0);
    this.marker = Buffer.from(layout.nullMarker, 'utf8');
    this.lengths = columns.map((c) => (c.type.kind === 'string' ? c.type.length : undefined));
    this.whole = columns.map((c) => (c.type.kind === 'decimal' ? c.type.precision - c.type.scale : 0));
    this.scale = columns.map((c) => (c.type.kind === 'decimal' ? c.type.scale : 0));
    this.limits = columns.map((c) => INTEGER_LIMITS[c.type.kind as keyof typeof INTEGER_LIMITS]);
    this.refusesBreaks = format.lineBreaksRefused !== undefined;
    this.buf = Buffer.allocUnsafe(1 << 16);
    this.row = firstRow;
  }

  /** Rows in the batch being built. */
  get length(): number {
    return this.ends.length;
  }

  /**
   * Writes the row packet `bytes[start..end)` as a line; true when the batch is full. The bytes
   * are read before this returns (the packet's buffer is the driver's to reuse).
   */
  addPacket(bytes: Buffer, start: number, end: number): boolean {
    const { width, format, readers } = this;
    let c = 0;
    let p = start;
    try {
      for (; c < width; c++) {
        if (p >= end) throw new Error(`a MariaDB row packet ends before its value ${c + 1}`);
        if (c) this.separator();
        const first = bytes[p++]!;
        let length: number;
        if (first < 0xfb) length = first;
        else if (first === 0xfb) {
          if (format.required[c]) throw new ValueError(NULL_KEY);
          this.bytes(this.marker, 0, this.marker.length);
          continue;
        } else if (first === 0xfc) {
          length = bytes[p]! | (bytes[p + 1]! << 8);
          p += 2;
        } else if (first === 0xfd) {
          length = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
          p += 3;
        } else {
          length = bytes.readUInt32LE(p) + bytes.readUInt32LE(p + 4) * 2 ** 32;
          p += 8;
        }
        if (p + length > end) throw new Error(`a MariaDB row packet ends inside its value ${c + 1}`);
        switch (readers[c]!) {
          case 'text': this.rawText(bytes, p, length, c); break;
          case 'integer': this.rawInteger(bytes, p, length, c, false); break;
          case 'bigInteger': this.rawInteger(bytes, p, length, c, true); break;
          case 'boolean': this.rawBoolean(bytes, p, length, c); break;
          case 'decimal': this.rawDecimal(bytes, p, length, c); break;
          case 'date': this.rawDate(bytes, p, length, c); break;
          case 'time': this.rawTime(bytes, p, length, c); break;
          case 'uuid': this.rawUuid(bytes, p, length, c); break;
          case 'datetime': this.rawDateTime(bytes, p, length, c, false); break;
          case 'datetimeoffset': this.rawDateTime(bytes, p, length, c, true); break;
          case 'number': this.value(Number(bytes.toString('latin1', p, p + length)), c); break;
          case 'bigNumber': this.value(bigNumber(bytes.toString('latin1', p, p + length)), c); break;
          case 'ascii': this.value(bytes.toString('ascii', p, p + length), c); break;
          case 'utf8': this.value(bytes.toString('utf8', p, p + length), c); break;
          case 'bytes': this.value(bytes.subarray(p, p + length), c); break;
        }
        p += length;
      }
      if (p !== end) throw new Error(`a MariaDB row packet holds more than its ${width} values`);
    } catch (error) {
      throw this.refusal(error, c);
    }
    return this.lineEnd();
  }

  /** Writes a row of mysql2's values as a line (columns no packet reader takes); true when the batch is full. */
  addValues(row: Row): boolean {
    const { width, format } = this;
    let c = 0;
    try {
      if (row.length !== width) throw new ValueError(`has ${row.length} values for ${width} columns: the extract query must return the entity's columns in order`);
      for (; c < width; c++) {
        if (c) this.bytes(this.delimiter, 0, this.delimiter.length);
        const value = row[c];
        if (value === null || value === undefined) {
          if (format.required[c]) throw new ValueError(NULL_KEY);
          this.bytes(this.marker, 0, this.marker.length);
        } else this.value(value, c);
      }
    } catch (error) {
      throw this.refusal(error, c);
    }
    return this.lineEnd();
  }

  /** The lines built so far, or undefined when there are none; the next batch starts empty. */
  take(): LineBatch | undefined {
    const length = this.ends.length;
    if (!length) return undefined;
    const batch: LineBatch = { length, bytes: this.buf.subarray(0, this.pos), ends: this.ends };
    // The batch keeps its bytes until the file writer has copied them: the next batch writes into
    // a buffer of its own, sized for a batch like this one.
    this.buf = Buffer.allocUnsafe(Math.max(1 << 16, this.pos + (this.pos >> 3)));
    this.pos = 0;
    this.ends = [];
    return batch;
  }

  private refusal(error: unknown, c: number): unknown {
    if (!(error instanceof ValueError)) return error;
    return this.format.refuse(valueRefusal(this.format.entity, this.format.columns[c]?.name ?? '?', this.row, error.message));
  }

  private lineEnd(): boolean {
    this.room(1);
    this.buf[this.pos++] = 10;
    this.ends.push(this.pos);
    this.row++;
    return this.ends.length >= BATCH_ROWS;
  }

  /** A value as the row path writes it: the column's normaliser, then the CSV writer's cell. */
  private value(value: unknown, c: number): void {
    this.text(this.format.cells[c]!(this.format.normalizers[c]!(value)));
  }

  /**
   * An integer's digits, copied where they are `-?[1-9][0-9]*` or `0` within the column's range
   * (compared as digit text: same length, then character by character); anything else takes the
   * normaliser with mysql2's value.
   */
  private rawInteger(bytes: Buffer, p: number, n: number, c: number, big: boolean): void {
    const negative = bytes[p] === 45;
    const from = negative ? p + 1 : p;
    const digits = p + n - from;
    let plain = digits > 0 && (bytes[from] !== 48 || digits === 1) && !(negative && digits === 1 && bytes[from] === 48);
    for (let i = from; plain && i < p + n; i++) {
      const b = bytes[i]!;
      if (b < 48 || b > 57) plain = false;
    }
    const [min, max] = this.limits[c]!;
    const bound = negative ? min : max;
    // The bound's digits without its sign.
    const boundDigits = negative ? bound.length - 1 : bound.length;
    if (plain && digits === boundDigits) {
      for (let i = 0, b = negative ? 1 : 0; i < digits; i++, b++) {
        const diff = bytes[from + i]! - bound.charCodeAt(b);
        if (diff < 0) break;
        if (diff > 0) {
          plain = false;
          break;
        }
      }
    }
    if (plain && digits <= boundDigits) {
      this.bytes(bytes, p, n);
      return;
    }
    const text = bytes.toString('latin1', p, p + n);
    this.value(big ? bigNumber(text) : Number(text), c);
  }

  /**
   * A decimal's digits as the normaliser writes them: `-?(0|[1-9][0-9]*)(\.[0-9]+)?` within the
   * column's digits, zeros after the last fraction digit (MariaDB pads to the column's scale) and
   * a point left without digits dropped, `-0` as `0`; anything else takes the normaliser.
   */
  private rawDecimal(bytes: Buffer, p: number, n: number, c: number): void {
    const end = p + n;
    const negative = bytes[p] === 45;
    const from = negative ? p + 1 : p;
    let i = from;
    while (i < end && bytes[i]! >= 48 && bytes[i]! <= 57) i++;
    const digits = i - from;
    const zero = digits === 1 && bytes[from] === 48;
    let plain = digits > 0 && (zero || (bytes[from] !== 48 && digits <= this.whole[c]!));
    let last = i;
    if (plain && i < end) {
      if (bytes[i] !== 46 || i + 1 === end) plain = false;
      for (let k = i + 1; plain && k < end; k++) {
        const b = bytes[k]!;
        if (b < 48 || b > 57) plain = false;
        else if (b !== 48) last = k + 1;
      }
      if (plain && last > i && last - i - 1 > this.scale[c]!) plain = false;
    }
    if (!plain) {
      this.value(bytes.toString('ascii', p, end), c);
      return;
    }
    // Zero is written without a sign whatever its fraction's zeros.
    if (zero && last === i) this.byte(48);
    else this.bytes(bytes, p, last - p);
  }

  /** `0` or `1` as it is (the boolean cell's text); anything else takes the normaliser. */
  private rawBoolean(bytes: Buffer, p: number, n: number, c: number): void {
    const b = bytes[p];
    if (n === 1 && (b === 48 || b === 49)) this.byte(b);
    else this.value(Number(bytes.toString('latin1', p, p + n)), c);
  }

  /** A `YYYY-MM-DD` calendar date as it is; anything else (a zero date, a day the month lacks) takes the normaliser. */
  private rawDate(bytes: Buffer, p: number, n: number, c: number): void {
    if (n === 10 && calendarDate(bytes, p)) this.bytes(bytes, p, n);
    else this.value(bytes.toString('ascii', p, p + n), c);
  }

  /**
   * A `YYYY-MM-DD HH:MM:SS[.f…]` datetime as the normaliser writes it: the fraction without its
   * trailing zeros (MariaDB pads it to the column's digits), the point gone with them, `+00:00`
   * after it for a datetimeoffset; a zero date, a day the month lacks, a clock past 23:59:59 or
   * more digits than the warehouse keeps take the normaliser (and its words).
   */
  private rawDateTime(bytes: Buffer, p: number, n: number, c: number, offset: boolean): void {
    const last = n >= 19 && calendarDate(bytes, p) && bytes[p + 10] === 32 && clock(bytes, p + 11) ? fractionEnd(bytes, p + 19, p + n, this.format.fractionDigits) : -1;
    if (last < 0) {
      this.value(bytes.toString('ascii', p, p + n), c);
      return;
    }
    this.bytes(bytes, p, last - p);
    if (offset) this.bytes(UTC, 0, UTC.length);
  }

  /**
   * A time of day `HH:MM:SS[.f…]` (00:00:00–23:59:59) as the normaliser writes it, the fraction
   * without its trailing zeros; a negative time, 24 hours or more, or more digits than the
   * warehouse keeps take the normaliser.
   */
  private rawTime(bytes: Buffer, p: number, n: number, c: number): void {
    const last = n >= 8 && clock(bytes, p) ? fractionEnd(bytes, p + 8, p + n, this.format.fractionDigits) : -1;
    if (last < 0) this.value(bytes.toString('ascii', p, p + n), c);
    else this.bytes(bytes, p, last - p);
  }

  /** A lower-case uuid with its hyphens as it is; any other form takes the normaliser (which rewrites it). */
  private rawUuid(bytes: Buffer, p: number, n: number, c: number): void {
    let plain = n === 36;
    for (let i = 0; plain && i < 36; i++) {
      const b = bytes[p + i]!;
      plain = i === 8 || i === 13 || i === 18 || i === 23 ? b === 45 : (b >= 48 && b <= 57) || (b >= 97 && b <= 102);
    }
    if (plain) this.bytes(bytes, p, n);
    else this.value(bytes.toString('utf8', p, p + n), c);
  }

  /** A text column's bytes, qualified where the CSV writer would qualify its text. */
  private rawText(bytes: Buffer, p: number, n: number, c: number): void {
    const end = p + n;
    const { d, q } = this;
    let quote = n === this.marker.length && bytes.compare(this.marker, 0, n, p, end) === 0;
    let slow = false;
    let high = false;
    for (let i = p; i < end; i++) {
      const b = bytes[i]!;
      if (b === d || b === q) quote = true;
      else if (b < 32) {
        if (b === 10 || b === 13) {
          quote = true;
          if (this.refusesBreaks) slow = true;
        } else if (b === 0) slow = true;
      } else if (b >= 128) high = true;
    }
    const length = this.lengths[c];
    if (!slow && length !== undefined && n > length) {
      // Code points, as the normaliser counts them: every byte that does not continue a character.
      let points = 0;
      for (let i = p; i < end; i++) if ((bytes[i]! & 0xc0) !== 0x80) points++;
      slow = points > length;
    }
    if (slow || (high && !isUtf8(bytes.subarray(p, end)))) {
      // mysql2's own decoding (U+FFFD for invalid bytes, as before), then the row path's checks.
      this.value(bytes.toString('utf8', p, end), c);
      return;
    }
    if (!quote) {
      this.bytes(bytes, p, n);
      return;
    }
    this.room(2 * n + 2);
    const buf = this.buf;
    let o = this.pos;
    buf[o++] = q;
    for (let i = p; i < end; i++) {
      const b = bytes[i]!;
      if (b === q) buf[o++] = q;
      buf[o++] = b;
    }
    buf[o++] = q;
    this.pos = o;
  }

  /** A JS string's UTF-8 bytes; short ASCII text by character codes (a native write costs more). */
  private text(s: string): void {
    const n = s.length;
    this.room(3 * n);
    const buf = this.buf;
    if (n < 32) {
      let o = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const code = s.charCodeAt(i);
        if (code >= 128) break;
        buf[o++] = code;
      }
      if (i === n) {
        this.pos = o;
        return;
      }
    }
    this.pos += buf.write(s, this.pos, 'utf8');
  }

  /** The delimiter between two values (one byte but for a non-ASCII delimiter). */
  private separator(): void {
    if (this.delimiter.length !== 1) {
      this.bytes(this.delimiter, 0, this.delimiter.length);
      return;
    }
    this.room(1);
    this.buf[this.pos++] = this.d;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** `bytes[from..from + n)`, short runs byte by byte (a native copy costs more). */
  private bytes(bytes: Buffer, from: number, n: number): void {
    this.room(n);
    if (n < 32) {
      const buf = this.buf;
      let o = this.pos;
      for (let i = from; i < from + n; i++) buf[o++] = bytes[i]!;
      this.pos = o;
    } else this.pos += bytes.copy(this.buf, this.pos, from, from + n);
  }

  /** Makes room for `n` more bytes, keeping what is written. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

/** Each integer type's range as digit text, for comparing digits without parsing them. */
const INTEGER_LIMITS = {
  smallint: ['-32768', '32767'],
  int: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
} as const;

/** A BIGINT's text as mysql2 hands it with `supportBigNumbers`: a number where it is a safe integer, the digits beyond. */
function bigNumber(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const UTC = Buffer.from('+00:00', 'latin1');

/** Whether `bytes[p..p + 10)` is `YYYY-MM-DD` naming a day of the calendar (years 0001–9999). */
function calendarDate(bytes: Buffer, p: number): boolean {
  if (bytes[p + 4] !== 45 || bytes[p + 7] !== 45) return false;
  for (const i of DATE_DIGITS) {
    const b = bytes[p + i]!;
    if (b < 48 || b > 57) return false;
  }
  const year = (bytes[p]! - 48) * 1000 + (bytes[p + 1]! - 48) * 100 + (bytes[p + 2]! - 48) * 10 + bytes[p + 3]! - 48;
  const month = (bytes[p + 5]! - 48) * 10 + bytes[p + 6]! - 48;
  const day = (bytes[p + 8]! - 48) * 10 + bytes[p + 9]! - 48;
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9] as const;

/** Whether `bytes[p..p + 8)` is a time of day `HH:MM:SS` (00:00:00–23:59:59). */
function clock(bytes: Buffer, p: number): boolean {
  if (bytes[p + 2] !== 58 || bytes[p + 5] !== 58) return false;
  for (const i of CLOCK_DIGITS) {
    const b = bytes[p + i]!;
    if (b < 48 || b > 57) return false;
  }
  return (bytes[p]! - 48) * 10 + bytes[p + 1]! - 48 <= 23 && bytes[p + 3]! <= 53 && bytes[p + 6]! <= 53;
}
const CLOCK_DIGITS = [0, 1, 3, 4, 6, 7] as const;

/**
 * Where the text `bytes[at..end)` after a clock ends once the zeros after its last fraction digit
 * (and a point left alone) are gone: `at` for none, -1 unless it is `.` and 1 to 9 digits of which
 * at most `digits` are significant.
 */
function fractionEnd(bytes: Buffer, at: number, end: number, digits: number): number {
  if (at === end) return at;
  if (bytes[at] !== 46 || end - at < 2 || end - at > 10) return -1;
  let last = at;
  for (let i = at + 1; i < end; i++) {
    const b = bytes[i]!;
    if (b < 48 || b > 57) return -1;
    if (b !== 48) last = i + 1;
  }
  return last > at && last - at - 1 > digits ? -1 : last;
}
