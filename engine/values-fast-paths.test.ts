// The normalisers' fast paths for text a driver already sends (nearly) canonical: decimals and
// times padded to the column's scale (MariaDB sends DECIMAL(18,4) 12.5 as "12.5000"), datetimes
// for a datetimeoffset column, lower-case uuids. Each writes what the full parse writes, and
// leaves every text it does not take plainly to the parse and its messages.
import { expect, it } from 'vitest';
import { valueNormalizer } from './values.ts';

const decimal = (precision: number, scale: number) => valueNormalizer({ kind: 'decimal', precision, scale });

it('writes padded fractions without their trailing zeros, and zero without a sign', () => {
  const d = decimal(18, 4);
  const cases: [string, string][] = [
    ['12.5000', '12.5'], ['-12.5000', '-12.5'], ['100.0000', '100'], ['-100.0000', '-100'], ['0.0000', '0'], ['-0.0000', '0'],
    ['0.5000', '0.5'], ['-0.0500', '-0.05'], ['12345678901234.5678', '12345678901234.5678'], ['99999999999999.9990', '99999999999999.999'],
    ['7', '7'], ['-0', '0'], ['0', '0'], ['10', '10'], ['1.2345', '1.2345'],
  ];
  for (const [text, expected] of cases) expect(d(text), text).toBe(expected);
});

it('counts the digits that remain: padding never makes a value overflow or lose digits, and real excess still fails', () => {
  // decimal(4,2): two digits before the point, two after.
  const d = decimal(4, 2);
  expect(d('99.990000')).toBe('99.99');
  expect(d('0.10000000')).toBe('0.1');
  expect(() => d('99.9990')).toThrow(/^"99.9990" has more digits after the point than decimal\(4,2\) holds \(2\)/);
  expect(() => d('100.0000')).toThrow(/"100.0000" does not fit decimal\(4,2\): at most 2 digits before the point/);
  // decimal(2,2): no digit before the point but the zero.
  const fraction = decimal(2, 2);
  expect(fraction('0.5000')).toBe('0.5');
  expect(fraction('-0.9900')).toBe('-0.99');
  expect(() => fraction('1.0000')).toThrow(/does not fit decimal\(2,2\)/);
});

it('leaves texts with leading zeros, signs, spaces, exponents or a bare point to the parse', () => {
  const d = decimal(10, 2);
  expect(d('007.50')).toBe('7.5');
  expect(d('+3.00')).toBe('3');
  expect(d(' 42.10 ')).toBe('42.1');
  expect(d('5.')).toBe('5');
  expect(d('.50')).toBe('0.5');
  expect(d('1.50e1')).toBe('15');
  expect(() => d('1.2.3')).toThrow(/is not a decimal/);
  expect(() => d('-')).toThrow(/is not a decimal/);
  expect(() => d('1,5')).toThrow(/is not a decimal/);
});

it('marks datetime text without an offset as UTC for a datetimeoffset column, as the parse does', () => {
  const instant = valueNormalizer({ kind: 'datetimeoffset' });
  expect(instant('2021-06-01 00:01:00')).toBe('2021-06-01 00:01:00+00:00');
  expect(instant('2021-06-01 00:01:00.250000')).toBe('2021-06-01 00:01:00.25+00:00');
  // Offsets, T separators and bad days still take the parse.
  expect(instant('2021-06-01 02:01:00+02:00')).toBe('2021-06-01 00:01:00+00:00');
  expect(instant('2021-06-01T00:01:00')).toBe('2021-06-01 00:01:00+00:00');
  expect(() => instant('2021-02-29 00:00:00')).toThrow(/not a valid calendar date/);
});

it('writes times padded to the column\'s precision without their trailing zeros, and refuses what is no time of day', () => {
  const time = valueNormalizer({ kind: 'time' });
  expect(time('10:00:00')).toBe('10:00:00');
  expect(time('10:00:00.500000')).toBe('10:00:00.5');
  expect(time('10:00:00.000')).toBe('10:00:00');
  expect(() => time('838:59:59')).toThrow(/is not a time of day/);
  expect(() => time('-01:00:00')).toThrow(/is not a time of day/);
});

it('keeps a lower-case uuid as it is and rewrites any other spelling', () => {
  const uuid = valueNormalizer({ kind: 'uuid' });
  expect(uuid('c4ca4238-a0b9-2382-0dcc-509a6f75849b')).toBe('c4ca4238-a0b9-2382-0dcc-509a6f75849b');
  expect(uuid('C4CA4238-A0B9-2382-0DCC-509A6F75849B')).toBe('c4ca4238-a0b9-2382-0dcc-509a6f75849b');
  expect(uuid('c4ca4238a0b923820dcc509a6f75849b')).toBe('c4ca4238-a0b9-2382-0dcc-509a6f75849b');
  expect(uuid(' c4ca4238-a0b9-2382-0dcc-509a6f75849b ')).toBe('c4ca4238-a0b9-2382-0dcc-509a6f75849b');
  expect(() => uuid('c4ca4238-a0b9-2382-0dcc-509a6f75849g')).toThrow(/is not a uuid/);
  expect(() => uuid('c4ca4238-a0b9-2382-0dcc509a-6f75849b')).toThrow(/is not a uuid/);
});
