// The publish protocol (lake-lander.ts) on a complete in-memory LakeStore: what each step leaves in
// the lake, what a killed, cancelled or failed run leaves, and how restore undoes a publish.
import { describe, expect, it } from 'vitest';
import { manifestPath, memoryLakeStore, type MemoryLakeStore } from '../../test/engine/memory-lake-store.ts';
import { lakeLander, landerPaths } from './lake-lander.ts';
import { LakePathError } from './lake-path.ts';
import { ARCHIVE_KEEP, type LandingFile } from './lander.ts';

const ENTITY = 'raw/orders';
const live = () => new AbortController().signal;

function file(name: string, firstRow: number, text: string, rows = 1): LandingFile {
  const bytes = new TextEncoder().encode(text);
  // Two chunks, so a store that kept only the first would show.
  const chunks = [bytes.subarray(0, 3), bytes.subarray(3)];
  return { name, firstRow, rows, chunks, bytes: bytes.byteLength };
}

/** A lander for one run of the entity, begun. */
async function begun(store: MemoryLakeStore, runId: string) {
  const lander = lakeLander(() => store, { entityFolder: ENTITY, runId });
  await lander.begin();
  return lander;
}

async function run(store: MemoryLakeStore, runId: string, files: LandingFile[]) {
  const lander = await begun(store, runId);
  await Promise.all(files.map((f) => lander.land(f, live())));
  const published = await lander.publish();
  return { lander, published };
}

const manifestOf = (store: MemoryLakeStore, folder: string) =>
  JSON.parse(store.files()[manifestPath(`${ENTITY}/${folder}`)]!) as { runId: string; files: { name: string; rows: number; bytes: number }[] };
/** File paths under the entity, relative to it. */
const entityFiles = (store: MemoryLakeStore) => Object.keys(store.files()).map((path) => path.slice(ENTITY.length + 1));
const archivedSets = (store: MemoryLakeStore) =>
  [...new Set(entityFiles(store).filter((p) => p.startsWith('Archive/')).map((p) => p.split('/')[1]!))].sort();

describe('lander paths', () => {
  it('puts a run under its entity, whatever slashes the folder was written with', () => {
    expect(landerPaths({ entityFolder: '/raw//landfall\\sales/orders/', runId: 'run 1/x' })).toEqual({
      entity: 'raw/landfall/sales/orders',
      incoming: 'raw/landfall/sales/orders/_incoming',
      area: 'raw/landfall/sales/orders/_incoming/run_1_x',
      latest: 'raw/landfall/sales/orders/Latest',
      archive: 'raw/landfall/sales/orders/Archive',
    });
  });

  it('refuses an entity folder that climbs out of the lake, and makes a run id of dots one harmless segment', () => {
    expect(() => landerPaths({ entityFolder: '../victimdir', runId: 'r' })).toThrow(LakePathError);
    expect(() => landerPaths({ entityFolder: 'raw/../../victimdir', runId: 'r' })).toThrow(/climbs out/);
    expect(() => landerPaths({ entityFolder: '', runId: 'r' })).toThrow(/folder of its own/);
    expect(landerPaths({ entityFolder: 'orders', runId: '..' }).area).toBe('orders/_incoming/_..');
  });
});

describe('lander over a lake store', () => {
  it('lands files under the run area, then publishes exactly them as Latest with a manifest in row order', async () => {
    const store = memoryLakeStore();
    const lander = lakeLander(() => store, { entityFolder: ENTITY, runId: 'run-1' });
    await lander.begin();
    await Promise.all([
      lander.land(file('orders_101.csv', 101, 'id\n101\n', 1), live()),
      lander.land(file('orders_1.csv', 1, 'id\n1\n2\n', 100), live()),
      lander.land(file('orders_201.csv', 201, '', 0), live()),
    ]);
    expect(entityFiles(store).sort()).toEqual(['_incoming/run-1/orders_1.csv', '_incoming/run-1/orders_101.csv', '_incoming/run-1/orders_201.csv']);

    const published = await lander.publish();

    expect(published).toEqual([
      { name: 'orders_1.csv', rows: 100, bytes: 7, location: `memory:///${ENTITY}/Latest/orders_1.csv` },
      { name: 'orders_101.csv', rows: 1, bytes: 7, location: `memory:///${ENTITY}/Latest/orders_101.csv` },
      { name: 'orders_201.csv', rows: 0, bytes: 0, location: `memory:///${ENTITY}/Latest/orders_201.csv` },
    ]);
    expect(entityFiles(store).sort()).toEqual(['Latest/_manifest.json', 'Latest/orders_1.csv', 'Latest/orders_101.csv', 'Latest/orders_201.csv']);
    expect(store.files()[`${ENTITY}/Latest/orders_1.csv`]).toBe('id\n1\n2\n');
    expect(manifestOf(store, 'Latest')).toMatchObject({ runId: 'run-1', files: published.map(({ name, rows, bytes }) => ({ name, rows, bytes })) });
    expect(store.folders().filter((f) => f.includes('_incoming'))).toEqual([]);
    // The manifest is in the run's area before the area becomes Latest.
    const calls = store.calls;
    expect(calls.indexOf(`write ${ENTITY}/_incoming/run-1/_manifest.json`)).toBeLessThan(calls.indexOf(`move ${ENTITY}/_incoming/run-1 → ${ENTITY}/Latest`));
  });

  it('archives the previous set under its publish time and run id', async () => {
    const store = memoryLakeStore();
    await run(store, 'run-1', [file('orders_1.csv', 1, 'first'), file('orders_5.csv', 5, 'first, second')]);
    await run(store, 'run-2', [file('orders_1.csv', 1, 'second')]);

    const [set] = archivedSets(store);
    expect(set).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z_run-1$/);
    expect(entityFiles(store).sort()).toEqual([
      `Archive/${set}/_manifest.json`, `Archive/${set}/orders_1.csv`, `Archive/${set}/orders_5.csv`, 'Latest/_manifest.json', 'Latest/orders_1.csv',
    ]);
    expect(store.files()[`${ENTITY}/Archive/${set}/orders_1.csv`]).toBe('first');
    expect(manifestOf(store, 'Latest').runId).toBe('run-2');
  });

  it(`keeps the newest ${ARCHIVE_KEEP} archived sets`, async () => {
    const store = memoryLakeStore();
    const runs = ARCHIVE_KEEP + 3;
    for (let n = 1; n <= runs; n++) await run(store, `run-${String(n).padStart(2, '0')}`, [file('orders_1.csv', 1, `run ${n}`)]);
    expect(archivedSets(store).map((set) => set.replace(/^.*_/, ''))).toEqual(
      Array.from({ length: ARCHIVE_KEEP }, (_, i) => `run-${String(runs - ARCHIVE_KEEP + i).padStart(2, '0')}`),
    );
    expect(store.files()[`${ENTITY}/Latest/orders_1.csv`]).toBe(`run ${runs}`);
  });

  it('archives a Latest without manifest (a killed publish) as "unknown", and publishes an empty set as a manifest alone', async () => {
    const store = memoryLakeStore();
    await store.write(`${ENTITY}/Latest/stray.csv`, [new TextEncoder().encode('half')], 4);
    const { published } = await run(store, 'run-1', []);
    expect(published).toEqual([]);
    expect(archivedSets(store)).toEqual([expect.stringMatching(/_unknown$/)]);
    expect(entityFiles(store).filter((p) => !p.startsWith('Archive/'))).toEqual(['Latest/_manifest.json']);
    expect(manifestOf(store, 'Latest').files).toEqual([]);
  });

  it("begin removes what a killed run left; discard removes only this run's files and no empty folder stays", async () => {
    const store = memoryLakeStore();
    await run(store, 'run-1', [file('orders_1.csv', 1, 'published')]);
    await store.write(`${ENTITY}/_incoming/killed/orders_1.csv`, [new TextEncoder().encode('x')], 1);
    const lander = await begun(store, 'run-2');
    expect(entityFiles(store).filter((p) => p.includes('killed'))).toEqual([]);
    await lander.land(file('orders_1.csv', 1, 'not yet'), live());
    await lander.discard();
    await lander.discard(); // twice is fine
    expect(entityFiles(store).sort()).toEqual(['Latest/_manifest.json', 'Latest/orders_1.csv']);
    expect(store.folders().filter((f) => f.includes('_incoming'))).toEqual([]);

    // Another run's leftovers (never the case under the batch lock, but discard must not reach them).
    const other = lakeLander(() => store, { entityFolder: ENTITY, runId: 'run-3' });
    await other.begin();
    await store.write(`${ENTITY}/_incoming/run-4/a.csv`, [new TextEncoder().encode('a')], 1);
    await other.discard();
    expect(entityFiles(store)).toContain('_incoming/run-4/a.csv');
  });

  it('lands nothing once cancelled', async () => {
    const store = memoryLakeStore();
    const lander = lakeLander(() => store, { entityFolder: ENTITY, runId: 'run-1' });
    await lander.begin();
    const controller = new AbortController();
    controller.abort();
    await expect(lander.land(file('orders_1.csv', 1, 'late'), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(entityFiles(store)).toEqual([]);
  });

  it('a store that cannot be opened fails begin, and discard still resolves', async () => {
    const lander = lakeLander(() => {
      throw new Error('no such account');
    }, { entityFolder: ENTITY, runId: 'run-1' });
    await expect(lander.begin()).rejects.toThrow('no such account');
    await expect(lander.discard()).resolves.toBeUndefined();
  });
});

describe('restore after publish (a load that failed or was cancelled)', () => {
  it('brings the previous set back as Latest and removes the run’s files', async () => {
    const store = memoryLakeStore();
    await run(store, 'run-1', [file('orders_1.csv', 1, 'committed'), file('orders_9.csv', 9, 'committed too')]);
    const before = store.files();
    const { lander } = await run(store, 'run-2', [file('orders_1.csv', 1, 'never committed')]);
    expect(manifestOf(store, 'Latest').runId).toBe('run-2');

    await lander.restore();

    expect(store.files()).toEqual(before);
    expect(manifestOf(store, 'Latest').runId).toBe('run-1');
    expect(store.folders().filter((f) => f.includes('_incoming'))).toEqual([]);
    await lander.restore(); // a second call has nothing left to undo
    expect(store.files()).toEqual(before);
  });

  it('leaves no Latest when the run published the first set', async () => {
    const store = memoryLakeStore();
    const { lander } = await run(store, 'run-1', [file('orders_1.csv', 1, 'first ever')]);
    await lander.restore();
    expect(store.files()).toEqual({});
  });

  it('puts the previous set back after a publish that failed part way', async () => {
    const store = memoryLakeStore();
    await run(store, 'run-1', [file('orders_1.csv', 1, 'committed')]);
    const before = store.files();
    const lander = await begun(store, 'run-2');
    await lander.land(file('orders_1.csv', 1, 'new'), live());
    // The first move (Latest → Archive) succeeds; fail the second (area → Latest).
    const move = store.move.bind(store);
    let moves = 0;
    store.move = (from, to) => (++moves === 2 ? Promise.reject(new Error('service unavailable')) : move(from, to));
    await expect(lander.publish()).rejects.toThrow('service unavailable');
    expect(entityFiles(store).some((p) => p.startsWith('Latest/'))).toBe(false);
    store.move = move;

    await lander.restore();
    expect(store.files()).toEqual(before);
  });

  it('does nothing before publish', async () => {
    const store = memoryLakeStore();
    await run(store, 'run-1', [file('orders_1.csv', 1, 'committed')]);
    const before = store.files();
    const lander = await begun(store, 'run-2');
    await lander.restore();
    expect(store.files()).toEqual(before);
  });
});
