/**
 * MariaDB facts, as the seed writes them: `INSERT IGNORE` of the missing names, the multi-table
 * `UPDATE … JOIN … SET`, `ON DUPLICATE KEY UPDATE`, and the flip-flop by `RENAME TABLE`, which
 * swaps both names in one atomic step while inserters wait on its metadata lock.
 */
import type { FactDialect } from '../fact-dialect.ts';
import { sql } from '../../sql/statement.ts';

const quote = (id: string): string => `\`${id.replaceAll('`', '``')}\``;
const ID_TYPES = { smallint: 'SMALLINT UNSIGNED', mediumint: 'MEDIUMINT UNSIGNED', int: 'INT UNSIGNED', bigint: 'BIGINT UNSIGNED' } as const;

export const mariadbFact: FactDialect = {
  idType: (type) => ID_TYPES[type],
  // The seed's two indexes: the primary key maps id → name, and the unique name index maps name →
  // id (InnoDB keeps the primary key in every secondary index, so it is the seed's (name, id)).
  normalizationTable: (t) => [
    `CREATE TABLE IF NOT EXISTS ${t.table} (\n  ${t.id} ${ID_TYPES[t.idType]} NOT NULL AUTO_INCREMENT,\n  ${t.name} ${t.nameType} NOT NULL,\n  PRIMARY KEY (${t.id}),\n  UNIQUE KEY ${quote(`${t.bare}__name`)} (${t.name})\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  ],
  createSchema: (schema) => `CREATE SCHEMA IF NOT EXISTS ${schema}`,
  insertIgnore: (table, columns, rows) => sql`INSERT IGNORE INTO ${table} (${columns.join(', ')})\n${rows}`,
  // InnoDB reserves auto-increment ids for an INSERT … SELECT in growing blocks (lock modes 1 and
  // 2: the row count is not known up front), so even the seed's LEFT JOIN leaves gaps. The ids are
  // given here instead, counting on from the largest: consecutive, none burned. A second writer
  // of the same table at the same instant has its clashing rows ignored; its names then get no id,
  // its load fails on the NOT NULL id and the next pass inserts them.
  insertMissing: (t, missing) =>
    sql`INSERT IGNORE INTO ${t.table} (${t.id}, ${t.name})
SELECT m.top + ROW_NUMBER() OVER (ORDER BY s.${t.name}), s.${t.name}
FROM (
${missing}
) AS s
CROSS JOIN (SELECT COALESCE(MAX(${t.id}), 0) AS top FROM ${t.table}) AS m`,
  setIds: (staging, normalization, id, name) => sql`UPDATE ${normalization} AS n\nJOIN ${staging} AS s ON s.${name} = n.${name}\nSET s.${id} = n.${id}`,
  upsert: (table, columns, _keys, select, update) =>
    sql`INSERT INTO ${table} (${columns.join(', ')})\n${select}\nON DUPLICATE KEY UPDATE ${update.map((u) => `${u.column} = ${u.combine(`${table}.${u.column}`, `VALUES(${u.column})`)}`).join(', ')}`,
  bucket: (expression, unit) => (unit === 'day' ? `CAST(${expression} AS DATE)` : `CAST(DATE_FORMAT(${expression}, '%Y-%m-%d %H:00:00') AS DATETIME)`),
  bucketType: (unit) => (unit === 'day' ? 'DATE' : 'DATETIME'),
  createStaging: (table, body, engine) => `CREATE TABLE IF NOT EXISTS ${table} (\n${body}\n) ENGINE=${engine} DEFAULT CHARSET=utf8mb4`,
  // DDL commits at once here, so the order carries the safety: the generation is bumped before
  // the rename (a processor killed between them finds an empty StageProcess pending, harmless),
  // and StageProcess is only dropped when its generation was processed (see fact-plan.ts).
  swap: ({ staging, process, spare, createStaging, bump }) => ({
    transaction: false,
    statements: [`DROP TABLE IF EXISTS ${process}`, createStaging, bump, `RENAME TABLE ${staging} TO ${spare}, ${process} TO ${staging}, ${spare} TO ${process}`],
  }),
  ddlCommits: true,
};
