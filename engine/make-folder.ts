/**
 * Creating folders on this machine without Node's `mkdir({ recursive: true })`, which has two faults
 * a lake must not inherit: under a pseudo file system such as `/proc/self/…` it loops forever at
 * 100 % CPU (the parent exists, the child can never be made, and it keeps retrying), and on a
 * read-only mount it reports `EROFS` as `ENOENT … mkdir`. Here each missing level is made once, in
 * order, so the loop is bounded by the path's depth and the error is the one the system gave,
 * said in words a user can act on.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** What a file-system error code means for a folder the engine writes to; undefined for others. */
const FOLDER_FAULTS: Readonly<Record<string, string>> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not writable by this process (permission denied)',
  EPERM: 'is read-only: the operation is not permitted (immutable, or a protected folder)',
  ENOSPC: 'is on a file system with no space left',
  EDQUOT: 'is on a file system whose disk quota is used up',
  ENOTDIR: 'is a file, not a folder',
};

/** An error that says which folder failed and why, keeping the system's code. */
export class FolderError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.code = code;
  }
}

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * The error for a failed write under `folder`, naming the folder and the fault (read-only, no
 * space, …) when its code is one a user can act on; the original error otherwise.
 */
export function describeFolderFault(folder: string, error: unknown): unknown {
  const code = codeOf(error);
  const fault = code === undefined ? undefined : FOLDER_FAULTS[code];
  if (fault === undefined || error instanceof FolderError) return error;
  return new FolderError(`folder "${folder}" ${fault} (${code}: ${(error as Error).message})`, code, error);
}

async function isFolder(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Makes `path` and its missing parents, each with one `mkdir`. Fails at once, naming the folder,
 * when a level cannot be made: read-only, permission, no space, or a parent that exists but refuses
 * new folders (`/proc/self`).
 */
export async function makeFolder(path: string): Promise<void> {
  const target = resolve(path);
  const missing: string[] = [];
  let at = target;
  // Walk up to the nearest level that exists; the walk ends at the root, so it is bounded.
  for (;;) {
    const found = await isFolder(at);
    if (found === true) break;
    if (found === false) throw new FolderError(`folder "${at}" is a file, not a folder`, 'ENOTDIR', undefined);
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = codeOf(error);
      // Made meanwhile by another writer: what was wanted.
      if (code === 'EEXIST' && (await isFolder(folder))) continue;
      if (code === 'ENOENT') {
        throw new FolderError(`folder "${folder}" cannot be created: its parent "${dirname(folder)}" exists but refuses new folders (${code}); choose a folder on an ordinary file system`, code, error);
      }
      throw describeFolderFault(folder, error);
    }
  }
}
