/**
 * Opens sources, warehouses and landers from a job spec's connections (secrets already resolved).
 * Drivers are imported when a connection of their kind is first opened: a run that only touches
 * SQLite, a local folder and DuckDB never loads the Azure SDK, mssql or the Parquet encoder, which
 * keeps the engine process small and quick to start.
 */
import type { Connection } from '../shared/model/schema.ts';
import type { Lander, LanderOptions } from './land/lander.ts';
import type { Source } from './source/source.ts';
import type { Warehouse } from './warehouse/warehouse.ts';

export async function openSource(connection: Connection): Promise<Source> {
  switch (connection.kind) {
    case 'sqlite':
      return (await import('./source/sqlite-source.ts')).sqliteSource(connection.path);
    case 'duckdb':
      return (await import('./source/duckdb-source.ts')).duckdbSource(connection.path, { externalAccess: connection.externalAccess });
    case 'postgres':
      return (await import('./source/postgres-source.ts')).postgresSource(connection);
    case 'mariadb':
      return (await import('./source/mariadb-source.ts')).mariadbSource(connection);
    case 'sqlserver':
    case 'azuresql':
    case 'synapse':
      return (await import('./source/sqlserver-source.ts')).sqlServerSource(connection);
    case 'adls':
    case 'localfs':
      throw new Error(`connection "${connection.name}" (${connection.kind}) holds files, not tables: use the Multi Wild Card File pattern`);
  }
}

export async function openWarehouse(connection: Connection): Promise<Warehouse> {
  switch (connection.kind) {
    case 'duckdb':
      return (await import('./warehouse/duckdb-warehouse.ts')).duckdbWarehouse(connection.path);
    case 'postgres':
      return (await import('./warehouse/postgres-warehouse.ts')).postgresWarehouse(connection);
    case 'mariadb':
      return (await import('./warehouse/mariadb-warehouse.ts')).mariadbWarehouse(connection);
    default:
      throw new Error(
        `warehouse "${connection.name}" is ${connection.kind}: this engine loads DuckDB, PostgreSQL and MariaDB warehouses; ` +
          `its ${connection.kind} SQL can be previewed with \`landfall sql\` and run by your own scheduler`,
      );
  }
}

export async function openLander(connection: Connection, options: LanderOptions): Promise<Lander> {
  const { isLakeStoreConnection, openLakeStore } = await import('./land/lake-stores.ts');
  if (isLakeStoreConnection(connection)) {
    const { lakeLander } = await import('./land/lake-lander.ts');
    return lakeLander(() => openLakeStore(connection), options);
  }
  throw new Error(`lander "${connection.name}" is ${connection.kind}: files land in a local folder or Azure Data Lake`);
}

/** Identifies a warehouse across processes, for run locks. */
export function warehouseKey(connection: Connection): string {
  switch (connection.kind) {
    case 'duckdb':
    case 'sqlite':
    case 'localfs':
      return `${connection.kind}:${connection.path}`;
    case 'adls':
      return `adls:${connection.account}/${connection.fileSystem}`;
    default:
      return `${connection.kind}:${connection.host.toLowerCase()}:${connection.port}/${connection.database}`;
  }
}
