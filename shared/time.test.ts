// The one clock and calendar: exact for every year 0001–9999 (no Date.UTC two-digit-year trap),
// leap days and month ends, fractions kept as their digits, lookback arithmetic without floats,
// the batch-date check, and "today" as the local date near midnight.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  batchDateProblem,
  checkBatchDate,
  dayAt,
  formatDate,
  formatDateTime,
  formatTime,
  isCanonicalDate,
  isSqlDateTime,
  minus,
  parseDate,
  parseDateTime,
  parseTime,
  today,
  toUtc,
  utcDateTimeText,
  withAllFractionDigits,
  type DateTime,
  type TimeUnit,
} from './time.ts';

const dateTime = (text: string): DateTime => {
  const parsed = parseDateTime(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.value;
};

describe('parseDate', () => {
  it.each([
    ['0001-01-01', { year: 1, month: 1, day: 1 }],
    ['0099-12-31', { year: 99, month: 12, day: 31 }],
    ['0099-03-01', { year: 99, month: 3, day: 1 }],
    ['0004-02-29', { year: 4, month: 2, day: 29 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2026-01-31', { year: 2026, month: 1, day: 31 }],
    ['2026-04-30', { year: 2026, month: 4, day: 30 }],
    ['2026-12-31', { year: 2026, month: 12, day: 31 }],
    ['9999-12-31', { year: 9999, month: 12, day: 31 }],
  ])('reads %s', (text, value) => {
    expect(parseDate(text)).toEqual({ ok: true, value });
    expect(formatDate(value)).toBe(text);
    expect(isCanonicalDate(text)).toBe(true);
  });

  it.each([
    ['2023-02-29', 'day'],
    ['1900-02-29', 'day'],
    ['0100-02-29', 'day'],
    ['0099-02-29', 'day'],
    ['2026-02-30', 'day'],
    ['2026-04-31', 'day'],
    ['2026-06-31', 'day'],
    ['2026-13-01', 'day'],
    ['2026-00-10', 'day'],
    ['2026-01-00', 'day'],
    ['0000-01-01', 'day'],
    ['2026-1-01', 'form'],
    ['20260101', 'form'],
    ['30/06/2026', 'form'],
    [' 2026-01-01', 'form'],
    ['2026-01-01 00:00:00', 'form'],
    ['today', 'form'],
    ['', 'form'],
  ] as const)('refuses %s (%s)', (text, problem) => {
    expect(parseDate(text)).toEqual({ ok: false, problem });
    expect(isCanonicalDate(text)).toBe(false);
  });
});

describe('parseTime', () => {
  it.each([
    ['10:00', '10:00:00'],
    ['00:00:00', '00:00:00'],
    ['23:59:59.999999999', '23:59:59.999999999'],
    ['08:00:00.1200000', '08:00:00.12'],
    ['08:00:00.000', '08:00:00'],
  ])('reads %s as %s', (text, canonical) => {
    const parsed = parseTime(text);
    expect(parsed.ok && formatTime(parsed.value)).toBe(canonical);
  });

  it.each([['24:00:00', 'clock'], ['10:60', 'clock'], ['10:00:60', 'clock'], ['1:00', 'form'], ['10:00:00.1234567890', 'form'], ['noon', 'form']] as const)(
    'refuses %s (%s)',
    (text, problem) => {
      expect(parseTime(text)).toEqual({ ok: false, problem });
    },
  );
});

describe('parseDateTime', () => {
  it.each([
    ['2026-06-30 01:02:03', '2026-06-30 01:02:03', undefined],
    ['2026-06-30T01:02:03', '2026-06-30 01:02:03', undefined],
    ['2026-06-30T01:02', '2026-06-30 01:02:00', undefined],
    ['2026-06-30', '2026-06-30 00:00:00', undefined],
    ['0001-01-01 00:00:00', '0001-01-01 00:00:00', undefined],
    ['0099-06-30 12:00:00.5', '0099-06-30 12:00:00.5', undefined],
    ['2024-02-29 23:59:59.999999999', '2024-02-29 23:59:59.999999999', undefined],
    ['2026-11-20 10:30:00.500', '2026-11-20 10:30:00.5', undefined],
    ['2026-06-30 01:02:03.000', '2026-06-30 01:02:03', undefined],
    ['2026-06-30T01:02:03Z', '2026-06-30 01:02:03', 0],
    ['2026-06-30 01:02:03+02', '2026-06-30 01:02:03', 120],
    ['2026-06-30 01:02:03+0200', '2026-06-30 01:02:03', 120],
    ['2026-06-30 01:02:03-05:30', '2026-06-30 01:02:03', -330],
    ['2026-06-30 01:02:03.4560000 +02:00', '2026-06-30 01:02:03.456', 120],
    ['2026-06-30 01:02:03-00:00', '2026-06-30 01:02:03', 0],
  ])('reads %s', (text, canonical, offsetMinutes) => {
    const at = dateTime(text);
    expect(formatDateTime(at)).toBe(canonical);
    expect(at.offsetMinutes).toBe(offsetMinutes);
  });

  it('keeps the fraction as its digits, trailing zeros included, until it is written', () => {
    expect(dateTime('2026-06-30 01:02:03.1200000').fraction).toBe('1200000');
    expect(formatDateTime(dateTime('2026-06-30 01:02:03.1234567'), 6)).toBe('2026-06-30 01:02:03.123456');
    expect(formatDateTime(dateTime('2026-06-30 01:02:03.999999999'), 6)).toBe('2026-06-30 01:02:03.999999');
  });

  it.each([
    ['2023-02-29 10:00:00', 'day'],
    ['1900-02-29 10:00:00', 'day'],
    ['2026-02-30T00:00:00', 'day'],
    ['2026-03-01 24:00:00', 'clock'],
    ['2026-03-01 10:60:00', 'clock'],
    ['2026-03-01 10:00:00+24:00', 'clock'],
    ['2026-03-01 10:00:00+05:60', 'clock'],
    ['2026-03-01Z', 'form'],
    ['2026-03-01  10:00:00', 'form'],
    ['2026/03/01 10:00:00', 'form'],
    ['1751241723', 'form'],
    ['yesterday', 'form'],
  ] as const)('refuses %s (%s)', (text, problem) => {
    expect(parseDateTime(text)).toEqual({ ok: false, problem });
  });
});

describe('SQL datetime texts', () => {
  it.each([
    ['2026-03-01 10:00:00', true],
    ['2026-03-01 10:00:00.123456', true],
    ['0099-02-28 10:00:00', true],
    ['2024-02-29 10:00:00', true],
    ['2026-03-01 10:00:00.500', true],
    ['2026-03-01 10:00:00.', false],
    ['2023-02-29 10:00:00', false],
    ['0000-01-01 00:00:00', false],
    ['2026-03-01T10:00:00', false],
    ['2026-03-01 10:00', false],
    ['2026-03-01 10:00:00Z', false],
    ['2026-03-01 24:00:00', false],
  ])('%s: a SQL datetime %s', (text, sql) => {
    expect(isSqlDateTime(text)).toBe(sql);
  });

  it.each([
    ['2026-11-20 10:30:00.5', '2026-11-20 10:30:00.500000000'],
    ['2026-11-20 10:30:00', '2026-11-20 10:30:00.000000000'],
    ['2026-11-20 10:30:00.123456789', '2026-11-20 10:30:00.123456789'],
  ])('gives %s all nine fraction digits', (text, padded) => {
    expect(withAllFractionDigits(text)).toBe(padded);
  });

  it('orders every writing of an instant at or below its nine-digit text', () => {
    const bound = withAllFractionDigits('2026-11-20 10:30:00.5');
    for (const same of ['2026-11-20 10:30:00.5', '2026-11-20 10:30:00.500', '2026-11-20 10:30:00.500000']) expect(same <= bound).toBe(true);
    for (const later of ['2026-11-20 10:30:00.5001', '2026-11-20 10:30:00.51', '2026-11-20 10:30:01']) expect(later > bound).toBe(true);
  });

  it.each([
    [new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 5)), '2026-03-01 10:00:00.005'],
    [new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 500)), '2026-03-01 10:00:00.5'],
    [new Date(Date.UTC(2026, 2, 1)), '2026-03-01 00:00:00'],
    [new Date('0099-07-01T12:00:00Z'), '0099-07-01 12:00:00'],
    [new Date('0001-01-01T00:00:00Z'), '0001-01-01 00:00:00'],
  ])('writes the Date %s by its UTC fields', (at, text) => {
    expect(utcDateTimeText(at)).toBe(text);
  });

  it('gives no text for an invalid Date or one outside 0001–9999', () => {
    expect(utcDateTimeText(new Date(Number.NaN))).toBeUndefined();
    expect(utcDateTimeText(new Date('+010000-01-01T00:00:00Z'))).toBeUndefined();
    expect(utcDateTimeText(new Date('0000-12-31T23:59:59Z'))).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2000-03-01', -1, '2000-02-29'],
    ['1900-03-01', -1, '1900-02-28'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-06-30', -365, '2025-06-30'],
    ['2026-06-30', 0, '2026-06-30'],
    ['0099-12-31', 1, '0100-01-01'],
    ['0100-03-01', -1, '0100-02-28'],
    ['0096-03-01', -1, '0096-02-29'],
    ['0001-01-02', -1, '0001-01-01'],
    ['9999-12-30', 1, '9999-12-31'],
    ['0001-01-01', 3652058, '9999-12-31'],
  ])('%s %d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses to leave the years 0001–9999, and texts that are not dates', () => {
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow('"2026-02-30" is not a YYYY-MM-DD date');
  });

  it.each([
    ['2026-06-30T01:02:03+02:00', '2026-06-29 23:02:03'],
    ['2026-06-30 20:00:00-05:30', '2026-07-01 01:30:00'],
    ['2026-01-01T01:00:00.5+02:00', '2025-12-31 23:00:00.5'],
    ['2024-03-01 02:00:00+05:30', '2024-02-29 20:30:00'],
    ['0099-01-01 00:00:00-01:00', '0099-01-01 01:00:00'],
    ['0100-01-01 00:30:00+01:00', '0099-12-31 23:30:00'],
    ['2026-06-30 01:02:03.1200000+00:00', '2026-06-30 01:02:03.12'],
    ['2026-06-30 01:02:03', '2026-06-30 01:02:03'],
  ])('converts %s to UTC: %s', (text, expected) => {
    const utc = toUtc(dateTime(text));
    expect(formatDateTime(utc)).toBe(expected);
    expect(utc.offsetMinutes).toBe(0);
  });

  it('keeps the fraction digits as written through an offset', () => {
    expect(toUtc(dateTime('2026-06-30 01:02:03.1200000+02:00')).fraction).toBe('1200000');
  });

  it('refuses an instant that falls before 0001-01-01 in UTC', () => {
    expect(() => toUtc(dateTime('0001-01-01 00:30:00+01:00'))).toThrow(RangeError);
  });

  it.each([
    ['2026-01-01 00:00:00', 1, 'seconds', '2025-12-31 23:59:59'],
    ['2026-06-30 10:00:00.25', 30, 'seconds', '2026-06-30 09:59:30.25'],
    ['2026-06-30 10:00:00.25', 0.5, 'seconds', '2026-06-30 09:59:59.75'],
    ['2026-06-30 10:00:00', 0.000000001, 'seconds', '2026-06-30 09:59:59.999999999'],
    ['2026-06-30 10:00:00.000001', 0.000001, 'seconds', '2026-06-30 10:00:00'],
    ['2026-07-01 00:10:00', 30, 'minutes', '2026-06-30 23:40:00'],
    ['2026-06-30 10:00:00', 0.5, 'minutes', '2026-06-30 09:59:30'],
    ['2026-03-01 00:30:00', 1, 'hours', '2026-02-28 23:30:00'],
    ['2024-03-01 00:30:00', 1, 'hours', '2024-02-29 23:30:00'],
    ['2026-06-30 10:00:00', 0.1, 'hours', '2026-06-30 09:54:00'],
    ['2026-01-01 01:00:00.123456', 2, 'hours', '2025-12-31 23:00:00.123456'],
    ['2026-01-02 10:00:00', 3, 'days', '2025-12-30 10:00:00'],
    ['2024-03-02T12:00:00', 2, 'days', '2024-02-29 12:00:00'],
    ['2000-03-01 00:00:00', 1, 'days', '2000-02-29 00:00:00'],
    ['1900-03-01 00:00:00', 1, 'days', '1900-02-28 00:00:00'],
    ['2026-06-30 00:00:00', 365, 'days', '2025-06-30 00:00:00'],
    ['0100-01-01 00:00:00', 1, 'seconds', '0099-12-31 23:59:59'],
    ['0099-03-01 00:00:00', 1, 'days', '0099-02-28 00:00:00'],
    ['2026-06-30 10:00:00', 0, 'days', '2026-06-30 10:00:00'],
  ] as const)('%s minus %d %s is %s', (text, amount, unit: TimeUnit, expected) => {
    expect(formatDateTime(minus(dateTime(text), amount, unit))).toBe(expected);
  });

  it('refuses a lookback that leaves the calendar or is not a span', () => {
    expect(() => minus(dateTime('0001-01-01 00:00:00'), 1, 'seconds')).toThrow(RangeError);
    expect(() => minus(dateTime('2026-01-01 00:00:00'), -1, 'seconds')).toThrow(RangeError);
    expect(() => minus(dateTime('2026-01-01 00:00:00'), Number.NaN, 'hours')).toThrow(RangeError);
  });
});

describe('batch dates', () => {
  it.each(['2026-06-30', '2024-02-29', '2000-02-29', '0001-01-01', '0099-12-31'])('takes %s', (text) => {
    expect(batchDateProblem(text)).toBeUndefined();
    expect(checkBatchDate(text)).toBe(text);
  });

  it.each([
    ['2026-02-30', 'batch date "2026-02-30" is not a day of the calendar'],
    ['2023-02-29', 'batch date "2023-02-29" is not a day of the calendar'],
    ['1900-02-29', 'batch date "1900-02-29" is not a day of the calendar'],
    ['2026-13-01', 'batch date "2026-13-01" is not a day of the calendar'],
    ['30/06/2026', 'batch date "30/06/2026" is not a YYYY-MM-DD date'],
    ['yesterday', 'batch date "yesterday" is not a YYYY-MM-DD date'],
  ])('refuses %s, naming it', (text, message) => {
    expect(batchDateProblem(text)).toBe(message);
    expect(() => checkBatchDate(text)).toThrow(message);
  });
});

describe('today', () => {
  // 2026-11-30 at 23:30 UTC: already December 1 from UTC+00:30 east, still November 30 west of it.
  const nearMidnight = new Date('2026-11-30T23:30:00Z');

  it.each([
    [0, '2026-11-30'],
    [14 * 60, '2026-12-01'],
    [29, '2026-11-30'],
    [30, '2026-12-01'],
    [-11 * 60, '2026-11-30'],
    [-(23 * 60 + 31), '2026-11-29'],
  ])('is the day at the clock in a zone %d minutes east of UTC', (offset, day) => {
    expect(dayAt(nearMidnight, offset)).toBe(day);
  });

  it('turns the year and keeps the years 0001–0099', () => {
    expect(dayAt(new Date('2026-12-31T23:00:00Z'), 120)).toBe('2027-01-01');
    expect(dayAt(new Date('0099-12-31T23:00:00Z'), 120)).toBe('0100-01-01');
  });

  it("is this machine's local date, not UTC's, near midnight (TZ=Pacific/Kiritimati and TZ=Pacific/Pago_Pago)", () => {
    const script = `import { today } from ${JSON.stringify(fileURLToPath(new URL('./time.ts', import.meta.url)))};
      const at = new Date(process.argv.at(-1));
      process.stdout.write(JSON.stringify([today(at), at.getTimezoneOffset()]));`;
    const local = (tz: string, at: string): [string, number] => {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, at], { encoding: 'utf8', env: { ...process.env, TZ: tz } });
      expect(child.stderr).toBe('');
      return JSON.parse(child.stdout) as [string, number];
    };
    // UTC+14: 11:30 UTC on November 30 is 01:30 on December 1.
    expect(local('Pacific/Kiritimati', '2026-11-30T11:30:00Z')).toEqual(['2026-12-01', -14 * 60]);
    // UTC−11: 05:00 UTC on December 1 is 18:00 on November 30.
    expect(local('Pacific/Pago_Pago', '2026-12-01T05:00:00Z')).toEqual(['2026-11-30', 11 * 60]);
    expect(local('UTC', '2026-12-01T05:00:00Z')).toEqual(['2026-12-01', 0]);
  });

  it('reads the clock when none is given', () => {
    const before = today();
    const now = today(new Date());
    expect([before, today()]).toContain(now);
    expect(parseDate(now).ok).toBe(true);
  });
});
