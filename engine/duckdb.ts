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

const open = new Map<string, { instance: Promise<DuckDBInstance>; users: number; externalAccess: boolean }>();

/** Options every instance is made with: no extension downloads (these machines have no internet). */
export const DUCKDB_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' } as const;

export interface DuckDbOpenOptions {
  /**
   * Whether SQL on this instance may reach other files, the network or attach databases
   * (`read_csv`, `read_text`, `ATTACH`, `COPY … TO`). A warehouse needs it to stage the landed
   * files; a source's query does not, so sources open with it off unless their connection allows it.
   */
  readonly externalAccess?: boolean;
}

/** DuckDB's own setting, for instances made outside this cache (the source catalog). */
export const externalAccessOption = (allowed: boolean): { enable_external_access: string } => ({ enable_external_access: allowed ? 'true' : 'false' });

export async function openDuckDb(path: string, options: DuckDbOpenOptions = {}): Promise<DuckDbHandle> {
  const externalAccess = options.externalAccess ?? true;
  const key = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
  let entry = open.get(key);
  if (!entry) {
    entry = { instance: DuckDBInstance.create(path, { ...DUCKDB_OPTIONS, ...externalAccessOption(externalAccess) }), users: 0, externalAccess };
    open.set(key, entry);
    entry.instance.catch(() => open.delete(key));
  } else if (entry.externalAccess !== externalAccess) {
    // The setting belongs to the instance and a file has one instance here: one user cannot have it otherwise.
    throw new Error(`DuckDB file ${key} is already open in this run with external access ${entry.externalAccess ? 'on' : 'off'}; a source on the same file as a warehouse needs "externalAccess": true`);
  }
  entry.users++;
  const instance = await entry.instance;
  let released = false;
  const current = entry;
  return {
    connect: () => instance.connect(),
    async release() {
      if (released) return;
      released = true;
      if (--current.users === 0) {
        open.delete(key);
        instance.closeSync();
      }
    },
  };
}
