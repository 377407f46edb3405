/**
 * DuckDB facts: ids from a sequence (DuckDB has no auto-increment column), `ON CONFLICT`, and the
 * flip-flop as renames in one transaction. Inserters share the process (DuckDB's file has one
 * writer process), each on its own connection.
 */
import type { FactDialect } from '../fact-dialect.ts';
import { sql } from '../../sql/statement.ts';

const quote = (id: string): string => `"${id.replaceAll('"', '""')}"`;
const ID_TYPES = { smallint: 'USMALLINT', mediumint: 'UINTEGER', int: 'UINTEGER', bigint: 'UBIGINT' } as const;
const sequenceOf = (table: string, bare: string): string => table.replace(/"(?:[^"]|"")*"$/, quote(`${bare}__id`));

export const duckdbFact: FactDialect = {
  idType: (type) => ID_TYPES[type],
  normalizationTable: (t) => [
    `CREATE SEQUENCE IF NOT EXISTS ${sequenceOf(t.table, t.bare)}`,
    `CREATE TABLE IF NOT EXISTS ${t.table} (\n  ${t.id} ${ID_TYPES[t.idType]} PRIMARY KEY DEFAULT nextval('${sequenceOf(t.table, t.bare).replaceAll("'", "''")}'),\n  ${t.name} ${t.nameType} NOT NULL UNIQUE\n)`,
  ],
  createSchema: (schema) => `CREATE SCHEMA IF NOT EXISTS ${schema}`,
  insertIgnore: (table, columns, rows) => sql`INSERT INTO ${table} (${columns.join(', ')})\n${rows}\nON CONFLICT DO NOTHING`,
  insertMissing: (t, missing) => sql`INSERT INTO ${t.table} (${t.name})\n${missing}\nON CONFLICT DO NOTHING`,
  setIds: (staging, normalization, id, name) => sql`UPDATE ${staging} AS s\nSET ${id} = n.${id}\nFROM ${normalization} AS n\nWHERE n.${name} = s.${name}`,
  upsert: (table, columns, keys, select, update) =>
    sql`INSERT INTO ${table} AS t (${columns.join(', ')})\n${select}\nON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${update.map((u) => `${u.column} = ${u.combine(`t.${u.column}`, `EXCLUDED.${u.column}`)}`).join(', ')}`,
  bucket: (expression, unit) => (unit === 'day' ? `CAST(${expression} AS DATE)` : `date_trunc('hour', ${expression})`),
  bucketType: (unit) => (unit === 'day' ? 'DATE' : 'TIMESTAMP'),
  createStaging: (table, body) => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)`,
  swap: ({ staging, process, processBare, createStaging, bump }) => ({
    transaction: true,
    statements: [`DROP TABLE IF EXISTS ${process}`, `ALTER TABLE ${staging} RENAME TO ${quote(processBare)}`, createStaging, bump],
  }),
  ddlCommits: false,
};
