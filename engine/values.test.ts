// The normalisers: every form a driver hands over becomes the one value form the file writers
// take, exactly; what a warehouse could not hold fails with a ValueError that says why.
import { describe, expect, it } from 'vitest';
import { parseColumnType, type ColumnType } from '../shared/model/column-type.ts';
import { normalizer, ValueError } from './values.ts';

const type = (text: string): ColumnType => parseColumnType(text) as ColumnType;
const norm = (text: string, value: unknown, key = false): unknown => normalizer(type(text), key)(value);
const fails = (text: string, value: unknown, message: RegExp | string, key = false): void => {
  let error: unknown;
  try {
    norm(text, value, key);
  } catch (caught) {
    error = caught;
  }
  expect(error, `${text} ${String(value)}`).toBeInstanceOf(ValueError);
  expect((error as Error).message).toMatch(message);
};

describe('NULL', () => {
  it('passes NULL (and undefined) through in ordinary columns', () => {
    for (const t of ['int', 'string(5)', 'date', 'decimal(10,2)', 'binary', 'boolean']) {
      expect(norm(t, null)).toBeNull();
      expect(norm(t, undefined)).toBeNull();
    }
  });
  it('refuses NULL in a business key column', () => {
    fails('int', null, /NULL in a business key column/, true);
    fails('string(10)', undefined, /NULL in a business key column/, true);
  });
  it("keeps '' apart from NULL", () => {
    expect(norm('string(5)', '')).toBe('');
  });
});

describe('decimal', () => {
  it.each([
    ['decimal(18,4)', '12345678901234.5678', '12345678901234.5678'],
    ['decimal(10,2)', '007.50', '7.5'],
    ['decimal(10,2)', '.5', '0.5'],
    ['decimal(10,2)', '5.', '5'],
    ['decimal(10,2)', '+3', '3'],
    ['decimal(10,2)', '-0.000', '0'],
    ['decimal(10,2)', ' 42.10 ', '42.1'],
    ['decimal(10,4)', '1.5e3', '1500'],
    ['decimal(10,4)', '1.5E+3', '1500'],
    ['decimal(10,4)', '1.5e-3', '0.0015'],
    ['decimal(10,4)', '-1e-2', '-0.01'],
    ['decimal(10,4)', '0.0012e2', '0.12'],
    ['decimal(10,4)', '0012e-1', '1.2'],
    ['decimal(10,4)', '12e0', '12'],
    ['decimal(10,4)', '0.00e5', '0'],
    ['decimal(10,1)', '1.50', '1.5'],
    ['decimal(10,1)', '1.5000e0', '1.5'],
    ['decimal(10,2)', 0.25, '0.25'],
    ['decimal(38,0)', '12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
    ['decimal(38,10)', '-1234567890123456789012345678.0123456789', '-1234567890123456789012345678.0123456789'],
    ['decimal(38,0)', 1e21, '1000000000000000000000'],
    ['decimal(10,2)', 0.1, '0.1'],
    ['decimal(10,2)', -7, '-7'],
    ['decimal(38,0)', 123456789012345678901234567890n, '123456789012345678901234567890'],
  ])('%s %s → %s', (t, value, expected) => {
    expect(norm(t, value)).toBe(expected);
  });

  it.each([
    ['decimal(5,2)', '1234.5', /at most 3 digits before the point/],
    ['decimal(5,2)', '1e3', /at most 3 digits before the point/],
    ['decimal(5,2)', '-99999', /does not fit decimal\(5,2\)/],
    ['decimal(10,2)', 'abc', /is not a decimal\(10,2\)/],
    ['decimal(10,2)', '', /is not a decimal/],
    ['decimal(10,2)', '.', /is not a decimal/],
    ['decimal(10,2)', '1.2.3', /is not a decimal/],
    ['decimal(10,2)', '1e', /is not a decimal/],
    ['decimal(10,2)', Number.NaN, /is not a decimal/],
    ['decimal(10,2)', Number.POSITIVE_INFINITY, /is not a decimal/],
    ['decimal(10,2)', true, /is not a decimal/],
    // Digits beyond the scale would be rounded by every warehouse: the user asks for that in the mapping.
    ['decimal(10,1)', '0.99', /^"0.99" has more digits after the point than decimal\(10,1\) holds \(1\): declare decimal\(p,s\) with a larger scale, or round in the mapping \(e.g. ROUND\(x, 1\)\)$/],
    ['decimal(10,1)', 0.99, /more digits after the point than decimal\(10,1\)/],
    ['decimal(10,2)', '1.23456', /ROUND\(x, 2\)/],
    ['decimal(10,0)', '5.5', /ROUND\(x, 0\)/],
    ['decimal(10,2)', '1.5e-3', /more digits after the point/],
    ['decimal(10,2)', '-0.001', /more digits after the point/],
    ['decimal(10,1)', ' 0.99 ', /more digits after the point/],
    ['decimal(5,2)', '1234', /at most 3 digits before the point: declare decimal\(p,s\) with a larger precision/],
  ])('%s refuses %s', (t, value, message) => {
    fails(t, value, message);
  });
});

describe('integers', () => {
  it('accepts the forms drivers use, within range', () => {
    expect(norm('int', 2147483647)).toBe(2147483647);
    expect(norm('int', -2147483648)).toBe(-2147483648);
    expect(norm('int', 5n)).toBe(5);
    expect(norm('int', ' 42 ')).toBe(42);
    expect(norm('int', '-7')).toBe(-7);
    expect(norm('int', true)).toBe(1);
    expect(norm('smallint', 32767)).toBe(32767);
    expect(norm('bigint', 9223372036854775807n)).toBe(9223372036854775807n);
    expect(norm('bigint', -9223372036854775808n)).toBe(-9223372036854775808n);
    expect(norm('bigint', '9223372036854775807')).toBe(9223372036854775807n);
    expect(norm('bigint', ' -9223372036854775808 ')).toBe(-9223372036854775808n);
    expect(norm('bigint', 42)).toBe(42n);
  });

  it('refuses values out of range or not whole', () => {
    fails('int', 2147483648, /out of range for int/);
    fails('int', -2147483649, /out of range for int/);
    fails('int', 2147483648n, /out of range for int/);
    fails('int', '99999999999', /out of range for int/);
    fails('smallint', 32768, /out of range for smallint/);
    fails('smallint', -32769, /out of range for smallint/);
    fails('int', 4.5, /not a whole number \(int\)/);
    fails('int', '4.0', /not a whole number \(int\)/);
    fails('int', 'lots', /"lots" is not a whole number \(int\)/);
    fails('int', '', /not a whole number/);
    fails('bigint', 9223372036854775808n, /out of range for bigint/);
    fails('bigint', '-9223372036854775809', /out of range for bigint/);
    fails('bigint', 1.5, /not a whole number \(bigint\)/);
    fails('bigint', '12abc', /not a whole number \(bigint\)/);
  });
});

describe('dates and times', () => {
  it('accepts valid calendar dates, from text or a Date (UTC)', () => {
    expect(norm('date', '2024-02-29')).toBe('2024-02-29');
    expect(norm('date', '2026-03-01 00:00:00')).toBe('2026-03-01');
    expect(norm('date', '2026-03-01T00:00:00.000000')).toBe('2026-03-01');
    expect(norm('date', '2026-03-01 00:00')).toBe('2026-03-01');
    expect(norm('date', new Date(Date.UTC(2026, 0, 31)))).toBe('2026-01-31');
  });

  it('refuses a time of day or a zone in a date column: the column would drop it', () => {
    fails('date', '2026-11-20 10:30:00', /^"2026-11-20 10:30:00" has a time of day, which a date column would drop: declare the column datetime, or CAST it to a date in the mapping$/);
    fails('date', '2026-11-20 00:00:00.000001', /has a time of day/);
    fails('date', new Date(Date.UTC(2026, 0, 31, 23, 59)), /has a time of day/);
    fails('date', '2026-11-20 00:00:00+00', /has a time zone offset, so its day depends on the zone/);
    fails('date', '2026-11-20 00:00:00Z', /has a time zone offset/);
    for (const outside of ['infinity', '-infinity', '0044-03-15 BC', '10000-01-01']) fails('date', outside, /is outside the years 0001–9999 that every warehouse holds/);
  });

  it.each(['2026-02-30', '2023-02-29', '2026-13-01', '2026-04-31', '0000-01-01', '2026-1-01', '01/02/2026', 'today'])('refuses the date %s', (value) => {
    fails('date', value, /not a (valid calendar )?date/);
  });

  it('gives datetimes as YYYY-MM-DD HH:MM:SS[.f]', () => {
    expect(norm('datetime', '2026-03-01 10:00:00.123456')).toBe('2026-03-01 10:00:00.123456');
    expect(norm('datetime', '2026-03-01T10:00:00')).toBe('2026-03-01 10:00:00');
    expect(norm('datetime', '2026-03-01 10:00')).toBe('2026-03-01 10:00:00');
    expect(norm('datetime', '2026-03-01')).toBe('2026-03-01 00:00:00');
    // Drivers that pad to the column's precision give the same text as those that do not.
    expect(norm('datetime', '2026-03-01 10:00:00.500000')).toBe('2026-03-01 10:00:00.5');
    expect(norm('datetime', '2026-03-01 10:00:00.000000')).toBe('2026-03-01 10:00:00');
    expect(norm('datetime', new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 5)))).toBe('2026-03-01 10:00:00.005');
    expect(norm('datetime', new Date(Date.UTC(2026, 2, 1, 10, 0, 0)))).toBe('2026-03-01 10:00:00');
  });

  it('refuses invalid datetimes, and offsets in a datetime without zone', () => {
    fails('datetime', '2026-02-30 10:00:00', /not a valid calendar date/);
    fails('datetime', '2026-03-01 24:00:00', /not a time of day/);
    fails('datetime', '2026-03-01 10:60:00', /not a time of day/);
    fails('datetime', '2026-03-01 10:00:00+05:30', /has a time zone offset/);
    // An instant is not a wall-clock time, even at UTC: every source gets the same answer.
    fails('datetime', '2026-03-01 10:00:00+00', /has a time zone offset, which a datetime column would drop: declare the column datetimeoffset/);
    fails('datetime', '2026-03-01 10:00:00Z', /has a time zone offset/);
    fails('datetime', '2026-03-01T10:00:00.5-00:00', /has a time zone offset/);
    for (const outside of ['infinity', '-infinity', '0044-03-15 10:00:00 BC']) fails('datetime', outside, /is outside the years 0001–9999/);
    fails('datetimeoffset', 'infinity', /is outside the years 0001–9999/);
    fails('datetime', 'yesterday', /not a date and time/);
    fails('datetime', new Date(Number.NaN), /not a valid date and time/);
    fails('datetime', 20260301, /not a date and time/);
  });

  it('gives datetimeoffsets as the same instant in UTC', () => {
    expect(norm('datetimeoffset', '2024-03-01 10:00:00+05:30')).toBe('2024-03-01 04:30:00+00:00');
    expect(norm('datetimeoffset', '2024-03-01 04:30:00+00')).toBe('2024-03-01 04:30:00+00:00');
    expect(norm('datetimeoffset', '2024-03-01T04:30:00.5Z')).toBe('2024-03-01 04:30:00.5+00:00');
    expect(norm('datetimeoffset', '2024-03-01 04:30:00.250-0800')).toBe('2024-03-01 12:30:00.25+00:00');
    expect(norm('datetimeoffset', '2024-03-01 02:00:00+05:30')).toBe('2024-02-29 20:30:00+00:00');
    expect(norm('datetimeoffset', '2024-12-31 20:00:00-05')).toBe('2025-01-01 01:00:00+00:00');
    expect(norm('datetimeoffset', '0099-01-01 00:00:00-01:00')).toBe('0099-01-01 01:00:00+00:00');
    expect(norm('datetimeoffset', '2024-03-01 04:30:00')).toBe('2024-03-01 04:30:00+00:00');
    expect(norm('datetimeoffset', new Date(Date.UTC(2024, 2, 1, 4, 30)))).toBe('2024-03-01 04:30:00+00:00');
  });

  it('reads the years 0001–0099 as themselves, and refuses instants before 0001 in UTC', () => {
    expect(norm('date', '0096-02-29')).toBe('0096-02-29');
    fails('date', '0099-02-29', /not a valid calendar date/);
    expect(norm('datetime', '0001-01-01 00:00:00.000')).toBe('0001-01-01 00:00:00');
    expect(norm('datetimeoffset', '0100-01-01 00:30:00+01:00')).toBe('0099-12-31 23:30:00+00:00');
    fails('datetimeoffset', '0001-01-01 00:30:00+01:00', /outside the years 0001–9999/);
  });

  it('gives times as HH:MM:SS[.f]', () => {
    expect(norm('time', '10:00')).toBe('10:00:00');
    expect(norm('time', '23:59:59.999999')).toBe('23:59:59.999999');
    expect(norm('time', '08:00:00.1200000')).toBe('08:00:00.12');
    fails('time', '24:00:00', /not a time of day/);
    fails('time', '10:61', /not a time of day/);
  });
});

describe('strings', () => {
  it('counts the length in code points, as warehouses do', () => {
    expect(norm('string(5)', 'abcde')).toBe('abcde');
    expect(norm('string(5)', '😀😀😀😀😀')).toBe('😀😀😀😀😀');
    expect(norm('string(3)', '日本語')).toBe('日本語');
    fails('string(5)', 'abcdef', /longer than the column's 5 characters/);
    fails('string(5)', '😀😀😀😀😀😀', /longer than the column's 5 characters/);
    // A combining accent is a code point of its own.
    fails('string(1)', 'e\u0301', /longer than the column's 1 characters/);
    expect(norm('string', 'x'.repeat(100_000))).toHaveLength(100_000);
  });

  it('takes numbers and booleans as their text, and refuses NUL and other kinds', () => {
    expect(norm('string(10)', 42)).toBe('42');
    expect(norm('string(30)', 9007199254740993n)).toBe('9007199254740993');
    expect(norm('string(10)', true)).toBe('1');
    fails('string(10)', 'a\u0000b', /NUL character/);
    fails('string(10)', { a: 1 }, /is not text/);
    fails('string(10)', Buffer.from('ab'), /is not text/);
  });
});

describe('other types', () => {
  it('booleans from the forms drivers use', () => {
    expect(norm('boolean', true)).toBe(true);
    expect(norm('boolean', 0)).toBe(false);
    expect(norm('boolean', 1n)).toBe(true);
    expect(norm('boolean', ' Yes ')).toBe(true);
    expect(norm('boolean', 'f')).toBe(false);
    expect(norm('boolean', Uint8Array.of(1))).toBe(true);
    expect(norm('boolean', Uint8Array.of(0))).toBe(false);
    fails('boolean', 2, /is not a boolean/);
    fails('boolean', 'maybe', /is not a boolean/);
  });

  it('binary as bytes, with its length checked', () => {
    const bytes = Uint8Array.of(0, 1, 0, 255);
    expect(norm('binary(4)', bytes)).toBe(bytes);
    expect(norm('binary', 'é')).toEqual(Buffer.from([0xc3, 0xa9]));
    fails('binary(3)', bytes, /longer than the column's 3 bytes/);
    fails('binary', 42, /is not binary/);
  });

  it('uuids in lower case with dashes', () => {
    expect(norm('uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(norm('uuid', 'a0eebc999c0b4ef8bb6d6bb9bd380a11')).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(norm('uuid', Buffer.from('a0eebc999c0b4ef8bb6d6bb9bd380a11', 'hex'))).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    fails('uuid', 'not-a-uuid', /is not a uuid/);
  });

  it('floats from numbers and numeric text', () => {
    expect(norm('double', '1.5')).toBe(1.5);
    expect(norm('float', 2n)).toBe(2);
    fails('double', '', /is not a number/);
    fails('double', 'abc', /is not a number/);
  });
});
