/**
 * Compaction of one entity's files over its lake store: the `Latest` set (its partition folders
 * included) and each run folder of the kept history layout. In each folder, files are taken in
 * row order and grouped while a group stays within the target size; a group of two or more is
 * merged into one file named after its first member (the file naming by first row), which never
 * passes the extract's file size (a group whose merge comes out larger is split in two).
 *
 * Publishing follows the lander's: every set is first written complete under
 * `<entity>/_compact/new/<k>/`, then `_compact/_plan.json` records each set's folder, its new file
 * list and (for `Latest`) its manifest; only then is each set switched by two moves of the store
 * (the folder to `_compact/old/<k>`, the new set to the folder), and `_compact` is removed last.
 * A compaction killed before the plan leaves the sets as they were (the leftovers are removed);
 * killed after it, {@link recoverCompaction} (run by the next compaction) finishes each switch, so
 * every row is in its folder exactly once. Killed between a set's two moves, the set's folder is
 * absent until then (as a run's publish killed between its two moves leaves no `Latest`); a run
 * that publishes meanwhile makes the compacted set out of date, and the recovery leaves it be.
 */
import { MANIFEST, type LakeStore } from './land/lake-store.ts';
import { lakePath } from './land/lake-path.ts';
import { countRows, mergeFiles, type MergeFormat } from './compact-merge.ts';

/** The folder compaction works in, under the entity's folder. */
export const COMPACT_FOLDER = '_compact';
const PLAN = '_plan.json';

interface Manifest {
  readonly runId: string;
  readonly publishedAt: string;
  readonly files: readonly { name: string; rows: number; bytes: number }[];
}

interface SetPlan {
  /** The set's folder (a lake path). */
  readonly folder: string;
  /** Its files after the switch, relative to it. */
  readonly files: readonly string[];
  /** Its manifest's text (`Latest` only). */
  readonly manifest?: string;
}

/** One file of a set: its path under the set's folder, bytes and rows (undefined until counted). */
interface SetFile {
  readonly name: string;
  readonly bytes: number;
  rows: number | undefined;
}

/** What merges into what in one set (the dry run prints it). */
export interface SetCompaction {
  readonly folder: string;
  readonly filesBefore: number;
  readonly filesAfter: number;
  /** Each merge: the file it makes and the files it merges, in row order. */
  readonly merges: readonly { readonly into: string; readonly from: readonly string[] }[];
  readonly rows: number;
}

export interface CompactEntityOptions {
  readonly store: LakeStore;
  /** `<lander folder>/<entity>`, as a lake path. */
  readonly entityFolder: string;
  /** Where the kept history index's folders are relative to (the lander's folder); absent: no history layout. */
  readonly historyBase?: string | undefined;
  readonly format: MergeFormat;
  /** Files of about this size are made. */
  readonly targetBytes: number;
  /** No merged file passes this (the extract's file size). */
  readonly limitBytes: number;
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  /** Told of each step, before it is taken (a killed compaction's last line says where it was). */
  readonly log: (line: string) => void;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Every file under `folder` (recursively), relative to it; `.partial` files and manifests left out. */
async function filesUnder(store: LakeStore, folder: string, signal: AbortSignal, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await store.list(lakePath(folder, prefix), signal)) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.folder) found.push(...(await filesUnder(store, folder, signal, name)));
    else if (entry.name !== MANIFEST && !entry.name.endsWith('.partial')) found.push(name);
  }
  return found;
}

const dirOf = (name: string): string => (name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '');

/** Groups a folder's files (in row order) while a group stays within `target` bytes. */
function groupsOf(files: readonly SetFile[], target: number): SetFile[][] {
  const byFolder = new Map<string, SetFile[]>();
  for (const file of files) {
    const list = byFolder.get(dirOf(file.name)) ?? [];
    list.push(file);
    byFolder.set(dirOf(file.name), list);
  }
  const groups: SetFile[][] = [];
  for (const list of byFolder.values()) {
    let current: SetFile[] = [];
    let bytes = 0;
    for (const file of list) {
      if (current.length && bytes + file.bytes > target) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(file);
      bytes += file.bytes;
    }
    if (current.length) groups.push(current);
  }
  return groups;
}

/** Whether the history index still lists `folder` (retention may have removed it since). */
async function inHistory(store: LakeStore, entityFolder: string, folder: string, signal: AbortSignal): Promise<boolean> {
  const index = await store.read(lakePath(entityFolder, '_history.json'), signal);
  return index !== undefined && (JSON.parse(index) as { runs: { folder: string }[] }).runs.some((r) => lakePath(r.folder) === folder);
}

/**
 * Finishes a compaction that was killed: after its plan, each set is switched to its new files;
 * before it, its leftovers are removed. Nothing to do (one listing) when no compaction was killed.
 */
export async function recoverCompaction(store: LakeStore, entityFolder: string, signal: AbortSignal, log: (line: string) => void = () => undefined): Promise<void> {
  const work = lakePath(entityFolder, COMPACT_FOLDER);
  if (!(await store.has(work, signal))) return;
  const text = await store.read(lakePath(work, PLAN), signal);
  if (text !== undefined) {
    const plan = JSON.parse(text) as { sets: SetPlan[] };
    for (const [k, set] of plan.sets.entries()) {
      const wanted = [...set.files].sort();
      const same = (found: readonly string[]): boolean => found.length === wanted.length && [...found].sort().every((f, i) => f === wanted[i]);
      const current = set.manifest === undefined ? undefined : await store.read(lakePath(set.folder, MANIFEST), signal);
      if (same(await filesUnder(store, set.folder, signal)) && current === set.manifest) continue;
      // A run published since (a whole set of its own): the compacted set is out of date, not restored.
      if (current !== undefined && set.manifest !== undefined && (JSON.parse(current) as Manifest).runId !== (JSON.parse(set.manifest) as Manifest).runId) continue;
      if (set.manifest === undefined && !(await inHistory(store, entityFolder, set.folder, signal))) continue;
      const fresh = lakePath(work, 'new', String(k));
      if (!same(await filesUnder(store, fresh, signal))) {
        throw new Error(`the compaction of ${entityFolder} was killed and neither ${set.folder} nor ${fresh} holds the planned files; restore ${set.folder} from ${lakePath(work, 'old', String(k))} by hand`);
      }
      log(`finishing the killed compaction of ${set.folder}`);
      await store.remove(set.folder, signal);
      await store.move(fresh, set.folder, signal);
      if (set.manifest !== undefined) {
        const body = encode(set.manifest);
        await store.write(lakePath(set.folder, MANIFEST), [body], body.byteLength, signal, 'application/json');
      }
    }
  }
  await store.remove(work, signal);
}

/** The sets of an entity: `Latest` (by its manifest) and each kept history run folder. */
async function setsOf(options: CompactEntityOptions): Promise<{ folder: string; manifest?: Manifest; files: SetFile[] }[]> {
  const { store, entityFolder, signal } = options;
  const sets: { folder: string; manifest?: Manifest; files: SetFile[] }[] = [];
  const latest = lakePath(entityFolder, 'Latest');
  const text = await store.read(lakePath(latest, MANIFEST), signal);
  if (text !== undefined) {
    const manifest = JSON.parse(text) as Manifest;
    sets.push({ folder: latest, manifest, files: manifest.files.map((f) => ({ name: f.name, bytes: f.bytes, rows: f.rows })) });
  } else if (await store.has(latest, signal)) {
    throw new Error(`${latest} has no ${MANIFEST}: a publish is under way or was killed; run the entity once, then compact`);
  }
  if (options.historyBase !== undefined) {
    const index = await store.read(lakePath(entityFolder, '_history.json'), signal);
    const runs = index === undefined ? [] : (JSON.parse(index) as { runs: { folder: string }[] }).runs;
    for (const run of runs) {
      const folder = lakePath(run.folder);
      // The index is a file in the lake: a folder outside the lander's is never touched.
      if (options.historyBase !== '' && !folder.startsWith(`${options.historyBase}/`)) continue;
      const names = (await filesUnder(store, folder, signal)).sort();
      const files: SetFile[] = [];
      for (const name of names) {
        const bytes = await store.readBytes(lakePath(folder, name), signal);
        if (bytes !== undefined) files.push({ name, bytes: bytes.byteLength, rows: undefined });
      }
      sets.push({ folder, files });
    }
  }
  return sets;
}

/**
 * Compacts one entity's sets (or, `dryRun`, only says what would merge into what). Resolves with
 * each set that has something to merge; the caller holds the entity's run lock.
 */
export async function compactEntity(options: CompactEntityOptions): Promise<SetCompaction[]> {
  const { store, entityFolder, signal, log } = options;
  await recoverCompaction(store, entityFolder, signal, log);
  const target = Math.min(options.targetBytes, options.limitBytes);
  const planned = (await setsOf(options))
    .map((set) => ({ ...set, groups: groupsOf(set.files, target) }))
    .filter((set) => set.groups.some((g) => g.length > 1));
  const describe = (set: (typeof planned)[number]): SetCompaction => ({
    folder: set.folder,
    filesBefore: set.files.length,
    filesAfter: set.groups.length,
    merges: set.groups.filter((g) => g.length > 1).map((g) => ({ into: g[0]!.name, from: g.map((f) => f.name) })),
    rows: set.files.reduce((n, f) => n + (f.rows ?? 0), 0),
  });
  if (options.dryRun || planned.length === 0) return planned.map(describe);

  const work = lakePath(entityFolder, COMPACT_FOLDER);
  const plans: SetPlan[] = [];
  const done: SetCompaction[] = [];
  for (const [k, set] of planned.entries()) {
    const fresh = lakePath(work, 'new', String(k));
    const written: { name: string; rows: number; bytes: number }[] = [];
    const merges: { into: string; from: string[] }[] = [];
    const write = async (name: string, chunks: readonly Uint8Array[], bytes: number): Promise<void> => {
      await store.write(lakePath(fresh, name), chunks, bytes, signal);
      signal.throwIfAborted();
    };
    /** Merges a group, splitting it in two while its merge passes the file size. */
    const place = async (group: readonly SetFile[], contents: readonly Uint8Array[]): Promise<void> => {
      if (group.length === 1) {
        const only = group[0]!;
        only.rows ??= await countRows(contents[0]!, only.name, options.format);
        await write(only.name, contents, only.bytes);
        written.push({ name: only.name, rows: only.rows, bytes: only.bytes });
        return;
      }
      const merged = await mergeFiles(group.map((f, i) => ({ name: f.name, bytes: contents[i]! })), options.format);
      if (merged.bytes > options.limitBytes) {
        const half = Math.ceil(group.length / 2);
        await place(group.slice(0, half), contents.slice(0, half));
        await place(group.slice(half), contents.slice(half));
        return;
      }
      // Row for row: a merge that holds other than its members' rows is a bug, never published.
      const expected = group.every((f) => f.rows !== undefined) ? group.reduce((n, f) => n + f.rows!, 0) : undefined;
      if (expected !== undefined && merged.rows !== expected) throw new Error(`merging ${group.map((f) => f.name).join(', ')} gave ${merged.rows} rows, not ${expected}; nothing was changed`);
      log(`merged ${group.length} files into ${lakePath(set.folder, group[0]!.name)} (${merged.rows} rows, ${merged.bytes} bytes)`);
      await write(group[0]!.name, merged.chunks, merged.bytes);
      written.push({ name: group[0]!.name, rows: merged.rows, bytes: merged.bytes });
      merges.push({ into: group[0]!.name, from: group.map((f) => f.name) });
    };
    for (const group of set.groups) {
      const contents: Uint8Array[] = [];
      for (const file of group) {
        const bytes = await store.readBytes(lakePath(set.folder, file.name), signal);
        if (bytes === undefined) throw new Error(`${lakePath(set.folder, file.name)} is listed but missing; nothing was changed`);
        contents.push(bytes);
      }
      await place(group, contents);
    }
    const order = new Map(set.files.map((f, i) => [f.name, i]));
    written.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
    let manifest: string | undefined;
    if (set.manifest) {
      manifest = `${JSON.stringify({ ...set.manifest, compactedAt: new Date().toISOString(), files: written }, null, 2)}\n`;
      const body = encode(manifest);
      await store.write(lakePath(fresh, MANIFEST), [body], body.byteLength, signal, 'application/json');
    }
    plans.push({ folder: set.folder, files: written.map((f) => f.name), ...(manifest === undefined ? {} : { manifest }) });
    done.push({ folder: set.folder, filesBefore: set.files.length, filesAfter: written.length, merges, rows: written.reduce((n, f) => n + f.rows, 0) });
  }
  signal.throwIfAborted();
  const plan = encode(`${JSON.stringify({ sets: plans }, null, 2)}\n`);
  log('every new set is written; switching');
  await store.write(lakePath(work, PLAN), [plan], plan.byteLength, signal, 'application/json');
  // From here on the switch is finished, now or by the recovery: no more cancelling.
  const never = new AbortController().signal;
  for (const [k, set] of plans.entries()) {
    log(`switching ${set.folder}`);
    await store.move(set.folder, lakePath(work, 'old', String(k)), never);
    await store.move(lakePath(work, 'new', String(k)), set.folder, never);
  }
  log('removing the merged files');
  await store.remove(work, never);
  return done;
}
