// Decimal text padded to the column's scale (MariaDB sends DECIMAL(18,4) 12.5 as "12.5000"): the
// normaliser's fast path writes it without the zeros, as the parse does, and leaves every text it
// does not take plainly to the parse and its messages.
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
