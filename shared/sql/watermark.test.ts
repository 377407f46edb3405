// watermarkValue: saved watermark text (as any warehouse wrote it) normalised to one canonical value
// per type, minus the lookback, exactly (no floating point on the way).
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../model/column-type.ts';
import { DIALECTS, dialect, type DialectName, type SqlValue } from './dialect.ts';
import { watermarkValue, type Lookback } from './watermark.ts';

const DATETIME: ColumnType = { kind: 'datetime' };
const OFFSET: ColumnType = { kind: 'datetimeoffset' };
const DATE: ColumnType = { kind: 'date' };
const BIGINT: ColumnType = { kind: 'bigint' };
const INT: ColumnType = { kind: 'int' };
const SMALLINT: ColumnType = { kind: 'smallint' };
const DECIMAL: ColumnType = { kind: 'decimal', precision: 38, scale: 4 };
const WHAT = 'entity "orders", change column "modified_at"';

const value = (text: string, type: ColumnType, lookback?: Lookback): SqlValue => watermarkValue(text, type, lookback, WHAT);

describe('datetime watermarks', () => {
  it.each([
    ['the ISO T separator', '2026-06-30T01:02:03', '2026-06-30 01:02:03'],
    ['a space separator', '2026-06-30 01:02:03', '2026-06-30 01:02:03'],
    ['surrounding white space', '  2026-06-30 01:02:03\n', '2026-06-30 01:02:03'],
    ['no seconds', '2026-06-30T01:02', '2026-06-30 01:02:00'],
    ['milliseconds', '2026-06-30 01:02:03.456', '2026-06-30 01:02:03.456'],
    ['trailing zeros (SQL Server DATETIME2(7))', '2026-06-30 01:02:03.1200000', '2026-06-30 01:02:03.12'],
    ['MariaDB DATETIME(6) text', '2026-06-30 10:11:12.125000', '2026-06-30 10:11:12.125'],
    ['an all-zero fraction', '2026-06-30 01:02:03.000', '2026-06-30 01:02:03'],
    ['microseconds', '2026-06-30 01:02:03.000001', '2026-06-30 01:02:03.000001'],
    ['seven digits (SQL Server DATETIME2(7)), kept', '2026-06-30 01:02:03.1234567', '2026-06-30 01:02:03.1234567'],
    ['nine digits, truncated to seven, not rounded', '2026-06-30 01:02:03.999999999', '2026-06-30 01:02:03.9999999'],
    ['a date only', '2026-06-30', '2026-06-30 00:00:00'],
    ['the year 0099 (not 1999)', '0099-06-30 01:02:03', '0099-06-30 01:02:03'],
    ['the year 0001', '0001-01-01T00:00:00', '0001-01-01 00:00:00'],
  ])('normalises %s', (_label, text, expected) => {
    expect(value(text, DATETIME)).toEqual({ type: 'datetime', value: expected });
  });

  it.each([
    ['Z', '2026-06-30T01:02:03Z', '2026-06-30 01:02:03'],
    ['+00:00', '2026-06-30T01:02:03+00:00', '2026-06-30 01:02:03'],
    ['+02:00', '2026-06-30T01:02:03+02:00', '2026-06-29 23:02:03'],
    ['+0200', '2026-06-30 01:02:03+0200', '2026-06-29 23:02:03'],
    ['+02', '2026-06-30 01:02:03+02', '2026-06-29 23:02:03'],
    ['-05:30', '2026-06-30 20:00:00-05:30', '2026-07-01 01:30:00'],
    ['a space before the offset (SQL Server style 121)', '2026-06-30 01:02:03.4560000 +02:00', '2026-06-29 23:02:03.456'],
    ['an offset across the year', '2026-01-01T01:00:00.5+02:00', '2025-12-31 23:00:00.5'],
  ])('converts an offset of %s to UTC', (_label, text, expected) => {
    expect(value(text, DATETIME)).toEqual({ type: 'datetime', value: expected });
    expect(value(text, OFFSET)).toEqual({ type: 'datetime', value: expected });
  });

  it.each([
    ['seconds across midnight', '2026-01-01 00:00:00', { amount: 1, unit: 'seconds' }, '2025-12-31 23:59:59'],
    ['seconds, keeping the fraction', '2026-06-30 10:00:00.25', { amount: 30, unit: 'seconds' }, '2026-06-30 09:59:30.25'],
    ['seconds by default', '2026-06-30 10:00:00', { amount: 90 }, '2026-06-30 09:58:30'],
    ['minutes across midnight', '2026-07-01 00:10:00', { amount: 30, unit: 'minutes' }, '2026-06-30 23:40:00'],
    ['hours across a month end', '2026-03-01 00:30:00', { amount: 1, unit: 'hours' }, '2026-02-28 23:30:00'],
    ['hours across a leap day', '2024-03-01 00:30:00', { amount: 1, unit: 'hours' }, '2024-02-29 23:30:00'],
    ['hours across a year', '2026-01-01 01:00:00.123456', { amount: 2, unit: 'hours' }, '2025-12-31 23:00:00.123456'],
    ['days across a year', '2026-01-02 10:00:00', { amount: 3, unit: 'days' }, '2025-12-30 10:00:00'],
    ['days across a leap year end of February', '2024-03-02T12:00:00', { amount: 2, unit: 'days' }, '2024-02-29 12:00:00'],
    ['a long lookback', '2026-06-30 00:00:00', { amount: 365, unit: 'days' }, '2025-06-30 00:00:00'],
    ['a lookback after an offset', '2026-01-01T00:30:00+01:00', { amount: 30, unit: 'minutes' }, '2025-12-31 23:00:00'],
    ['half a minute', '2026-06-30 10:00:00', { amount: 0.5, unit: 'minutes' }, '2026-06-30 09:59:30'],
    ['half a second, borrowing from the fraction', '2026-06-30 10:00:00.25', { amount: 0.5, unit: 'seconds' }, '2026-06-30 09:59:59.75'],
    ['a tenth of an hour, exactly', '2026-06-30 10:00:00', { amount: 0.1, unit: 'hours' }, '2026-06-30 09:54:00'],
    ['hours across a year in the first century', '0099-01-01 00:30:00', { amount: 1, unit: 'hours' }, '0098-12-31 23:30:00'],
  ] as const)('subtracts a lookback in %s', (_label, text, lookback, expected) => {
    expect(value(text, DATETIME, lookback)).toEqual({ type: 'datetime', value: expected });
  });

  it.each([
    ['a word', 'yesterday'],
    ['another date order', '30/06/2026 01:02:03'],
    ['slashes', '2026/06/30'],
    ['an empty text', ''],
    ['SQL', "2026-06-30'; DROP TABLE x; --"],
    ['a number', '1751241723'],
    ['a day not in the calendar', '2026-02-30 10:00:00'],
    ['a clock out of range', '2026-06-30 24:00:00'],
  ])('rejects %s and names the column', (_label, text) => {
    expect(() => value(text, DATETIME)).toThrow(`saved watermark "${text}" for ${WHAT} is not a date and time`);
  });

  it('returns values every dialect renders as the same instant', () => {
    // What each warehouse is sent: the canonical text inside the dialect's own timestamp literal.
    const rendered: Record<DialectName, (canonical: string) => string> = {
      tsql: (t) => `CAST(N'${t}' AS DATETIME2(7))`,
      synapse: (t) => `CAST(N'${t}' AS DATETIME2(7))`,
      postgres: (t) => `TIMESTAMP '${t}'`,
      mariadb: (t) => `TIMESTAMP '${t}'`,
      duckdb: (t) => `TIMESTAMP '${t}'`,
      sqlite: (t) => `'${t}'`,
    };
    for (const [text, canonical] of [
      ['2026-06-30T01:02:03.1234567+02:00', '2026-06-29 22:02:03.1234567'],
      ['2026-06-30', '2026-06-29 23:00:00'],
      ['2026-01-01 00:00:00', '2025-12-31 23:00:00'],
    ] as const) {
      const result = value(text, DATETIME, { amount: 1, unit: 'hours' });
      for (const name of DIALECTS) expect(dialect(name).literal(result), name).toBe(rendered[name](canonical));
    }
  });
});

describe('date watermarks', () => {
  it.each([
    ['a date', '2026-06-30', undefined, '2026-06-30'],
    ['one day back across a month', '2026-03-01', { amount: 1, unit: 'days' }, '2026-02-28'],
    ['one day back onto a leap day', '2024-03-01', { amount: 1, unit: 'days' }, '2024-02-29'],
    ['one day back across a year', '2026-01-01', { amount: 1, unit: 'days' }, '2025-12-31'],
    ['a week back', '2026-01-05', { amount: 7, unit: 'days' }, '2025-12-29'],
    ['a datetime text cut to its date', '2026-06-30 23:59:59.999', undefined, '2026-06-30'],
    ['a datetime text with a lookback', '2026-06-30T23:59:59', { amount: 2, unit: 'days' }, '2026-06-28'],
    ['the year 0099 (not 1999)', '0099-03-01', { amount: 1, unit: 'days' }, '0099-02-28'],
  ] as const)('normalises %s', (_label, text, lookback, expected) => {
    expect(value(text, DATE, lookback)).toEqual({ type: 'date', value: expected });
  });

  it('rejects a text that is not a date, naming the column', () => {
    expect(() => value('June 30th', DATE)).toThrow(`saved watermark "June 30th" for ${WHAT} is not a date and time`);
  });
});

describe('integer watermarks', () => {
  it.each([
    ['a plain number', '100', BIGINT, undefined, 100n],
    ['a lookback', '100', INT, { amount: 10 }, 90n],
    ['a result below zero', '5', SMALLINT, { amount: 10 }, -5n],
    ['a negative number', '-5', INT, { amount: 1 }, -6n],
    ['white space', ' 42 \n', BIGINT, undefined, 42n],
    ['2^53 + 1, exactly', '9007199254740993', BIGINT, undefined, 9007199254740993n],
    ['a lookback beyond 2^53', '9007199254740993', BIGINT, { amount: 10 }, 9007199254740983n],
    ['the largest bigint', '9223372036854775807', BIGINT, { amount: 1 }, 9223372036854775806n],
  ] as const)('keeps %s exact', (_label, text, type, lookback, expected) => {
    expect(value(text, type, lookback)).toEqual({ type: 'integer', value: expected });
  });

  it.each([['a fraction', '12.5'], ['a decimal zero', '12.0'], ['a word', 'abc'], ['an empty text', ''], ['exponent form', '1e5'], ['SQL', '1; DROP TABLE x']])(
    'rejects %s and names the column',
    (_label, text) => {
      expect(() => value(text, BIGINT)).toThrow(`saved watermark "${text}" for ${WHAT} is not a whole number`);
    },
  );

  it('rejects a lookback that is not whole, naming the column', () => {
    expect(() => value('100', INT, { amount: 1.5 })).toThrow(`the lookback for ${WHAT} must be a whole number`);
  });
});

describe('decimal watermarks', () => {
  it.each([
    ['10.05 − 0.1', '10.05', { amount: 0.1 }, '9.95'],
    ['a result below zero', '0.05', { amount: 0.1 }, '-0.05'],
    ['a negative number', '-1.5', { amount: 2 }, '-3.5'],
    ['a whole number minus a fraction', '100', { amount: 0.25 }, '99.75'],
    ['no lookback, keeping the scale', '10.050', undefined, '10.050'],
    ['a result of exactly zero', '0.3', { amount: 0.3 }, '0.0'],
    ['more digits than a double holds', '12345678901234567890.12', { amount: 1 }, '12345678901234567889.12'],
    ['the classic 0.3 − 0.1', '0.3', { amount: 0.1 }, '0.2'],
  ] as const)('subtracts exactly: %s', (_label, text, lookback, expected) => {
    expect(value(text, DECIMAL, lookback)).toEqual({ type: 'decimal', value: expected });
  });

  it('returns values every dialect renders', () => {
    const result = value('0.05', DECIMAL, { amount: 0.1 });
    for (const name of DIALECTS) expect(dialect(name).literal(result)).toBe('-0.05');
  });

  it.each([['exponent form', '1e5'], ['a word', 'ten'], ['a trailing dot', '1.'], ['an empty text', ''], ['SQL', '1 OR 1=1']])('rejects %s and names the column', (_label, text) => {
    expect(() => value(text, DECIMAL)).toThrow(`saved watermark "${text}" for ${WHAT} is not a number`);
  });
});

describe('other column types', () => {
  it.each([['string'], ['boolean'], ['double'], ['uuid']] as const)('rejects a %s change column, naming it', (kind) => {
    expect(() => value('1', { kind } as ColumnType)).toThrow(`${WHAT} is ${kind}; a watermark must be a date, datetime or number`);
  });
});
