/**
 * Run locks: one run at a time per warehouse and entity, across processes on this machine. A
 * lock is a file created exclusively; a lock whose process is gone (a killed run) is taken over.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface LockInfo {
  readonly pid: number;
  readonly runId: string;
  readonly entity: string;
  readonly warehouse: string;
  readonly since: string;
}

export class LockHeld extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunLock {
  release(): Promise<void>;
}

/**
 * Takes the locks of every (warehouse, entity) pair, or none: when one is held by a live run the
 * others are given back and LockHeld says which run holds it.
 */
export async function acquireRunLock(folder: string | undefined, runId: string, items: readonly { warehouse: string; entity: string }[]): Promise<RunLock> {
  const dir = folder ?? join(tmpdir(), 'landfall-locks');
  await mkdir(dir, { recursive: true });
  const taken: string[] = [];
  const release = async (): Promise<void> => {
    await Promise.all(taken.map((path) => unlink(path).catch(() => undefined)));
  };
  try {
    for (const item of items) {
      const key = createHash('sha256').update(`${item.warehouse}\u0000${item.entity.toLowerCase()}`).digest('hex').slice(0, 32);
      const path = join(dir, `${key}.lock`);
      const info: LockInfo = { pid: process.pid, runId, entity: item.entity, warehouse: item.warehouse, since: new Date().toISOString() };
      for (let attempt = 0; ; attempt++) {
        try {
          const handle = await open(path, 'wx');
          await handle.writeFile(JSON.stringify(info));
          await handle.close();
          taken.push(path);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 3) throw error;
          const holder = await readFile(path, 'utf8').then((text) => JSON.parse(text) as LockInfo).catch(() => undefined);
          if (holder && holder.pid !== process.pid && alive(holder.pid)) {
            throw new LockHeld(
              `entity "${item.entity}" on warehouse ${item.warehouse} is being run by run ${holder.runId} (process ${holder.pid}) since ${holder.since}: wait for it to finish or cancel it, then run again`,
            );
          }
          if (holder && holder.pid === process.pid) {
            throw new LockHeld(`entity "${item.entity}" on warehouse ${item.warehouse} is already being run by run ${holder.runId} in this process: wait for it to finish or cancel it`);
          }
          if (!holder && attempt < 2) {
            // Just created by another run that has not written it yet: look again.
            await new Promise((resolve) => setTimeout(resolve, 100));
            continue;
          }
          // The holder is gone (a killed run): take the lock over.
          await unlink(path).catch(() => undefined);
        }
      }
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { release };
}
