/**
 * What the lander needs of a storage service, and nothing more: the publish protocol
 * (`lake-lander.ts`) is written once over this interface, and each store (a local folder, Azure
 * Blob, Azure Data Lake DFS) is one file under `stores/`. Paths are lake paths (see `lake-path.ts`):
 * relative to the store's root, `/`-separated, without `..`.
 */

/** The file that makes a folder a complete set: the publish protocol writes it last and removes it first. */
export const MANIFEST = '_manifest.json';

/** Folders and files directly under a folder. */
export interface LakeEntry {
  readonly name: string;
  readonly folder: boolean;
}

export interface LakeStore {
  /** Makes `folder` ready to receive files (and fails clearly when the store itself is missing). */
  prepare(folder: string): Promise<void>;
  /** Writes a file so that it appears under `path` only when complete (a partial name then a rename, or a block commit). */
  write(path: string, chunks: readonly Uint8Array[], bytes: number, signal?: AbortSignal, contentType?: string): Promise<void>;
  /** A file's text; undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Whether `folder` exists; for a store without folders (Blob), whether anything is under it. */
  has(folder: string): Promise<boolean>;
  /** What is directly under `folder`; empty when it does not exist. */
  list(folder: string): Promise<LakeEntry[]>;
  /** Removes `folder` and everything under it, a set's manifest first; nothing to remove is fine. */
  remove(folder: string): Promise<void>;
  /**
   * Moves folder `from` to `to` (which must not exist), creating `to`'s parent. Where the store can,
   * this is one atomic rename (a local folder, a DFS directory); otherwise (Blob) it copies the
   * files with any `_manifest.json` last and deletes the source manifest first, so a folder that
   * holds a manifest always holds the whole set it lists.
   */
  move(from: string, to: string): Promise<void>;
  /** Where the warehouse reads the file at `path`: an absolute path, or a URL without secrets. */
  location(path: string): string;
}
