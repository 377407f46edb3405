/** PostgreSQL: the warehouse and source dialect; stages each landed CSV file with `COPY … FROM STDIN`. */
import type { Dialect } from '../dialect.ts';
import { run } from '../stage-hook.ts';
import { bind, sql } from '../statement.ts';
import { ANSI_LITERALS, LOAD_SCHEMAS, STANDARD, createIndexIfMissing, doubleQuote, literalFor, singleQuote, standardAlterColumn } from './standard.ts';

const quote = doubleQuote;
/** Staging tables are UNLOGGED (see `stagingTableWord`): one word for the CREATE TABLE and the CTAS of the change set. */
const STAGING_TABLE_WORD = 'UNLOGGED';
/**
 * With `standard_conforming_strings` off a backslash inside '…' escapes what follows, so a value
 * ending in `\'` would close its literal later than written and the rest become SQL. An E'…'
 * string reads backslashes as escapes under every setting, so doubling them there keeps the
 * meaning fixed; text without a backslash means the same either way and stays plain to read.
 */
const string = (text: string): string => (text.includes('\\') ? `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : singleQuote(text));

export const postgres: Dialect = {
  ...STANDARD,
  name: 'postgres',
  quote,
  literal: literalFor({ ...ANSI_LITERALS, string, typed: (kind, text) => `${kind === 'date' ? 'DATE' : 'TIMESTAMP'} ${string(text)}` }),
  placeholder: (index) => `$${index}`,
  columnType: (type) => {
    switch (type.kind) {
      case 'boolean': return 'BOOLEAN';
      case 'smallint': return 'SMALLINT';
      case 'int': return 'INTEGER';
      case 'bigint': return 'BIGINT';
      case 'decimal': return `NUMERIC(${type.precision},${type.scale})`;
      case 'float': return 'REAL';
      case 'double': return 'DOUBLE PRECISION';
      case 'date': return 'DATE';
      case 'time': return 'TIME(6)';
      case 'datetime': return 'TIMESTAMP(6)';
      case 'datetimeoffset': return 'TIMESTAMPTZ(6)';
      case 'string': return type.length === undefined ? 'TEXT' : `VARCHAR(${type.length})`;
      case 'binary': return 'BYTEA';
      case 'uuid': return 'UUID';
    }
  },
  castType: (type) => postgres.columnType(type),
  table: (schema, table) => `${quote(schema)}.${quote(table)}`,
  tableExists: (schema, table) => sql`SELECT 1 FROM information_schema.tables WHERE table_schema = ${bind({ type: 'text', value: schema })} AND table_name = ${bind({ type: 'text', value: table })}`,
  tableColumns: (schema, table) => sql`SELECT column_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = ${bind({ type: 'text', value: schema })} AND table_name = ${bind({ type: 'text', value: table })} ORDER BY ordinal_position`,
  alterColumn: standardAlterColumn(quote),
  sourceColumns: (schema, table) => sql`SELECT column_name FROM information_schema.columns WHERE table_schema = ${schema === undefined ? sql`current_schema()` : bind({ type: 'text', value: schema })} AND table_name = ${bind({ type: 'text', value: table })} ORDER BY ordinal_position`,
  // The planner's estimate, kept by ANALYZE and autovacuum: -1 until the table was first analysed (no estimate then).
  rowEstimate: (schema, table) => sql`SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass(${bind({ type: 'text', value: `${schema === undefined ? '' : `${quote(schema)}.`}${quote(table)}` })}) AND relkind IN ('r', 'p', 'm')`,
  createSchemas: (schemas = LOAD_SCHEMAS) => schemas.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`),
  renameTable: (from, _schema, to) => `ALTER TABLE ${from} RENAME TO ${quote(to)}`,
  hashText: (expression, type) =>
    type.kind === 'datetimeoffset' ? `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')` : `CAST(${expression} AS TEXT)`,
  length: (expression) => `CAST(char_length(${expression}) AS TEXT)`,
  concat: (parts) => parts.join(' || '),
  hash: (expression) => `encode(sha256(convert_to(${expression}, 'UTF8')), 'hex')`,
  // The 64-bit hash PostgreSQL's hash partitioning uses, of the typed values: no text is built
  // (1.5 s against 8 s for the text and its sha256 on 1M narrow rows). Stable across releases,
  // since hash-partitioned tables rely on it.
  valuesHash: (refs) => `hash_record_extended(ROW(${refs.join(', ')}), 0)`,
  rowHashScheme: "'hash_record_extended/1'",
  // Kept as the bigint the hash is, not its text (tables of earlier releases are converted by the
  // migrate step; those made before schemes were recorded hold CHAR(64)).
  hashType: 'BIGINT',
  // 1M narrow rows COPYed into a logged staging table wrote 62 MB of WAL, flushed at COMMIT; an
  // unlogged one none. Staging is rebuilt every run, and standbys never need it (seed 001 keeps
  // staging out of replication for the same reason).
  stagingTableWord: STAGING_TABLE_WORD,
  createTableAs: (table, select, _distribution, staging) => sql`CREATE ${staging ? `${STAGING_TABLE_WORD} ` : ''}TABLE ${table} AS\n${select}`,
  hashRetype: {
    catalogType: 'bigint',
    statement: (table, column) => `ALTER TABLE ${table} ALTER COLUMN ${quote(column)} TYPE BIGINT USING CASE WHEN btrim(${quote(column)}) ~ '^-?[0-9]{1,19}$' THEN CAST(btrim(${quote(column)}) AS BIGINT) ELSE 0 END`,
  },
  flagType: 'BOOLEAN',
  true: 'TRUE',
  false: 'FALSE',
  beginTransaction: 'BEGIN',
  commit: 'COMMIT',
  transactionalDdl: true,
  // Its own key space: the run locks use hashtext('landfall run lock') as their first key.
  firstSetupLock: "SELECT pg_advisory_xact_lock(hashtext('landfall first setup'), 0)",
  fullOuterJoin: true,
  // AT TIME ZONE on a timestamp gives the timestamptz of that wall time in UTC, whatever TimeZone says.
  utcInstant: (utc) => sql`(CAST(${utc} AS TIMESTAMP) AT TIME ZONE 'UTC')`,
  watermarkText: (expression, type) =>
    type.kind === 'datetimeoffset' ? `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')` : `CAST(${expression} AS TEXT)`,
  controlTextType: 'VARCHAR(400)',
  controlTimeType: 'TIMESTAMP(6)',
  // PostgreSQL joins by hash, but keeps an index on persistent staging for the current-version lookups.
  keyIndex: (index) => (index.schema === 'psg' ? createIndexIfMissing(quote(`${index.entity}__lf_key`), index, quote) : undefined),
  // bytea reads `\x` followed by hex.
  binaryText: 'postgres',
  copyOut: true,
  stage: (target, { files, format: { csv } }) => {
    const names = [...target.columns.map((c) => quote(c.name)), ...(target.operation ? [quote(target.operation)] : [])];
    const text = string;
    const copy = sql`COPY ${target.table} (${names.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER ${csv.header ? 'true' : 'false'}, DELIMITER ${text(csv.delimiter)}, QUOTE ${text(csv.qualifier)}, ESCAPE ${text(csv.qualifier)}, NULL ${text(csv.nullMarker)}, ENCODING 'UTF8')`;
    return [...target.createEmpty.map(run), ...files.map((file) => ({ kind: 'stream' as const, statement: copy, file }))];
  },
};
