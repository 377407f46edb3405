/**
 * Opens sources, warehouses and landers from a job spec's connections (secrets already resolved).
 */
import type { Connection } from '../shared/model/schema.ts';
import { localLander } from './land/local-lander.ts';
import type { Lander, LanderOptions } from './land/lander.ts';
import { azureLander } from './land/azure-lander.ts';
import type { Source } from './source/source.ts';
import { sqliteSource } from './source/sqlite-source.ts';
import { postgresSource } from './source/postgres-source.ts';
import { mariadbSource } from './source/mariadb-source.ts';
import { sqlServerSource } from './source/sqlserver-source.ts';
import { duckdbSource } from './source/duckdb-source.ts';
import type { Warehouse } from './warehouse/warehouse.ts';
import { duckdbWarehouse } from './warehouse/duckdb-warehouse.ts';
import { postgresWarehouse } from './warehouse/postgres-warehouse.ts';
import { mariadbWarehouse } from './warehouse/mariadb-warehouse.ts';

export async function openSource(connection: Connection): Promise<Source> {
  switch (connection.kind) {
    case 'sqlite':
      return sqliteSource(connection.path);
    case 'duckdb':
      return duckdbSource(connection.path);
    case 'postgres':
      return postgresSource(connection);
    case 'mariadb':
      return mariadbSource(connection);
    case 'sqlserver':
    case 'azuresql':
    case 'synapse':
      return sqlServerSource(connection);
    case 'adls':
    case 'localfs':
      throw new Error(`connection "${connection.name}" (${connection.kind}) holds files, not tables: use the Multi Wild Card File pattern`);
  }
}

export async function openWarehouse(connection: Connection): Promise<Warehouse> {
  switch (connection.kind) {
    case 'duckdb':
      return duckdbWarehouse(connection.path);
    case 'postgres':
      return postgresWarehouse(connection);
    case 'mariadb':
      return mariadbWarehouse(connection);
    default:
      throw new Error(
        `warehouse "${connection.name}" is ${connection.kind}: this engine loads DuckDB, PostgreSQL and MariaDB warehouses; ` +
          `its ${connection.kind} SQL can be previewed with \`landfall sql\` and run by your own scheduler`,
      );
  }
}

export function openLander(connection: Connection, options: LanderOptions): Lander {
  switch (connection.kind) {
    case 'localfs':
      return localLander(connection.path, options);
    case 'adls':
      return azureLander(connection, options);
    default:
      throw new Error(`lander "${connection.name}" is ${connection.kind}: files land in a local folder or Azure Data Lake`);
  }
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
