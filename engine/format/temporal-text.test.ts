import { describe, expect, it } from 'vitest';
import { MICROS_PER_DAY, daysFromCivil, parseDateTime, parseDateTimeOffset, parseDays, parseTime, temporalParts, type TemporalParser } from './temporal-text.ts';

/** Days and micros of a UTC instant, computed with Date (independently of the parsers). */
function expected(iso: string, extraMicros = 0): { days: number; micros: number } {
  const ms = Date.parse(iso);
  const days = Math.floor(ms / 86_400_000);
  return { days, micros: (ms - days * 86_400_000) * 1000 + extraMicros };
}

const parsed = (parse: TemporalParser, text: string): { days: number; micros: number } | undefined => {
  const out = temporalParts();
  return parse(text, out) ? { days: out.days, micros: out.micros } : undefined;
};

describe('temporal text', () => {
  it('counts days from 1970-01-01 on the proleptic Gregorian calendar', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
    expect(daysFromCivil(1, 1, 1)).toBe(-719_162);
    expect(parseDays('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(parseDays('2024-13-01')).toBeNaN();
    expect(parseDays('24-01-01')).toBeNaN();
  });

  it('parses times to microseconds, dropping digits past the sixth', () => {
    expect(parsed(parseTime, '00:00:00')).toEqual({ days: 0, micros: 0 });
    expect(parsed(parseTime, '23:59:59.9999999')).toEqual({ days: 0, micros: MICROS_PER_DAY - 1 });
    expect(parsed(parseTime, '01:02:03.5')).toEqual({ days: 0, micros: 3_723_500_000 });
    for (const bad of ['24:00:00', '1:02:03', '01:02', '01:02:03x', '01:02:03.12a', '']) expect(parsed(parseTime, bad), bad).toBeUndefined();
  });

  it('parses datetimes with a space or a T, as wall time', () => {
    expect(parsed(parseDateTime, '2026-06-30 01:02:03.123456')).toEqual(expected('2026-06-30T01:02:03.123Z', 456));
    expect(parsed(parseDateTime, '2026-06-30T01:02:03')).toEqual(expected('2026-06-30T01:02:03Z'));
    expect(parsed(parseDateTime, '1900-01-01 00:00:00')).toEqual(expected('1900-01-01T00:00:00Z'));
    for (const bad of ['2026-06-30', '2026-06-30_01:02:03', '2026-06-30 01:02:03+02:00', '2026-02-3x 01:02:03']) expect(parsed(parseDateTime, bad), bad).toBeUndefined();
  });

  it('parses datetimeoffsets to the UTC instant, across a day either way', () => {
    const east = parsed(parseDateTimeOffset, '2026-06-30 01:00:00+02:00')!;
    expect(east.days * MICROS_PER_DAY + east.micros).toBe(Date.parse('2026-06-29T23:00:00Z') * 1000);
    const west = parsed(parseDateTimeOffset, '2026-06-30T23:30:00.25-05:30')!;
    expect(west.days * MICROS_PER_DAY + west.micros).toBe(Date.parse('2026-07-01T05:00:00.250Z') * 1000);
    expect(parsed(parseDateTimeOffset, '2026-06-30 01:00:00Z')).toEqual(expected('2026-06-30T01:00:00Z'));
    for (const bad of ['2026-06-30 01:00:00', '2026-06-30 01:00:00+0200', '2026-06-30 01:00:00+02:00 ', '2026-06-30 01:00:00Zx']) expect(parsed(parseDateTimeOffset, bad), bad).toBeUndefined();
  });

  it('leaves each result in the caller\'s parts, so two columns never share one', () => {
    const a = temporalParts();
    const b = temporalParts();
    expect(parseTime('01:00:00', a) && parseTime('02:00:00', b)).toBe(true);
    expect([a.micros, b.micros]).toEqual([3_600_000_000, 7_200_000_000]);
  });
});
