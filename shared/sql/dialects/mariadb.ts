/**
 * MariaDB / MySQL: schemas are databases, so the logical schemas become name prefixes in one
 * database; stages each landed CSV file with `LOAD DATA LOCAL INFILE`, which the driver streams.
 */
import type { Dialect } from '../dialect.ts';
import { run } from '../stage-hook.ts';
import { bind, sql } from '../statement.ts';
import { ANSI_LITERALS, STANDARD, createIndexIfMissing, literalFor, singleQuote } from './standard.ts';

/** UTF-8 bytes of a string as hex (shared code has no TextEncoder: it runs without DOM or Node). */
export function utf8Hex(text: string): string {
  let hex = '';
  const byte = (value: number): void => void (hex += value.toString(16).padStart(2, '0'));
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) byte(code);
    else if (code < 0x800) { byte(0xc0 | (code >> 6)); byte(0x80 | (code & 63)); }
    else if (code < 0x10000) { byte(0xe0 | (code >> 12)); byte(0x80 | ((code >> 6) & 63)); byte(0x80 | (code & 63)); }
    else { byte(0xf0 | (code >> 18)); byte(0x80 | ((code >> 12) & 63)); byte(0x80 | ((code >> 6) & 63)); byte(0x80 | (code & 63)); }
  }
  return hex;
}

const quote = (id: string): string => `\`${id.replaceAll('`', '``')}\``;
// A backslash or control character is safe in no sql_mode as plain text; a hex literal is.
const string = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what needs hex
  /[\\\u0000-\u001f]/.test(text)
    ? `_utf8mb4 X'${utf8Hex(text)}'`
    : singleQuote(text);
// LOAD DATA's file name and options take plain or hex strings, not the _utf8mb4 introducer.
// eslint-disable-next-line no-control-regex -- control characters are exactly what needs hex
const loadDataText = (value: string): string => (/[\\'\u0000-\u001f]/.test(value) ? `X'${utf8Hex(value)}'` : `'${value}'`);
const ENGINE = ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4';

export const mariadb: Dialect = {
  ...STANDARD,
  name: 'mariadb',
  quote,
  literal: literalFor({ ...ANSI_LITERALS, string }),
  placeholder: () => '?',
  columnType: (type) => {
    switch (type.kind) {
      case 'boolean': return 'BOOLEAN';
      case 'smallint': return 'SMALLINT';
      case 'int': return 'INT';
      case 'bigint': return 'BIGINT';
      case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
      case 'float': return 'FLOAT';
      case 'double': return 'DOUBLE';
      case 'date': return 'DATE';
      case 'time': return 'TIME(6)';
      case 'datetime': return 'DATETIME(6)';
      case 'datetimeoffset': return 'DATETIME(6)';
      case 'string': return type.length !== undefined && type.length <= 16000 ? `VARCHAR(${type.length})` : 'LONGTEXT';
      case 'binary': return type.length !== undefined && type.length <= 65000 ? `VARBINARY(${type.length})` : 'LONGBLOB';
      case 'uuid': return 'UUID';
    }
  },
  // MariaDB's CAST takes fewer types than its DDL.
  castType: (type) => {
    switch (type.kind) {
      case 'boolean':
      case 'smallint':
      case 'int':
      case 'bigint': return 'SIGNED';
      case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
      case 'float': return 'FLOAT';
      case 'double': return 'DOUBLE';
      case 'date': return 'DATE';
      case 'time': return 'TIME(6)';
      case 'datetime':
      case 'datetimeoffset': return 'DATETIME(6)';
      case 'binary': return 'BINARY';
      case 'uuid':
      case 'string': return 'CHAR CHARACTER SET utf8mb4';
    }
  },
  table: (schema, table) => quote(`${schema}__${table}`),
  tableExists: (schema, table) => sql`SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${bind({ type: 'text', value: `${schema}__${table}` })}`,
  tableColumns: (schema, table) => sql`SELECT COLUMN_NAME, IS_NULLABLE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${bind({ type: 'text', value: `${schema}__${table}` })} ORDER BY ORDINAL_POSITION`,
  sourceColumns: (schema, table) => sql`SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${schema === undefined ? sql`DATABASE()` : bind({ type: 'text', value: schema })} AND TABLE_NAME = ${bind({ type: 'text', value: table })} ORDER BY ORDINAL_POSITION`,
  // InnoDB's estimate from the catalog (no scan); NULL for a view.
  rowEstimate: (schema, table) => sql`SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${schema === undefined ? sql`DATABASE()` : bind({ type: 'text', value: schema })} AND TABLE_NAME = ${bind({ type: 'text', value: table })}`,
  // MODIFY restates the whole column: its type, and NULL (a key column stays NOT NULL).
  alterColumn: (table, change) => {
    switch (change.kind) {
      case 'add': return `ALTER TABLE ${table} ADD COLUMN ${quote(change.name)} ${change.type} NULL${change.value === undefined ? '' : ` DEFAULT ${change.value}`}`;
      case 'rename': return `ALTER TABLE ${table} RENAME COLUMN ${quote(change.from)} TO ${quote(change.to)}`;
      case 'retype': return `ALTER TABLE ${table} MODIFY COLUMN ${quote(change.name)} ${change.type} ${change.nullable ? 'NULL' : 'NOT NULL'}`;
      case 'dropNotNull': return `ALTER TABLE ${table} MODIFY COLUMN ${quote(change.name)} ${change.type} NULL`;
    }
  },
  createSchemas: () => [],
  createTableIfMissing: (table, body, suffix = '') => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)${ENGINE}${suffix}`,
  renameTable: (from, schema, to) => `RENAME TABLE ${from} TO ${quote(`${schema}__${to}`)}`,
  // One RENAME TABLE of several pairs is atomic: a reader sees the old table or the new one.
  renameTables: (renames) => [`RENAME TABLE ${renames.map((r) => `${r.from} TO ${quote(`${r.schema}__${r.to}`)}`).join(', ')}`],
  hashText: (expression, type) =>
    type.kind === 'binary' ? `HEX(${expression})` : `CAST(${expression} AS CHAR CHARACTER SET utf8mb4)`,
  length: (expression) => `CAST(CHAR_LENGTH(${expression}) AS CHAR)`,
  concat: (parts) => (parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(', ')})`),
  hash: (expression) => `SHA2(${expression}, 256)`,
  hashType: 'CHAR(64)',
  flagType: 'BOOLEAN',
  true: 'TRUE',
  false: 'FALSE',
  beginTransaction: 'START TRANSACTION',
  commit: 'COMMIT',
  // Every CREATE commits the open transaction implicitly: setup runs, and commits, before the load.
  transactionalDdl: false,
  fullOuterJoin: false,
  watermarkText: (expression) => `CAST(${expression} AS CHAR)`,
  // MariaDB has no offset type; every source session runs at time_zone '+00:00', so a TIMESTAMP
  // column compares with the UTC datetime as an instant already.
  utcInstant: (utc) => utc,
  controlTextType: 'VARCHAR(255)', // two of these form the key: InnoDB keys stop at 3072 bytes
  controlTimeType: 'DATETIME(6)',
  // Without an index MariaDB runs the change set's and persist's `EXISTS (… key = key)` once per
  // row. It indexes at most 3072 bytes: long text and binary keys are indexed by a prefix.
  keyIndex: (index) =>
    createIndexIfMissing(quote(`lf_${index.schema}_key`), index, quote, (k) => {
      const long = (k.type.kind === 'string' || k.type.kind === 'binary') && (k.type.length === undefined || k.type.length > 512);
      return long ? `${quote(k.name)}(255)` : quote(k.name);
    }),
  // The persistent and control tables get the engine from createTableIfMissing.
  tableOptions: (table) => (table === 'staging' ? ENGINE : ''),
  // Its NULL is the unquoted word NULL (a quoted "NULL" stays text), so these files are written with the NULL marker "NULL".
  stage: (target, { files, format: { csv } }) => {
    // Binary columns arrive as hex text and are decoded on the way in.
    const names = [...target.columns.map((c, i) => (c.type.kind === 'binary' ? `@lf_hex${i}` : quote(c.name))), ...(target.operation ? [quote(target.operation)] : [])];
    const binary = target.columns.flatMap((c, i) => (c.type.kind === 'binary' ? [`${quote(c.name)} = UNHEX(@lf_hex${i})`] : []));
    const text = loadDataText;
    return [
      ...target.createEmpty.map(run),
      ...files.map((file) => ({
        kind: 'stream' as const,
        file,
        statement: sql`LOAD DATA LOCAL INFILE ${text(file)} INTO TABLE ${target.table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY ${text(csv.delimiter)} OPTIONALLY ENCLOSED BY ${text(csv.qualifier)} ESCAPED BY '' LINES TERMINATED BY ${text('\n')}${csv.header ? ' IGNORE 1 LINES' : ''} (${names.join(', ')})${binary.length ? ` SET ${binary.join(', ')}` : ''}`,
      })),
    ];
  },
};
