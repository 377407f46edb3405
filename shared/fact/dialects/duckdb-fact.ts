/**
 * DuckDB facts: ids from a sequence (DuckDB has no auto-increment column), and the standard hooks
 * (`standard-fact.ts`). Inserters share the process (DuckDB's file has one writer process), each
 * on its own connection.
 */
import type { FactDialect } from '../fact-dialect.ts';
import { STANDARD_FACT } from './standard-fact.ts';

const quote = (id: string): string => `"${id.replaceAll('"', '""')}"`;
const ID_TYPES = { smallint: 'USMALLINT', mediumint: 'UINTEGER', int: 'UINTEGER', bigint: 'UBIGINT' } as const;
const sequenceOf = (table: string, bare: string): string => table.replace(/"(?:[^"]|"")*"$/, quote(`${bare}__id`));

export const duckdbFact: FactDialect = {
  ...STANDARD_FACT,
  idType: (type) => ID_TYPES[type],
  normalizationTable: (t) => [
    `CREATE SEQUENCE IF NOT EXISTS ${sequenceOf(t.table, t.bare)}`,
    `CREATE TABLE IF NOT EXISTS ${t.table} (\n  ${t.id} ${ID_TYPES[t.idType]} PRIMARY KEY DEFAULT nextval('${sequenceOf(t.table, t.bare).replaceAll("'", "''")}'),\n  ${t.name} ${t.nameType} NOT NULL UNIQUE\n)`,
  ],
  bucketType: (unit) => (unit === 'day' ? 'DATE' : 'TIMESTAMP'),
};
