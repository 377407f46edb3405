/**
 * What most dialects say the same way, written once: quoting and literal styles, and the standard
 * SQL forms of the statement hooks. A dialect file spreads `STANDARD` and overrides the hooks it
 * words differently. (Only type imports from `../dialect.ts`: the registry there imports the
 * dialect files, so a value import back would be a cycle.)
 */
import type { ColumnAlteration, Dialect, KeyIndex, SqlValue, WarehouseSchema } from '../dialect.ts';
import type { StagedColumn } from '../stage-hook.ts';
import { sql } from '../statement.ts';

export const doubleQuote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const singleQuote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** How one dialect writes the literals that differ between dialects. */
export interface LiteralStyle {
  string: (text: string) => string;
  typed: (kind: 'date' | 'datetime', text: string) => string;
  boolean: (value: boolean) => string;
}

/** A dialect's `literal` from its style (the value check is applied by the registry). */
export function literalFor(style: LiteralStyle): (value: SqlValue) => string {
  return (value: SqlValue): string => {
    switch (value.type) {
      case 'null':
        return 'NULL';
      case 'text':
        return style.string(value.value);
      case 'integer':
        return value.value.toString();
      case 'decimal':
        return value.value;
      case 'double':
        return Object.is(value.value, -0) ? '0' : String(value.value);
      case 'boolean':
        return style.boolean(value.value);
      case 'date':
      case 'datetime':
        return style.typed(value.type, value.value);
    }
  };
}

/** `DATE '…'` and `TIMESTAMP '…'`, `TRUE` and `FALSE`, plain single-quoted text. */
export const ANSI_LITERALS: LiteralStyle = {
  string: singleQuote,
  typed: (kind, text) => `${kind === 'date' ? 'DATE' : 'TIMESTAMP'} ${singleQuote(text)}`,
  boolean: (value) => (value ? 'TRUE' : 'FALSE'),
};

/**
 * `CREATE INDEX IF NOT EXISTS` on the keys (each written by `key`, by default its quoted name) and
 * the current flag, for the dialects whose key index is one.
 */
export function createIndexIfMissing(
  name: string,
  index: KeyIndex,
  quote: (name: string) => string,
  key: (column: StagedColumn) => string = (column) => quote(column.name),
): string {
  const columns = [...index.keys.map(key), ...(index.current === undefined ? [] : [quote(index.current)])];
  return `CREATE INDEX IF NOT EXISTS ${name} ON ${index.table} (${columns.join(', ')})`;
}

/** Standard SQL's `ALTER TABLE` of one column (PostgreSQL, DuckDB). */
export function standardAlterColumn(quote: (name: string) => string): (table: string, change: ColumnAlteration) => string {
  return (table, change) => {
    switch (change.kind) {
      case 'add': return `ALTER TABLE ${table} ADD COLUMN ${quote(change.name)} ${change.type}${change.value === undefined ? '' : ` DEFAULT ${change.value}`}`;
      case 'rename': return `ALTER TABLE ${table} RENAME COLUMN ${quote(change.from)} TO ${quote(change.to)}`;
      case 'retype': return `ALTER TABLE ${table} ALTER COLUMN ${quote(change.name)} TYPE ${change.type}`;
      case 'dropNotNull': return `ALTER TABLE ${table} ALTER COLUMN ${quote(change.name)} DROP NOT NULL`;
    }
  };
}
/** The schemas every load creates; `cur` only an entity that publishes its current table. */
export const LOAD_SCHEMAS: readonly WarehouseSchema[] = ['temp', 'psg', 'zdm'];

/** The standard SQL hooks, shared by PostgreSQL, MariaDB, DuckDB and SQLite. */
export const STANDARD = {
  createTableIfMissing: (table, body, suffix = '') => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)${suffix}`,
  dropTableIfExists: (table) => `DROP TABLE IF EXISTS ${table}`,
  rollback: 'ROLLBACK',
  withRecursive: 'WITH RECURSIVE',
  createTableAs: (table, select) => sql`CREATE TABLE ${table} AS\n${select}`,
  firstRows: (select, rows) => sql`${select}\nLIMIT ${String(rows)}`,
  updateAliased: (table, alias, set, where) => sql`UPDATE ${table} AS ${alias}\nSET ${set}\nWHERE ${where}`,
  keyIndex: () => undefined,
  tableOptions: () => '',
  primaryKeys: true,
  // The hash of the length-prefixed text, as every dialect wrote it before schemes were recorded.
  rowHashScheme: "'text/1'",
  binaryText: 'hex',
  copyOut: false,
} as const satisfies Partial<Dialect>;
