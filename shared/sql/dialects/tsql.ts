/**
 * SQL Server and Azure SQL: the SQL Server lander bulk-copies the files into the staging table
 * (`steps/bulk-copy.ts`), and the engine runs the change set, persist and watermark here.
 */
import type { Dialect } from '../dialect.ts';
import { bind, sql } from '../statement.ts';
import { quote, string, tsqlFamily } from './tsql-family.ts';

export const tsql: Dialect = {
  ...tsqlFamily(true),
  name: 'tsql',
  renameTable: (from, _schema, to) => `EXEC sp_rename ${string(from)}, ${string(to)}`,
  // The rows of the heap or clustered index (index 0 or 1) from the catalog, no scan; a view has
  // no partitions (SUM of none is NULL: no estimate). Synapse spreads a table over distributions
  // whose counts live elsewhere (sys.dm_pdw_nodes_db_partition_stats): it has no estimate here.
  rowEstimate: (schema, table) => sql`SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(${bind({ type: 'text', value: `${schema === undefined ? '' : `${quote(schema)}.`}${quote(table)}` })}) AND p.index_id IN (0, 1)`,
  createTableAs: (table, select) => sql`SELECT q.* INTO ${table} FROM (\n${select}\n) AS q`,
  tableOptions: () => '',
  primaryKeys: true,
  // DDL is transactional, but the lander bulk copies into the staging table on a connection of
  // its own, which would wait on the locks of a load transaction opened before setup.
  transactionalDdl: false,
  // The SQL Server lander drops, creates and fills the staging table (the plan's land step).
  stage: (target, { files }) => [{ kind: 'bulkCopy', files, table: target.table }],
};

