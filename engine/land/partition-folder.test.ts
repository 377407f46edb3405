import { describe, expect, it } from 'vitest';
import { lakePath } from './lake-path.ts';
import { MAX_PARTITION_VALUE, partitionOf, partitionValueText } from './partition-folder.ts';
import type { FileColumn } from '../format/file-builder.ts';

const COLUMNS: FileColumn[] = [{ name: 'id', type: { kind: 'int' } }, { name: 'at', type: { kind: 'datetime' } }, { name: 'region', type: { kind: 'string' } }];

describe('partition folders', () => {
  it('escapes every value into one safe folder name part', () => {
    expect(partitionValueText('EU')).toBe('EU');
    expect(partitionValueText('../')).toBe('..%2F');
    expect(partitionValueText('/etc/passwd')).toBe('%2Fetc%2Fpasswd');
    expect(partitionValueText('a\u0000b')).toBe('a%00b');
    expect(partitionValueText('a\\b:c')).toBe('a%5Cb%3Ac');
    expect(partitionValueText('%2F')).toBe('%252F');
    expect(partitionValueText('Zürich 🙂')).toBe('Z%C3%BCrich%20%F0%9F%99%82');
    for (const hostile of ['../', '..', '.', '/', '\u0000', '../../x', 'a/../../b', '\\..\\..']) {
      const folder = `region=${partitionValueText(hostile)}`;
      for (const bad of ['/', '\\', '\u0000']) expect(folder).not.toContain(bad);
      // The lake's own path rule accepts it as one segment under the set.
      expect(lakePath('orders/Latest', folder, 'orders_000000000001.csv')).toBe(`orders/Latest/${folder}/orders_000000000001.csv`);
    }
  });

  it('cuts a long value, never inside an escape, and keeps different long values apart by a hash', () => {
    const a = partitionValueText('x'.repeat(1000));
    const b = partitionValueText(`${'x'.repeat(999)}y`);
    expect(a.length).toBeLessThanOrEqual(MAX_PARTITION_VALUE);
    expect(a).toMatch(/^x+~[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    for (let pad = 0; pad < 4; pad++) {
      const cut = partitionValueText(`${'a'.repeat(pad)}${'/'.repeat(200)}`);
      expect(cut.length).toBeLessThanOrEqual(MAX_PARTITION_VALUE);
      expect(cut).toMatch(/^a*(%2F)*~[0-9a-f]{16}$/);
    }
  });

  it('names date folders by the granularity, and NULL by Hive\'s default partition', () => {
    const month = partitionOf({ kind: 'date', column: 'at', granularity: 'month' }, COLUMNS);
    expect(month([1, '2024-03-15 10:00:00', 'x'])).toBe('year=2024/month=03');
    expect(month([1, null, 'x'])).toBe('year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__');
    expect(partitionOf({ kind: 'date', column: 'AT', granularity: 'day' }, COLUMNS)([1, '0001-01-09', 'x'])).toBe('year=0001/month=01/day=09');
    expect(partitionOf({ kind: 'date', column: 'at', granularity: 'year' }, COLUMNS)([1, '1999-12-31 23:59:59+05:00', 'x'])).toBe('year=1999');
    expect(() => month([1, 'not a date', 'x'])).toThrow(/is not a date written YYYY-MM-DD/);
    const value = partitionOf({ kind: 'value', column: 'region' }, COLUMNS);
    expect(value([1, null, '../'])).toBe('region=..%2F');
    expect(value([1, null, null])).toBe('region=__HIVE_DEFAULT_PARTITION__');
    expect(partitionOf({ kind: 'value', column: 'id' }, COLUMNS)([-7, null, null])).toBe('id=-7');
  });
});
