// A complete LakeStore kept in memory, for testing the publish protocol without a storage service.
// It behaves like a folder store (folders exist on their own, moves are renames) and records every
// call, so tests can say which operations a protocol step used and what a reader saw in between.
import { MANIFEST, type LakeEntry, type LakeStore } from '../../engine/land/lake-store.ts';
import { lakePath } from '../../engine/land/lake-path.ts';

export interface MemoryLakeStore extends LakeStore {
  /** File paths and their text, sorted by path. */
  files(): Record<string, string>;
  /** Folder paths that exist (empty or not), sorted. */
  folders(): string[];
  /** The calls made so far, as `operation path [→ path]`. */
  readonly calls: string[];
}

export function memoryLakeStore(): MemoryLakeStore {
  const files = new Map<string, Uint8Array>();
  const folders = new Set<string>();
  const calls: string[] = [];
  const under = (folder: string, path: string) => path.startsWith(`${folder}/`);
  const addFolders = (path: string) => {
    const parts = path.split('/');
    for (let n = 1; n <= parts.length; n++) folders.add(parts.slice(0, n).join('/'));
  };
  const call = (operation: string, ...paths: string[]) => {
    calls.push(`${operation} ${paths.join(' → ')}`);
    // The same rule as every real store: a lake path never climbs out of its root.
    for (const path of paths) lakePath(path);
  };
  const exists = (folder: string) => folders.has(folder);
  const parent = (path: string) => path.split('/').slice(0, -1).join('/');

  return {
    calls,
    files: () => Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)).map(([p, b]) => [p, new TextDecoder().decode(b)])),
    folders: () => [...folders].sort(),

    prepare(folder) {
      call('prepare', folder);
      addFolders(folder);
      return Promise.resolve();
    },
    async write(path, chunks, bytes, signal) {
      call('write', path);
      // Yield once, as any real write does, so concurrent writes interleave.
      await Promise.resolve();
      signal?.throwIfAborted();
      const data = new Uint8Array(bytes);
      let at = 0;
      for (const chunk of chunks) {
        data.set(chunk, at);
        at += chunk.byteLength;
      }
      if (at !== bytes) throw new Error(`write ${path}: told ${bytes} bytes, given ${at}`);
      if (parent(path)) addFolders(parent(path));
      files.set(path, data);
    },
    read(path) {
      call('read', path);
      const data = files.get(path);
      return Promise.resolve(data && new TextDecoder().decode(data));
    },
    readBytes(path) {
      call('readBytes', path);
      return Promise.resolve(files.get(path));
    },
    has(folder) {
      call('has', folder);
      return Promise.resolve(exists(folder));
    },
    list(folder) {
      call('list', folder);
      const entries = new Map<string, LakeEntry>();
      for (const path of [...files.keys(), ...folders]) {
        if (!under(folder, path)) continue;
        const rest = path.slice(folder.length + 1).split('/');
        const name = rest[0]!;
        entries.set(name, { name, folder: rest.length > 1 || folders.has(`${folder}/${name}`) });
      }
      return Promise.resolve([...entries.values()].sort((a, b) => a.name.localeCompare(b.name)));
    },
    remove(folder) {
      call('remove', folder);
      for (const path of [...files.keys()]) if (under(folder, path)) files.delete(path);
      for (const path of [...folders]) if (path === folder || under(folder, path)) folders.delete(path);
      return Promise.resolve();
    },
    move(from, to) {
      call('move', from, to);
      if (!exists(from)) return Promise.reject(new Error(`move ${from}: no such folder`));
      if (exists(to)) return Promise.reject(new Error(`move ${from} → ${to}: ${to} exists`));
      // A rename: the whole folder changes name at once, manifest and all.
      for (const [path, data] of [...files]) {
        if (!under(from, path)) continue;
        files.delete(path);
        files.set(`${to}${path.slice(from.length)}`, data);
      }
      for (const path of [...folders]) {
        if (path !== from && !under(from, path)) continue;
        folders.delete(path);
        folders.add(`${to}${path.slice(from.length)}`);
      }
      addFolders(to);
      return Promise.resolve();
    },
    location: (path) => `memory:///${path}`,
  };
}

/** The manifest file of a folder, as the protocol names it. */
export const manifestPath = (folder: string): string => `${folder}/${MANIFEST}`;
