/** Queries run on the staged rows and after the load: repeated business keys, and the batch's counts. */
import { dialect } from '../dialect.ts';
import { bind, sql, type Statement } from '../statement.ts';
import { META, columnByName, keyColumns, keyIndexStatements, tableName, typedColumns } from './columns.ts';
import { stagingHasOperation, type EntitySqlInput, type ExtractMode, type RunState } from './entity-sql-input.ts';

/**
 * What a batch wrote to persistent staging: new keys, new versions of known keys and deletions,
 * counted after the persist transaction for the run's result. `persistentEmpty`: persist found no
 * current version and inserted every staged row as a new key (see `persistStatements`), so there
 * are no older versions to look for.
 */
export function batchCountsStatement(input: EntitySqlInput, state: RunState, persistentEmpty = false): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const psg = tableName(input, 'psg');
  const deleted = `p.${w.quote(META.isDeleted)}`;
  const b = bind({ type: 'integer', value: state.batchId });
  const batch = `p.${w.quote(META.batchId)}`;
  if (persistentEmpty) {
    // One count of the batch's rows: the join below scanned every version twice to find none older.
    return sql`SELECT COUNT(*) AS ${w.quote('inserted')}, 0 AS ${w.quote('updated')}, 0 AS ${w.quote('deleted')}
FROM ${psg} AS p
WHERE ${batch} = ${b}`;
  }
  if (w.olderVersionsByKeyProbe) {
    // One scan of the batch's rows; each one written probes the key index for an older version.
    const older = sql`EXISTS (SELECT 1 FROM ${psg} AS o WHERE ${keys.map((k) => `o.${w.quote(k.name)} = p.${w.quote(k.name)}`).join(' AND ')} AND o.${w.quote(META.batchId)} < ${b})`;
    return sql`SELECT n.${w.quote('written')} - n.${w.quote('updated')} AS ${w.quote('inserted')}, n.${w.quote('updated')} AS ${w.quote('updated')}, n.${w.quote('deleted')} AS ${w.quote('deleted')}
FROM (SELECT COUNT(CASE WHEN ${deleted} = ${w.false} THEN 1 END) AS ${w.quote('written')},
             COUNT(CASE WHEN ${deleted} = ${w.false} AND ${older} THEN 1 END) AS ${w.quote('updated')},
             COUNT(CASE WHEN ${deleted} = ${w.true} THEN 1 END) AS ${w.quote('deleted')}
      FROM ${psg} AS p
      WHERE ${batch} = ${b}) AS n`;
  }
  // Keys with versions from earlier batches, joined once: a correlated EXISTS inside CASE runs once
  // per row on PostgreSQL and MariaDB (quadratic on a large batch).
  const keyList = keys.map((k) => w.quote(k.name)).join(', ');
  const older = `o.${w.quote(keys[0]!.name)}`;
  return sql`SELECT SUM(CASE WHEN ${deleted} = ${w.false} AND ${older} IS NULL THEN 1 ELSE 0 END) AS ${w.quote('inserted')},
       SUM(CASE WHEN ${deleted} = ${w.false} AND ${older} IS NOT NULL THEN 1 ELSE 0 END) AS ${w.quote('updated')},
       SUM(CASE WHEN ${deleted} = ${w.true} THEN 1 ELSE 0 END) AS ${w.quote('deleted')}
FROM ${psg} AS p
LEFT OUTER JOIN (SELECT DISTINCT ${keyList} FROM ${psg} WHERE ${w.quote(META.batchId)} < ${b}) AS o ON ${keys.map((k) => `o.${w.quote(k.name)} = p.${w.quote(k.name)}`).join(' AND ')}
WHERE ${batch} = ${b}`;
}

/**
 * A business key staged more than once (the same key twice in a source, the same row in two
 * files) would make two current versions, so the load stops on the first such key instead; with
 * `ties`, the keys whose rows also share the keepLast order value.
 */
export function duplicateKeysStatement(input: EntitySqlInput, ties = false): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns).map((k) => w.quote(k.name));
  // With keepLast, a tie on the order column is what stays ambiguous.
  const policy = input.entity.duplicateKeys;
  const group = ties && policy.policy === 'keepLast' ? [...keys, w.quote(columnByName(columns, policy.orderBy, input.entity.name).name)] : keys;
  const temp = tableName(input, 'temp');
  const staged = w.sortedKeyGroups ? `(SELECT ${group.join(', ')} FROM ${temp} ORDER BY ${group.join(', ')}) AS s` : temp;
  return sql`SELECT ${group.join(', ')}, COUNT(*) AS ${w.quote('copies')}
FROM ${staged}
GROUP BY ${group.join(', ')}
HAVING COUNT(*) > 1`;
}

/**
 * keepLast: the staging table replaced by one row per business key, the one with the highest
 * order value (ties were refused before), through the same create-as / rename the change set uses.
 */
export function keepLastStatements(input: EntitySqlInput, mode: ExtractMode): Statement[] {
  const policy = input.entity.duplicateKeys;
  if (policy.policy !== 'keepLast') return [];
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const order = columnByName(columns, policy.orderBy, input.entity.name);
  const temp = tableName(input, 'temp');
  const deduped = tableName(input, 'temp', '_delta');
  const names = [...columns.map((c) => w.quote(c.name)), ...(stagingHasOperation(input, mode) ? [w.quote(META.operation)] : [])];
  const on = keys.map((k) => `n.${w.quote(k.name)} = s.${w.quote(k.name)}`).join(' AND ');
  const select = sql`SELECT ${names.map((n) => `s.${n}`).join(', ')}
FROM ${temp} AS s
WHERE NOT EXISTS (SELECT 1 FROM ${temp} AS n WHERE ${on} AND n.${w.quote(order.name)} > s.${w.quote(order.name)})`;
  return [
    sql`${w.dropTableIfExists(deduped)}`,
    w.createTableAs(deduped, select, input.entity.distribution, true),
    sql`${w.dropTableIfExists(temp)}`,
    sql`${w.renameTable(deduped, 'temp', input.entity.name)}`,
    ...keyIndexStatements(input, 'temp', false),
  ];
}

