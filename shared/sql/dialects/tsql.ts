/**
 * SQL Server and Azure SQL: the SQL Server lander bulk-copies the files into the staging table
 * (`steps/bulk-copy.ts`), and the engine runs the change set, persist and watermark here.
 */
import type { Dialect } from '../dialect.ts';
import { sql } from '../statement.ts';
import { string, tsqlFamily } from './tsql-family.ts';

export const tsql: Dialect = {
  ...tsqlFamily(true),
  name: 'tsql',
  renameTable: (from, _schema, to) => `EXEC sp_rename ${string(from)}, ${string(to)}`,
  createTableAs: (table, select) => sql`SELECT q.* INTO ${table} FROM (\n${select}\n) AS q`,
  tableOptions: () => '',
  primaryKeys: true,
  // DDL is transactional, but the lander bulk copies into the staging table on a connection of
  // its own, which would wait on the locks of a load transaction opened before setup.
  transactionalDdl: false,
  // The SQL Server lander drops, creates and fills the staging table (the plan's land step).
  stage: (target, { files }) => [{ kind: 'bulkCopy', files, table: target.table }],
};

