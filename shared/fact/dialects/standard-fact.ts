/**
 * The fact hooks PostgreSQL and DuckDB word the same way, written once: `ON CONFLICT`, `UPDATE …
 * FROM`, `INSERT … AS t … DO UPDATE`, `date_trunc`, and the flip-flop as renames in one
 * transaction (an inserter waiting on the lock finds the name `staging` again, now the new table).
 */
import type { FactDialect } from '../fact-dialect.ts';
import { sql } from '../../sql/statement.ts';

const quote = (id: string): string => `"${id.replaceAll('"', '""')}"`;

export const STANDARD_FACT = {
  createSchema: (schema) => `CREATE SCHEMA IF NOT EXISTS ${schema}`,
  insertIgnore: (table, columns, rows) => sql`INSERT INTO ${table} (${columns.join(', ')})\n${rows}\nON CONFLICT DO NOTHING`,
  insertMissing: (t, missing) => sql`INSERT INTO ${t.table} (${t.name})\n${missing}\nON CONFLICT DO NOTHING`,
  setIds: (staging, normalization, id, name) => sql`UPDATE ${staging} AS s\nSET ${id} = n.${id}\nFROM ${normalization} AS n\nWHERE n.${name} = s.${name}`,
  upsert: (table, columns, keys, select, update) =>
    sql`INSERT INTO ${table} AS t (${columns.join(', ')})\n${select}\nON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${update.map((u) => `${u.column} = ${u.combine(`t.${u.column}`, `EXCLUDED.${u.column}`)}`).join(', ')}`,
  bucket: (expression, unit) => (unit === 'day' ? `CAST(${expression} AS DATE)` : `date_trunc('hour', ${expression})`),
  createStaging: (table, body) => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n)`,
  swap: ({ staging, process, processBare, createStaging, bump }) => ({
    transaction: true,
    statements: [`DROP TABLE IF EXISTS ${process}`, `ALTER TABLE ${staging} RENAME TO ${quote(processBare)}`, createStaging, bump],
  }),
  ddlCommits: false,
} as const satisfies Partial<FactDialect>;
