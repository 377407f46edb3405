/**
 * The SQL of one entity's run, step by step: extract (on the source), stage, change set and
 * persistent staging with the watermark save (on the warehouse). Each builder returns immutable
 * statements; the engine compiles and runs them, the designer previews them.
 */
import { parseColumnType, type ColumnType } from '../model/column-type.ts';
import type { Column, Extract, StagingEntity } from '../model/schema.ts';
import { dialect, utf8Hex, type Dialect, type DialectName, type SqlValue, type WarehouseSchema } from './dialect.ts';
import { splitQuery } from './cte.ts';
import { bind, join, preview, sql, type Statement } from './statement.ts';
import { watermarkValue } from './watermark.ts';

/** Metadata columns Landfall adds to staging and persistent staging tables. */
export const META = {
  operation: 'lf_change_operation',
  rowHash: 'lf_row_hash',
  validFrom: 'lf_valid_from',
  validTo: 'lf_valid_to',
  isCurrent: 'lf_is_current',
  isDeleted: 'lf_is_deleted',
  batchId: 'lf_batch_id',
} as const;

export const CONTROL_TABLE = 'control_parameters';
export const CHANGE_TRACKING_PARAMETER = 'change_tracking_version';

export interface EntitySqlInput {
  readonly entity: StagingEntity;
  readonly extract: Extract;
  /** The source's dialect; undefined for a files source. */
  readonly sourceDialect: DialectName | undefined;
  readonly warehouseDialect: DialectName;
  /** Project parameters, for `@name` mappings. */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface RunState {
  /** The batch's effective date, YYYY-MM-DD. */
  readonly batchDate: string;
  readonly batchId: bigint;
  /** When the batch started, YYYY-MM-DD HH:MM:SS[.fff]: valid-from of the versions it writes. */
  readonly batchTime: string;
  readonly runId: string;
  /** Saved watermark text per change column (as read from zdm.control_parameters). */
  readonly watermarks: Readonly<Record<string, string | undefined>>;
  /** Change Tracking versions, read on the source before extracting. */
  readonly changeTracking?: { readonly saved?: string | undefined; readonly current: string; readonly minValid: string | null };
}

/** How an extract runs this time; decides whether a change set must be computed. */
export type ExtractMode = 'full' | 'incremental' | 'dateRange' | 'changes' | 'fullFallback' | 'files';

interface TypedColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly column: Column;
}

function typedColumns(entity: StagingEntity): TypedColumn[] {
  return entity.columns.map((column) => {
    const type = parseColumnType(column.type);
    if (typeof type === 'string') throw new Error(`entity "${entity.name}", column "${column.name}": ${type}`);
    return { name: column.name, type, column };
  });
}

const lower = (text: string): string => text.toLowerCase();

function keyColumns(entity: StagingEntity, columns: readonly TypedColumn[]): TypedColumn[] {
  return entity.businessKey.map((key) => {
    const column = columns.find((c) => lower(c.name) === lower(key));
    if (!column) throw new Error(`entity "${entity.name}": business key "${key}" is not a column`);
    return column;
  });
}

/** The mode of this run's extract, from the pattern and the saved state. */
export function extractMode(input: EntitySqlInput, state: RunState): ExtractMode {
  const pattern = input.extract.pattern;
  switch (pattern.kind) {
    case 'full':
      return 'full';
    case 'dateRange':
      return 'dateRange';
    case 'multiWildCardFile':
      return 'files';
    case 'incremental':
      return pattern.changeColumns.every((c) => state.watermarks[c.column] !== undefined) ? 'incremental' : 'full';
    case 'changeTracking': {
      const ct = state.changeTracking;
      if (!ct || ct.saved === undefined) return 'fullFallback';
      if (ct.minValid !== null && BigInt(ct.saved) < BigInt(ct.minValid)) return 'fullFallback';
      return 'changes';
    }
  }
}

/** Whether the staged rows are compared with persistent staging to find the change set. */
export function needsChangeSet(mode: ExtractMode): boolean {
  return mode === 'full' || mode === 'dateRange' || mode === 'fullFallback';
}

/** Whether the staging table carries the insert/update/delete flag straight from the source. */
export function stagingHasOperation(mode: ExtractMode): boolean {
  return mode === 'changes';
}

function parameterValue(name: string, input: EntitySqlInput, state: RunState): SqlValue {
  switch (name) {
    case 'batch_date':
      return { type: 'date', value: state.batchDate };
    case 'batch_id':
      return { type: 'integer', value: state.batchId };
    case 'run_id':
      return { type: 'text', value: state.runId };
    case 'entity_name':
      return { type: 'text', value: input.entity.name };
    default: {
      const value = input.parameters[name];
      if (value === undefined) throw new Error(`entity "${input.entity.name}": @${name} is not a parameter of this project`);
      return { type: 'text', value };
    }
  }
}

/** A select-list item: the source expression named as the staging column. */
function selectItem(column: TypedColumn, input: EntitySqlInput, state: RunState, d: Dialect): Statement {
  const expression = sourceExpression(column, input, state, d);
  const name = d.quote(column.name);
  return expression.parts.length === 1 && expression.parts[0] === name ? expression : sql`${expression} AS ${name}`;
}

/** The source expression of a staging column: its mapping, or the same-named source column. */
function sourceExpression(column: TypedColumn, input: EntitySqlInput, state: RunState, d: Dialect): Statement {
  const mapping = input.extract.mappings.find((m) => lower(m.column) === lower(column.name));
  if (!mapping) return sql`${d.quote(column.name)}`;
  const parameter = /^@(\w+)$/.exec(mapping.expression.trim());
  if (parameter) return sql`CAST(${bind(parameterValue(parameter[1]!, input, state))} AS ${d.castType(column.type)})`;
  return sql`${mapping.expression}`;
}

function sourceTable(input: EntitySqlInput, d: Dialect): string {
  const source = input.extract.source;
  if (source.kind !== 'table') throw new Error(`entity "${input.entity.name}": the source is not a table`);
  return source.schema ? `${d.quote(source.schema)}.${d.quote(source.table)}` : d.quote(source.table);
}

function dayAfter(date: string): string {
  const at = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return at.toISOString().slice(0, 10);
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** `expr` within the Date Range window ending on the batch date, right at both ends for the type. */
function dateWindow(expression: Statement, type: ColumnType, days: number, batchDate: string): Statement {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(batchDate) || Number.isNaN(Date.parse(batchDate))) {
    throw new Error(`batch date "${batchDate}" is not a YYYY-MM-DD date`);
  }
  const start = daysBefore(batchDate, days);
  if (type.kind === 'date') {
    return sql`${expression} >= ${bind({ type: 'date', value: start })} AND ${expression} <= ${bind({ type: 'date', value: batchDate })}`;
  }
  // A datetime on the batch date is inside the window up to midnight that ends it.
  return sql`${expression} >= ${bind({ type: 'datetime', value: `${start} 00:00:00` })} AND ${expression} < ${bind({ type: 'datetime', value: `${dayAfter(batchDate)} 00:00:00` })}`;
}

function columnByName(columns: readonly TypedColumn[], name: string, entity: string): TypedColumn {
  const column = columns.find((c) => lower(c.name) === lower(name));
  if (!column) throw new Error(`entity "${entity}": "${name}" is not a column`);
  return column;
}

/** Statement that reads this entity's saved parameters from the warehouse. */
export function readStateStatement(input: EntitySqlInput): Statement {
  const w = dialect(input.warehouseDialect);
  return sql`SELECT ${w.quote('parameter')}, ${w.quote('value')} FROM ${w.table('zdm', CONTROL_TABLE)} WHERE ${w.quote('entity')} = ${bind({ type: 'text', value: input.entity.name })}`;
}

/** Change Tracking: the current and minimum valid versions, captured before extracting. */
export function changeTrackingVersionsStatement(input: EntitySqlInput): Statement {
  const d = dialect('tsql');
  const table = sourceTable(input, d);
  return sql`SELECT CAST(CHANGE_TRACKING_CURRENT_VERSION() AS NVARCHAR(30)) AS current_version, CAST(CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(${d.literal({ type: 'text', value: table })})) AS NVARCHAR(30)) AS min_valid_version`;
}

/** The extract query, for table/view and query sources. Files sources have none. */
export function extractStatement(input: EntitySqlInput, state: RunState): { statement: Statement; mode: ExtractMode } {
  const mode = extractMode(input, state);
  if (mode === 'files' || input.sourceDialect === undefined) {
    throw new Error(`entity "${input.entity.name}" reads files: there is no extract query`);
  }
  const d = dialect(input.sourceDialect);
  const columns = typedColumns(input.entity);
  const source = input.extract.source;
  const select = columns.map((c) => selectItem(c, input, state, d));

  if (mode === 'changes') {
    // Keys come from CHANGETABLE, so deleted rows (absent from the table) still carry them.
    const keys = keyColumns(input.entity, columns);
    const ctKey = (k: TypedColumn): string => d.quote(`lf_ct_${k.name}`);
    const list = columns.map((c) =>
      keys.includes(c) ? sql`${ctKey(c)} AS ${d.quote(c.name)}` : selectItem(c, input, state, d),
    );
    const table = sourceTable(input, d);
    const on = join(keys.map((k) => `src.${d.quote(k.name)} = ct.${d.quote(k.name)}`), ' AND ');
    return {
      mode,
      statement: sql`SELECT ${join(list, ',\n       ')},\n       ${d.quote(META.operation)}
FROM (
  SELECT src.*, ct.SYS_CHANGE_OPERATION AS ${d.quote(META.operation)}, ${join(keys.map((k) => `ct.${d.quote(k.name)} AS ${ctKey(k)}`), ', ')}
  FROM CHANGETABLE(CHANGES ${table}, ${bind({ type: 'integer', value: BigInt(state.changeTracking!.saved!) })}) AS ct
  LEFT OUTER JOIN ${table} AS src ON ${on}
) AS src`,
    };
  }

  let with_ = '';
  let from: string;
  if (source.kind === 'query') {
    const split = splitQuery(source.sql);
    if (split.ctes) with_ = `WITH ${split.recursive && d.name !== 'tsql' && d.name !== 'synapse' ? 'RECURSIVE ' : ''}${split.ctes}\n`;
    from = `(\n${split.body}\n) AS src`;
  } else {
    from = sourceTable(input, d);
  }

  const conditions: Statement[] = [];
  const pattern = input.extract.pattern;
  if (mode === 'incremental' && pattern.kind === 'incremental') {
    const checks = pattern.changeColumns.map((change) => {
      const column = columnByName(columns, change.column, input.entity.name);
      const value = watermarkValue(
        state.watermarks[change.column]!,
        column.type,
        change.lookback === undefined ? undefined : { amount: change.lookback, unit: change.lookbackUnit },
        `entity "${input.entity.name}", change column "${change.column}"`,
      );
      return sql`(${sourceExpression(column, input, state, d)}) ${pattern.comparison} ${bind(value)}`;
    });
    // A row has changed when any of its change identifiers moved past its saved value.
    conditions.push(checks.length === 1 ? checks[0]! : sql`(${join(checks, '\n    OR ')})`);
  }
  if (mode === 'dateRange' && pattern.kind === 'dateRange') {
    const column = columnByName(columns, pattern.column, input.entity.name);
    conditions.push(dateWindow(sql`(${sourceExpression(column, input, state, d)})`, column.type, pattern.days, state.batchDate));
  }
  const where = conditions.length ? sql`\nWHERE ${join(conditions, '\n  AND ')}` : sql``;
  return { mode, statement: sql`${with_}SELECT ${join(select, ',\n       ')}\nFROM ${from}${where}` };
}

// ---- warehouse ------------------------------------------------------------------------------

function tableName(input: EntitySqlInput, schema: WarehouseSchema, suffix = ''): string {
  return dialect(input.warehouseDialect).table(schema, `${input.entity.name}${suffix}`);
}

/** The Synapse DISTRIBUTION clause value for an entity's tables. */
function synapseDistribution(w: Dialect, entity: StagingEntity): string {
  const distribution = entity.distribution;
  return distribution?.kind === 'hash' ? `HASH(${w.quote(distribution.column)})` : distribution?.kind === 'replicate' ? 'REPLICATE' : 'ROUND_ROBIN';
}

function columnDefinitions(w: Dialect, columns: readonly TypedColumn[], keys: readonly TypedColumn[]): string[] {
  return columns.map((c) => `  ${w.quote(c.name)} ${w.columnType(c.type)}${c.column.nullable && !keys.includes(c) ? ' NULL' : ' NOT NULL'}`);
}

/**
 * An index on a warehouse table's key (and current flag), where the warehouse would otherwise
 * answer the persist and change-set subqueries by scanning: without one MariaDB and SQLite
 * run `EXISTS (… key = key)` once per row, quadratic on a large table. PostgreSQL joins by hash
 * but keeps one on persistent staging for the current-version lookups. DuckDB, SQL Server and
 * Synapse join by hash (columnstore on Synapse): none.
 */
function keyIndexStatements(input: EntitySqlInput, schema: WarehouseSchema, withCurrent: boolean): Statement[] {
  const w = dialect(input.warehouseDialect);
  if (w.name !== 'mariadb' && w.name !== 'sqlite' && (w.name !== 'postgres' || schema !== 'psg')) return [];
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const parts = keys.map((k) => {
    // MariaDB indexes at most 3072 bytes: long text and binary keys are indexed by a prefix.
    const long = (k.type.kind === 'string' || k.type.kind === 'binary') && (k.type.length === undefined || k.type.length > 512);
    return w.name === 'mariadb' && long ? `${w.quote(k.name)}(255)` : w.quote(k.name);
  });
  if (withCurrent) parts.push(w.quote(META.isCurrent));
  const table = tableName(input, schema);
  const name = w.name === 'mariadb' ? w.quote(`lf_${schema}_key`) : w.name === 'postgres' ? w.quote(`${input.entity.name}__lf_key`) : w.quote(`${schema}__${input.entity.name}__lf_key`);
  return [sql`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${parts.join(', ')})`];
}

/** Schemas, the persistent staging table and the control-parameters table, created if missing. */
export function setupStatements(input: EntitySqlInput): Statement[] {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const psg = tableName(input, 'psg');
  const meta = [
    `  ${w.quote(META.rowHash)} ${w.hashType} NOT NULL`,
    `  ${w.quote(META.validFrom)} ${w.controlTimeType} NOT NULL`,
    `  ${w.quote(META.validTo)} ${w.controlTimeType} NULL`,
    `  ${w.quote(META.isCurrent)} ${w.flagType} NOT NULL`,
    `  ${w.quote(META.isDeleted)} ${w.flagType} NOT NULL`,
    `  ${w.quote(META.batchId)} BIGINT NOT NULL`,
  ];
  const psgSuffix = w.name === 'synapse' ? `\nWITH (DISTRIBUTION = ${synapseDistribution(w, input.entity)}, CLUSTERED COLUMNSTORE INDEX)` : '';
  const control = w.table('zdm', CONTROL_TABLE);
  const controlBody = [
    `  ${w.quote('entity')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('parameter')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('value')} ${w.controlTextType} NULL`,
    `  ${w.quote('updated_at')} ${w.controlTimeType} NOT NULL`,
    // Synapse enforces no primary keys; the delete-then-insert save keeps one row per parameter.
    ...(w.name === 'synapse' ? [] : [`  PRIMARY KEY (${w.quote('entity')}, ${w.quote('parameter')})`]),
  ].join(',\n');
  return [
    ...w.createSchemas().map((text) => sql`${text}`),
    sql`${w.createTableIfMissing(psg, [...columnDefinitions(w, columns, keys), ...meta].join(',\n'), psgSuffix)}`,
    sql`${w.createTableIfMissing(control, controlBody, w.name === 'synapse' ? '\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)' : '')}`,
    ...keyIndexStatements(input, 'psg', true),
  ];
}

/** The staging table's columns: the entity's, plus the operation flag when the source sends one. */
function stagingColumns(input: EntitySqlInput, mode: ExtractMode): { columns: TypedColumn[]; operation: boolean } {
  return { columns: typedColumns(input.entity), operation: stagingHasOperation(mode) };
}

/** Drops and creates the empty staging table (for loads that fill it by COPY, LOAD DATA, inserts or bulk copy). */
export function createStagingStatements(input: EntitySqlInput, mode: ExtractMode): Statement[] {
  const w = dialect(input.warehouseDialect);
  const { columns, operation } = stagingColumns(input, mode);
  const temp = tableName(input, 'temp');
  const body = [
    ...columns.map((c) => `  ${w.quote(c.name)} ${w.columnType(c.type)} NULL`),
    ...(operation ? [`  ${w.quote(META.operation)} CHAR(1) NOT NULL`] : []),
  ].join(',\n');
  const suffix = w.name === 'synapse' ? '\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)' : w.name === 'mariadb' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' : '';
  return [
    sql`${w.dropTableIfExists(tableName(input, 'temp', '_delta'))}`,
    sql`${w.dropTableIfExists(temp)}`,
    sql`CREATE TABLE ${temp} (\n${body}\n)${suffix}`,
    ...keyIndexStatements(input, 'temp', false),
  ];
}

/** A batched INSERT of rows into the staging table (values bound, in column order). */
export function stageInsertStatement(input: EntitySqlInput, mode: ExtractMode, rows: readonly (readonly SqlValue[])[]): Statement {
  const w = dialect(input.warehouseDialect);
  const { columns, operation } = stagingColumns(input, mode);
  const names = [...columns.map((c) => w.quote(c.name)), ...(operation ? [w.quote(META.operation)] : [])];
  const values = rows.map((row) => {
    if (row.length !== names.length) throw new Error(`entity "${input.entity.name}": a staged row has ${row.length} values for ${names.length} columns`);
    return sql`(${join(row.map(bind), ', ')})`;
  });
  return sql`INSERT INTO ${tableName(input, 'temp')} (${names.join(', ')}) VALUES\n${join(values, ',\n')}`;
}

export interface CsvLayout {
  readonly delimiter: string;
  readonly qualifier: string;
  readonly header: boolean;
  readonly nullMarker: string;
}

/**
 * DuckDB: the staging table straight from the landed files (`Latest`), typed by the entity,
 * the local mirror of Synapse's CTAS over an external table.
 */
export function duckdbStageFromFiles(input: EntitySqlInput, mode: ExtractMode, files: readonly string[], format: { kind: 'parquet' } | ({ kind: 'csv' } & CsvLayout)): Statement {
  const w = dialect('duckdb');
  const { columns, operation } = stagingColumns(input, mode);
  const list = `[${files.map((file) => w.literal({ type: 'text', value: file })).join(', ')}]`;
  const text = (value: string): string => w.literal({ type: 'text', value });
  const all = [...columns.map((c) => ({ name: c.name, type: w.columnType(c.type) })), ...(operation ? [{ name: META.operation, type: 'VARCHAR' }] : [])];
  const reader =
    format.kind === 'parquet'
      ? `read_parquet(${list})`
      : `read_csv(${list}, header = ${format.header ? 'true' : 'false'}, delim = ${text(format.delimiter)}, quote = ${text(format.qualifier)}, escape = ${text(format.qualifier)}, nullstr = ${text(format.nullMarker)}, allow_quoted_nulls = false, auto_detect = false, columns = {${all.map((c) => `${text(c.name)}: ${text('VARCHAR')}`).join(', ')}})`;
  const select = all.map((c) => `CAST(${w.quote(c.name)} AS ${c.type}) AS ${w.quote(c.name)}`);
  return sql`CREATE OR REPLACE TABLE ${tableName(input, 'temp')} AS\nSELECT ${select.join(',\n       ')}\nFROM ${reader}`;
}

/** PostgreSQL: `COPY … FROM STDIN` of one landed CSV file, streamed by the engine. */
export function postgresCopyStatement(input: EntitySqlInput, mode: ExtractMode, csv: CsvLayout): Statement {
  const w = dialect('postgres');
  const { columns, operation } = stagingColumns(input, mode);
  const names = [...columns.map((c) => w.quote(c.name)), ...(operation ? [w.quote(META.operation)] : [])];
  const text = (value: string): string => w.literal({ type: 'text', value });
  return sql`COPY ${tableName(input, 'temp')} (${names.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER ${csv.header ? 'true' : 'false'}, DELIMITER ${text(csv.delimiter)}, QUOTE ${text(csv.qualifier)}, ESCAPE ${text(csv.qualifier)}, NULL ${text(csv.nullMarker)}, ENCODING 'UTF8')`;
}

/**
 * MariaDB: `LOAD DATA LOCAL INFILE` of one landed CSV file. Its NULL is the unquoted word NULL
 * (a quoted "NULL" stays text), so these files are written with the NULL marker "NULL".
 */
export function mariadbLoadDataStatement(input: EntitySqlInput, mode: ExtractMode, file: string, csv: CsvLayout): Statement {
  const w = dialect('mariadb');
  const { columns, operation } = stagingColumns(input, mode);
  // Binary columns arrive as hex text and are decoded on the way in.
  const names = [...columns.map((c, i) => (c.type.kind === 'binary' ? `@lf_hex${i}` : w.quote(c.name))), ...(operation ? [w.quote(META.operation)] : [])];
  const binary = columns.flatMap((c, i) => (c.type.kind === 'binary' ? [`${w.quote(c.name)} = UNHEX(@lf_hex${i})`] : []));
  // LOAD DATA's file name and options take plain or hex strings, not the _utf8mb4 introducer.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what needs hex
  const text = (value: string): string => (/[\\'\u0000-\u001f]/.test(value) ? `X'${utf8Hex(value)}'` : `'${value}'`);
  return sql`LOAD DATA LOCAL INFILE ${text(file)} INTO TABLE ${tableName(input, 'temp')} CHARACTER SET utf8mb4 FIELDS TERMINATED BY ${text(csv.delimiter)} OPTIONALLY ENCLOSED BY ${text(csv.qualifier)} ESCAPED BY '' LINES TERMINATED BY ${text('\n')}${csv.header ? ' IGNORE 1 LINES' : ''} (${names.join(', ')})${binary.length ? ` SET ${binary.join(', ')}` : ''}`;
}

/**
 * Synapse: file format and external table over the entity's `Latest` folder, then a CTAS into
 * the staging table with the persistent table's distribution. All dropped and recreated each run.
 */
export function synapseStageStatements(
  input: EntitySqlInput,
  mode: ExtractMode,
  lake: { readonly dataSource: string; readonly location: string },
  format: { kind: 'parquet'; compression: 'none' | 'gzip' | 'zstd' } | ({ kind: 'csv'; compression: 'none' | 'gzip' | 'zstd' } & CsvLayout),
): Statement[] {
  const w = dialect('synapse');
  const { columns, operation } = stagingColumns(input, mode);
  const text = (value: string): string => w.literal({ type: 'text', value });
  const fileFormat = w.quote(`lf_${input.entity.name}_format`);
  const external = w.table('temp', `${input.entity.name}_external`);
  const temp = tableName(input, 'temp');
  const codec = format.compression === 'gzip' ? 'org.apache.hadoop.io.compress.GzipCodec' : undefined;
  const formatOptions =
    format.kind === 'parquet'
      ? `FORMAT_TYPE = PARQUET${codec ? `, DATA_COMPRESSION = ${text(codec)}` : ''}`
      : `FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = ${text(format.delimiter)}, STRING_DELIMITER = ${text(format.qualifier)}, FIRST_ROW = ${format.header ? 2 : 1}, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8')${codec ? `, DATA_COMPRESSION = ${text(codec)}` : ''}`;
  const dist = synapseDistribution(w, input.entity);
  const all = [...columns.map((c) => `  ${w.quote(c.name)} ${w.columnType(c.type)} NULL`), ...(operation ? [`  ${w.quote(META.operation)} NCHAR(1) NULL`] : [])];
  return [
    sql`IF OBJECT_ID(${text(external)}, N'ET') IS NOT NULL DROP EXTERNAL TABLE ${external}`,
    sql`IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = ${text(`lf_${input.entity.name}_format`)}) DROP EXTERNAL FILE FORMAT ${fileFormat}`,
    sql`CREATE EXTERNAL FILE FORMAT ${fileFormat} WITH (${formatOptions})`,
    sql`CREATE EXTERNAL TABLE ${external} (\n${all.join(',\n')}\n)\nWITH (LOCATION = ${text(lake.location)}, DATA_SOURCE = ${w.quote(lake.dataSource)}, FILE_FORMAT = ${fileFormat}, REJECT_TYPE = VALUE, REJECT_VALUE = 0)`,
    sql`${w.dropTableIfExists(tableName(input, 'temp', '_delta'))}`,
    sql`${w.dropTableIfExists(temp)}`,
    sql`CREATE TABLE ${temp}\nWITH (DISTRIBUTION = ${dist}, HEAP)\nAS SELECT * FROM ${external}`,
  ];
}

/**
 * The row checksum: each column as unambiguous text (`N` for NULL, `V<length>:<text>` for a
 * value, so NULL and '' differ and no two rows can run together), concatenated in the entity's
 * column order and hashed.
 */
function rowHash(w: Dialect, alias: string, columns: readonly TypedColumn[]): string {
  const parts = columns.map((c) => {
    const ref = `${alias}.${w.quote(c.name)}`;
    const text = w.hashText(ref, c.type);
    return `CASE WHEN ${ref} IS NULL THEN 'N' ELSE ${w.concat([`'V'`, w.length(text), `':'`, text])} END`;
  });
  const all = w.concat(parts);
  return w.hash(all) ?? all;
}

function createTableAs(w: Dialect, table: string, select: Statement, input: EntitySqlInput): Statement {
  if (w.name === 'tsql') return sql`SELECT q.* INTO ${table} FROM (\n${select}\n) AS q`;
  if (w.name === 'synapse') {
    // The change set is transient: a replicated entity's delta is spread round robin.
    const dist = input.entity.distribution?.kind === 'replicate' ? 'ROUND_ROBIN' : synapseDistribution(w, input.entity);
    return sql`CREATE TABLE ${table}\nWITH (DISTRIBUTION = ${dist}, HEAP)\nAS\n${select}`;
  }
  return sql`CREATE TABLE ${table} AS\n${select}`;
}

/**
 * Full and Date Range: compares the staged rows with the current persistent rows on the business
 * key and checksum, and replaces the staging table with the change set (inserts, updates and,
 * unless deletes are not tracked, deletes — for Date Range only inside the window).
 */
export function deltaStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode): Statement[] {
  if (!needsChangeSet(mode)) return [];
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const attributes = columns.filter((c) => !keys.includes(c));
  const temp = tableName(input, 'temp');
  const psg = tableName(input, 'psg');
  const delta = tableName(input, 'temp', '_delta');
  const q = (alias: string, column: TypedColumn): string => `${alias}.${w.quote(column.name)}`;
  const op = w.quote(META.operation);
  const on = keys.map((k) => `s.${w.quote(k.name)} = p.${w.quote(k.name)}`).join(' AND ');
  const firstKey = keys[0]!;

  let window = sql``;
  const pattern = input.extract.pattern;
  if (mode === 'dateRange' && pattern.kind === 'dateRange') {
    const column = columnByName(columns, pattern.column, input.entity.name);
    window = sql` AND ${dateWindow(sql`${w.quote(column.name)}`, column.type, pattern.days, state.batchDate)}`;
  }
  const current = sql`(SELECT ${[...keys.map((k) => w.quote(k.name)), w.quote(META.rowHash)].join(', ')} FROM ${psg} WHERE ${w.quote(META.isCurrent)} = ${w.true} AND ${w.quote(META.isDeleted)} = ${w.false}${window})`;
  const changed = `${q('p', firstKey)} IS NULL OR p.${w.quote(META.rowHash)} <> ${rowHash(w, 's', columns)}`;
  const trackDeletes = input.entity.persistentStaging.trackDeletes;

  let select: Statement;
  if (w.fullOuterJoin) {
    const list = [
      ...keys.map((k) => `CASE WHEN ${q('s', firstKey)} IS NULL THEN ${q('p', k)} ELSE ${q('s', k)} END AS ${w.quote(k.name)}`),
      ...attributes.map((c) => `${q('s', c)} AS ${w.quote(c.name)}`),
      `CASE WHEN ${q('s', firstKey)} IS NULL THEN 'D' WHEN ${q('p', firstKey)} IS NULL THEN 'I' ELSE 'U' END AS ${op}`,
    ];
    select = sql`SELECT ${list.join(',\n       ')}
FROM ${temp} AS s
FULL OUTER JOIN ${current} AS p ON ${on}
WHERE ${trackDeletes ? `${q('s', firstKey)} IS NULL OR ` : `${q('s', firstKey)} IS NOT NULL AND (`}${changed}${trackDeletes ? '' : ')'}`;
  } else {
    // Without FULL OUTER JOIN: changed and new rows from one side, deleted keys from the other.
    const upserts = sql`SELECT ${[...columns.map((c) => `${q('s', c)} AS ${w.quote(c.name)}`), `CASE WHEN ${q('p', firstKey)} IS NULL THEN 'I' ELSE 'U' END AS ${op}`].join(',\n       ')}
FROM ${temp} AS s
LEFT OUTER JOIN ${current} AS p ON ${on}
WHERE ${changed}`;
    const deletes = sql`SELECT ${[...columns.map((c) => (keys.includes(c) ? `${q('p', c)} AS ${w.quote(c.name)}` : `NULL AS ${w.quote(c.name)}`)), `'D' AS ${op}`].join(',\n       ')}
FROM ${current} AS p
WHERE NOT EXISTS (SELECT 1 FROM ${temp} AS s WHERE ${on})`;
    select = trackDeletes ? sql`${upserts}\nUNION ALL\n${deletes}` : upserts;
  }
  return [
    sql`${w.dropTableIfExists(delta)}`,
    createTableAs(w, delta, select, input),
    sql`${w.dropTableIfExists(temp)}`,
    sql`${w.renameTable(delta, 'temp', input.entity.name)}`,
    ...keyIndexStatements(input, 'temp', false),
  ];
}

function updateAliased(w: Dialect, table: string, alias: string, set: Statement, where: Statement): Statement {
  if (w.name === 'tsql' || w.name === 'synapse') return sql`UPDATE ${alias}\nSET ${set}\nFROM ${table} AS ${alias}\nWHERE ${where}`;
  return sql`UPDATE ${table} AS ${alias}\nSET ${set}\nWHERE ${where}`;
}

/**
 * Applies the change set to persistent staging and saves the new watermark, in one transaction:
 * closes current versions that changed or were deleted, writes a deleted version for deletes and
 * a new current version for new and changed rows. A row whose checksum equals its current
 * version makes no new version, so the same change set applied twice changes nothing.
 */
export function persistStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode): Statement[] {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const temp = tableName(input, 'temp');
  const psg = tableName(input, 'psg');
  const hasOperation = mode !== 'incremental' && mode !== 'files';
  const trackDeletes = input.entity.persistentStaging.trackDeletes;
  const op = `c.${w.quote(META.operation)}`;
  const t = bind({ type: 'datetime', value: state.batchTime });
  const b = bind({ type: 'integer', value: state.batchId });
  const keyMatch = (left: string, right: string): string => keys.map((k) => `${left}.${w.quote(k.name)} = ${right}.${w.quote(k.name)}`).join(' AND ');
  const names = columns.map((c) => w.quote(c.name));
  const metaNames = [META.rowHash, META.validFrom, META.validTo, META.isCurrent, META.isDeleted, META.batchId].map((n) => w.quote(n));
  const pCol = (name: string): string => `p.${w.quote(name)}`;
  const isDelete = `${op} = 'D'`;

  const changedCondition = `${pCol(META.isDeleted)} = ${w.true} OR ${pCol(META.rowHash)} <> ${rowHash(w, 'c', columns)}`;
  const closeWhen = hasOperation
    ? trackDeletes
      ? `(${isDelete} AND ${pCol(META.isDeleted)} = ${w.false}) OR (${op} <> 'D' AND (${changedCondition}))`
      : `${op} <> 'D' AND (${changedCondition})`
    : changedCondition;

  const statements: Statement[] = [
    sql`${w.beginTransaction}`,
    updateAliased(
      w, psg, 'p',
      sql`${w.quote(META.validTo)} = ${t}, ${w.quote(META.isCurrent)} = ${w.false}`,
      sql`${pCol(META.isCurrent)} = ${w.true}\n  AND EXISTS (SELECT 1 FROM ${temp} AS c WHERE ${keyMatch('c', 'p')}\n    AND (${closeWhen}))`,
    ),
  ];
  if (hasOperation && trackDeletes) {
    statements.push(sql`INSERT INTO ${psg} (${[...names, ...metaNames].join(', ')})
SELECT ${[...columns.map((c) => pCol(c.name)), pCol(META.rowHash)].join(', ')}, ${t}, NULL, ${w.true}, ${w.true}, ${b}
FROM ${psg} AS p
WHERE ${pCol(META.validTo)} = ${t} AND ${pCol(META.isCurrent)} = ${w.false} AND ${pCol(META.isDeleted)} = ${w.false}
  AND EXISTS (SELECT 1 FROM ${temp} AS c WHERE ${keyMatch('c', 'p')} AND ${isDelete})
  AND NOT EXISTS (SELECT 1 FROM ${psg} AS n WHERE ${keyMatch('n', 'p')} AND n.${w.quote(META.isCurrent)} = ${w.true})`);
  }
  statements.push(sql`INSERT INTO ${psg} (${[...names, ...metaNames].join(', ')})
SELECT ${[...columns.map((c) => `c.${w.quote(c.name)}`), rowHash(w, 'c', columns)].join(', ')}, ${t}, NULL, ${w.true}, ${w.false}, ${b}
FROM ${temp} AS c
WHERE ${hasOperation ? `${op} <> 'D' AND ` : ''}NOT EXISTS (SELECT 1 FROM ${psg} AS p WHERE ${keyMatch('p', 'c')} AND ${pCol(META.isCurrent)} = ${w.true})`);
  statements.push(...watermarkStatements(input, state, mode));
  statements.push(sql`${w.commit}`);
  return statements;
}

/** Saves the new watermark (the highest change identifier in persistent staging) or CT version. */
function watermarkStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode): Statement[] {
  const w = dialect(input.warehouseDialect);
  const control = w.table('zdm', CONTROL_TABLE);
  const entity = bind({ type: 'text', value: input.entity.name });
  const now = bind({ type: 'datetime', value: state.batchTime });
  const save = (parameter: string, value: Statement, guard: Statement | undefined): Statement[] => {
    const p = bind({ type: 'text', value: parameter });
    const whereGuard = guard ? sql` AND EXISTS (${guard})` : sql``;
    return [
      sql`DELETE FROM ${control} WHERE ${w.quote('entity')} = ${entity} AND ${w.quote('parameter')} = ${p}${whereGuard}`,
      guard
        ? sql`INSERT INTO ${control} (${w.quote('entity')}, ${w.quote('parameter')}, ${w.quote('value')}, ${w.quote('updated_at')})\nSELECT ${entity}, ${p}, v.${w.quote('value')}, ${now} FROM (${value}) AS v`
        : sql`INSERT INTO ${control} (${w.quote('entity')}, ${w.quote('parameter')}, ${w.quote('value')}, ${w.quote('updated_at')})\nVALUES (${entity}, ${p}, ${value}, ${now})`,
    ];
  };
  const pattern = input.extract.pattern;
  if (pattern.kind === 'incremental') {
    const columns = typedColumns(input.entity);
    const psg = tableName(input, 'psg');
    return pattern.changeColumns.flatMap((change) => {
      const column = columnByName(columns, change.column, input.entity.name);
      const ref = w.quote(column.name);
      const max = sql`SELECT ${w.watermarkText(`MAX(${ref})`, column.type)} AS ${w.quote('value')} FROM ${psg} HAVING MAX(${ref}) IS NOT NULL`;
      return save(change.column, max, max);
    });
  }
  if (pattern.kind === 'changeTracking' && state.changeTracking && mode !== 'files') {
    return save(CHANGE_TRACKING_PARAMETER, bind({ type: 'text', value: state.changeTracking.current }), undefined);
  }
  return [];
}

/** The dialect-independent list of steps, for previews and the CLI. */
export const STEPS = ['extract', 'stage', 'delta', 'persist'] as const;
export type Step = (typeof STEPS)[number];

/**
 * What a batch wrote to persistent staging: new keys, new versions of known keys and deletions,
 * counted after the persist transaction for the run's result.
 */
export function batchCountsStatement(input: EntitySqlInput, state: RunState): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const psg = tableName(input, 'psg');
  const deleted = `p.${w.quote(META.isDeleted)}`;
  const b = bind({ type: 'integer', value: state.batchId });
  // Keys with versions from earlier batches, joined once: a correlated EXISTS inside CASE runs once
  // per row on PostgreSQL and MariaDB (quadratic on a large batch).
  const keyList = keys.map((k) => w.quote(k.name)).join(', ');
  const older = `o.${w.quote(keys[0]!.name)}`;
  return sql`SELECT SUM(CASE WHEN ${deleted} = ${w.false} AND ${older} IS NULL THEN 1 ELSE 0 END) AS ${w.quote('inserted')},
       SUM(CASE WHEN ${deleted} = ${w.false} AND ${older} IS NOT NULL THEN 1 ELSE 0 END) AS ${w.quote('updated')},
       SUM(CASE WHEN ${deleted} = ${w.true} THEN 1 ELSE 0 END) AS ${w.quote('deleted')}
FROM ${psg} AS p
LEFT OUTER JOIN (SELECT DISTINCT ${keyList} FROM ${psg} WHERE ${w.quote(META.batchId)} < ${b}) AS o ON ${keys.map((k) => `o.${w.quote(k.name)} = p.${w.quote(k.name)}`).join(' AND ')}
WHERE p.${w.quote(META.batchId)} = ${b}`;
}

/**
 * Multi Wild Card File loads: a business key staged more than once (the same row in two files)
 * would make two current versions, so the load stops on the first such key instead.
 */
export function duplicateKeysStatement(input: EntitySqlInput): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns).map((k) => w.quote(k.name));
  return sql`SELECT ${keys.join(', ')}, COUNT(*) AS ${w.quote('copies')}
FROM ${tableName(input, 'temp')}
GROUP BY ${keys.join(', ')}
HAVING COUNT(*) > 1`;
}

/** How binary values are written as CSV text, for the warehouse that reads the file. */
export type BinaryText = 'duckdb' | 'postgres' | 'hex';

/** DuckDB casts `\xHH` escapes to BLOB, PostgreSQL's bytea reads `\x` and hex, the others plain hex. */
export function binaryTextFor(warehouse: DialectName): BinaryText {
  return warehouse === 'duckdb' ? 'duckdb' : warehouse === 'postgres' ? 'postgres' : 'hex';
}

/** Whether the extract runs as the server's own CSV (`COPY … TO STDOUT`) rather than row by row. */
export function extractsByCopy(input: EntitySqlInput, mode: ExtractMode): boolean {
  return input.sourceDialect === 'postgres' && input.extract.format.kind === 'csv' && input.extract.source.kind !== 'files' && mode !== 'changes';
}

/**
 * PostgreSQL source, CSV output: the extract runs as `COPY (…) TO STDOUT`, the server writing the
 * CSV the engine would write itself (booleans as 1/0, instants in UTC with `+00:00`, binary as
 * the warehouse reads it), each value cast to the entity's type so the server refuses what the
 * warehouse could not take. A business key that is NULL or text longer than its column stops the
 * extract through a session-temporary function with the entity, column and row in the message.
 * COPY takes no bound parameters: values are inlined by the dialect's literal function.
 */
export function postgresCopyOutStatements(input: EntitySqlInput, state: RunState, csv: CsvLayout, binary: BinaryText): { statements: Statement[]; mode: ExtractMode } {
  const { statement, mode } = extractStatement(input, state);
  const d = dialect('postgres');
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const text = (value: string): string => d.literal({ type: 'text', value });
  const fail = (column: TypedColumn, problem: string, type: string): string =>
    `CAST(pg_temp.lf_fail(${text(`entity "${input.entity.name}", column "${column.name}", row `)} || lf_row || ${text(`: ${problem}`)}) AS ${type})`;
  const items = columns.map((c) => {
    const ref = `lf_q.${d.quote(c.name)}`;
    const type = d.columnType(c.type);
    let value: string;
    switch (c.type.kind) {
      case 'boolean': value = `CAST(CAST(${ref} AS BOOLEAN) AS INTEGER)`; break;
      case 'datetimeoffset': value = `to_char(CAST(${ref} AS TIMESTAMPTZ) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00:00'`; break;
      case 'binary':
        value = binary === 'postgres' ? `CAST(${ref} AS BYTEA)`
          : binary === 'duckdb' ? `regexp_replace(encode(CAST(${ref} AS BYTEA), 'hex'), '(..)', '\\\\x\\1', 'g')`
            : `encode(CAST(${ref} AS BYTEA), 'hex')`;
        break;
      case 'string':
        value = c.type.length === undefined ? `CAST(${ref} AS TEXT)`
          : `CASE WHEN char_length(CAST(${ref} AS TEXT)) > ${c.type.length} THEN ${fail(c, `is longer than the column's ${c.type.length} characters: widen the column or shorten the value in the mapping`, 'TEXT')} ELSE CAST(${ref} AS TEXT) END`;
        break;
      default: value = `CAST(${ref} AS ${type})`;
    }
    if (keys.includes(c)) value = `CASE WHEN ${ref} IS NULL THEN ${fail(c, 'is NULL in a business key column: every row needs its key', 'TEXT')} ELSE CAST(${value} AS TEXT) END`;
    return `${value} AS ${d.quote(c.name)}`;
  });
  const options = `FORMAT csv, HEADER false, DELIMITER ${text(csv.delimiter)}, QUOTE ${text(csv.qualifier)}, ESCAPE ${text(csv.qualifier)}, NULL ${text(csv.nullMarker)}, ENCODING 'UTF8'`;
  return {
    mode,
    statements: [
      sql`CREATE OR REPLACE FUNCTION pg_temp.lf_fail(message TEXT) RETURNS TEXT LANGUAGE plpgsql AS $lf$ BEGIN RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '22000'; END $lf$`,
      sql`COPY (\nSELECT ${items.join(',\n       ')}\nFROM (SELECT lf_e.*, row_number() OVER () AS lf_row FROM (\n${preview(statement, d)}\n) AS lf_e) AS lf_q\n) TO STDOUT WITH (${options})`,
    ],
  };
}
