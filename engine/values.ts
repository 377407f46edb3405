/**
 * Source values to the engine's row values (see format/file-builder.ts for the forms). Each
 * driver hands back its own types (Date, string, bigint, Buffer, number); one normaliser per
 * column type accepts the forms drivers use and rejects what the warehouse could not take, so a
 * bad value fails with its entity, column and row before anything lands.
 */
import type { ColumnType } from '../shared/model/column-type.ts';

/** A value the column cannot hold; the pipeline adds entity, column and row. */
export class ValueError extends Error {}

export type Normalizer = (value: unknown) => unknown;

const INT_RANGE = { smallint: [-32768, 32767], int: [-2147483648, 2147483647] } as const;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value);
};

const fail = (value: unknown, what: string): never => {
  throw new ValueError(`${show(value)} ${what}`);
};

function checkDate(text: string, original: unknown): string {
  const m = DATE.exec(text);
  if (!m) return fail(original, 'is not a date (YYYY-MM-DD)');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1 || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return fail(original, 'is not a valid calendar date');
  return text;
}

function checkTime(text: string, original: unknown): string {
  const m = TIME.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return fail(original, 'is not a time of day (HH:MM:SS)');
  // One text per value whichever driver: no zeros after the last fraction digit (MariaDB pads to the column's precision).
  return `${m[1]}:${m[2]}:${m[3] ?? '00'}${(m[4] ?? '').replace(/\.?0+$/, '')}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A Date's UTC fields as `YYYY-MM-DD HH:MM:SS[.fff]` (drivers are set to hand wall-clock times as UTC). */
function dateTimeText(at: Date): string {
  if (Number.isNaN(at.getTime())) return fail(at, 'is not a valid date and time');
  const ms = at.getUTCMilliseconds();
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

function normalOffset(zone: string): string {
  if (zone === 'Z') return '+00:00';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  return `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

/** Exact decimal text, checked against precision and scale; extra fraction digits are left to the warehouse's rounding. */
function decimalText(value: unknown, precision: number, scale: number): string {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(value, `is not a decimal(${precision},${scale})`);
    text = Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  } else return fail(value, `is not a decimal(${precision},${scale})`);
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return fail(value, `is not a decimal(${precision},${scale})`);
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
  if (digits.length > precision - scale) return fail(value, `does not fit decimal(${precision},${scale}): at most ${precision - scale} digits before the point`);
  const sign = m[1] === '-' && (digits !== '' || /[1-9]/.test(fraction)) ? '-' : '';
  return `${sign}${digits || '0'}${fraction ? `.${fraction}` : ''}`;
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

/**
 * Fast paths for the common, already canonical texts drivers send (PostgreSQL and MariaDB text,
 * DuckDB values): one anchored regex and a day check, no Date, no captures. Anything else takes
 * the full path, which gives the same result or the error.
 */
const PLAIN_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PLAIN_DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{0,8}[1-9])?$/;
const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
/** Days 1–28 exist in every month; later days need the calendar. Years from 1000 keep four digits. */
const plainDay = (text: string): boolean => text.charCodeAt(8) < 50 /* '2' */ || (text.charCodeAt(8) === 50 && text.charCodeAt(9) < 57 /* '9' */);

function date(value: unknown): string {
  if (typeof value === 'string' && value.length === 10 && PLAIN_DATE.test(value) && plainDay(value) && value.charCodeAt(0) > 48) return value;
  if (typeof value === 'string') {
    const text = value.length > 10 && DATETIME.test(value) ? value.slice(0, 10) : value;
    return checkDate(text, value);
  }
  if (value instanceof Date) return dateTimeText(value).slice(0, 10);
  return fail(value, 'is not a date');
}

function time(value: unknown): string {
  if (typeof value === 'string') return checkTime(value, value);
  if (value instanceof Date) return dateTimeText(value).slice(11);
  return fail(value, 'is not a time of day');
}

function dateTime(value: unknown, offset: boolean): string {
  if (!offset && typeof value === 'string' && PLAIN_DATETIME.test(value) && plainDay(value) && value.charCodeAt(0) > 48) return value;
  if (value instanceof Date) return `${dateTimeText(value)}${offset ? '+00:00' : ''}`;
  if (typeof value !== 'string') return fail(value, offset ? 'is not a date and time with offset' : 'is not a date and time');
  const m = DATETIME.exec(value);
  if (!m) {
    if (DATE.test(value)) return `${checkDate(value, value)} 00:00:00${offset ? '+00:00' : ''}`;
    return fail(value, 'is not a date and time (YYYY-MM-DD HH:MM:SS)');
  }
  checkDate(m[1]!, value);
  const clock = checkTime(m[2]!, value);
  if (!offset) {
    if (m[3] !== undefined && m[3] !== 'Z' && !/^[+-]00(:?00)?$/.test(m[3])) return fail(value, 'has a time zone offset: make the column datetimeoffset, or convert it in the mapping');
    return `${m[1]} ${clock}`;
  }
  return utcText(m[1]!, clock, normalOffset(m[3] ?? 'Z'));
}

/**
 * A wall-clock time at an offset as the same instant in UTC, `YYYY-MM-DD HH:MM:SS[.f]+00:00`: one
 * text per instant whichever source, and right in warehouses whose column keeps no offset (MariaDB).
 */
function utcText(day: string, clock: string, offset: string): string {
  if (offset === '+00:00' || offset === '-00:00') return `${day} ${clock}+00:00`;
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  at.setUTCHours(Number(clock.slice(0, 2)), Number(clock.slice(3, 5)) - minutes, Number(clock.slice(6, 8)), 0);
  return `${dateTimeText(at)}${clock.slice(8)}+00:00`;
}

/** Counts characters the way warehouses do for varchar(n) limits (code points). */
function tooLong(text: string, length: number): boolean {
  // UTF-16 length bounds the code point count from above: only long strings need counting.
  if (text.length <= length) return false;
  let count = 0;
  for (const _ of text) if (++count > length) return true;
  return false;
}

/** What a NULL business key is told, after its entity, column and row. */
export const NULL_KEY = 'is NULL in a business key column: every row needs its key';

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
        if (typeof v === 'string' && PLAIN_DECIMAL.test(v)) {
          const point = v.indexOf('.');
          const digits = (point < 0 ? v.length : point) - (v.charCodeAt(0) === 45 ? 1 : 0);
          // "0.5" and "-0.5" have no digits before the point as far as precision goes.
          if (digits <= whole || (digits === 1 && v.charCodeAt(v.charCodeAt(0) === 45 ? 1 : 0) === 48)) return v === '-0' ? '0' : v;
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
        const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : fail(v, 'is not text');
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
