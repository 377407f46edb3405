/**
 * Azure Synapse SQL (dedicated pools): T-SQL over distributed columnstore tables. Stages through
 * an external file format and table over the entity's `Latest` folder, then a CTAS with the
 * persistent table's distribution. The engine does not load into it: previewed and golden-tested.
 */
import type { Dialect, TableKind } from '../dialect.ts';
import { run, type Distribution } from '../stage-hook.ts';
import { sql } from '../statement.ts';
import { quote, string, tsqlFamily } from './tsql-family.ts';

const family = tsqlFamily(false);
const text = string;

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
  createTableAs: (table, select, distribution) => {
    // The change set is transient: a replicated entity's delta is spread round robin.
    const dist = distribution?.kind === 'replicate' ? 'ROUND_ROBIN' : distributionOf(distribution);
    return sql`CREATE TABLE ${table}\nWITH (DISTRIBUTION = ${dist}, HEAP)\nAS\n${select}`;
  },
  tableOptions: (table, distribution) => TABLE_OPTIONS[table](distribution),
  // Synapse enforces no primary keys; the delete-then-insert save keeps one row per parameter.
  primaryKeys: false,
  // CREATE TABLE AS SELECT (the stage and the change set) is not allowed in a multi-statement transaction.
  transactionalDdl: false,
  // All dropped and recreated each run.
  stage: (target, { folder, format }) => {
    const fileFormat = quote(`lf_${target.entity}_format`);
    const external = family.table('temp', `${target.entity}_external`);
    const codec = format.compression === 'gzip' ? 'org.apache.hadoop.io.compress.GzipCodec' : undefined;
    const { csv } = format;
    const formatOptions =
      format.kind === 'parquet'
        ? `FORMAT_TYPE = PARQUET${codec ? `, DATA_COMPRESSION = ${text(codec)}` : ''}`
        : `FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = ${text(csv.delimiter)}, STRING_DELIMITER = ${text(csv.qualifier)}, FIRST_ROW = ${csv.header ? 2 : 1}, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8')${codec ? `, DATA_COMPRESSION = ${text(codec)}` : ''}`;
    const all = [...target.columns.map((c) => `  ${quote(c.name)} ${family.columnType(c.type)} NULL`), ...(target.operation ? [`  ${quote(target.operation)} NCHAR(1) NULL`] : [])];
    return [
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
