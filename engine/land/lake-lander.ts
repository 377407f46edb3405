/**
 * The publish protocol, written once over a {@link LakeStore}. Layout under the store's root:
 *
 * - `<entity>/_incoming/<run id>/<name>` while the run lands its files (each one appearing only
 *   when complete: the store's `write` sees to that);
 * - `<entity>/Latest/<name>` once published, with `_manifest.json` (run id, time, the set's files:
 *   name, rows, bytes) written into the run's area before it becomes `Latest`; a partitioned
 *   layout's files are under their partition folders (`Latest/year=2024/month=03/<name>`), and
 *   their manifest names are those paths, relative to the set;
 * - `<entity>/Archive/<published at>_<run id>/` for the previous sets, at most {@link ARCHIVE_KEEP}.
 *
 * Publishing moves `Latest` into `Archive/`, prunes the oldest archived sets, then moves the run's
 * area to `Latest`. On a store with atomic folder renames (a local folder, Data Lake DFS) a reader
 * sees the old set or the new one. On Blob storage the moves copy blob by blob and the switch of
 * the set as a whole is **not** atomic; the store orders it so that `Latest/_manifest.json` exists
 * only while `Latest/` holds exactly the set it lists:
 *   1. copy every blob of `Latest/` into `Archive/<stamp>_<run id>/` (manifest last);
 *   2. delete `Latest/_manifest.json`, then the rest of `Latest/`;
 *   3. copy the run's files into `Latest/`, then its `_manifest.json` last;
 *   4. delete the run's area.
 * Readers (the warehouse load) must therefore read `Latest/_manifest.json` first and read only the
 * files it lists; no manifest means no complete set (a publish is under way, or one was killed
 * between steps 2 and 3 — the next publish archives such a remnant). A reader that may overlap a
 * publish should read the manifest again at the end and start over if it is gone or changed;
 * Landfall's own load runs after the publish under the entity's batch lock, so it never overlaps one.
 */
import { MANIFEST, type LakeStore } from './lake-store.ts';
import { lakePath, safeName } from './lake-path.ts';
import { ARCHIVE_KEEP, type Lander, type LanderOptions, type LandingFile, type PublishedFile } from './lander.ts';
import { LAKE_RETRIES, withRetries } from '../retry.ts';
import { keptHistory } from './kept-history.ts';

interface Manifest {
  readonly runId: string;
  readonly publishedAt: string;
  readonly files: readonly { name: string; rows: number; bytes: number }[];
}

/** The folders of one entity's run, as lake paths. */
export interface LanderPaths {
  readonly entity: string;
  readonly incoming: string;
  /** The run's area: `<entity>/_incoming/<run id>`. */
  readonly area: string;
  readonly latest: string;
  readonly archive: string;
}

/** The folders a run uses; throws a `LakePathError` when the entity folder would leave the lake. */
export function landerPaths(options: LanderOptions): LanderPaths {
  const entity = lakePath(options.entityFolder);
  if (entity === '') throw new Error('the entity folder is empty: a lander needs a folder of its own for each entity');
  const incoming = lakePath(entity, '_incoming');
  return {
    entity,
    incoming,
    area: lakePath(incoming, safeName(options.runId)),
    latest: lakePath(entity, 'Latest'),
    archive: lakePath(entity, 'Archive'),
  };
}

/** What the publish protocol reads: a store's reads, each retried as a whole when it fails transiently. */
type LakeReader = Pick<LakeStore, 'read' | 'has' | 'list'>;

/**
 * Lands one entity's run over the store `open` returns. The store is opened on first use, so a
 * connection that cannot be opened fails the run's first step (`begin`), not whoever made the lander.
 *
 * Writing one file and reading (a manifest, a listing, whether a folder exists) are retried as a
 * whole ({@link LAKE_RETRIES}) when they fail transiently after the SDK's own retries of each
 * request, or get no answer in time: a write lands under the file's final name and overwrites
 * itself, a read changes nothing. Moves and removes are not: a Blob move that failed part way has
 * already deleted its source manifest, and one repeated would publish a set without it; a remove
 * is part of the same publish and restore sequences. Either fails the run, whose failure handling
 * (restore, then discard, and the next run's `begin`) puts the lake right.
 */
export function lakeLander(open: () => LakeStore | Promise<LakeStore>, options: LanderOptions): Lander {
  const paths = landerPaths(options);
  const policy = options.retries ?? LAKE_RETRIES;
  // Steps without a run signal (begin, publish, restore) still end: every store operation is bounded.
  const never = new AbortController().signal;
  const retried = <T>(what: string, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> => withRetries(task, {
    policy,
    signal: signal ?? never,
    onRetry: (attempt, delayMs, error) => options.onRetry?.(what, attempt, policy.attempts, delayMs, error),
  });
  let opened: Promise<LakeStore> | undefined;
  const store = (): Promise<LakeStore> => (opened ??= Promise.resolve().then(open));
  const reader = (lake: LakeStore): LakeReader => ({
    read: (path, signal) => retried(`reading ${path}`, signal, () => lake.read(path, signal)),
    has: (folder, signal) => retried(`looking for ${folder}`, signal, () => lake.has(folder, signal)),
    list: (folder, signal) => retried(`listing ${folder}`, signal, () => lake.list(folder, signal)),
  });
  const landed: { name: string; rows: number; bytes: number; firstRow: number }[] = [];
  /** Set by `publish` once it has moved the current set: where that set went (null: there was none), for `restore`. */
  let replaced: string | null | undefined;
  const history = options.history ? keptHistory(options.history, paths.entity, options.runId) : undefined;

  return {
    async begin() {
      const lake = await store();
      // Only one run of an entity at a time (the batch lock), so anything here was left by a killed run.
      await lake.remove(paths.incoming);
      if (history) await lake.remove(history.staging);
      await lake.prepare(paths.area);
    },

    async land(file: LandingFile, signal: AbortSignal) {
      signal.throwIfAborted();
      const lake = await store();
      // lakePath refuses a partition folder that would climb out of the run's area.
      const name = lakePath(file.folder ?? '', safeName(file.name));
      const path = lakePath(paths.area, name);
      await retried(`writing ${path}`, signal, () => lake.write(path, file.chunks, file.bytes, signal));
      signal.throwIfAborted();
      if (history) {
        const copy = history.stagedPath(file);
        await retried(`writing ${copy}`, signal, () => lake.write(copy, file.chunks, file.bytes, signal));
        signal.throwIfAborted();
      }
      landed.push({ name, rows: file.rows, bytes: file.bytes, firstRow: file.firstRow });
    },

    async publish() {
      const lake = await store();
      landed.sort((a, b) => a.firstRow - b.firstRow);
      const manifest: Manifest = {
        runId: options.runId,
        publishedAt: new Date().toISOString(),
        files: landed.map(({ name, rows, bytes }) => ({ name, rows, bytes })),
      };
      const text = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
      const manifestPath = lakePath(paths.area, MANIFEST);
      await retried(`writing ${manifestPath}`, undefined, () => lake.write(manifestPath, [text], text.byteLength, undefined, 'application/json'));
      const previous = await readManifest(reader(lake), paths.latest);
      replaced = null;
      if (previous !== undefined) {
        const stamp = (previous?.publishedAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
        const archived = lakePath(paths.archive, `${stamp}_${safeName(previous?.runId ?? 'unknown')}`);
        await lake.move(paths.latest, archived);
        replaced = archived;
        await pruneArchive(lake, reader(lake), paths.archive);
      }
      await lake.move(paths.area, paths.latest);
      await lake.remove(paths.incoming);
      return manifest.files.map((f): PublishedFile => ({ ...f, location: lake.location(lakePath(paths.latest, f.name)) }));
    },

    async discard() {
      try {
        const lake = await store();
        await lake.remove(paths.area);
        if (history) await lake.remove(history.staging);
        // The run's area was the only thing in `_incoming` (one run of an entity at a time): leave no empty folder.
        if ((await reader(lake).list(paths.incoming)).length === 0) await lake.remove(paths.incoming);
      } catch {
        // Never throws: whatever stays behind is removed by the next run's begin().
      }
    },

    async keep() {
      if (!history || landed.length === 0) return undefined;
      const lake = await store();
      return history.keep(lake, (path) => reader(lake).read(path));
    },

    async restore() {
      // Publish never reached the current set: nothing was replaced, so there is nothing to put back.
      if (replaced === undefined) return;
      const lake = await store();
      if (await reader(lake).has(paths.latest)) {
        // Move the run's set aside first: on stores with atomic renames a reader sees the run's set or the previous one.
        await lake.remove(paths.area);
        await lake.move(paths.latest, paths.area);
      }
      if (replaced !== null) await lake.move(replaced, paths.latest);
      await lake.remove(paths.incoming);
      replaced = undefined;
    },
  };
}

/** The manifest of a published set; null when the set exists without one, undefined when there is none. */
async function readManifest(store: LakeReader, folder: string): Promise<Manifest | null | undefined> {
  const text = await store.read(lakePath(folder, MANIFEST));
  if (text !== undefined) {
    try {
      return JSON.parse(text) as Manifest;
    } catch {
      return null;
    }
  }
  return (await store.has(folder)) ? null : undefined;
}

/** Keeps the newest {@link ARCHIVE_KEEP} archived sets (their names start with their publish time). */
async function pruneArchive(store: LakeStore, reader: LakeReader, archive: string): Promise<void> {
  const sets = (await reader.list(archive)).filter((entry) => entry.folder).map((entry) => entry.name).sort();
  for (const old of sets.slice(0, Math.max(0, sets.length - ARCHIVE_KEEP))) await store.remove(lakePath(archive, old));
}
