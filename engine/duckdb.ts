/**
 * DuckDB instances shared within the process: a database file can be open in one place only, and
 * several entities of a run load into the same warehouse file at once, each on its own connection.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { resolve } from 'node:path';

export interface DuckDbHandle {
  connect(): Promise<DuckDBConnection>;
  /** Gives the instance back; the last release closes it. */
  release(): Promise<void>;
}

const open = new Map<string, { instance: Promise<DuckDBInstance>; users: number }>();

/** Options every instance is made with: no extension downloads (these machines have no internet). */
export const DUCKDB_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' } as const;

export async function openDuckDb(path: string): Promise<DuckDbHandle> {
  const key = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
  let entry = open.get(key);
  if (!entry) {
    entry = { instance: DuckDBInstance.create(path, { ...DUCKDB_OPTIONS }), users: 0 };
    open.set(key, entry);
    entry.instance.catch(() => open.delete(key));
  }
  entry.users++;
  const instance = await entry.instance;
  let released = false;
  return {
    connect: () => instance.connect(),
    async release() {
      if (released) return;
      released = true;
      if (--entry.users === 0) {
        open.delete(key);
        instance.closeSync();
      }
    },
  };
}
