/**
 * Azure Synapse SQL (dedicated pools): T-SQL over distributed columnstore tables. Stages through
 * an external file format and table over the entity's `Latest` folder, then a CTAS with the
 * persistent table's distribution. The engine does not load into it: previewed and golden-tested.
 */
import type { Dialect, TableKind } from '../dialect.ts';
import { run, type Distribution, type StageFormat } from '../stage-hook.ts';
import { join, sql } from '../statement.ts';
import { quote, string, tsqlFamily } from './tsql-family.ts';

const family = tsqlFamily(false);
const text = string;

/**
 * The DATA_COMPRESSION of the external file format, by the landed files' codec. CREATE EXTERNAL
 * FILE FORMAT (https://learn.microsoft.com/sql/t-sql/statements/create-external-file-format-transact-sql)
 * names SnappyCodec and GzipCodec for PARQUET and GzipCodec for DELIMITEDTEXT; nothing for
 * uncompressed files. PolyBase has no ZSTD codec: validation refuses ZSTD files for a Synapse
 * warehouse (connection-kinds.ts), so none is named for them here.
 */
const CODECS: Readonly<Record<StageFormat['compression'], string | undefined>> = {
  none: undefined,
  gzip: 'org.apache.hadoop.io.compress.GzipCodec',
  snappy: 'org.apache.hadoop.io.compress.SnappyCodec',
  zstd: undefined,
};

/** The DISTRIBUTION clause value for an entity's tables. */
function distributionOf(distribution: Distribution | undefined): string {
  return distribution?.kind === 'hash' ? `HASH(${quote(distribution.column)})` : distribution?.kind === 'replicate' ? 'REPLICATE' : 'ROUND_ROBIN';
}

const TABLE_OPTIONS: Record<TableKind, (distribution: Distribution | undefined) => string> = {
  persistent: (distribution) => `\nWITH (DISTRIBUTION = ${distributionOf(distribution)}, CLUSTERED COLUMNSTORE INDEX)`,
  control: () => '\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)',
  staging: () => '\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)',
};

export const synapse: Dialect = {
  ...family,
  name: 'synapse',
  renameTable: (from, _schema, to) => `RENAME OBJECT ${from} TO ${quote(to)}`,
  // RENAME OBJECT renames one table per statement; the swap runs them back to back.
  renameTables: (renames) => renames.map((r) => `RENAME OBJECT ${r.from} TO ${quote(r.to)}`),
  // Seed 000: the temp tables take the persistent table's distribution, the change set too, so its
  // comparison and persist's joins with persistent staging move no rows between distributions.
  createTableAs: (table, select, distribution) => sql`CREATE TABLE ${table}\nWITH (DISTRIBUTION = ${distributionOf(distribution)}, HEAP)\nAS\n${select}`,
  // Synapse's UPDATE names its target `[schema.]table_name`, with no alias
  // (https://learn.microsoft.com/sql/t-sql/queries/update-transact-sql, "Syntax for Azure Synapse
  // Analytics"): SET and WHERE refer to it by its schema-qualified name, which no alias of a
  // subquery (c, h) can hide, whatever the entity is called.
  updateAliased: (table, _target, set, where) => sql`UPDATE ${table}\nSET ${set}\nWHERE ${where}`,
  updateTargetName: (_alias, table) => table,
  // A dedicated pool's INSERT takes `VALUES (…)` for one row only, and the table value constructor
  // is not among its features (https://learn.microsoft.com/sql/t-sql/statements/insert-transact-sql,
  // "Syntax for Azure Synapse Analytics"; https://learn.microsoft.com/sql/t-sql/queries/table-value-constructor-transact-sql
  // applies to SQL Server and Azure SQL only): rows are selected, one SELECT each, UNION ALL.
  insertRows: (rows) => join(rows.map((row) => sql`SELECT ${row}`), ' UNION ALL\n'),
  tableOptions: (table, distribution) => TABLE_OPTIONS[table](distribution),
  // Synapse enforces no primary keys; the delete-then-insert save keeps one row per parameter.
  primaryKeys: false,
  // CREATE TABLE AS SELECT (the stage and the change set) is not allowed in a multi-statement transaction.
  transactionalDdl: false,
  // All dropped and recreated each run.
  stage: (target, { folder, format }) => {
    const fileFormat = quote(`lf_${target.entity}_format`);
    const external = family.table('temp', `${target.entity}_external`);
    const codec = CODECS[format.compression];
    const { csv } = format;
    const formatOptions =
      format.kind === 'parquet'
        ? `FORMAT_TYPE = PARQUET${codec ? `, DATA_COMPRESSION = ${text(codec)}` : ''}`
        : `FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = ${text(csv.delimiter)}, STRING_DELIMITER = ${text(csv.qualifier)}, FIRST_ROW = ${csv.header ? 2 : 1}, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8')${codec ? `, DATA_COMPRESSION = ${text(codec)}` : ''}`;
    const all = [...target.columns.map((c) => `  ${quote(c.name)} ${family.columnType(c.type)} NULL`), ...(target.operation ? [`  ${quote(target.operation)} NCHAR(1) NULL`] : [])];
    const credential = `lf_${folder.dataSource}_identity`;
    return [
      // The lake's data source and its credential are shared by every entity landed there (an
      // external table uses them, so they cannot be dropped under another entity): created when
      // missing. The pool reads the lake as its workspace's managed identity, which needs the
      // Storage Blob Data Reader role on the account; no secret is written into a statement.
      sql`IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY`,
      sql`IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = ${text(credential)}) CREATE DATABASE SCOPED CREDENTIAL ${quote(credential)} WITH IDENTITY = 'Managed Service Identity'`,
      sql`IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = ${text(folder.dataSource)}) CREATE EXTERNAL DATA SOURCE ${quote(folder.dataSource)} WITH (TYPE = HADOOP, LOCATION = ${text(folder.url)}, CREDENTIAL = ${quote(credential)})`,
      sql`IF OBJECT_ID(${text(external)}, N'ET') IS NOT NULL DROP EXTERNAL TABLE ${external}`,
      sql`IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = ${text(`lf_${target.entity}_format`)}) DROP EXTERNAL FILE FORMAT ${fileFormat}`,
      sql`CREATE EXTERNAL FILE FORMAT ${fileFormat} WITH (${formatOptions})`,
      sql`CREATE EXTERNAL TABLE ${external} (\n${all.join(',\n')}\n)\nWITH (LOCATION = ${text(folder.location)}, DATA_SOURCE = ${quote(folder.dataSource)}, FILE_FORMAT = ${fileFormat}, REJECT_TYPE = VALUE, REJECT_VALUE = 0)`,
      sql`${family.dropTableIfExists(target.changeSet)}`,
      sql`${family.dropTableIfExists(target.table)}`,
      sql`CREATE TABLE ${target.table}\nWITH (DISTRIBUTION = ${distributionOf(target.distribution)}, HEAP)\nAS SELECT * FROM ${external}`,
    ].map(run);
  },
};
