/**
 * SQL Server facts, generated for preview (`landfall sql`) and run by the user's own scheduler:
 * IDENTITY ids, the missing names inserted under a lock hint, `UPDATE … FROM`, `MERGE` for the
 * summaries and `sp_rename` inside a transaction for the flip-flop.
 */
import type { FactDialect } from '../fact-dialect.ts';
import { sql } from '../../sql/statement.ts';

const ID_TYPES = { smallint: 'SMALLINT', mediumint: 'INT', int: 'INT', bigint: 'BIGINT' } as const;
const literal = (text: string): string => `N'${text.replaceAll("'", "''")}'`;

export const tsqlFact: FactDialect = {
  idType: (type) => ID_TYPES[type],
  normalizationTable: (t) => [
    `IF OBJECT_ID(${literal(t.table)}, 'U') IS NULL CREATE TABLE ${t.table} (\n  ${t.id} ${ID_TYPES[t.idType]} IDENTITY(1,1) NOT NULL PRIMARY KEY,\n  ${t.name} ${t.nameType} NOT NULL,\n  CONSTRAINT [${t.bare}__name] UNIQUE (${t.name}, ${t.id})\n)`,
  ],
  createSchema: (schema) => `IF SCHEMA_ID(${literal(schema.slice(1, -1).replaceAll(']]', ']'))}) IS NULL EXEC(${literal(`CREATE SCHEMA ${schema}`)})`,
  insertIgnore: (table, columns, rows) =>
    sql`MERGE ${table} AS t\nUSING (${rows}) AS v (${columns.join(', ')})\nON t.${columns[0]!} = v.${columns[0]!}\nWHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${columns.map((c) => `v.${c}`).join(', ')})`,
  // The LEFT JOIN already leaves out the names that are there; the lock hint keeps a second
  // writer from adding the same name between the read and the insert.
  insertMissing: (t, missing) => sql`INSERT INTO ${t.table} WITH (TABLOCKX) (${t.name})\n${missing}`,
  setIds: (staging, normalization, id, name) => sql`UPDATE s\nSET s.${id} = n.${id}\nFROM ${staging} AS s\nJOIN ${normalization} AS n ON n.${name} = s.${name}`,
  upsert: (table, columns, keys, select, update) =>
    sql`MERGE ${table} AS t\nUSING (\n${select}\n) AS e (${columns.join(', ')})\nON ${keys.map((k) => `t.${k} = e.${k}`).join(' AND ')}\nWHEN MATCHED THEN UPDATE SET ${update.map((u) => `${u.column} = ${u.combine(`t.${u.column}`, `e.${u.column}`)}`).join(', ')}\nWHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${columns.map((c) => `e.${c}`).join(', ')})`,
  bucket: (expression, unit) => (unit === 'day' ? `CAST(${expression} AS DATE)` : `DATEADD(hour, DATEDIFF(hour, 0, ${expression}), 0)`),
  bucketType: (unit) => (unit === 'day' ? 'DATE' : 'DATETIME2(6)'),
  createStaging: (table, body) => `IF OBJECT_ID(${literal(table)}, 'U') IS NULL CREATE TABLE ${table} (\n${body}\n)`,
  swap: ({ staging, process, processBare, createStaging, bump }) => ({
    transaction: true,
    statements: [`DROP TABLE IF EXISTS ${process}`, `EXEC sp_rename ${literal(staging)}, ${literal(processBare)}`, createStaging, bump],
  }),
  ddlCommits: false,
};
