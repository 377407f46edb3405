/**
 * The local-folder lander (the embedded default). A run writes into
 * `<entity>/_incoming/<run id>/`, each file first as `<name>.partial` and renamed when complete;
 * publishing renames the run's folder to `<entity>/Latest` after moving the previous set to
 * `<entity>/Archive/`. Renames within one file system are atomic, so a reader sees either the
 * old set or the new one, and a killed run leaves only `_incoming` leftovers, removed next time.
 */
import { mkdir, open, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARCHIVE_KEEP, safeName, type Lander, type LanderOptions, type LandingFile, type PublishedFile } from './lander.ts';

const MANIFEST = '_manifest.json';

interface Manifest {
  readonly runId: string;
  readonly publishedAt: string;
  readonly files: readonly { name: string; rows: number; bytes: number }[];
}

/** Lands files in a folder on this machine; `root` is the lander connection's absolute path. */
export function localLander(root: string, options: LanderOptions): Lander {
  const entity = join(root, options.entityFolder);
  const incoming = join(entity, '_incoming');
  const area = join(incoming, safeName(options.runId));
  const landed: { name: string; rows: number; bytes: number; firstRow: number }[] = [];

  return {
    async begin() {
      // Only one run of an entity at a time (the batch lock), so anything here was left by a killed run.
      await rm(incoming, { recursive: true, force: true });
      await mkdir(area, { recursive: true });
    },

    async land(file: LandingFile, signal: AbortSignal) {
      signal.throwIfAborted();
      const partial = join(area, `${file.name}.partial`);
      const handle = await open(partial, 'w');
      try {
        await handle.writev(file.chunks as Uint8Array[]);
      } finally {
        await handle.close();
      }
      signal.throwIfAborted();
      await rename(partial, join(area, file.name));
      landed.push({ name: file.name, rows: file.rows, bytes: file.bytes, firstRow: file.firstRow });
    },

    async publish() {
      landed.sort((a, b) => a.firstRow - b.firstRow);
      const manifest: Manifest = {
        runId: options.runId,
        publishedAt: new Date().toISOString(),
        files: landed.map(({ name, rows, bytes }) => ({ name, rows, bytes })),
      };
      await writeFile(join(area, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      const latest = join(entity, 'Latest');
      const previous = await readManifest(latest);
      if (previous !== undefined) {
        const archive = join(entity, 'Archive');
        await mkdir(archive, { recursive: true });
        const stamp = (previous?.publishedAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
        await rename(latest, join(archive, `${stamp}_${safeName(previous?.runId ?? 'unknown')}`));
        await pruneArchive(archive);
      }
      await rename(area, latest);
      await rm(incoming, { recursive: true, force: true });
      return manifest.files.map((f): PublishedFile => ({ ...f, location: join(latest, f.name) }));
    },

    async discard() {
      await rm(area, { recursive: true, force: true }).catch(() => undefined);
      // The run's area was the only thing in `_incoming` (one run of an entity at a time): leave no empty folder.
      await rmdir(incoming).catch(() => undefined);
    },
  };
}

/** The manifest of a published set; null when the folder exists without one, undefined when absent. */
async function readManifest(folder: string): Promise<Manifest | null | undefined> {
  try {
    return JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    try {
      await readdir(folder);
      return null;
    } catch {
      return undefined;
    }
  }
}

async function pruneArchive(archive: string): Promise<void> {
  const sets = (await readdir(archive)).sort();
  for (const old of sets.slice(0, Math.max(0, sets.length - ARCHIVE_KEEP))) {
    await rm(join(archive, old), { recursive: true, force: true });
  }
}
