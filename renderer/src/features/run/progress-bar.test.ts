import { describe, expect, it } from 'vitest';
import type { LiveEntity } from './run-monitor.ts';
import { progressBar } from './progress-bar.ts';

const entity = (state: LiveEntity['state'], reached: LiveEntity['reached'] = state): LiveEntity => ({ name: 'e', state, reached, rows: 10, bytes: 0, files: 0, rowsPerSecond: 0, samples: [] });

describe('progress bar', () => {
  it('shows no percentage while an entity works without a known total', () => {
    for (const state of ['extracting', 'landing', 'loading'] as const) expect(progressBar(entity(state))).toEqual({ variant: 'indeterminate', caption: state });
  });

  it('shows a share of the total where the engine reports one, never 100% before the entity is done', () => {
    const withTotal = (rows: number, total: LiveEntity['total'], state: LiveEntity['state'] = 'extracting'): LiveEntity => ({ ...entity(state), rows, total });
    expect(progressBar(withTotal(1250, { kind: 'rows', expected: 5000 }))).toEqual({
      variant: 'determinate', value: 25, caption: '25% · extracting', detail: '1,250 of about 5,000 rows read (the source\'s estimate)',
    });
    // The estimate was low: more rows than it said, still not done.
    expect(progressBar(withTotal(7000, { kind: 'rows', expected: 5000 }, 'loading'))).toMatchObject({ variant: 'determinate', value: 99, caption: '99% · loading' });
    expect(progressBar(withTotal(10, { kind: 'bytes', expected: 4096, read: 2048 }))).toEqual({
      variant: 'determinate', value: 50, caption: '50% · extracting', detail: '2.0 KB of 4.0 KB of files read',
    });
    // An empty estimate (a table analysed while empty) says nothing: no percentage.
    expect(progressBar(withTotal(10, { kind: 'rows', expected: 0 }))).toEqual({ variant: 'indeterminate', caption: 'extracting' });
  });

  it('is full when done, empty while queued, and says where a stopped entity stopped', () => {
    expect(progressBar(entity('done'))).toEqual({ variant: 'determinate', value: 100, caption: '100%' });
    expect(progressBar(entity('queued'))).toEqual({ variant: 'determinate', value: 0, caption: '' });
    expect(progressBar(entity('failed', 'landing'))).toEqual({ variant: 'determinate', value: 0, caption: 'stopped while landing' });
    expect(progressBar(entity('cancelled', 'queued'))).toEqual({ variant: 'determinate', value: 0, caption: 'stopped before starting' });
  });
});
