/**
 * One object per SQL dialect: every difference between the warehouses and sources Landfall speaks
 * to is a small hook here (identifier quoting, literals, placeholders, types, schemas, hashing),
 * and the statement builders call only these hooks. Identifiers are quoted and values rendered by
 * exactly one function per dialect, so a name or a value can never break out of its place.
 */
import type { ColumnType } from '../model/column-type.ts';
import type { ConnectionKind } from '../model/schema.ts';

export const DIALECTS = ['tsql', 'synapse', 'postgres', 'mariadb', 'duckdb', 'sqlite'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** The logical warehouse schemas. */
export type WarehouseSchema = 'temp' | 'psg' | 'zdm';

/** A value bound to a statement, with the type it is compared as. */
export type SqlValue =
  | { readonly type: 'null' }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'integer'; readonly value: bigint }
  | { readonly type: 'decimal'; readonly value: string }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: string }
  | { readonly type: 'datetime'; readonly value: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Rejects a typed value whose text could not be that type, before it is ever rendered. */
function checked(value: SqlValue): SqlValue {
  const bad = (what: string): never => {
    throw new Error(`${JSON.stringify((value as { value: unknown }).value)} is not a valid ${what}`);
  };
  if (value.type === 'date' && !DATE.test(value.value)) bad('date (YYYY-MM-DD)');
  if (value.type === 'datetime' && !DATETIME.test(value.value)) bad('datetime (YYYY-MM-DD HH:MM:SS[.fff])');
  if (value.type === 'decimal' && !DECIMAL.test(value.value)) bad('decimal');
  if (value.type === 'double' && !Number.isFinite(value.value)) bad('finite number');
  return value;
}

export interface Dialect {
  readonly name: DialectName;
  /** Quotes one identifier part. */
  quote(name: string): string;
  /** Renders a value as a literal for previews (and statements that cannot take parameters). */
  literal(value: SqlValue): string;
  /** The placeholder for the n-th (1-based) bound parameter. */
  placeholder(index: number): string;
  /** The dialect's type for a model column type. */
  columnType(type: ColumnType): string;
  /** The type to name in `CAST(x AS …)` (MariaDB's CAST takes fewer types than its DDL). */
  castType(type: ColumnType): string;
  /** A warehouse table name, qualified the way this dialect keeps the logical schemas apart. */
  table(schema: WarehouseSchema, name: string): string;
  /** Statements that create the logical schemas if they are missing. */
  createSchemas(): string[];
  /** `CREATE TABLE IF NOT EXISTS`, in this dialect's words. */
  createTableIfMissing(table: string, body: string, suffix?: string): string;
  /** Drops a table if it exists. */
  dropTableIfExists(table: string): string;
  /** Renames a table within its schema (`to` is the bare new name). */
  renameTable(from: string, schema: WarehouseSchema, to: string): string;
  /**
   * Canonical text of a column value for the row hash: the same value always gives the same
   * text in one warehouse, whatever the column's declared type.
   */
  hashText(expression: string, type: ColumnType): string;
  /** Character length of a text expression (never trimming trailing spaces). */
  length(expression: string): string;
  /** Concatenation of text expressions (none of them NULL). */
  concat(parts: readonly string[]): string;
  /** Hash of a text expression, as fixed-length hex; `undefined` stores the text itself. */
  hash(expression: string): string | undefined;
  /** The type of the row-hash column. */
  readonly hashType: string;
  /** True and false as this dialect stores the flag columns. */
  readonly flagType: string;
  readonly true: string;
  readonly false: string;
  readonly beginTransaction: string;
  readonly commit: string;
  /** Whether `FULL OUTER JOIN` exists; without it the change set is built from two halves. */
  readonly fullOuterJoin: boolean;
  /** Text form of a watermark column's maximum, for zdm.control_parameters. */
  watermarkText(expression: string, type: ColumnType): string;
  /** A string type for the control-parameter columns. */
  readonly controlTextType: string;
  readonly controlTimeType: string;
}

const doubleQuote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const singleQuote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

interface Base {
  name: DialectName;
  quote: (name: string) => string;
  string: (text: string) => string;
  typed: (kind: 'date' | 'datetime', text: string) => string;
  boolean: (value: boolean) => string;
}

function literalFor(base: Base) {
  return (input: SqlValue): string => {
    const value = checked(input);
    switch (value.type) {
      case 'null':
        return 'NULL';
      case 'text':
        return base.string(value.value);
      case 'integer':
        return value.value.toString();
      case 'decimal':
        return value.value;
      case 'double':
        return Object.is(value.value, -0) ? '0' : String(value.value);
      case 'boolean':
        return base.boolean(value.value);
      case 'date':
      case 'datetime':
        return base.typed(value.type, value.value);
    }
  };
}

const tsqlTypes = (synapse: boolean) => (type: ColumnType): string => {
  switch (type.kind) {
    case 'boolean': return 'BIT';
    case 'smallint': return 'SMALLINT';
    case 'int': return 'INT';
    case 'bigint': return 'BIGINT';
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
    case 'float': return 'REAL';
    case 'double': return 'FLOAT';
    case 'date': return 'DATE';
    case 'time': return 'TIME(7)';
    case 'datetime': return 'DATETIME2(7)';
    case 'datetimeoffset': return 'DATETIMEOFFSET(7)';
    // Synapse columnstore tables take no MAX columns.
    case 'string': return type.length !== undefined && type.length <= 4000 ? `NVARCHAR(${type.length})` : synapse ? 'NVARCHAR(4000)' : 'NVARCHAR(MAX)';
    case 'binary': return type.length !== undefined && type.length <= 8000 ? `VARBINARY(${type.length})` : synapse ? 'VARBINARY(8000)' : 'VARBINARY(MAX)';
    case 'uuid': return 'UNIQUEIDENTIFIER';
  }
};

function tsqlDialect(name: 'tsql' | 'synapse'): Dialect {
  const quote = (id: string): string => `[${id.replaceAll(']', ']]')}]`;
  // SQL Server drops a backslash followed by a line break inside a literal (a line
  // continuation), so the literal is split there and concatenated back.
  const string = (text: string): string =>
    text.split(/(?<=\\)(?=\r?\n)/).map((part) => `N${singleQuote(part)}`).join(' + ');
  const types = tsqlTypes(name === 'synapse');
  return {
    name,
    quote,
    literal: literalFor({
      name, quote, string,
      typed: (kind, text) => `CAST(${string(text)} AS ${kind === 'date' ? 'DATE' : 'DATETIME2(7)'})`,
      boolean: (value) => (value ? '1' : '0'),
    }),
    placeholder: (index) => `@p${index}`,
    columnType: types,
    castType: types,
    table: (schema, table) => `${quote(schema)}.${quote(table)}`,
    createSchemas: () => (['temp', 'psg', 'zdm'] as const).map(
      (schema) => `IF SCHEMA_ID(${string(schema)}) IS NULL EXEC(${string(`CREATE SCHEMA ${quote(schema)}`)})`,
    ),
    createTableIfMissing: (table, body, suffix = '') =>
      `IF OBJECT_ID(${string(table)}, N'U') IS NULL\nCREATE TABLE ${table} (\n${body}\n)${suffix}`,
    dropTableIfExists: (table) => `IF OBJECT_ID(${string(table)}, N'U') IS NOT NULL DROP TABLE ${table}`,
    renameTable: (from, _schema, to) =>
      name === 'synapse' ? `RENAME OBJECT ${from} TO ${quote(to)}` : `EXEC sp_rename ${string(from)}, ${string(to)}`,
    hashText: (expression, type) => {
      switch (type.kind) {
        case 'date': return `CONVERT(NVARCHAR(10), ${expression}, 23)`;
        case 'datetime':
        case 'datetimeoffset':
        case 'time': return `CONVERT(NVARCHAR(40), ${expression}, 126)`;
        case 'float':
        case 'double': return `CONVERT(NVARCHAR(40), ${expression}, 3)`;
        case 'binary': return `CONVERT(NVARCHAR(MAX), ${expression}, 2)`;
        default: return `CAST(${expression} AS NVARCHAR(MAX))`;
      }
    },
    // LEN ignores trailing spaces; DATALENGTH counts bytes of the NVARCHAR text exactly.
    length: (expression) => `CAST(DATALENGTH(${expression}) AS NVARCHAR(20))`,
    concat: (parts) => (parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(', ')})`),
    hash: (expression) => `CONVERT(CHAR(64), HASHBYTES('SHA2_256', ${expression}), 2)`,
    hashType: 'CHAR(64)',
    flagType: 'BIT',
    true: '1',
    false: '0',
    beginTransaction: 'BEGIN TRANSACTION',
    commit: 'COMMIT TRANSACTION',
    fullOuterJoin: true,
    watermarkText: (expression, type) =>
      type.kind === 'date' ? `CONVERT(NVARCHAR(10), ${expression}, 23)`
        : type.kind === 'datetime' || type.kind === 'datetimeoffset' ? `CONVERT(NVARCHAR(40), ${expression}, 121)`
          : `CAST(${expression} AS NVARCHAR(100))`,
    controlTextType: 'NVARCHAR(400)',
    controlTimeType: 'DATETIME2(7)',
  };
}

function postgresDialect(): DialectWithoutCast {
  const quote = doubleQuote;
  return {
    name: 'postgres',
    quote,
    literal: literalFor({
      name: 'postgres', quote, string: singleQuote,
      typed: (kind, text) => `${kind === 'date' ? 'DATE' : 'TIMESTAMP'} ${singleQuote(text)}`,
      boolean: (value) => (value ? 'TRUE' : 'FALSE'),
    }),
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
    table: (schema, table) => `${quote(schema)}.${quote(table)}`,
    createSchemas: () => ['temp', 'psg', 'zdm'].map((schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`),
    createTableIfMissing: (table, body, suffix = '') => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)${suffix}`,
    dropTableIfExists: (table) => `DROP TABLE IF EXISTS ${table}`,
    renameTable: (from, _schema, to) => `ALTER TABLE ${from} RENAME TO ${quote(to)}`,
    hashText: (expression, type) =>
      type.kind === 'datetimeoffset' ? `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')` : `CAST(${expression} AS TEXT)`,
    length: (expression) => `CAST(char_length(${expression}) AS TEXT)`,
    concat: (parts) => parts.join(' || '),
    hash: (expression) => `encode(sha256(convert_to(${expression}, 'UTF8')), 'hex')`,
    hashType: 'CHAR(64)',
    flagType: 'BOOLEAN',
    true: 'TRUE',
    false: 'FALSE',
    beginTransaction: 'BEGIN',
    commit: 'COMMIT',
    fullOuterJoin: true,
    watermarkText: (expression, type) =>
      type.kind === 'datetimeoffset' ? `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')` : `CAST(${expression} AS TEXT)`,
    controlTextType: 'VARCHAR(400)',
    controlTimeType: 'TIMESTAMP(6)',
  };
}

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

function mariadbDialect(): DialectWithoutCast {
  const quote = (id: string): string => `\`${id.replaceAll('`', '``')}\``;
  // A backslash or control character is safe in no sql_mode as plain text; a hex literal is.
  const string = (text: string): string =>
    // eslint-disable-next-line no-control-regex -- control characters are exactly what needs hex
    /[\\\u0000-\u001f]/.test(text)
      ? `_utf8mb4 X'${utf8Hex(text)}'`
      : singleQuote(text);
  return {
    name: 'mariadb',
    quote,
    literal: literalFor({
      name: 'mariadb', quote, string,
      typed: (kind, text) => `${kind === 'date' ? 'DATE' : 'TIMESTAMP'} ${singleQuote(text)}`,
      boolean: (value) => (value ? 'TRUE' : 'FALSE'),
    }),
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
    // MariaDB's schemas are databases; the logical schemas become name prefixes in one database.
    table: (schema, table) => quote(`${schema}__${table}`),
    createSchemas: () => [],
    createTableIfMissing: (table, body, suffix = '') =>
      `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4${suffix}`,
    dropTableIfExists: (table) => `DROP TABLE IF EXISTS ${table}`,
    renameTable: (from, schema, to) => `RENAME TABLE ${from} TO ${quote(`${schema}__${to}`)}`,
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
    fullOuterJoin: false,
    watermarkText: (expression) => `CAST(${expression} AS CHAR)`,
    controlTextType: 'VARCHAR(255)', // two of these form the key: InnoDB keys stop at 3072 bytes
    controlTimeType: 'DATETIME(6)',
  };
}

function duckdbDialect(): DialectWithoutCast {
  const quote = doubleQuote;
  // DuckDB's "temp" is its catalog of temporary objects, so the staging schema is "stage".
  const schemaName = (schema: WarehouseSchema): string => (schema === 'temp' ? 'stage' : schema);
  return {
    name: 'duckdb',
    quote,
    literal: literalFor({
      name: 'duckdb', quote, string: singleQuote,
      typed: (kind, text) => `${kind === 'date' ? 'DATE' : 'TIMESTAMP'} ${singleQuote(text)}`,
      boolean: (value) => (value ? 'TRUE' : 'FALSE'),
    }),
    placeholder: (index) => `$${index}`,
    columnType: (type) => {
      switch (type.kind) {
        case 'boolean': return 'BOOLEAN';
        case 'smallint': return 'SMALLINT';
        case 'int': return 'INTEGER';
        case 'bigint': return 'BIGINT';
        case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
        case 'float': return 'FLOAT';
        case 'double': return 'DOUBLE';
        case 'date': return 'DATE';
        case 'time': return 'TIME';
        case 'datetime': return 'TIMESTAMP';
        case 'datetimeoffset': return 'TIMESTAMPTZ';
        case 'string': return 'VARCHAR';
        case 'binary': return 'BLOB';
        case 'uuid': return 'UUID';
      }
    },
    table: (schema, table) => `${quote(schemaName(schema))}.${quote(table)}`,
    createSchemas: () => (['temp', 'psg', 'zdm'] as const).map((schema) => `CREATE SCHEMA IF NOT EXISTS ${quote(schemaName(schema))}`),
    createTableIfMissing: (table, body, suffix = '') => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)${suffix}`,
    dropTableIfExists: (table) => `DROP TABLE IF EXISTS ${table}`,
    renameTable: (from, _schema, to) => `ALTER TABLE ${from} RENAME TO ${quote(to)}`,
    hashText: (expression, type) =>
      type.kind === 'datetimeoffset' ? `strftime(timezone('UTC', ${expression}), '%Y-%m-%dT%H:%M:%S.%f')` : `CAST(${expression} AS VARCHAR)`,
    length: (expression) => `CAST(length(${expression}) AS VARCHAR)`,
    concat: (parts) => parts.join(' || '),
    hash: (expression) => `sha256(${expression})`,
    hashType: 'VARCHAR',
    flagType: 'BOOLEAN',
    true: 'TRUE',
    false: 'FALSE',
    beginTransaction: 'BEGIN TRANSACTION',
    commit: 'COMMIT',
    fullOuterJoin: true,
    watermarkText: (expression, type) =>
      type.kind === 'datetimeoffset' ? `strftime(timezone('UTC', ${expression}), '%Y-%m-%d %H:%M:%S.%f')` : `CAST(${expression} AS VARCHAR)`,
    controlTextType: 'VARCHAR',
    controlTimeType: 'TIMESTAMP',
  };
}

function sqliteDialect(): DialectWithoutCast {
  const quote = doubleQuote;
  return {
    name: 'sqlite',
    quote,
    literal: literalFor({
      name: 'sqlite', quote, string: singleQuote,
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
        default: return 'TEXT';
      }
    },
    // SQLite's "temp" is its temporary database; the logical schemas become name prefixes.
    table: (schema, table) => quote(`${schema}__${table}`),
    createSchemas: () => [],
    createTableIfMissing: (table, body, suffix = '') => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)${suffix}`,
    dropTableIfExists: (table) => `DROP TABLE IF EXISTS ${table}`,
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
    fullOuterJoin: true,
    watermarkText: (expression) => `CAST(${expression} AS TEXT)`,
    controlTextType: 'TEXT',
    controlTimeType: 'TEXT',
  };
}

type DialectWithoutCast = Omit<Dialect, 'castType'> & Partial<Pick<Dialect, 'castType'>>;
/** Most dialects cast to the same types their DDL uses. */
const withCast = (d: DialectWithoutCast): Dialect => ({ ...d, castType: d.castType ?? d.columnType });

const REGISTRY: Record<DialectName, Dialect> = {
  tsql: tsqlDialect('tsql'),
  synapse: tsqlDialect('synapse'),
  postgres: withCast(postgresDialect()),
  mariadb: withCast(mariadbDialect()),
  duckdb: withCast(duckdbDialect()),
  sqlite: withCast(sqliteDialect()),
};

export function dialect(name: DialectName): Dialect {
  return REGISTRY[name];
}

/** The dialect a connection speaks, or undefined for file connections. */
export function dialectOf(kind: ConnectionKind): DialectName | undefined {
  switch (kind) {
    case 'sqlserver':
    case 'azuresql':
      return 'tsql';
    case 'synapse':
    case 'postgres':
    case 'mariadb':
    case 'duckdb':
    case 'sqlite':
      return kind;
    default:
      return undefined;
  }
}
