/** The persist step: persistent staging versions and the watermark save, in one transaction. */
import { dialect } from '../dialect.ts';
import { bind, sql, type Statement } from '../statement.ts';
import { CHANGE_TRACKING_PARAMETER, CONTROL_TABLE, HASH_SCHEME_TABLE, META, columnByName, dropKeyIndexStatements, keyColumns, keyIndexStatements, rowHash, tableName, typedColumns } from './columns.ts';
import { needsChangeSet, stagingHasOperation, type EntitySqlInput, type ExtractMode, type RunState } from './entity-sql-input.ts';
import { ledgerStatement, runLogStatements, valueQuery, type MetricsWatermark } from './run-log.ts';
import { hashScheme, recordModelStatements } from './migrate.ts';

/**
 * Applies the change set to persistent staging and saves the new watermark, in one transaction:
 * closes current versions that changed or were deleted, writes a deleted version for deletes and
 * a new current version for new and changed rows. A row whose checksum equals its current
 * version makes no new version, so the same change set applied twice changes nothing.
 */
export function persistStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode, persistentEmpty = false): Statement[] {
  // Only a compared extract skips its change set; the others' staging is the change set already.
  const fresh = persistentEmpty && needsChangeSet(mode);
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const temp = tableName(input, 'temp');
  const psg = tableName(input, 'psg');
  // The change set and the staged rows of a change tracking or soft delete extract flag each row's operation.
  const hasOperation = needsChangeSet(mode) || stagingHasOperation(input, mode);
  // Rows missing from an extract are deletes only with trackDeletes; rows the source marked deleted always are.
  const trackDeletes = input.entity.persistentStaging.trackDeletes || input.entity.softDelete !== undefined;
  const op = `c.${w.quote(META.operation)}`;
  const t = bind({ type: 'datetime', value: state.batchTime });
  const b = bind({ type: 'integer', value: state.batchId });
  const keyMatch = (left: string, right: string): string => keys.map((k) => `${left}.${w.quote(k.name)} = ${right}.${w.quote(k.name)}`).join(' AND ');
  const names = columns.map((c) => w.quote(c.name));
  const metaNames = [META.rowHash, META.validFrom, META.validTo, META.isCurrent, META.isDeleted, META.batchId].map((n) => w.quote(n));
  const pCol = (name: string): string => `p.${w.quote(name)}`;
  // The close UPDATE names its target the dialect's way (Synapse's UPDATE takes no alias).
  const target = w.updateTargetName?.('p', psg) ?? 'p';
  const tCol = (name: string): string => `${target}.${w.quote(name)}`;
  const isDelete = `${op} = 'D'`;

  // The change set hashed each of its rows already; the other extracts' rows, and the staged rows
  // inserted as they are into persistent staging with no current version, are hashed here.
  const stagedHash = needsChangeSet(mode) && !fresh ? `c.${w.quote(META.rowHash)}` : rowHash(w, 'c', columns);
  const changedCondition = `${tCol(META.isDeleted)} = ${w.true} OR ${tCol(META.rowHash)} <> ${stagedHash}`;
  const closeWhen = hasOperation
    ? trackDeletes
      ? `(${isDelete} AND ${tCol(META.isDeleted)} = ${w.false}) OR (${op} <> 'D' AND (${changedCondition}))`
      : `${op} <> 'D' AND (${changedCondition})`
    : changedCondition;

  if (fresh) {
    // No current version (the change set's probe found none): nothing to close or delete, and
    // every staged row is a new key, so the staged rows become current versions as they are. The
    // key index, where the dialect would rather build it than maintain it, is built after the
    // insert; and the planner learns the table's new keys before the next run joins on them (with
    // none, it took each change-set key to match 50 versions and hashed them all to close 1%).
    return [
      sql`${w.beginTransaction}`,
      ...rehashStatements(input, state),
      ...dropKeyIndexStatements(input, 'psg', true),
      sql`INSERT INTO ${psg} (${[...names, ...metaNames].join(', ')})
SELECT ${[...columns.map((c) => `c.${w.quote(c.name)}`), stagedHash].join(', ')}, ${t}, NULL, ${w.true}, ${w.false}, ${b}
FROM ${temp} AS c${stagingHasOperation(input, mode) ? `\nWHERE ${op} <> 'D'` : ''}`,
      ...(dropKeyIndexStatements(input, 'psg', true).length ? keyIndexStatements(input, 'psg', true) : []),
      ...(w.analyzeTable ? [sql`${w.analyzeTable(psg, [...keys.map((k) => w.quote(k.name)), w.quote(META.isCurrent)])}`] : []),
      ...watermarkStatements(input, state, mode),
      ...metricsStatements(input, state, mode),
      ...recordModelStatements(input, state),
      sql`${w.commit}`,
    ];
  }
  const close = sql`${w.quote(META.validTo)} = ${t}, ${w.quote(META.isCurrent)} = ${w.false}`;
  const statements: Statement[] = [
    sql`${w.beginTransaction}`,
    ...(w.persistSettings ?? []).map((setting) => sql`${setting}`),
    ...rehashStatements(input, state),
    // Either form closes a version when any staged row of its key meets the condition (the SET
    // reads nothing from the staged row, so a key staged twice changes nothing).
    w.updateFrom
      ? w.updateFrom(psg, target, temp, 'c', close, sql`${keyMatch('c', target)} AND ${tCol(META.isCurrent)} = ${w.true}\n  AND (${closeWhen})`)
      : w.updateAliased(
        psg, target, close,
        sql`${tCol(META.isCurrent)} = ${w.true}\n  AND EXISTS (SELECT 1 FROM ${temp} AS c WHERE ${keyMatch('c', target)}\n    AND (${closeWhen}))`,
      ),
  ];
  if (hasOperation && trackDeletes) {
    statements.push(sql`INSERT INTO ${psg} (${[...names, ...metaNames].join(', ')})
SELECT ${[...columns.map((c) => pCol(c.name)), pCol(META.rowHash)].join(', ')}, ${t}, NULL, ${w.true}, ${w.true}, ${b}
FROM ${psg} AS p
WHERE ${pCol(META.validTo)} = ${t} AND ${pCol(META.isCurrent)} = ${w.false} AND ${pCol(META.isDeleted)} = ${w.false}
  AND EXISTS (SELECT 1 FROM ${temp} AS c WHERE ${keyMatch('c', 'p')} AND ${isDelete})
  AND NOT EXISTS (SELECT 1 FROM ${psg} AS n WHERE ${keyMatch('n', 'p')} AND n.${w.quote(META.isCurrent)} = ${w.true})`);
  }
  statements.push(sql`INSERT INTO ${psg} (${[...names, ...metaNames].join(', ')})
SELECT ${[...columns.map((c) => `c.${w.quote(c.name)}`), stagedHash].join(', ')}, ${t}, NULL, ${w.true}, ${w.false}, ${b}
FROM ${temp} AS c
WHERE ${hasOperation ? `${op} <> 'D' AND ` : ''}NOT EXISTS (SELECT 1 FROM ${psg} AS p WHERE ${keyMatch('p', 'c')} AND ${pCol(META.isCurrent)} = ${w.true})`);
  statements.push(...watermarkStatements(input, state, mode));
  statements.push(...metricsStatements(input, state, mode));
  statements.push(...recordModelStatements(input, state));
  statements.push(sql`${w.commit}`);
  return statements;
}

/**
 * Persistent staging written under another row-hash scheme (an older Landfall, another DuckDB
 * release, other hashed columns: one added, removed, renamed or widened) would make every row look changed: its current rows get their hash computed again
 * the current way, and the scheme is recorded, in the persist transaction and before the
 * comparisons. The change set made before may then list unchanged rows as updates; the close
 * and insert below compare the hashes again, so they make no new version. Nothing is rewritten
 * while the recorded scheme is the current one.
 */
function rehashStatements(input: EntitySqlInput, state: RunState): Statement[] {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const psg = tableName(input, 'psg');
  const schemes = w.table('zdm', HASH_SCHEME_TABLE);
  const entity = bind({ type: 'text', value: input.entity.name });
  const entityIs = sql`${w.quote('entity')} = ${entity}`;
  const scheme = hashScheme(input);
  const target = w.updateTargetName?.('p', psg) ?? 'p';
  return [
    w.updateAliased(
      psg, target,
      sql`${w.quote(META.rowHash)} = ${rowHash(w, target, columns)}`,
      sql`${target}.${w.quote(META.isCurrent)} = ${w.true}
  AND NOT EXISTS (SELECT 1 FROM ${schemes} AS h WHERE h.${entityIs} AND h.${w.quote('scheme')} = ${scheme})`,
    ),
    sql`DELETE FROM ${schemes} WHERE ${entityIs}`,
    sql`INSERT INTO ${schemes} (${w.quote('entity')}, ${w.quote('scheme')}, ${w.quote('updated_at')})\nVALUES (${entity}, ${scheme}, ${bind({ type: 'datetime', value: state.batchTime })})`,
  ];
}

/** Saves the new watermark (the highest change identifier in persistent staging) or CT version. */
function watermarkStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode): Statement[] {
  const w = dialect(input.warehouseDialect);
  const control = w.table('zdm', CONTROL_TABLE);
  const entity = bind({ type: 'text', value: input.entity.name });
  const now = bind({ type: 'datetime', value: state.batchTime });
  const save = (parameter: string, value: Statement, guard: Statement | undefined, old: string | undefined, saved: Statement): Statement[] => {
    const p = bind({ type: 'text', value: parameter });
    const whereGuard = guard ? sql` AND EXISTS (${guard})` : sql``;
    return [
      sql`DELETE FROM ${control} WHERE ${w.quote('entity')} = ${entity} AND ${w.quote('parameter')} = ${p}${whereGuard}`,
      guard
        ? sql`INSERT INTO ${control} (${w.quote('entity')}, ${w.quote('parameter')}, ${w.quote('value')}, ${w.quote('updated_at')})\nSELECT ${entity}, ${p}, v.${w.quote('value')}, ${now} FROM (${value}) AS v`
        : sql`INSERT INTO ${control} (${w.quote('entity')}, ${w.quote('parameter')}, ${w.quote('value')}, ${w.quote('updated_at')})\nVALUES (${entity}, ${p}, ${value}, ${now})`,
      // After the save, so it waits on nothing the save did not: the old value is the one the run read.
      ledgerStatement(input, state, parameter, old, saved, 'run'),
    ];
  };
  const pattern = input.extract.pattern;
  if (pattern.kind === 'incremental') {
    const columns = typedColumns(input.entity);
    const psg = tableName(input, 'psg');
    return pattern.changeColumns.flatMap((change) => {
      const column = columnByName(columns, change.column, input.entity.name);
      const ref = w.quote(column.name);
      const max = sql`SELECT ${w.watermarkText(`MAX(${ref})`, column.type)} AS ${w.quote('value')} FROM ${psg} HAVING MAX(${ref}) IS NOT NULL`;
      return save(change.column, max, max, state.watermarks[change.column], max);
    });
  }
  if (pattern.kind === 'changeTracking' && state.changeTracking && mode !== 'files') {
    const current = state.changeTracking.current;
    return save(CHANGE_TRACKING_PARAMETER, bind({ type: 'text', value: current }), undefined, state.changeTracking.saved, valueQuery(input, current));
  }
  return [];
}

/** The watermarks the metrics rows follow: every change column, or the change tracking version. */
function metricsWatermarks(input: EntitySqlInput, state: RunState, mode: ExtractMode): MetricsWatermark[] {
  const pattern = input.extract.pattern;
  if (pattern.kind === 'incremental') return pattern.changeColumns.map(({ column }) => ({ parameter: column, before: state.watermarks[column] }));
  if (pattern.kind === 'changeTracking' && mode !== 'files') return [{ parameter: CHANGE_TRACKING_PARAMETER, before: state.changeTracking?.saved }];
  return [];
}

/** The run's metrics rows, when the run measured them (a preview shows sample ones). */
function metricsStatements(input: EntitySqlInput, state: RunState, mode: ExtractMode): Statement[] {
  if (!state.metrics) return [];
  return runLogStatements(input, state, mode, state.metrics.load, metricsWatermarks(input, state, mode), state.metrics.runRow);
}

