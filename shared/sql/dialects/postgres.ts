/** PostgreSQL: the warehouse and source dialect; stages each landed CSV file with `COPY … FROM STDIN`. */
import type { Dialect, KeyIndex } from '../dialect.ts';
import { run } from '../stage-hook.ts';
import { bind, sql } from '../statement.ts';
import { ANSI_LITERALS, LOAD_SCHEMAS, STANDARD, createIndexIfMissing, doubleQuote, literalFor, singleQuote, standardAlterColumn } from './standard.ts';

const quote = doubleQuote;
/** The name of persistent staging's key index (in the table's own schema). */
const keyIndexName = (index: KeyIndex): string => `${index.entity}__lf_key`;
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
  keyIndex: (index) => (index.schema === 'psg' ? createIndexIfMissing(quote(keyIndexName(index)), index, quote) : undefined),
  // A first load of 1M narrow rows spent about 15% of the backend's CPU inserting into this index
  // row by row; built once after the insert it costs a sort. Dropping it locks persistent staging
  // until the persist transaction commits, which on a table with no current version hides nothing.
  dropKeyIndex: (index) => (index.schema === 'psg' ? `DROP INDEX IF EXISTS ${quote(index.schema)}.${quote(keyIndexName(index))}` : undefined),
  // A table made by CREATE TABLE AS has no statistics until autovacuum comes by: the planner took a
  // change set of 200 rows for 430 and closed their versions by hashing all of persistent staging.
  // Of the joined and filtered columns alone: all of a first load's 200,000 narrow rows took
  // 0.19 s of backend CPU, about half the insert's.
  analyzeTable: (table, columns) => `ANALYZE ${table} (${columns.join(', ')})`,
  // Persist probes the key index once or twice per changed row. With random_page_cost at its
  // default of 4 (a spinning disk's) the planner hashed all 200,000 current versions to insert
  // 2,000 new ones (6× the time of the probes); 1.1 is the usual figure for SSDs and cached data.
  // Only for this transaction, and never above what the server is set to.
  persistSettings: ["SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true)"],
  // 1M staged narrow keys: the hash aggregate (work_mem 4 MB) spilled to 16 partitions, 0.53 s of
  // backend CPU (1.4 s just after the COPY); sorted (external merge, 12 MB) and grouped in order 0.32 s.
  sortedKeyGroups: true,
  // A rerun with 1% of 1M narrow rows changed: the distinct keys of every older version, read
  // through the key index and merge-joined, took 1.44 s of server CPU (0.18 s of it JIT); the
  // batch's 10,000 rows scanned once, each probing the key index, 0.24 s.
  olderVersionsByKeyProbe: true,
  // The change set's few rows joined to persistent staging through its key index: the EXISTS form
  // was planned as a hash semi-join over a scan of every version (3-4× the backend CPU at 1% changed).
  updateFrom: (table, alias, source, sourceAlias, set, where) => sql`UPDATE ${table} AS ${alias}\nSET ${set}\nFROM ${source} AS ${sourceAlias}\nWHERE ${where}`,
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
