/**
 * Saved watermarks are kept as text in zdm.control_parameters, written by whichever warehouse
 * holds persistent staging. Before they are compared with a source column they are normalised
 * to one canonical text per type, and the lookback for late-arriving rows is subtracted here
 * (not in SQL), so every source dialect compares against the same, exact value.
 */
import type { ColumnType } from '../model/column-type.ts';
import type { LookbackUnit } from '../model/schema.ts';
import type { Dialect, SqlValue } from './dialect.ts';
import { formatDate, formatDateTime, minus, parseDateTime, toUtc, withAllFractionDigits, type DateTime } from '../time.ts';

/** The saved text as an instant in UTC (offsets folded in), or an error naming the column. */
function savedInstant(text: string, what: string): DateTime {
  const parsed = parseDateTime(text.trim());
  if (!parsed.ok) throw new Error(`saved watermark "${text}" for ${what} is not a date and time`);
  return toUtc(parsed.value);
}

/** Subtracts two decimal strings exactly. */
function decimalMinus(a: string, b: number, what: string): string {
  const parse = (text: string): [bigint, number] => {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!match) throw new Error(`saved watermark "${text}" for ${what} is not a number`);
    const fraction = match[3] ?? '';
    return [BigInt(`${match[1]}${match[2]}${fraction}`), fraction.length];
  };
  const [av, as] = parse(a);
  const [bv, bs] = parse(String(b));
  const scale = Math.max(as, bs);
  const diff = av * 10n ** BigInt(scale - as) - bv * 10n ** BigInt(scale - bs);
  const negative = diff < 0n;
  const digits = (negative ? -diff : diff).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** The fraction digits a datetime watermark keeps: SQL Server's DATETIME2(7), the finest of any warehouse's. */
export const WATERMARK_FRACTION_DIGITS = 7;

export interface Lookback {
  readonly amount: number;
  readonly unit?: LookbackUnit | undefined;
}

/**
 * The value an incremental extract compares a change column with: the saved text, normalised,
 * minus the lookback. `what` names the entity and column for error messages.
 */
export function watermarkValue(text: string, type: ColumnType, lookback: Lookback | undefined, what: string): SqlValue {
  switch (type.kind) {
    case 'date':
      // A date column's lookback counts days whatever its unit says.
      return { type: 'date', value: formatDate(minus(savedInstant(text, what), lookback?.amount ?? 0, 'days')) };
    case 'datetime':
    case 'datetimeoffset':
      // Every digit a warehouse saves, up to SQL Server's 100 ns (DATETIME2(7), DATETIMEOFFSET(7)):
      // cut to microseconds, a saved `.1234567` would be compared as `> .123456` and its row read
      // again on every run. `comparedWatermark` cuts it to what the source's datetimes keep.
      return { type: 'datetime', value: formatDateTime(minus(savedInstant(text, what), lookback?.amount ?? 0, lookback?.unit ?? 'seconds'), WATERMARK_FRACTION_DIGITS) };
    case 'smallint':
    case 'int':
    case 'bigint': {
      if (!/^-?\d+$/.test(text.trim())) throw new Error(`saved watermark "${text}" for ${what} is not a whole number`);
      const amount = lookback?.amount ?? 0;
      if (!Number.isInteger(amount)) throw new Error(`the lookback for ${what} must be a whole number`);
      return { type: 'integer', value: BigInt(text.trim()) - BigInt(amount) };
    }
    case 'decimal':
      return { type: 'decimal', value: decimalMinus(text, lookback?.amount ?? 0, what) };
    default:
      throw new Error(`${what} is ${type.kind}; a watermark must be a date, datetime or number`);
  }
}

/**
 * The value bound on the right of `change column <comparison> watermark` in source dialect
 * `source`. Where datetimes are compared as text (SQLite), a row written `…:00.500` sorts above
 * the saved `…:00.5` although it is the same instant, and would be read again on every run; for
 * `>` the bound therefore carries all nine fraction digits, the least text at or above every
 * writing of that instant. For `>=` the saved, shortest text already sorts at or below them all.
 */
export function comparedWatermark(value: SqlValue, comparison: '>' | '>=', source: Pick<Dialect, 'datetimesAsText' | 'datetimeDigits'>): SqlValue {
  if (value.type !== 'datetime') return value;
  const cut = sourceDigits(value.value, source.datetimeDigits ?? 6);
  return { type: 'datetime', value: comparison === '>' && source.datetimesAsText ? withAllFractionDigits(cut) : cut };
}

/**
 * A watermark cut (never rounded) to the fraction digits the source's datetimes keep. Against
 * values of that precision `> cut` selects exactly the rows `> value` would (none lies between
 * them), where a literal with more digits would be rounded by the source (PostgreSQL reads
 * `.1234567` as `.123457`) and the row at the rounded instant lost.
 */
function sourceDigits(text: string, digits: number): string {
  const parsed = parseDateTime(text);
  return parsed.ok ? formatDateTime(parsed.value, digits) : text;
}
