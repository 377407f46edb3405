/** SQLite: an embedded warehouse for tests and small projects; stages landed rows with batched INSERTs. */
import type { Dialect } from '../dialect.ts';
import { run } from '../stage-hook.ts';
import { bind, sql } from '../statement.ts';
import { STANDARD, createIndexIfMissing, doubleQuote, literalFor, singleQuote } from './standard.ts';

const quote = doubleQuote;

export const sqlite: Dialect = {
  ...STANDARD,
  name: 'sqlite',
  quote,
  literal: literalFor({
    string: singleQuote,
    typed: (_kind, text) => singleQuote(text),
    boolean: (value) => (value ? '1' : '0'),
  }),
  placeholder: () => '?',
  columnType: (type) => {
    switch (type.kind) {
      case 'boolean':
      case 'smallint':
      case 'int':
      case 'bigint': return 'INTEGER';
      case 'decimal': return 'NUMERIC';
      case 'float':
      case 'double': return 'REAL';
      case 'binary': return 'BLOB';
      case 'date':
      case 'time':
      case 'datetime':
      case 'datetimeoffset':
      case 'string':
      case 'uuid': return 'TEXT';
    }
  },
  castType: (type) => sqlite.columnType(type),
  // SQLite's "temp" is its temporary database; the logical schemas become name prefixes.
  table: (schema, table) => quote(`${schema}__${table}`),
  tableExists: (schema, table) => sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${bind({ type: 'text', value: `${schema}__${table}` })}`,
  tableColumns: (schema, table) => sql`SELECT name, CASE WHEN "notnull" = 1 THEN 'NO' ELSE 'YES' END, type FROM pragma_table_info(${bind({ type: 'text', value: `${schema}__${table}` })}) ORDER BY cid`,
  sourceColumns: (schema, table) => (schema === undefined
    ? sql`SELECT name FROM pragma_table_info(${bind({ type: 'text', value: table })}) ORDER BY cid`
    : sql`SELECT name FROM pragma_table_info(${bind({ type: 'text', value: table })}, ${bind({ type: 'text', value: schema })}) ORDER BY cid`),
  // SQLite keeps no row count, but COUNT(*) of a table walks its smallest index in-process: a
  // fraction of the extract's read. A view's count would run the view: CASE reaches it for tables only.
  rowEstimate: (schema, table) => {
    const prefix = schema === undefined ? '' : `${quote(schema)}.`;
    return sql`SELECT CASE WHEN (SELECT type FROM ${prefix}sqlite_master WHERE name = ${bind({ type: 'text', value: table })}) = 'table' THEN (SELECT COUNT(*) FROM ${prefix}${quote(table)}) END`;
  },
  // SQLite alters no column's type or constraint in place (its types are affinities: a wider one changes nothing).
  alterColumn: (table, change) => {
    switch (change.kind) {
      case 'add': return `ALTER TABLE ${table} ADD COLUMN ${quote(change.name)} ${change.type}${change.value === undefined ? '' : ` DEFAULT ${change.value}`}`;
      case 'rename': return `ALTER TABLE ${table} RENAME COLUMN ${quote(change.from)} TO ${quote(change.to)}`;
      case 'retype':
      case 'dropNotNull': return undefined;
    }
  },
  createSchemas: () => [],
  renameTable: (from, schema, to) => `ALTER TABLE ${from} RENAME TO ${quote(`${schema}__${to}`)}`,
  hashText: (expression, type) => (type.kind === 'binary' ? `hex(${expression})` : `CAST(${expression} AS TEXT)`),
  length: (expression) => `CAST(length(${expression}) AS TEXT)`,
  concat: (parts) => parts.join(' || '),
  // SQLite has no hash function: the unambiguous canonical text is kept as the row's checksum.
  hash: () => undefined,
  hashType: 'TEXT',
  flagType: 'INTEGER',
  true: '1',
  false: '0',
  beginTransaction: 'BEGIN',
  commit: 'COMMIT',
  transactionalDdl: true,
  fullOuterJoin: true,
  watermarkText: (expression) => `CAST(${expression} AS TEXT)`,
  // SQLite has no time zones: its datetimes are text, compared as text (see datetimesAsText).
  utcInstant: (utc) => utc,
  datetimesAsText: true,
  controlTextType: 'TEXT',
  controlTimeType: 'TEXT',
  // Without an index SQLite runs the change set's and persist's `EXISTS (… key = key)` once per row.
  keyIndex: (index) => createIndexIfMissing(quote(`${index.schema}__${index.entity}__lf_key`), index, quote),
  stage: (target, { files }) => [
    ...target.createEmpty.map(run),
    ...files.map((file) => ({ kind: 'insertRows' as const, file, width: target.columns.length + (target.operation ? 1 : 0), insert: target.insert })),
  ],
};
