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
  prepare(folder: string, signal?: AbortSignal): Promise<void>;
  /** Writes a file so that it appears under `path` only when complete (a partial name then a rename, or a block commit). */
  write(path: string, chunks: readonly Uint8Array[], bytes: number, signal?: AbortSignal, contentType?: string): Promise<void>;
  /** A file's text; undefined when it does not exist. */
  read(path: string, signal?: AbortSignal): Promise<string | undefined>;
  /** A file's bytes (a landed CSV or Parquet file, for compaction); undefined when it does not exist. */
  readBytes(path: string, signal?: AbortSignal): Promise<Uint8Array | undefined>;
  /** Whether `folder` exists; for a store without folders (Blob), whether anything is under it. */
  has(folder: string, signal?: AbortSignal): Promise<boolean>;
  /** What is directly under `folder`; empty when it does not exist. */
  list(folder: string, signal?: AbortSignal): Promise<LakeEntry[]>;
  /** Removes `folder` and everything under it, a set's manifest first; nothing to remove is fine. */
  remove(folder: string, signal?: AbortSignal): Promise<void>;
  /**
   * Moves folder `from` to `to` (which must not exist), creating `to`'s parent. Where the store can,
   * this is one atomic rename (a local folder, a DFS directory); otherwise (Blob) it copies the
   * files with any `_manifest.json` last and deletes the source manifest first, so a folder that
   * holds a manifest always holds the whole set it lists.
   */
  move(from: string, to: string, signal?: AbortSignal): Promise<void>;
  /** Where the warehouse reads the file at `path`: an absolute path, or a URL without secrets. */
  location(path: string): string;
}

/**
 * How long a store waits for each operation before it ends it (a remote store only: a local folder
 * does not stall). The SDK's own retries (see `azure-client.ts`) end a request that is answered
 * with an error, but a request that simply gets no answer would wait for ever.
 */
export interface LakeTimeouts {
  /** A write's wait before its bytes are counted. */
  readonly writeMs: number;
  /** The slowest upload allowed: a write of `bytes` may take `writeMs + bytes / writeBytesPerSecond × 1000`. */
  readonly writeBytesPerSecond: number;
  /** Any other operation: prepare, read, has, list, remove, move. */
  readonly operationMs: number;
}

/** Generous enough for a slow uplink (1 MB/s), short enough that a stalled lake ends the run within a minute or so. */
export const LAKE_TIMEOUTS: LakeTimeouts = { writeMs: 60_000, writeBytesPerSecond: 1_000_000, operationMs: 60_000 };

/** The wait allowed for a write of `bytes`. */
export function writeTimeoutMs(timeouts: LakeTimeouts, bytes: number): number {
  return timeouts.writeMs + Math.round((bytes / timeouts.writeBytesPerSecond) * 1000);
}
