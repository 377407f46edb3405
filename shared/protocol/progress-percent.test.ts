import { describe, expect, it } from 'vitest';
import { progressPercent, RUNNING_PERCENT_CAP } from './progress-percent.ts';

describe('progress percentage', () => {
  it('is the whole share of the expected rows, or of the files\' bytes read', () => {
    expect(progressPercent(250, { kind: 'rows', expected: 1000 })).toBe(25);
    expect(progressPercent(0, { kind: 'rows', expected: 1000 })).toBe(0);
    // A files source measures bytes: the rows landed so far do not count.
    expect(progressPercent(999_999, { kind: 'bytes', expected: 4000, read: 1000 })).toBe(25);
  });

  it('never reaches 100 while the entity works: an estimate lower than the table is capped', () => {
    expect(progressPercent(1000, { kind: 'rows', expected: 1000 })).toBe(RUNNING_PERCENT_CAP);
    expect(progressPercent(5000, { kind: 'rows', expected: 1000 })).toBe(RUNNING_PERCENT_CAP);
    expect(progressPercent(999, { kind: 'rows', expected: 1000 })).toBe(99);
  });

  it('claims nothing without a total, or with a total of zero', () => {
    expect(progressPercent(10, undefined)).toBeUndefined();
    expect(progressPercent(10, { kind: 'rows', expected: 0 })).toBeUndefined();
    expect(progressPercent(10, { kind: 'bytes', expected: 0, read: 0 })).toBeUndefined();
  });
});
