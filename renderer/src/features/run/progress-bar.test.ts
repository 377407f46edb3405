import { describe, expect, it } from 'vitest';
import type { LiveEntity } from './run-monitor.ts';
import { progressBar } from './progress-bar.ts';

const entity = (state: LiveEntity['state'], reached: LiveEntity['reached'] = state): LiveEntity => ({ name: 'e', state, reached, rows: 10, bytes: 0, files: 0, rowsPerSecond: 0, samples: [] });

describe('progress bar', () => {
  it('shows no percentage while an entity works, since no total is known', () => {
    for (const state of ['extracting', 'landing', 'loading'] as const) expect(progressBar(entity(state))).toEqual({ variant: 'indeterminate', caption: state });
  });

  it('is full when done, empty while queued, and says where a stopped entity stopped', () => {
    expect(progressBar(entity('done'))).toEqual({ variant: 'determinate', value: 100, caption: '100%' });
    expect(progressBar(entity('queued'))).toEqual({ variant: 'determinate', value: 0, caption: '' });
    expect(progressBar(entity('failed', 'landing'))).toEqual({ variant: 'determinate', value: 0, caption: 'stopped while landing' });
    expect(progressBar(entity('cancelled', 'queued'))).toEqual({ variant: 'determinate', value: 0, caption: 'stopped before starting' });
  });
});
