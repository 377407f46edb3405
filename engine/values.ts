/**
 * Source values to the engine's row values (see format/file-builder.ts for the forms). Each
 * driver hands back its own types (Date, string, bigint, Buffer, number); one normaliser per
 * column type accepts the forms drivers use and rejects what the warehouse could not take, so a
 * bad value fails with its entity, column and row before anything lands.
 */
import { isUtf8 } from 'node:buffer';
import type { ColumnType } from '../shared/model/column-type.ts';
import {
  formatDate,
  formatDateTime,
  formatTime,
  canonicalDateTimeText,
  canonicalTimeText,
  isCanonicalDate,
  parseDate,
  parseDateTime,
  parseTime,
  toUtc,
  utcDateTimeText,
  type DateTime,
  type TimeProblem,
} from '../shared/time.ts';
import { notDecimalProblem, NULL_KEY, OFFSET_INTO_DATE, OFFSET_INTO_DATETIME, OUT_OF_CALENDAR, precisionProblem, scaleProblem, TIME_INTO_DATE } from '../shared/value-problems.ts';

/** A value the column cannot hold; the pipeline adds entity, column and row. */
export class ValueError extends Error {}

export type Normalizer = (value: unknown) => unknown;

const INT_RANGE = { smallint: [-32768, 32767], int: [-2147483648, 2147483647] } as const;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A value as an error message quotes it: text in quotes (cut at 60 characters), bytes in hex. */
export const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}`;
  if (value instanceof Uint8Array) return `X'${Buffer.from(value.subarray(0, 32)).toString('hex').toUpperCase()}${value.length > 32 ? '…' : ''}' (${value.length} bytes)`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value);
};

const fail = (value: unknown, what: string): never => {
  throw new ValueError(`${show(value)} ${what}`);
};

/** What a date or datetime value is told, per reason shared/time.ts gives. */
const DATE_PROBLEM: Record<TimeProblem, string> = { form: 'is not a date (YYYY-MM-DD)', day: 'is not a valid calendar date', clock: 'is not a time of day (HH:MM:SS)' };
const DATETIME_PROBLEM: Record<TimeProblem, string> = { ...DATE_PROBLEM, form: 'is not a date and time (YYYY-MM-DD HH:MM:SS)' };

/**
 * A Date's UTC fields as text (drivers are set to hand wall-clock times as UTC). tedious gives a
 * SQL Server `datetime2` / `datetimeoffset` / `time` value as a Date of its milliseconds plus a
 * `nanosecondsDelta` property (the rest, in seconds): without it `.1234567` would land as `.123`,
 * and an incremental watermark saved from the landed rows would read the boundary row again on
 * every run.
 */
function dateTimeText(at: Date): string {
  const delta = (at as { readonly nanosecondsDelta?: unknown }).nanosecondsDelta;
  return utcDateTimeText(at, typeof delta === 'number' ? Math.round(delta * 1e7) : 0) ?? fail(at, 'is not a valid date and time');
}

/**
 * Exact decimal text, checked against precision and scale. Zeros after the last fraction digit
 * lose nothing and go; any other digit beyond the scale fails, because every warehouse would
 * round it on load.
 */
function decimalText(value: unknown, precision: number, scale: number): string {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(value, notDecimalProblem(precision, scale));
    text = Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  } else return fail(value, notDecimalProblem(precision, scale));
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return fail(value, notDecimalProblem(precision, scale));
  let digits = m[2]!.replace(/^0+/, '');
  let fraction = m[3] ?? '';
  if (m[4] !== undefined) {
    // Exponent forms (drivers rarely send them): shift the point exactly, in text.
    const shift = Number(m[4]);
    const all = digits + fraction;
    const point = digits.length + shift;
    if (point <= 0) {
      digits = '';
      fraction = '0'.repeat(-point) + all;
    } else if (point >= all.length) {
      digits = all + '0'.repeat(point - all.length);
      fraction = '';
    } else {
      digits = all.slice(0, point);
      fraction = all.slice(point);
    }
    digits = digits.replace(/^0+/, '');
  }
  fraction = fraction.replace(/0+$/, '');
  if (digits.length > precision - scale) return fail(value, precisionProblem(precision, scale));
  if (fraction.length > scale) return fail(value, scaleProblem(precision, scale));
  const sign = m[1] === '-' && (digits !== '' || /[1-9]/.test(fraction)) ? '-' : '';
  return `${sign}${digits || '0'}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The fast path of decimal text, read by character codes: `-?(0|[1-9]\d*)(\.\d+)?` (PostgreSQL
 * and MariaDB text, DuckDB values) that fits `whole` digits before the point and `scale` after it
 * once zeros after the last fraction digit are gone (MariaDB pads the fraction to the column's
 * scale), written as {@link decimalText} writes it; undefined for anything else, which takes
 * that parse (and its messages). It replaces a pattern test per value and the parse of every
 * padded fraction ending in 0.
 */
function plainDecimalText(v: string, whole: number, scale: number): string | undefined {
  const length = v.length;
  const negative = v.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  let i = start;
  for (; i < length; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
  }
  const digits = i - start;
  // "0" has no digits before the point as far as precision goes; other leading zeros take the parse.
  const zero = digits === 1 && v.charCodeAt(start) === 48;
  if (digits === 0 || (digits > 1 && v.charCodeAt(start) === 48) || (!zero && digits > whole)) return undefined;
  if (i === length) return zero ? '0' : v;
  if (v.charCodeAt(i) !== 46 || i + 1 === length) return undefined;
  const point = i;
  let end = point;
  for (i = point + 1; i < length; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    if (d !== 0) end = i + 1;
  }
  if (end - point - 1 > scale) return undefined;
  if (end === point) return zero ? '0' : v.slice(0, point);
  return end === length ? v : v.slice(0, end);
}

function integer(value: unknown, kind: 'smallint' | 'int'): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) n = Number(value);
  else if (typeof value === 'boolean') n = value ? 1 : 0;
  else return fail(value, `is not a whole number (${kind})`);
  const [min, max] = INT_RANGE[kind];
  if (!Number.isInteger(n)) return fail(value, `is not a whole number (${kind})`);
  if (n < min || n > max) return fail(value, `is out of range for ${kind} (${min} to ${max})`);
  return n;
}

function big(value: unknown): bigint {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) n = BigInt(value.trim());
  else return fail(value, 'is not a whole number (bigint)');
  if (n < BIGINT_MIN || n > BIGINT_MAX) return fail(value, 'is out of range for bigint');
  return n;
}

function bool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (value == 0 || value == 1) return value == 1;
  } else if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 't' || t === 'true' || t === '1' || t === 'y' || t === 'yes') return true;
    if (t === 'f' || t === 'false' || t === '0' || t === 'n' || t === 'no') return false;
  } else if (value instanceof Uint8Array && value.length === 1) {
    // MySQL/MariaDB BIT(1)
    return value[0] !== 0;
  }
  return fail(value, 'is not a boolean');
}

function float(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const n = Number(value);
    if (value.trim() !== '' && !Number.isNaN(n)) return n;
  }
  return fail(value, 'is not a number');
}

/** PostgreSQL's texts for what no warehouse holds: `infinity`, `-infinity`, years BC or after 9999. */
const OUTSIDE_CALENDAR = /^[+-]?infinity$| BC$|^\d{5,}-/;

function date(value: unknown): string {
  // The common, already canonical text (drivers' own date text) costs one anchored regex.
  if (typeof value === 'string' && isCanonicalDate(value)) return value;
  if (typeof value === 'string') {
    if (value.length <= 10) {
      const parsed = parseDate(value);
      return parsed.ok ? formatDate(parsed.value) : fail(value, OUTSIDE_CALENDAR.test(value) ? OUT_OF_CALENDAR : DATE_PROBLEM[parsed.problem]);
    }
    const parsed = parseDateTime(value);
    if (!parsed.ok) return fail(value, OUTSIDE_CALENDAR.test(value) ? OUT_OF_CALENDAR : DATE_PROBLEM[parsed.problem]);
    // A datetime's text is a date only at midnight and without a zone: anything else would lose its time.
    const at = parsed.value;
    if (at.offsetMinutes !== undefined) return fail(value, OFFSET_INTO_DATE);
    if (at.hour !== 0 || at.minute !== 0 || at.second !== 0 || /[1-9]/.test(at.fraction)) return fail(value, TIME_INTO_DATE);
    return formatDate(parsed.value);
  }
  if (value instanceof Date) {
    const text = dateTimeText(value);
    return text.length === 19 && text.endsWith(' 00:00:00') ? text.slice(0, 10) : fail(value, TIME_INTO_DATE);
  }
  return fail(value, 'is not a date');
}

function time(value: unknown): string {
  if (typeof value === 'string') {
    // One text per value whichever driver: no zeros after the last fraction digit (MariaDB pads to the column's precision).
    const canonical = canonicalTimeText(value);
    if (canonical !== undefined) return canonical;
    const parsed = parseTime(value);
    return parsed.ok ? formatTime(parsed.value) : fail(value, 'is not a time of day (HH:MM:SS)');
  }
  if (value instanceof Date) return dateTimeText(value).slice(11);
  return fail(value, 'is not a time of day');
}

function dateTime(value: unknown, offset: boolean): string {
  if (typeof value === 'string') {
    // Text without an offset is UTC to a datetimeoffset column (see utc below): the same text, marked.
    const canonical = canonicalDateTimeText(value);
    if (canonical !== undefined) return offset ? `${canonical}+00:00` : canonical;
  }
  if (value instanceof Date) return `${dateTimeText(value)}${offset ? '+00:00' : ''}`;
  if (typeof value !== 'string') return fail(value, offset ? 'is not a date and time with offset' : 'is not a date and time');
  const parsed = parseDateTime(value);
  if (!parsed.ok) return fail(value, OUTSIDE_CALENDAR.test(value) ? OUT_OF_CALENDAR : DATETIME_PROBLEM[parsed.problem]);
  const at = parsed.value;
  if (!offset) {
    if (at.offsetMinutes !== undefined) return fail(value, OFFSET_INTO_DATETIME);
    return formatDateTime(at);
  }
  return `${formatDateTime(utc(at, value))}+00:00`;
}

/**
 * A wall-clock time at an offset as the same instant in UTC: one text per instant whichever
 * source, and right in warehouses whose column keeps no offset (MariaDB).
 */
function utc(at: DateTime, original: string): DateTime {
  try {
    return toUtc(at);
  } catch (error) {
    if (error instanceof RangeError) return fail(original, 'is not a valid date and time: in UTC it falls outside the years 0001–9999');
    throw error;
  }
}

/**
 * Whether `text` is already the uuid text the normaliser writes (lower-case hex, hyphens at 8-4-4-4-12):
 * the common case (PostgreSQL, CHAR(36) columns) costs a scan, not the nine strings of the rewrite.
 */
function isLowerUuid(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Counts characters the way warehouses do for varchar(n) limits (code points). */
function tooLong(text: string, length: number): boolean {
  // UTF-16 length bounds the code point count from above: only long strings need counting.
  if (text.length <= length) return false;
  let count = 0;
  for (const _ of text) if (++count > length) return true;
  return false;
}

/** Bytes in a text column: sources hand over text that is not UTF-8 as its bytes rather than decode it with U+FFFD. */
const notText = (value: unknown): string =>
  value instanceof Uint8Array && !isUtf8(value) ? 'is not valid UTF-8 text: declare the column binary to keep the bytes, or repair the text in the source' : 'is not text';

/** What a NULL business key is told, after its entity, column and row. */

/** The normaliser of one column; `required` for business-key columns, which may not be NULL. */
export function normalizer(type: ColumnType, required: boolean): Normalizer {
  const core = valueNormalizer(type);
  return (value) => {
    if (value === null || value === undefined) {
      if (required) throw new ValueError(NULL_KEY);
      return null;
    }
    return core(value);
  };
}

/** The normaliser of one column's non-NULL values (the engine's row loop checks NULLs itself). */
export function valueNormalizer(type: ColumnType): Normalizer {
  switch (type.kind) {
    case 'boolean':
      return bool;
    case 'smallint':
    case 'int': {
      const kind = type.kind;
      return (v) => (typeof v === 'number' && Number.isInteger(v) && v >= INT_RANGE[kind][0] && v <= INT_RANGE[kind][1] ? v : integer(v, kind));
    }
    case 'bigint':
      return (v) => (typeof v === 'bigint' && v >= BIGINT_MIN && v <= BIGINT_MAX ? v : big(v));
    case 'decimal': {
      const { precision, scale } = type;
      const whole = precision - scale;
      return (v) => {
        if (typeof v === 'string') {
          const plain = plainDecimalText(v, whole, scale);
          if (plain !== undefined) return plain;
        }
        return decimalText(v, precision, scale);
      };
    }
    case 'float':
    case 'double':
      return float;
    case 'date':
      return date;
    case 'time':
      return time;
    case 'datetime':
      return (v) => dateTime(v, false);
    case 'datetimeoffset':
      return (v) => dateTime(v, true);
    case 'string': {
      const length = type.length;
      return (v) => {
        const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : fail(v, notText(v));
        if (length !== undefined && tooLong(text, length)) fail(v, `is longer than the column's ${length} characters: widen the column or shorten the value in the mapping`);
        // A NUL cannot be stored in text by PostgreSQL and is lost by most CSV readers.
        if (text.includes('\u0000')) fail(v, 'contains a NUL character, which text columns cannot hold: strip it in the mapping');
        return text;
      };
    }
    case 'binary': {
      const length = type.length;
      return (v) => {
        const bytes = v instanceof Uint8Array ? v : typeof v === 'string' ? Buffer.from(v, 'utf8') : fail(v, 'is not binary');
        if (length !== undefined && bytes.length > length) fail(v, `is longer than the column's ${length} bytes`);
        return bytes;
      };
    }
    case 'uuid':
      return (v) => {
        if (typeof v === 'string' && isLowerUuid(v)) return v;
        if (v instanceof Uint8Array && v.length === 16) {
          const h = Buffer.from(v).toString('hex');
          return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        }
        if (typeof v !== 'string' || !UUID.test(v.trim())) return fail(v, 'is not a uuid');
        const h = v.trim().replace(/-/g, '').toLowerCase();
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      };
  }
}
