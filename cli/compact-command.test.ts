// What `landfall compact` prints: per set the file counts and which files merge into which (the
// dry run's plan), or why an entity was not compacted.
import { describe, expect, it } from 'vitest';
import { compactText } from './compact-command.ts';

describe('compactText', () => {
  it('prints the dry run\'s plan: each merged file and the files it merges, in row order', () => {
    const text = compactText([
      { entity: 'items', sets: [{ folder: 'raw/items/Latest', filesBefore: 3, filesAfter: 1, rows: 30, merges: [{ into: 'region=a/items_000000000001.csv', from: ['region=a/items_000000000001.csv', 'region=a/items_000000000011.csv', 'region=a/items_000000000021.csv'] }] }] },
      { entity: 'orders', sets: [] },
      { entity: 'held', sets: [], error: 'entity "held" not compacted: run r1 holds it; compact it once that run has ended' },
    ], true);
    expect(text).toBe([
      'entity "items":',
      '  raw/items/Latest: 3 files → 1 (dry run: nothing changed)',
      '    region=a/items_000000000001.csv ← region=a/items_000000000001.csv, region=a/items_000000000011.csv, region=a/items_000000000021.csv',
      '',
      'entity "orders":',
      '  nothing to merge',
      '',
      'entity "held":',
      '  entity "held" not compacted: run r1 holds it; compact it once that run has ended',
      '',
    ].join('\n'));
  });
});
