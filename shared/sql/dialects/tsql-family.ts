/**
 * What SQL Server (and Azure SQL) and Synapse SQL share: T-SQL quoting, literals, schemas, hashing
 * and `UPDATE alias … FROM`. `tsql.ts` and `synapse.ts` spread this and add what differs.
 */
import type { ColumnType } from '../../model/column-type.ts';
import type { Dialect } from '../dialect.ts';
import { bind, sql } from '../statement.ts';
import { LOAD_SCHEMAS, literalFor, singleQuote } from './standard.ts';

export const quote = (id: string): string => `[${id.replaceAll(']', ']]')}]`;
// SQL Server drops a backslash followed by a line break inside a literal (a line
// continuation), so the literal is split there and concatenated back.
export const string = (text: string): string =>
  text.split(/(?<=\\)(?=\r?\n)/).map((part) => `N${singleQuote(part)}`).join(' + ');

/** The significant digits a JavaScript number (tedious's DECIMAL and MONEY values) keeps exactly. */
const EXACT_NUMBER_DIGITS = 15;

/** Column types; Synapse columnstore tables take no MAX columns. */
const types = (maxColumns: boolean) => (type: ColumnType): string => {
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
    case 'string': return type.length !== undefined && type.length <= 4000 ? `NVARCHAR(${type.length})` : maxColumns ? 'NVARCHAR(MAX)' : 'NVARCHAR(4000)';
    case 'binary': return type.length !== undefined && type.length <= 8000 ? `VARBINARY(${type.length})` : maxColumns ? 'VARBINARY(MAX)' : 'VARBINARY(8000)';
    case 'uuid': return 'UNIQUEIDENTIFIER';
  }
};

/** The hooks a T-SQL dialect adds on its own. */
type OwnHooks = 'name' | 'renameTable' | 'createTableAs' | 'tableOptions' | 'primaryKeys' | 'stage' | 'transactionalDdl';

/** The shared T-SQL hooks; `maxColumns` says whether tables take `NVARCHAR(MAX)` / `VARBINARY(MAX)`. */
export function tsqlFamily(maxColumns: boolean): Omit<Dialect, OwnHooks> {
  const columnType = types(maxColumns);
  return {
    quote,
    literal: literalFor({
      string,
      typed: (kind, text) => `CAST(${string(text)} AS ${kind === 'date' ? 'DATE' : 'DATETIME2(7)'})`,
      boolean: (value) => (value ? '1' : '0'),
    }),
    placeholder: (index) => `@p${index}`,
    columnType,
    castType: columnType,
    table: (schema, table) => `${quote(schema)}.${quote(table)}`,
    tableExists: (schema, table) => sql`SELECT 1 AS present WHERE OBJECT_ID(${bind({ type: 'text', value: `${quote(schema)}.${quote(table)}` })}, N'U') IS NOT NULL`,
    tableColumns: (schema, table) => sql`SELECT COLUMN_NAME, IS_NULLABLE, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ${bind({ type: 'text', value: schema })} AND TABLE_NAME = ${bind({ type: 'text', value: table })} ORDER BY ORDINAL_POSITION`,
    sourceColumns: (schema, table) => sql`SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ${schema === undefined ? sql`SCHEMA_NAME()` : bind({ type: 'text', value: schema })} AND TABLE_NAME = ${bind({ type: 'text', value: table })} ORDER BY ORDINAL_POSITION`,
    alterColumn: (table, change) => {
      switch (change.kind) {
        // WITH VALUES fills the existing rows with the default (without it they would hold NULL).
        case 'add': return `ALTER TABLE ${table} ADD ${quote(change.name)} ${change.type} NULL${change.value === undefined ? '' : ` DEFAULT ${change.value} WITH VALUES`}`;
        case 'rename': return `EXEC sp_rename ${string(`${table}.${quote(change.from)}`)}, ${string(change.to)}, 'COLUMN'`;
        case 'retype': return `ALTER TABLE ${table} ALTER COLUMN ${quote(change.name)} ${change.type} ${change.nullable ? 'NULL' : 'NOT NULL'}`;
        case 'dropNotNull': return `ALTER TABLE ${table} ALTER COLUMN ${quote(change.name)} ${change.type} NULL`;
      }
    },
    createSchemas: (schemas = LOAD_SCHEMAS) => schemas.map(
      (schema) => `IF SCHEMA_ID(${string(schema)}) IS NULL EXEC(${string(`CREATE SCHEMA ${quote(schema)}`)})`,
    ),
    createTableIfMissing: (table, body, suffix = '') =>
      `IF OBJECT_ID(${string(table)}, N'U') IS NULL\nCREATE TABLE ${table} (\n${body}\n)${suffix}`,
    dropTableIfExists: (table) => `IF OBJECT_ID(${string(table)}, N'U') IS NOT NULL DROP TABLE ${table}`,
    hashText: (expression, type) => {
      switch (type.kind) {
        case 'date': return `CONVERT(NVARCHAR(10), ${expression}, 23)`;
        case 'datetime':
        case 'datetimeoffset':
        case 'time': return `CONVERT(NVARCHAR(40), ${expression}, 126)`;
        case 'float':
        case 'double': return `CONVERT(NVARCHAR(40), ${expression}, 3)`;
        case 'binary': return `CONVERT(NVARCHAR(MAX), ${expression}, 2)`;
        case 'boolean':
        case 'smallint':
        case 'int':
        case 'bigint':
        case 'decimal':
        case 'string':
        case 'uuid': return `CAST(${expression} AS NVARCHAR(MAX))`;
      }
    },
    // LEN ignores trailing spaces; DATALENGTH counts bytes of the NVARCHAR text exactly.
    length: (expression) => `CAST(DATALENGTH(${expression}) AS NVARCHAR(20))`,
    concat: (parts) => (parts.length === 1 ? parts[0]! : `CONCAT(${parts.join(', ')})`),
    hash: (expression) => `CONVERT(CHAR(64), HASHBYTES('SHA2_256', ${expression}), 2)`,
    rowHashScheme: "'text/1'",
    hashType: 'CHAR(64)',
    flagType: 'BIT',
    true: '1',
    false: '0',
    beginTransaction: 'BEGIN TRANSACTION',
    commit: 'COMMIT TRANSACTION',
    rollback: 'ROLLBACK TRANSACTION',
    fullOuterJoin: true,
    // Explicitly at +00:00: the comparison is then between two DATETIMEOFFSET values, by instant.
    utcInstant: (utc) => sql`TODATETIMEOFFSET(CAST(${utc} AS DATETIME2(7)), '+00:00')`,
    watermarkText: (expression, type) =>
      type.kind === 'date' ? `CONVERT(NVARCHAR(10), ${expression}, 23)`
        : type.kind === 'datetime' || type.kind === 'datetimeoffset' ? `CONVERT(NVARCHAR(40), ${expression}, 121)`
          : `CAST(${expression} AS NVARCHAR(100))`,
    exactRead: (expression, type) =>
      // A number holds 15 significant digits exactly; wider decimals (and MONEY, as DECIMAL(19,4))
      // are read as their text. Through DECIMAL first: MONEY's own text keeps two decimals only.
      type.kind === 'decimal' && type.precision > EXACT_NUMBER_DIGITS
        ? sql`CAST(CAST(${expression} AS DECIMAL(${String(type.precision)},${String(type.scale)})) AS VARCHAR(${String(type.precision + 2)}))`
        : undefined,
    controlTextType: 'NVARCHAR(400)',
    controlTimeType: 'DATETIME2(7)',
    // DATETIME2(7) and DATETIMEOFFSET(7) keep 100 ns; a CAST of a text with more digits fails.
    datetimeDigits: 7,
    // T-SQL has no RECURSIVE keyword: a CTE that names itself is recursive.
    withRecursive: 'WITH',
    firstRows: (select, rows) => sql`SELECT TOP (${String(rows)}) q.* FROM (\n${select}\n) AS q`,
    updateAliased: (table, alias, set, where) => sql`UPDATE ${alias}\nSET ${set}\nFROM ${table} AS ${alias}\nWHERE ${where}`,
    // SQL Server joins by hash (Synapse: over columnstore): no key index.
    keyIndex: () => undefined,
    binaryText: 'hex',
    copyOut: false,
  };
}
