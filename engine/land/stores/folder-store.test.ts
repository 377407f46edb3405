// The lander over the local-folder store, on a real temporary folder: hostile entity names, lander
// folders and run ids must not write, move or delete anything outside the lander's root (issue 10,
// item 9: an entity named `../victimdir` used to delete and move a sibling folder's files).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../../../test/engine/temp-folders.ts';
import { openLander } from '../../connections.ts';
import type { Connection } from '../../../shared/model/schema.ts';
import { folderStore } from './folder-store.ts';

const tempFolder = tempFolders('landfall-folder-store-');

/** A temporary folder holding the lake (the lander's root) and, beside it, a victim folder with a published set. */
function place() {
  const root = tempFolder();
  const lake = join(root, 'lake');
  const victim = join(root, 'victimdir');
  mkdirSync(lake);
  for (const [path, text] of Object.entries({ 'Latest/_manifest.json': '{"runId":"theirs","publishedAt":"2026-01-01T00:00:00.000Z","files":[]}', 'Latest/data.csv': 'precious', '_incoming/theirs/x.csv': 'in flight' })) {
    mkdirSync(join(victim, path, '..'), { recursive: true });
    writeFileSync(join(victim, path), text);
  }
  return { root, lake, victim };
}

/** Every file under `folder`, relative to it, with its text. */
function tree(folder: string): Record<string, string> {
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(files.map((entry) => [relative(folder, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]).sort());
}

const lakeConnection = (path: string): Connection => ({ name: 'lake', kind: 'localfs', path });
const landing = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { name, firstRow: 1, rows: 1, chunks: [bytes], bytes: bytes.byteLength };
};

/** Opens a lander and runs it to publish; resolves to the error it stopped with, if any. */
async function runLander(lake: string, entityFolder: string, runId = 'run-1'): Promise<unknown> {
  try {
    const lander = await openLander(lakeConnection(lake), { entityFolder, runId });
    await lander.begin();
    await lander.land(landing('orders_1.csv', 'mine'), new AbortController().signal);
    await lander.publish();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('lander over a local folder, hostile names', () => {
  for (const entityFolder of ['../victimdir', 'raw/../../victimdir', '..\\victimdir', '/../victimdir']) {
    it(`refuses the entity folder "${entityFolder}" and leaves the sibling folder as it was`, async () => {
      const { lake, victim } = place();
      const before = tree(victim);
      const error = await runLander(lake, entityFolder);
      expect((error as Error | undefined)?.message).toMatch(/climbs out of its folder/);
      expect(tree(victim)).toEqual(before);
      expect(tree(lake)).toEqual({});
    });
  }

  it('keeps a run id of dots inside the run area', async () => {
    const { lake, victim } = place();
    const before = tree(victim);
    expect(await runLander(lake, 'orders', '..')).toBeUndefined();
    expect(Object.keys(tree(lake))).toEqual(['orders/Latest/_manifest.json', 'orders/Latest/orders_1.csv']);
    expect(tree(victim)).toEqual(before);
  });

  it('lands an entity whose name only looks like a path inside the lake', async () => {
    const { lake } = place();
    expect(await runLander(lake, 'raw/.._victimdir')).toBeUndefined();
    expect(Object.keys(tree(lake))).toEqual(['raw/.._victimdir/Latest/_manifest.json', 'raw/.._victimdir/Latest/orders_1.csv']);
  });
});

describe('folder store', () => {
  it('refuses every operation on a path outside its root', async () => {
    const { lake, victim } = place();
    const before = tree(victim);
    const store = folderStore(lake);
    const bytes = [new TextEncoder().encode('x')];
    const attempts: (() => Promise<unknown>)[] = [
      () => store.prepare('../victimdir/new'),
      () => store.write('../victimdir/Latest/data.csv', bytes, 1),
      () => store.read('../victimdir/Latest/data.csv'),
      () => store.has('../victimdir'),
      () => store.list('../victimdir'),
      () => store.remove('../victimdir'),
      () => store.move('../victimdir/Latest', 'stolen'),
      () => store.move('stolen', '../victimdir/Latest'),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow(/climbs out/);
    expect(() => store.location('../victimdir/Latest/data.csv')).toThrow(/climbs out/);
    expect(tree(victim)).toEqual(before);
  });

  it('writes through a partial name, moves by renaming, and lists files and folders', async () => {
    const { lake } = place();
    const store = folderStore(lake);
    await store.write('a/b/one.csv', [new TextEncoder().encode('on'), new TextEncoder().encode('e')], 3);
    expect(tree(lake)).toEqual({ 'a/b/one.csv': 'one' });
    await store.move('a/b', 'c/d');
    expect(await store.list('c')).toEqual([{ name: 'd', folder: true }]);
    expect(await store.list('c/d')).toEqual([{ name: 'one.csv', folder: false }]);
    expect(await store.read('c/d/one.csv')).toBe('one');
    expect(await store.read('c/d/none.csv')).toBeUndefined();
    expect(await store.has('a/b')).toBe(false);
    expect(store.location('c/d/one.csv')).toBe(join(lake, 'c/d/one.csv'));
  });
});
