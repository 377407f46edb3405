/**
 * The one clock and calendar: every date and datetime text Landfall reads (source values, saved
 * watermarks, batch dates, SQL values) is parsed here, calendar arithmetic is done here, and
 * "today" is decided here. Dates are proleptic Gregorian days of the years 0001–9999, computed
 * with whole numbers (no `Date.UTC`, which reads the years 0–99 as 1900–1999), and the fraction of
 * a second stays the digits it was written with, so nothing is rounded through a float.
 */

/** A day of the calendar. */
export interface CalendarDay {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
}

/** A time of day; the fraction of the second is kept as its digits (`'5'` for .5, `''` for none). */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Up to 9 digits after the point, as written (trailing zeros included). */
  readonly fraction: string;
}

/** A wall-clock date and time, with the offset its text carried. */
export interface DateTime extends CalendarDay, TimeOfDay {
  /** Minutes east of UTC when the text had an offset (`Z` is 0); undefined when it had none. */
  readonly offsetMinutes: number | undefined;
}

/** Why a text is not a date or time: not the form at all, a day not in the calendar, or a clock out of range. */
export type TimeProblem = 'form' | 'day' | 'clock';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: TimeProblem };

/** The units a watermark lookback is given in (see the model's `LOOKBACK_UNITS`). */
export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
/** Date, then optionally `[ T]` time and an offset (`Z`, `±HH`, `±HHMM`, `±HH:MM`, one space allowed before it). */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?)?$/;
/** The text a datetime is bound to SQL as (see `isSqlDateTime`). */
const SQL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;
/** A date's canonical text, for the engine's per-row fast path. */
const CANONICAL_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of a year (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const realDay = (year: number, month: number, day: number): boolean =>
  year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = (why: TimeProblem): Parsed<never> => ({ ok: false, problem: why });

function clock(hour: string, minute: string, second: string | undefined, fraction: string | undefined): Parsed<TimeOfDay> {
  const t = { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0), fraction: fraction ?? '' };
  return t.hour > 23 || t.minute > 59 || t.second > 59 ? problem('clock') : ok(t);
}

/** Parses `YYYY-MM-DD`, a real day of the years 0001–9999. */
export function parseDate(text: string): Parsed<CalendarDay> {
  const m = DATE.exec(text);
  if (!m) return problem('form');
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return realDay(day.year, day.month, day.day) ? ok(day) : problem('day');
}

/** Parses `HH:MM[:SS[.fffffffff]]`. */
export function parseTime(text: string): Parsed<TimeOfDay> {
  const m = TIME.exec(text);
  return m ? clock(m[1]!, m[2]!, m[3], m[4]) : problem('form');
}

/**
 * Parses `YYYY-MM-DD[( |T)HH:MM[:SS[.fffffffff]]][ ][Z|±HH[[:]MM]]`; a date alone is its midnight.
 * The offset is read, not applied (see `toUtc`).
 */
export function parseDateTime(text: string): Parsed<DateTime> {
  const m = DATETIME.exec(text);
  if (!m) return problem('form');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!realDay(year, month, day)) return problem('day');
  const time = m[4] === undefined ? ok<TimeOfDay>({ hour: 0, minute: 0, second: 0, fraction: '' }) : clock(m[4], m[5]!, m[6], m[7]);
  if (!time.ok) return time;
  const zone = m[8];
  let offsetMinutes: number | undefined;
  if (zone !== undefined) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(-2));
    const hasMinutes = zone.length > 3;
    if (hours > 23 || (hasMinutes && minutes > 59)) return problem('clock');
    const east = zone === 'Z' ? 0 : hours * 60 + (hasMinutes ? minutes : 0);
    // 0 - east, not -east: "-00:00" is no offset, not a negative zero.
    offsetMinutes = zone.startsWith('-') ? 0 - east : east;
  }
  return ok({ year, month, day, ...time.value, offsetMinutes });
}

/** Whether `text` is a SQL datetime value's text: `YYYY-MM-DD HH:MM:SS[.fffffffff]`, a real day and time, no offset. */
export function isSqlDateTime(text: string): boolean {
  return SQL_DATETIME.test(text) && parseDateTime(text).ok;
}

/**
 * Whether `text` is already a date in its canonical text, without parsing or allocating (the
 * engine's per-row path): `formatDate(parseDate(text))` would give it back unchanged.
 */
export function isCanonicalDate(text: string): boolean {
  return text.length === 10 && CANONICAL_DATE.test(text) && dayFits(text);
}

/** Whether the character at `at` is a digit from 0 to `max`. */
const digitUpTo = (text: string, at: number, max: number): boolean => {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= max;
};

/** Whether `text` holds `HH:MM:SS` of a valid time of day at `at`. */
function clockAt(text: string, at: number): boolean {
  const h0 = text.charCodeAt(at) - 48;
  return (h0 === 0 || h0 === 1 ? digitUpTo(text, at + 1, 9) : h0 === 2 && digitUpTo(text, at + 1, 3))
    && text.charCodeAt(at + 2) === 58 && digitUpTo(text, at + 3, 5) && digitUpTo(text, at + 4, 9)
    && text.charCodeAt(at + 5) === 58 && digitUpTo(text, at + 6, 5) && digitUpTo(text, at + 7, 9);
}

/**
 * `formatDateTime`'s text of a datetime given as `YYYY-MM-DD HH:MM:SS[.f…]` whose fraction may
 * end in zeros (MariaDB pads it to the column's precision), or undefined for any other text (the
 * caller parses it). Read by character codes: it runs once per value on the row path, where the
 * canonical pattern and the parse of a padded fraction cost 357 ms per million MariaDB values.
 */
export function canonicalDateTimeText(text: string): string | undefined {
  const length = text.length;
  if (length < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) return undefined;
  if (!digitUpTo(text, 0, 9) || !digitUpTo(text, 1, 9) || !digitUpTo(text, 2, 9) || !digitUpTo(text, 3, 9)) return undefined;
  const month = (text.charCodeAt(5) - 48) * 10 + text.charCodeAt(6) - 48;
  const day = (text.charCodeAt(8) - 48) * 10 + text.charCodeAt(9) - 48;
  if (!digitUpTo(text, 5, 1) || !digitUpTo(text, 6, 9) || !digitUpTo(text, 8, 3) || !digitUpTo(text, 9, 9) || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (!clockAt(text, 11) || !dayFits(text)) return undefined;
  if (length === 19) return text;
  // One to nine digits after the point, as the parse takes them.
  if (text.charCodeAt(19) !== 46 || length === 20 || length > 29) return undefined;
  // The fraction: digits only; its trailing zeros go, and the point with them when all are zeros.
  let end = 20;
  for (let i = 20; i < length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    if (d !== 0) end = i + 1;
  }
  return end === 20 ? text.slice(0, 19) : end === length ? text : text.slice(0, end);
}

/**
 * `formatTime`'s text of a time of day given as `HH:MM:SS[.f…]` whose fraction may end in zeros
 * (MariaDB pads it to the column's precision), or undefined for any other text (the caller
 * parses it). By character codes, like {@link canonicalDateTimeText}.
 */
export function canonicalTimeText(text: string): string | undefined {
  const length = text.length;
  if (length < 8 || !clockAt(text, 0)) return undefined;
  if (length === 8) return text;
  if (text.charCodeAt(8) !== 46 || length === 9 || length > 18) return undefined;
  let end = 9;
  for (let i = 9; i < length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    if (d !== 0) end = i + 1;
  }
  return end === 9 ? text.slice(0, 8) : end === length ? text : text.slice(0, end);
}

/** The digit at `at` of a text a pattern matched. */
function digitAt(text: string, at: number): number {
  return text.charCodeAt(at) - 48;
}

/**
 * The year, month and day of a text the canonical patterns matched, checked from its character
 * codes. On the per-row path: no closure per call (under tsx each one also cost a `__name` call,
 * 293 ms of the SQLite arm's 1M rows).
 */
function dayFits(text: string): boolean {
  const year = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  return year >= 1 && digitAt(text, 8) * 10 + digitAt(text, 9) <= daysInMonth(year, digitAt(text, 5) * 10 + digitAt(text, 6));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD`. */
export function formatDate(day: CalendarDay): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/** `HH:MM:SS[.f]`: at most `digits` fraction digits (cut, never rounded), no trailing zeros. */
export function formatTime(time: TimeOfDay, digits = 9): string {
  const fraction = time.fraction.slice(0, digits).replace(/0+$/, '');
  return `${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${fraction ? `.${fraction}` : ''}`;
}

/** `YYYY-MM-DD HH:MM:SS[.f]`, the one canonical datetime text (the offset, if any, is not written). */
export function formatDateTime(at: CalendarDay & TimeOfDay, digits = 9): string {
  return `${formatDate(at)} ${formatTime(at, digits)}`;
}

/** Days since 1970-01-01 (negative before), by whole-number arithmetic over 400-year eras. */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** The day `dayNumber` counts. */
function civilDay(days: number): CalendarDay {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1 };
}

function inRange(day: CalendarDay, what: () => string): CalendarDay {
  if (day.year < 1 || day.year > 9999) throw new RangeError(`${what()} falls outside the years 0001–9999`);
  return day;
}

/** The day `days` after `date` (`YYYY-MM-DD`; negative goes back); throws for a text that is not a date. */
export function addDays(date: string, days: number): string {
  const parsed = parseDate(date);
  if (!parsed.ok) throw new Error(`"${date}" is not a YYYY-MM-DD date`);
  const { year, month, day } = parsed.value;
  return formatDate(inRange(civilDay(dayNumber(year, month, day) + days), () => `${date} ${days < 0 ? '−' : '+'} ${Math.abs(days)} days`));
}

/**
 * `at` moved by whole `seconds` and `nanos` (both may be negative). With no nanoseconds the
 * fraction's digits are kept as written; otherwise it becomes nine digits.
 */
function shifted(at: DateTime, seconds: number, nanos: number, offsetMinutes: number | undefined, what: () => string): DateTime {
  let fraction = at.fraction;
  if (nanos !== 0) {
    let n = Number(at.fraction.padEnd(9, '0')) + nanos;
    const carry = Math.floor(n / 1e9);
    n -= carry * 1e9;
    seconds += carry;
    fraction = String(n).padStart(9, '0');
  }
  const total = dayNumber(at.year, at.month, at.day) * 86400 + at.hour * 3600 + at.minute * 60 + at.second + seconds;
  const days = Math.floor(total / 86400);
  const rest = total - days * 86400;
  const day = inRange(civilDay(days), what);
  return { ...day, hour: Math.floor(rest / 3600), minute: Math.floor((rest % 3600) / 60), second: rest % 60, fraction, offsetMinutes };
}

/** The same instant in UTC (offset 0); a text without an offset is taken as UTC already. */
export function toUtc(at: DateTime): DateTime {
  const offset = at.offsetMinutes ?? 0;
  return offset === 0 ? { ...at, offsetMinutes: 0 } : shifted(at, -offset * 60, 0, 0, () => `${formatDateTime(at)} in UTC`);
}

/**
 * `at` minus `amount` `unit`s, exactly: the amount is read as the decimal it is written as
 * (0.1 hours is 360 seconds, not 360.00000000000006), down to the nanosecond.
 */
export function minus(at: DateTime, amount: number, unit: TimeUnit): DateTime {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`a time span of ${amount} ${unit} cannot be subtracted`);
  const [whole, fraction] = decimalParts(amount);
  // Whole seconds and the rest in nanoseconds, from the amount's decimal digits (no float product).
  const scale = 10n ** BigInt(fraction.length);
  const nanosTotal = (BigInt(whole + fraction) * BigInt(UNIT_SECONDS[unit]) * 1_000_000_000n) / scale;
  const seconds = Number(nanosTotal / 1_000_000_000n);
  const nanos = Number(nanosTotal % 1_000_000_000n);
  return shifted(at, -seconds, -nanos, at.offsetMinutes, () => `${formatDateTime(at)} − ${amount} ${unit}`);
}

/** The digits before and after the point of a non-negative finite number's shortest decimal text. */
function decimalParts(amount: number): [string, string] {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(amount))!;
  const digits = `${m[1]}${m[2] ?? ''}`;
  const point = m[1]!.length + Number(m[3] ?? 0);
  if (point <= 0) return ['0', `${'0'.repeat(-point)}${digits}`];
  if (point >= digits.length) return [`${digits}${'0'.repeat(point - digits.length)}`, ''];
  return [digits.slice(0, point), digits.slice(point)];
}

/**
 * A JavaScript Date's UTC fields as `YYYY-MM-DD HH:MM:SS[.fffffff]` (drivers are set to hand
 * wall-clock times as UTC), or undefined for an invalid Date or one outside the years 0001–9999.
 * `ticks`: the 100-nanosecond units after the Date's millisecond (0–9999), which a Date cannot
 * hold: SQL Server's `datetime2(7)` / `datetimeoffset(7)` / `time(7)` keep them and the driver
 * hands them beside the Date.
 */
export function utcDateTimeText(at: Date, ticks = 0): string | undefined {
  const year = at.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) return undefined;
  const ms = at.getUTCMilliseconds();
  const fraction = ms === 0 && ticks === 0 ? '' : `.${ticks === 0 ? pad(ms, 3) : `${pad(ms, 3)}${pad(ticks, 4)}`}`.replace(/0+$/, '');
  return `${pad(year, 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}${fraction}`;
}

/**
 * `text` (a SQL datetime value) with nine fraction digits: the least text at or above every
 * writing of the same instant, so that `column > value` over datetimes kept as text (SQLite)
 * does not take a row's `…:00.500` for more than a saved `…:00.5`.
 */
export function withAllFractionDigits(text: string): string {
  const point = text.indexOf('.', 19);
  return point < 0 ? `${text}.000000000` : text.padEnd(point + 10, '0');
}

/** The calendar day at instant `at` where clocks run `offsetMinutes` east of UTC. */
export function dayAt(at: Date, offsetMinutes: number): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('the clock gave an invalid Date');
  return formatDate(civilDay(Math.floor((ms + offsetMinutes * 60_000) / 86_400_000)));
}

/**
 * Today on this machine's clock (its local time zone), `YYYY-MM-DD`: the one default batch date
 * of runs, previews and the run form, so near midnight they agree. `clock` is fixed in tests.
 */
export function today(clock: Date = new Date()): string {
  return dayAt(clock, -clock.getTimezoneOffset());
}

/** Why `text` cannot be a batch date (a real calendar day, `YYYY-MM-DD`), naming it; undefined when it can. */
export function batchDateProblem(text: string): string | undefined {
  const parsed = parseDate(text);
  if (parsed.ok) return undefined;
  return parsed.problem === 'form' ? `batch date "${text}" is not a YYYY-MM-DD date` : `batch date "${text}" is not a day of the calendar`;
}

/** `text` when it is a batch date; otherwise throws the error `batchDateProblem` describes. */
export function checkBatchDate(text: string): string {
  const why = batchDateProblem(text);
  if (why !== undefined) throw new Error(why);
  return text;
}
