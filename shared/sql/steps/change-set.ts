/**
 * The change-set step (Full and Date Range): the staged rows compared with persistent staging by
 * business key and checksum.
 */
import { dialect } from '../dialect.ts';
import { sql, type Statement } from '../statement.ts';
import { META, columnByName, keyColumns, keyIndexStatements, rowHash, tableName, typedColumns, type TypedColumn } from './columns.ts';
import { dateWindow } from './date-window.ts';
import { needsChangeSet, stagingHasOperation, type EntitySqlInput, type ExtractMode, type RunState } from './entity-sql-input.ts';

/**
 * Whether persistent staging holds a current version (deleted ones included) of any key: one row,
 * `present` 1 or 0. Run before the change set, inside the load (and the entity's run lock), so no
 * other run writes a version of this entity between the answer and persist.
 */
export function currentVersionsProbe(input: EntitySqlInput): Statement {
  const w = dialect(input.warehouseDialect);
  // No FROM and no LIMIT/TOP: the one form every warehouse dialect accepts.
  return sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM ${tableName(input, 'psg')} WHERE ${w.quote(META.isCurrent)} = ${w.true}) THEN 1 ELSE 0 END AS ${w.quote('present')}`;
}

/**
 * Full and Date Range: compares the staged rows with the current persistent rows on the business
 * key and checksum, and replaces the staging table with the change set (inserts, updates and,
 * unless deletes are not tracked, deletes — for Date Range only inside the window), each new or
 * changed row with its checksum, which persist stores as it is.
 */
export function deltaStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode, persistentEmpty = false): Statement[] {
  // With no current version to compare with, every staged row is an insert: persist reads them
  // from the staging table as they are, and copying them into a change set first is wasted work.
  if (!needsChangeSet(mode) || persistentEmpty) return [];
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const attributes = columns.filter((c) => !keys.includes(c));
  const temp = tableName(input, 'temp');
  const psg = tableName(input, 'psg');
  const delta = tableName(input, 'temp', '_delta');
  const q = (alias: string, column: TypedColumn): string => `${alias}.${w.quote(column.name)}`;
  const op = w.quote(META.operation);
  const on = keys.map((k) => `s.${w.quote(k.name)} = p.${w.quote(k.name)}`).join(' AND ');
  const firstKey = keys[0]!;

  let window = sql``;
  const pattern = input.extract.pattern;
  if (mode === 'dateRange' && pattern.kind === 'dateRange') {
    const column = columnByName(columns, pattern.column, input.entity.name);
    window = sql` AND ${dateWindow(sql`${w.quote(column.name)}`, column.type, pattern.days, state.batchDate)}`;
  }
  const current = sql`(SELECT ${[...keys.map((k) => w.quote(k.name)), w.quote(META.rowHash)].join(', ')} FROM ${psg} WHERE ${w.quote(META.isCurrent)} = ${w.true} AND ${w.quote(META.isDeleted)} = ${w.false}${window})`;
  // Each staged row is hashed once, here; the change set keeps the hash for persist.
  const hash = w.quote(META.rowHash);
  // Rows the source marked deleted (soft delete) are compared as if the extract had not delivered them.
  const soft = stagingHasOperation(input, mode);
  const live = soft ? ` WHERE s.${op} <> 'D'` : '';
  const staged = `(SELECT s.*, ${rowHash(w, 's', columns)} AS ${hash} FROM ${temp} AS s${live})`;
  const changed = `${q('p', firstKey)} IS NULL OR p.${hash} <> s.${hash}`;
  const trackDeletes = input.entity.persistentStaging.trackDeletes;
  // Without trackDeletes a missing row stays current, but a row marked deleted is still a delete.
  const softDeletes = soft && !trackDeletes
    ? sql`SELECT ${[...columns.map((c) => (keys.includes(c) ? `${q('p', c)} AS ${w.quote(c.name)}` : `NULL AS ${w.quote(c.name)}`)), `NULL AS ${hash}`, `'D' AS ${op}`].join(',\n       ')}
FROM ${current} AS p
WHERE EXISTS (SELECT 1 FROM ${temp} AS s WHERE ${on} AND s.${op} = 'D')`
    : undefined;

  let select: Statement;
  if (w.fullOuterJoin) {
    const list = [
      ...keys.map((k) => `CASE WHEN ${q('s', firstKey)} IS NULL THEN ${q('p', k)} ELSE ${q('s', k)} END AS ${w.quote(k.name)}`),
      ...attributes.map((c) => `${q('s', c)} AS ${w.quote(c.name)}`),
      `s.${hash} AS ${hash}`,
      `CASE WHEN ${q('s', firstKey)} IS NULL THEN 'D' WHEN ${q('p', firstKey)} IS NULL THEN 'I' ELSE 'U' END AS ${op}`,
    ];
    select = sql`SELECT ${list.join(',\n       ')}
FROM ${staged} AS s
FULL OUTER JOIN ${current} AS p ON ${on}
WHERE ${trackDeletes ? `${q('s', firstKey)} IS NULL OR ` : `${q('s', firstKey)} IS NOT NULL AND (`}${changed}${trackDeletes ? '' : ')'}`;
    if (softDeletes) select = sql`${select}\nUNION ALL\n${softDeletes}`;
  } else {
    // Without FULL OUTER JOIN: changed and new rows from one side, deleted keys from the other.
    const upserts = sql`SELECT ${[...columns.map((c) => `${q('s', c)} AS ${w.quote(c.name)}`), `s.${hash} AS ${hash}`, `CASE WHEN ${q('p', firstKey)} IS NULL THEN 'I' ELSE 'U' END AS ${op}`].join(',\n       ')}
FROM ${staged} AS s
LEFT OUTER JOIN ${current} AS p ON ${on}
WHERE ${changed}`;
    const deletes = sql`SELECT ${[...columns.map((c) => (keys.includes(c) ? `${q('p', c)} AS ${w.quote(c.name)}` : `NULL AS ${w.quote(c.name)}`)), `NULL AS ${hash}`, `'D' AS ${op}`].join(',\n       ')}
FROM ${current} AS p
WHERE NOT EXISTS (SELECT 1 FROM ${temp} AS s WHERE ${on}${soft ? ` AND s.${op} <> 'D'` : ''})`;
    select = trackDeletes ? sql`${upserts}\nUNION ALL\n${deletes}` : softDeletes ? sql`${upserts}\nUNION ALL\n${softDeletes}` : upserts;
  }
  return [
    sql`${w.dropTableIfExists(delta)}`,
    w.createTableAs(delta, select, input.entity.distribution, true),
    sql`${w.dropTableIfExists(temp)}`,
    sql`${w.renameTable(delta, 'temp', input.entity.name)}`,
    ...keyIndexStatements(input, 'temp', false),
    // Persist joins the change set with persistent staging: the planner should know how few rows it holds.
    ...(w.analyzeTable ? [sql`${w.analyzeTable(temp, [...keys.map((k) => w.quote(k.name)), op])}`] : []),
  ];
}

