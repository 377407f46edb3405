/** Queries run after the load: the batch's counts, and repeated keys in a Multi Wild Card File load. */
import { dialect } from '../dialect.ts';
import { bind, sql, type Statement } from '../statement.ts';
import { META, keyColumns, tableName, typedColumns } from './columns.ts';
import type { EntitySqlInput, RunState } from './entity-sql-input.ts';

/**
 * What a batch wrote to persistent staging: new keys, new versions of known keys and deletions,
 * counted after the persist transaction for the run's result.
 */
export function batchCountsStatement(input: EntitySqlInput, state: RunState): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const psg = tableName(input, 'psg');
  const deleted = `p.${w.quote(META.isDeleted)}`;
  const b = bind({ type: 'integer', value: state.batchId });
  // Keys with versions from earlier batches, joined once: a correlated EXISTS inside CASE runs once
  // per row on PostgreSQL and MariaDB (quadratic on a large batch).
  const keyList = keys.map((k) => w.quote(k.name)).join(', ');
  const older = `o.${w.quote(keys[0]!.name)}`;
  return sql`SELECT SUM(CASE WHEN ${deleted} = ${w.false} AND ${older} IS NULL THEN 1 ELSE 0 END) AS ${w.quote('inserted')},
       SUM(CASE WHEN ${deleted} = ${w.false} AND ${older} IS NOT NULL THEN 1 ELSE 0 END) AS ${w.quote('updated')},
       SUM(CASE WHEN ${deleted} = ${w.true} THEN 1 ELSE 0 END) AS ${w.quote('deleted')}
FROM ${psg} AS p
LEFT OUTER JOIN (SELECT DISTINCT ${keyList} FROM ${psg} WHERE ${w.quote(META.batchId)} < ${b}) AS o ON ${keys.map((k) => `o.${w.quote(k.name)} = p.${w.quote(k.name)}`).join(' AND ')}
WHERE p.${w.quote(META.batchId)} = ${b}`;
}

/**
 * Multi Wild Card File loads: a business key staged more than once (the same row in two files)
 * would make two current versions, so the load stops on the first such key instead.
 */
export function duplicateKeysStatement(input: EntitySqlInput): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns).map((k) => w.quote(k.name));
  return sql`SELECT ${keys.join(', ')}, COUNT(*) AS ${w.quote('copies')}
FROM ${tableName(input, 'temp')}
GROUP BY ${keys.join(', ')}
HAVING COUNT(*) > 1`;
}

