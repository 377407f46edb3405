// Whether the run locks of a DuckDB warehouse are free: the lock files stay (they are never
// deleted), so the test is that a new run takes them.
import { acquireRunLock } from '../../engine/run-lock.ts';

/** Takes and gives back the locks of `entities` on the DuckDB file `path`; fails if any is held. */
export async function expectLockFree(path: string, entities: readonly string[]): Promise<void> {
  const lock = await acquireRunLock('lock-free check', [{ warehouse: { name: 'wh', kind: 'duckdb', path }, entities }], { signal: new AbortController().signal, onRetry: () => undefined });
  await lock.release();
}
