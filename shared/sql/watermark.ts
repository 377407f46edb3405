/**
 * Saved watermarks are kept as text in zdm.control_parameters, written by whichever warehouse
 * holds persistent staging. Before they are compared with a source column they are normalised
 * to one canonical text per type, and the lookback for late-arriving rows is subtracted here
 * (not in SQL), so every source dialect compares against the same, exact value.
 */
import type { ColumnType } from '../model/column-type.ts';
import type { LookbackUnit } from '../model/schema.ts';
import type { SqlValue } from './dialect.ts';

const SECONDS: Record<LookbackUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Canonical `YYYY-MM-DD HH:MM:SS[.ffffff]` (offsets folded into UTC), minus `seconds`. */
function datetimeText(text: string, minusSeconds: number, what: string): string {
  const match = DATETIME.exec(text.trim());
  if (!match) throw new Error(`saved watermark "${text}" for ${what} is not a date and time`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
  }
  const at = new Date(ms - minusSeconds * 1000);
  const micro = fraction.padEnd(6, '0').slice(0, 6).replace(/0+$/, '');
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}${micro ? `.${micro}` : ''}`;
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
    case 'date': {
      const day = datetimeText(text, (lookback?.amount ?? 0) * 86400, what).slice(0, 10);
      return { type: 'date', value: day };
    }
    case 'datetime':
    case 'datetimeoffset':
      return { type: 'datetime', value: datetimeText(text, (lookback?.amount ?? 0) * SECONDS[lookback?.unit ?? 'seconds'], what) };
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
