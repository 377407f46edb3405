/**
 * A datetime, datetimeoffset or time normaliser that refuses a value with more significant
 * fraction digits than the warehouse keeps: DuckDB cuts a seventh digit on load, PostgreSQL and
 * MariaDB round it, and none says so (promise 2: exact or fail, naming what to do instead).
 */
import type { ColumnType } from '../shared/model/column-type.ts';
import { fractionDigitsProblem } from '../shared/value-problems.ts';
import { show, ValueError, type Normalizer } from './values.ts';

/**
 * A column's normaliser for a warehouse keeping `digits` fraction digits: `normalize` itself for a
 * type with no fraction of a second, or where the warehouse keeps the normalisers' nine.
 */
export function keepingFractionDigits(type: ColumnType, normalize: Normalizer, digits: number, warehouseKind: string): Normalizer {
  if (digits >= 9 || (type.kind !== 'datetime' && type.kind !== 'datetimeoffset' && type.kind !== 'time')) return normalize;
  const problem = fractionDigitsProblem(warehouseKind, digits);
  return (value) => {
    const text = normalize(value);
    if (typeof text !== 'string') return text;
    const point = text.indexOf('.');
    if (point < 0 || text.length - point - 1 <= digits) return text;
    // The digits after the point, to the last one that is not a zero (trailing zeros lose nothing).
    let significant = 0;
    for (let i = point + 1, n = 1; i < text.length; i++, n++) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      if (code !== 48) significant = n;
    }
    // A driver's Date shows only milliseconds: the text has every digit.
    if (significant > digits) throw new ValueError(`${show(value instanceof Date ? text : value)} ${problem}`);
    return text;
  };
}
