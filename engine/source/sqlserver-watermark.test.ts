// A SQL Server change column's watermark, end to end without a server: values decoded by tedious's
// own value parser from TDS bytes (the driver's real code, not a stand-in), normalised to the
// landed text, captured as T-SQL's style 121 writes MAX(column), saved, read back as the
// watermark, rendered for the source and compared with the rows again. No row at the boundary may
// be read twice, and none after it may be skipped.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../shared/model/column-type.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { comparedWatermark, watermarkValue } from '../../shared/sql/watermark.ts';
import { withAllFractionDigits } from '../../shared/time.ts';
import { normalizer } from '../values.ts';

interface TediousParser {
  readValue(buf: Buffer, offset: number, metadata: unknown, options: unknown): { value: unknown };
}
const require = createRequire(import.meta.url);
const parser = require('tedious/lib/value-parser.js') as TediousParser;
const { TYPES } = require('tedious/lib/data-type.js') as { TYPES: Record<string, unknown> };

/** Days from 0001-01-01 (TDS `date`) to a UTC calendar day. */
const tdsDays = (year: number, month: number, day: number): number =>
  Math.round((Date.UTC(year, month - 1, day) - Date.UTC(2000, 0, 1)) / 86_400_000) + 730_119;
const ticksOf = (h: number, m: number, s: number, hundredNanos: number): number => ((h * 60 + m) * 60 + s) * 10_000_000 + hundredNanos;

/** A datetime2(7) value as the server sends it: length, 5 bytes of 100 ns ticks, 3 bytes of days. */
function datetime2(day: [number, number, number], ticks: number): unknown {
  const buf = Buffer.alloc(9);
  buf[0] = 8;
  buf.writeUIntLE(ticks, 1, 5);
  buf.writeUIntLE(tdsDays(...day), 6, 3);
  return parser.readValue(buf, 0, { type: TYPES.DateTime2, scale: 7 }, { useUTC: true }).value;
}

/** A time(7) value: length, then 5 bytes of 100 ns ticks since midnight. */
function time7(ticks: number): unknown {
  const buf = Buffer.alloc(6);
  buf[0] = 5;
  buf.writeUIntLE(ticks, 1, 5);
  return parser.readValue(buf, 0, { type: TYPES.Time, scale: 7 }, { useUTC: true }).value;
}

/** A datetimeoffset(7) value: the UTC time and day, then the offset in minutes. */
function datetimeoffset(utcDay: [number, number, number], utcTicks: number, offsetMinutes: number): unknown {
  const buf = Buffer.alloc(11);
  buf[0] = 10;
  buf.writeUIntLE(utcTicks, 1, 5);
  buf.writeUIntLE(tdsDays(...utcDay), 6, 3);
  buf.writeInt16LE(offsetMinutes, 9);
  return parser.readValue(buf, 0, { type: TYPES.DateTimeOffset, scale: 7 }, { useUTC: true }).value;
}

/** A datetime value: days since 1900-01-01, then 1/300 s ticks. */
function datetime(day: [number, number, number], seconds: number, threeHundredths: number): unknown {
  const buf = Buffer.alloc(8);
  buf.writeInt32LE(Math.round((Date.UTC(day[0], day[1] - 1, day[2]) - Date.UTC(1900, 0, 1)) / 86_400_000), 0);
  buf.writeUInt32LE(seconds * 300 + threeHundredths, 4);
  return parser.readValue(buf, 0, { type: TYPES.DateTime }, { useUTC: true }).value;
}

const DATETIME: ColumnType = { kind: 'datetime' };
const OFFSET: ColumnType = { kind: 'datetimeoffset' };
const tsql = dialect('tsql');
const landed = (type: ColumnType, value: unknown): string => normalizer(type, false)(value) as string;

/** What `CONVERT(NVARCHAR(40), MAX(col), 121)` returns for the landed value in a DATETIME2(7) / DATETIMEOFFSET(7) column. */
function style121(text: string, type: ColumnType): string {
  const [wall, offset] = type.kind === 'datetimeoffset' ? [text.slice(0, -6), text.slice(-6)] : [text, undefined];
  const padded = withAllFractionDigits(wall).slice(0, 27);
  return offset === undefined ? padded : `${padded} ${offset}`;
}

/** The watermark the next run binds for a source column, from the saved text. */
function bound(saved: string, type: ColumnType, comparison: '>' | '>=' = '>'): string {
  const value = comparedWatermark(watermarkValue(saved, type, undefined, 'entity "e", change column "c"'), comparison, tsql);
  if (value.type !== 'datetime') throw new Error(`a datetime watermark came back as ${value.type}`);
  return value.value;
}

/** `row > bound` over two canonical UTC texts, compared as SQL Server compares DATETIME2(7) values. */
const after = (row: string, watermark: string): boolean => withAllFractionDigits(row.replace(/\+00:00$/, '')) > withAllFractionDigits(watermark);

describe('SQL Server watermarks keep 100 ns end to end', () => {
  it('lands a datetime2(7) value with all seven digits, as the driver decoded it', () => {
    expect(landed(DATETIME, datetime2([2026, 6, 30], ticksOf(1, 2, 3, 1_234_567)))).toBe('2026-06-30 01:02:03.1234567');
    expect(landed(DATETIME, datetime2([2026, 6, 30], ticksOf(1, 2, 3, 1)))).toBe('2026-06-30 01:02:03.0000001');
    expect(landed(DATETIME, datetime2([2026, 6, 30], ticksOf(1, 2, 3, 1_230_000)))).toBe('2026-06-30 01:02:03.123');
    expect(landed(DATETIME, datetime2([2026, 6, 30], ticksOf(23, 59, 59, 9_999_999)))).toBe('2026-06-30 23:59:59.9999999');
    expect(landed({ kind: 'time' }, time7(ticksOf(1, 2, 3, 1_234_567)))).toBe('01:02:03.1234567');
  });

  it('neither repeats nor loses the boundary row of a datetime2(7) change column', () => {
    const boundary = landed(DATETIME, datetime2([2026, 6, 30], ticksOf(1, 2, 3, 1_234_567)));
    const saved = style121(boundary, DATETIME);
    expect(saved).toBe('2026-06-30 01:02:03.1234567');
    const watermark = bound(saved, DATETIME);
    expect(tsql.literal({ type: 'datetime', value: watermark })).toBe("CAST(N'2026-06-30 01:02:03.1234567' AS DATETIME2(7))");
    expect(after(boundary, watermark), 'the boundary row is read again').toBe(false);
    const next = landed(DATETIME, datetime2([2026, 6, 30], ticksOf(1, 2, 3, 1_234_568)));
    expect(after(next, watermark), 'the row 100 ns later is skipped').toBe(true);
    // With >=, the boundary row is read again by design, and nothing before it.
    expect(bound(saved, DATETIME, '>=')).toBe('2026-06-30 01:02:03.1234567');
  });

  it('compares a datetimeoffset(7) at a non-zero offset as its instant', () => {
    // 03:02:03.1234567 at +02:00 is 01:02:03.1234567 UTC: the server sends the UTC time and the offset.
    const boundary = landed(OFFSET, datetimeoffset([2026, 6, 30], ticksOf(1, 2, 3, 1_234_567), 120));
    expect(boundary).toBe('2026-06-30 01:02:03.1234567+00:00');
    const watermark = bound(style121(boundary, OFFSET), OFFSET);
    expect(watermark).toBe('2026-06-30 01:02:03.1234567');
    expect(after(boundary, watermark)).toBe(false);
    expect(after(landed(OFFSET, datetimeoffset([2026, 6, 30], ticksOf(1, 2, 3, 1_234_568), -330)), watermark)).toBe(true);
    // A saved text that kept the source's offset (a warehouse column written at +02:00) is the same instant.
    expect(bound('2026-06-30 03:02:03.1234567 +02:00', OFFSET)).toBe('2026-06-30 01:02:03.1234567');
  });

  it('keeps a datetime column at its exact ticks .003 and .007 (as CAST(… AS DATETIME2(3)) sends them)', () => {
    for (const [ticks, text] of [[1, '2026-06-30 01:02:03.003'], [2, '2026-06-30 01:02:03.007'], [299, '2026-06-30 01:02:03.997']] as const) {
      const raw = landed(DATETIME, datetime([2026, 6, 30], 3723, ticks));
      expect(raw).toBe(text);
      const cast = landed(DATETIME, datetime2([2026, 6, 30], ticksOf(1, 2, 3, Number(text.slice(-3)) * 10_000)));
      expect(cast).toBe(text);
      const watermark = bound(style121(cast, DATETIME), DATETIME);
      expect(watermark).toBe(text);
      expect(after(cast, watermark)).toBe(false);
    }
  });

  it('subtracts a lookback without losing the seventh digit', () => {
    expect(watermarkValue('2026-06-30 01:02:03.1234567', DATETIME, { amount: 0.5, unit: 'seconds' }, 'c')).toEqual({ type: 'datetime', value: '2026-06-30 01:02:02.6234567' });
    expect(watermarkValue('2026-06-30 00:00:00.0000001', DATETIME, { amount: 1, unit: 'minutes' }, 'c')).toEqual({ type: 'datetime', value: '2026-06-29 23:59:00.0000001' });
  });

  it('cuts the seventh digit for a source that keeps microseconds, so it is not rounded up past a row', () => {
    // PostgreSQL would read TIMESTAMP '….1234567' as .123457 and skip a row at .123457.
    for (const name of ['postgres', 'mariadb', 'duckdb'] as const) {
      expect(comparedWatermark({ type: 'datetime', value: '2026-06-30 01:02:03.1234567' }, '>', dialect(name)), name).toEqual({ type: 'datetime', value: '2026-06-30 01:02:03.123456' });
    }
    expect(comparedWatermark({ type: 'datetime', value: '2026-06-30 01:02:03.1234567' }, '>', dialect('sqlite'))).toEqual({ type: 'datetime', value: '2026-06-30 01:02:03.123456000' });
  });
});
