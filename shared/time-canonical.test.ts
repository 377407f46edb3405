// canonicalDateTimeText, the row path's shortcut for datetime text, against the parse it skips:
// wherever it answers, the parse accepts the text and formats it to the same text; wherever the
// text is canonical up to zeros after the fraction's last digit, it answers (the count).
import { expect, it } from 'vitest';
import { canonicalDateTimeText, canonicalTimeText, formatDateTime, formatTime, parseDateTime, parseTime } from './time.ts';

/** Texts around every boundary the shortcut checks: separators, fields' ranges, calendars, fractions. */
function texts(): string[] {
  const out: string[] = [];
  const dates = ['2024-02-29', '2023-02-29', '2023-02-28', '1900-02-29', '2000-02-29', '0001-01-01', '0000-01-01', '9999-12-31', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '2024-1-01', '2024/01/01', 'abcd-01-01'];
  const clocks = ['00:00:00', '23:59:59', '24:00:00', '19:60:00', '19:00:60', '29:00:00', '09:05:07', '9:05:07', '09-05-07', '0a:00:00'];
  const fractions = ['', '.', '.0', '.000000', '.100000', '.123456', '.000001', '.5', '.123456789', '.1234567890', '.12345678900', '.1234567891', '.00000000001', '.12a', '.-1', '.000000 '];
  for (const date of dates) for (const clock of clocks) for (const fraction of fractions) out.push(`${date} ${clock}${fraction}`);
  out.push('2024-03-01T10:00:00', '2024-03-01 10:00:00Z', '2024-03-01 10:00:00+00:00', '2024-03-01 10:00', '2024-03-01', '', ' 2024-03-01 10:00:00', '2024-03-01  10:00:00');
  return out;
}

it('answers only texts the parse accepts, with the text formatDateTime writes', () => {
  let answered = 0;
  for (const text of texts()) {
    const shortcut = canonicalDateTimeText(text);
    if (shortcut === undefined) continue;
    answered++;
    const parsed = parseDateTime(text);
    expect(parsed.ok, text).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.offsetMinutes, text).toBeUndefined();
      expect(shortcut, text).toBe(formatDateTime(parsed.value));
    }
  }
  // Five valid dates × three valid clocks × eight fractions of one to nine digits (or none).
  expect(answered).toBe(120);
});

it('answers the server-padded fractions that used to take the parse', () => {
  expect(canonicalDateTimeText('2024-03-01 10:00:00.100000')).toBe('2024-03-01 10:00:00.1');
  expect(canonicalDateTimeText('2024-03-01 10:00:00.000000')).toBe('2024-03-01 10:00:00');
  expect(canonicalDateTimeText('2024-03-01 10:00:00.')).toBeUndefined();
  expect(canonicalDateTimeText('2024-03-01 10:00:10')).toBe('2024-03-01 10:00:10');
  expect(canonicalDateTimeText('2024-03-01 10:00:00.123456780')).toBe('2024-03-01 10:00:00.12345678');
  // Past nine digits, or a point without one: the parse decides (and refuses).
  expect(canonicalDateTimeText('2024-03-01 10:00:00.1234567890')).toBeUndefined();
  expect(canonicalDateTimeText('2023-02-29 10:00:00')).toBeUndefined();
  expect(canonicalDateTimeText('0000-01-01 10:00:00')).toBeUndefined();
});

it('answers times of day only where the parse accepts them, with the text formatTime writes', () => {
  const clocks = ['00:00:00', '23:59:59', '24:00:00', '19:60:00', '19:00:60', '29:00:00', '09:05:07', '9:05:07', '09-05-07', '-01:00:00', '838:59:59', '12:00'];
  const fractions = ['', '.', '.0', '.000000', '.100000', '.123456', '.000001', '.123456789', '.1234567890', '.12a', '.000 '];
  let answered = 0;
  for (const clock of clocks) {
    for (const fraction of fractions) {
      const text = `${clock}${fraction}`;
      const shortcut = canonicalTimeText(text);
      if (shortcut === undefined) continue;
      answered++;
      const parsed = parseTime(text);
      expect(parsed.ok, text).toBe(true);
      if (parsed.ok) expect(shortcut, text).toBe(formatTime(parsed.value));
    }
  }
  // Three valid clocks × seven fractions of one to nine digits (or none).
  expect(answered).toBe(21);
  expect(canonicalTimeText('10:00:00.500000')).toBe('10:00:00.5');
  expect(canonicalTimeText('10:00:00.000')).toBe('10:00:00');
});
