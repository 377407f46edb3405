/**
 * Opens sources, warehouses and landers from a job spec's connections (secrets already resolved).
 * Drivers are imported when a connection of their kind is first opened: a run that only touches
 * SQLite, a local folder and DuckDB never loads the Azure SDK, mssql or the Parquet encoder, which
 * keeps the engine process small and quick to start.
 *
 * One table per role says which driver opens each kind (`undefined`: this engine does not); for
 * landers it is the lake stores' table (`land/lake-stores.ts`). What a kind may be at all is its
 * descriptor's say (`shared/model/connection-kinds.ts`); a test checks the two agree.
 */
import { existsSync } from 'node:fs';
import type { Connection, ConnectionKind } from '../shared/model/index.ts';
import type { Lander, LanderOptions } from './land/lander.ts';
import type { BulkLanding } from './land/sqlserver-lander.ts';
import type { Source } from './source/source.ts';
import type { Warehouse } from './warehouse/warehouse.ts';
import { isLakeStoreConnection } from './land/lake-stores.ts';
import { CONNECT_RETRIES, untilAborted, withRetries } from './retry.ts';

/** How a run opens its connections: cancellable, and told of each retry. */
export interface Connecting {
  readonly signal: AbortSignal;
  /** `what` is being tried again: attempt 2 is the first retry. */
  readonly onRetry: (attempt: number, of: number, delayMs: number, error: unknown) => void;
}

/**
 * Opens a connection with `open`, retrying transient failures (refused, reset, a server shutting
 * down) a bounded number of times with backoff. A cancel ends the wait at once, a stalled connect
 * included; a connection that opens after it is closed.
 */
export function connecting<T extends { close(): Promise<void> }>(open: () => Promise<T>, how: Connecting): Promise<T> {
  return withRetries(() => untilAborted(open(), how.signal, (late) => void late.close().catch(() => undefined)), {
    policy: CONNECT_RETRIES,
    signal: how.signal,
    onRetry: (attempt, delayMs, error) => how.onRetry(attempt, CONNECT_RETRIES.attempts, delayMs, error),
  });
}

type ConnectionOf<K extends ConnectionKind> = Extract<Connection, { kind: K }>;
type Drivers<T, A extends unknown[] = []> = { readonly [K in ConnectionKind]: ((connection: ConnectionOf<K>, ...args: A) => Promise<T>) | undefined };

const SOURCE_DRIVERS: Drivers<Source> = {
  sqlite: async (c) => (await import('./source/sqlite-source.ts')).sqliteSource(c.path),
  duckdb: async (c) => (await import('./source/duckdb-source.ts')).duckdbSource(c.path, { externalAccess: c.externalAccess }),
  postgres: async (c) => (await import('./source/postgres-source.ts')).postgresSource(c),
  mariadb: async (c) => (await import('./source/mariadb-source.ts')).mariadbSource(c),
  sqlserver: async (c) => (await import('./source/sqlserver-source.ts')).sqlServerSource(c),
  azuresql: async (c) => (await import('./source/sqlserver-source.ts')).sqlServerSource(c),
  synapse: async (c) => (await import('./source/sqlserver-source.ts')).sqlServerSource(c),
  adls: undefined,
  localfs: undefined,
};

const WAREHOUSE_DRIVERS: Drivers<Warehouse> = {
  duckdb: async (c) => (await import('./warehouse/duckdb-warehouse.ts')).duckdbWarehouse(c.path),
  postgres: async (c) => (await import('./warehouse/postgres-warehouse.ts')).postgresWarehouse(c),
  mariadb: async (c) => (await import('./warehouse/mariadb-warehouse.ts')).mariadbWarehouse(c),
  sqlserver: async (c) => (await import('./warehouse/sqlserver-warehouse.ts')).sqlServerWarehouse(c, 'tsql'),
  azuresql: async (c) => (await import('./warehouse/sqlserver-warehouse.ts')).sqlServerWarehouse(c, 'tsql'),
  synapse: async (c) => (await import('./warehouse/sqlserver-warehouse.ts')).sqlServerWarehouse(c, 'synapse'),
  sqlite: undefined,
  adls: undefined,
  localfs: undefined,
};

/** The kinds that land by bulk copying into themselves as the warehouse (`land/sqlserver-lander.ts`). */
const BULK_LANDERS: ReadonlySet<ConnectionKind> = new Set(['sqlserver', 'azuresql']);

/** The driver of `connection`'s kind, typed for any connection: each table entry takes its own kind's connection. */
function driverOf<T, A extends unknown[]>(drivers: Drivers<T, A>, connection: Connection): ((connection: Connection, ...args: A) => Promise<T>) | undefined {
  return drivers[connection.kind] as ((connection: Connection, ...args: A) => Promise<T>) | undefined;
}

/** What this engine can open a kind as: the roles its driver tables (and the lake stores' table) fill. */
export function engineRoles(kind: ConnectionKind): { source: boolean; warehouse: boolean; lander: boolean } {
  // The lake stores' table is keyed by kind; its check reads nothing but the kind.
  const lander = isLakeStoreConnection({ kind } as Connection) || BULK_LANDERS.has(kind);
  return { source: SOURCE_DRIVERS[kind] !== undefined, warehouse: WAREHOUSE_DRIVERS[kind] !== undefined, lander };
}

/** Opens a connection to read tables, views and queries from. */
export async function openSource(connection: Connection): Promise<Source> {
  const open = driverOf(SOURCE_DRIVERS, connection);
  if (!open) throw new Error(`connection "${connection.name}" (${connection.kind}) holds files, not tables: use the Multi Wild Card File pattern`);
  return open(connection);
}

/** Opens a warehouse to stage, compare and persist into. */
export async function openWarehouse(connection: Connection): Promise<Warehouse> {
  const open = driverOf(WAREHOUSE_DRIVERS, connection);
  if (!open) {
    throw new Error(
      `warehouse "${connection.name}" is ${connection.kind}: this engine loads DuckDB, PostgreSQL, MariaDB, SQL Server, Azure SQL and Synapse warehouses; ` +
        `its ${connection.kind} SQL can be previewed with \`landfall sql\` and run by your own scheduler`,
    );
  }
  return open(connection);
}

/**
 * Opens a lander that files are published to: a lake store's, or (`bulk`: the plan's land step
 * says the lander is the warehouse) the SQL Server / Azure SQL bulk copy into the staging table.
 */
export async function openLander(connection: Connection, options: LanderOptions, bulk?: BulkLanding): Promise<Lander> {
  const { openLakeStore } = await import('./land/lake-stores.ts');
  if (isLakeStoreConnection(connection)) {
    const { lakeLander } = await import('./land/lake-lander.ts');
    return lakeLander(() => openLakeStore(connection), options);
  }
  if (bulk && (connection.kind === 'sqlserver' || connection.kind === 'azuresql')) {
    return (await import('./land/sqlserver-lander.ts')).sqlServerLander(connection, bulk);
  }
  throw new Error(`lander "${connection.name}" is ${connection.kind}: files land in a local folder or Azure Data Lake, or by bulk copy into the SQL Server or Azure SQL warehouse itself`);
}

/**
 * Whether the warehouse can hold saved state yet: a file warehouse that is not there has none (it
 * is only created once the entity's files have landed); a server's database exists or fails to connect.
 */
export async function warehouseExists(connection: Connection): Promise<boolean> {
  return 'path' in connection ? existsSync(connection.path) : true;
}

/** Identifies a warehouse across processes, for run locks: its file, its server and database, or its storage container. */
export function warehouseKey(connection: Connection): string {
  if ('path' in connection) return `${connection.kind}:${connection.path}`;
  if ('account' in connection) return `${connection.kind}:${connection.account}/${connection.fileSystem}`;
  return `${connection.kind}:${connection.host.toLowerCase()}:${connection.port}/${connection.database}`;
}
