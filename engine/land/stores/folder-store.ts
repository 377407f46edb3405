/**
 * The local-folder store (the embedded default): a `localfs` connection's folder. Files are written
 * as `<name>.partial` and renamed when complete; folder moves are renames, atomic within one file
 * system, so a reader sees either the old set or the new one. Every path goes through
 * `insideRoot`, so nothing outside the connection's folder is ever written, moved or removed.
 */
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { insideRoot } from '../lake-path.ts';
import type { LakeEntry, LakeStore } from '../lake-store.ts';
import { describeFolderFault, makeFolder } from '../../make-folder.ts';

const isNotFound = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** A store over the local folder `root` (an absolute path). */
export function folderStore(root: string): LakeStore {
  const at = (path: string): string => insideRoot(root, path);

  return {
    async prepare(folder) {
      await makeFolder(at(folder));
    },

    async write(path, chunks, _bytes, signal) {
      const final = at(path);
      const partial = `${final}.partial`;
      await makeFolder(dirname(final));
      try {
        const handle = await open(partial, 'w');
        try {
          await handle.writev(chunks as Uint8Array[]);
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw describeFolderFault(dirname(final), error);
      }
      signal?.throwIfAborted();
      await rename(partial, final);
    },

    async read(path) {
      const bytes = await this.readBytes(path);
      return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    },

    async readBytes(path) {
      try {
        return await readFile(at(path));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async has(folder) {
      const path = at(folder);
      try {
        await readdir(path);
        return true;
      } catch {
        return false;
      }
    },

    async list(folder): Promise<LakeEntry[]> {
      try {
        return (await readdir(at(folder), { withFileTypes: true })).map((entry) => ({ name: entry.name, folder: entry.isDirectory() }));
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },

    async remove(folder) {
      await rm(at(folder), { recursive: true, force: true });
    },

    async move(from, to) {
      const target = at(to);
      await makeFolder(dirname(target));
      await rename(at(from), target);
    },

    location: at,
  };
}
