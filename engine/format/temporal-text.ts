/**
 * Dates and times as the engine's rows carry them (text, see file-builder.ts `Row`) turned into
 * days since 1970-01-01 and microseconds, for binary formats. Fixed layouts read by char codes,
 * no substrings: these run once per value.
 *
 * A parse leaves its result in a {@link TemporalParts} the caller owns (one per column, reused for
 * every value), never in module state, and reports validity in its return value.
 */

/** A parsed value: whole days since 1970-01-01 and microseconds from that day's midnight. */
export interface TemporalParts {
  days: number;
  /** Negative or past a day when an offset moved the instant to another UTC day. */
  micros: number;
}

/** Parses `text` into `out`; false (and `out` undefined) when it is not valid. */
export type TemporalParser = (text: string, out: TemporalParts) => boolean;

/** A fresh {@link TemporalParts}, to be reused for every value of a column. */
export const temporalParts = (): TemporalParts => ({ days: 0, micros: 0 });

export const MICROS_PER_DAY = 86_400_000_000;

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/;
/** Sticky: tested at `lastIndex`. */
const TIME = /([01]\d|2[0-3]):[0-5]\d:[0-5]\d/y;

/** `YYYY-MM-DD` at the start of `s` as days since the epoch, or NaN. */
export function parseDays(s: string): number {
  if (!DATE.test(s)) return NaN;
  return daysFromCivil(digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2), two(s, 5), two(s, 8));
}

/**
 * `HH:MM:SS[.f…]` at `at` into `out.micros` (digits past the sixth are dropped); returns the index
 * after it, or -1 when there is no valid time at `at`.
 */
function parseTimeOfDay(s: string, at: number, out: TemporalParts): number {
  TIME.lastIndex = at;
  if (!TIME.test(s)) return -1;
  let micros = (two(s, at) * 3600 + two(s, at + 3) * 60 + two(s, at + 6)) * 1_000_000;
  let i = at + 8;
  if (s.charCodeAt(i) === 46) {
    let scale = 100_000;
    for (i++; i < s.length; i++) {
      const d = digit(s, i);
      if (d < 0 || d > 9) break;
      micros += d * scale;
      scale /= 10;
    }
    micros = Math.floor(micros);
  }
  out.micros = micros;
  return i;
}

/** Offset `+HH:MM`, `-HH:MM` or `Z` at `at` (and nothing after it), in minutes east of UTC, or NaN. */
function parseOffsetMinutes(s: string, at: number): number {
  const sign = s.charCodeAt(at);
  if (sign === 90 && s.length === at + 1) return 0; // Z
  if ((sign !== 43 && sign !== 45) || s.length !== at + 6 || s.charCodeAt(at + 3) !== 58) return NaN;
  const minutes = two(s, at + 1) * 60 + two(s, at + 4);
  return sign === 45 ? -minutes : minutes;
}

/** A space or `T` between the date and the time. */
const dateTimeSeparator = (s: string): boolean => {
  const separator = s.charCodeAt(10);
  return separator === 32 || separator === 84;
};

/** time `HH:MM:SS[.ffffff]`: day 0. */
export const parseTime: TemporalParser = (s, out) => {
  out.days = 0;
  return parseTimeOfDay(s, 0, out) === s.length;
};

/** datetime `YYYY-MM-DD HH:MM:SS[.ffffff]` (or with `T`), as wall time. */
export const parseDateTime: TemporalParser = (s, out) => {
  if (!dateTimeSeparator(s) || parseTimeOfDay(s, 11, out) !== s.length) return false;
  out.days = parseDays(s);
  return !Number.isNaN(out.days);
};

/** datetimeoffset: a datetime then `+HH:MM`, `-HH:MM` or `Z`, as the UTC instant. */
export const parseDateTimeOffset: TemporalParser = (s, out) => {
  if (!dateTimeSeparator(s)) return false;
  const end = parseTimeOfDay(s, 11, out);
  if (end < 0) return false;
  const offset = parseOffsetMinutes(s, end);
  if (Number.isNaN(offset)) return false;
  out.micros -= offset * 60_000_000;
  out.days = parseDays(s);
  return !Number.isNaN(out.days);
};
