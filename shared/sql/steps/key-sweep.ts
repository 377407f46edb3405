/**
 * The key sweep (Incremental and Change Tracking): on its schedule the run also extracts only the
 * source's business keys — one narrow query, landed and staged like any file set, into
 * `temp.<entity>__keys` — and persist marks deleted every current row whose key is gone, in the
 * load's transaction. The runs since the last sweep are counted in `zdm.control_parameters`.
 */
import type { KeySweepSchedule, Weekday } from '../../model/delete-detection.ts';
import { WEEKDAYS } from '../../model/delete-detection.ts';
import { dialect } from '../dialect.ts';
import { bind, sql, type Statement } from '../statement.ts';
import { CONTROL_TABLE, META, keyColumns, tableName, typedColumns } from './columns.ts';
import type { EntitySqlInput, ExtractMode, RunState } from './entity-sql-input.ts';

/** The control parameter counting the runs since the last sweep. */
export const SWEEP_PARAMETER = 'key_sweep_runs';
/** The keys entity's name suffix: its files land in `<entity>__keys/`, its staging table is `temp.<entity>__keys`. */
export const KEYS_SUFFIX = '__keys';

/** The weekday of a YYYY-MM-DD date (UTC, so the answer is the same on every machine). */
function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** Whether the schedule calls for a sweep on this run, given the runs counted since the last one. */
export function sweepDue(schedule: KeySweepSchedule, batchDate: string, runsSince: number): boolean {
  switch (schedule.kind) {
    case 'everyRun': return true;
    case 'everyNRuns': return runsSince + 1 >= schedule.runs;
    case 'weekday': return weekdayOf(batchDate) === schedule.day;
  }
}

/** Runs since the last sweep, as saved (0 when none is). */
export function runsSinceSweep(state: RunState): number {
  const saved = Number(state.watermarks[SWEEP_PARAMETER] ?? '0');
  return Number.isInteger(saved) && saved >= 0 ? saved : 0;
}

/** Whether this run sweeps: an entity with a sweep, an extract of changes only, and the schedule due. */
export function sweeps(input: EntitySqlInput, state: RunState, mode: ExtractMode): boolean {
  const sweep = input.entity.keySweep;
  return sweep !== undefined && (mode === 'incremental' || mode === 'changes') && sweepDue(sweep.schedule, state.batchDate, runsSinceSweep(state));
}

/**
 * The keys "entity": the business key columns only, read as a Full extract of the same source
 * (mappings and all), so every builder — extract, stage — works on it unchanged.
 */
export function keysInput(input: EntitySqlInput): EntitySqlInput {
  const { entity, extract } = input;
  const keys = new Set(entity.businessKey.map((k) => k.toLowerCase()));
  return {
    ...input,
    ...(extract.pattern.kind === 'changeTracking' && input.sourceDialect ? { sourceDialect: 'tsql' as const } : {}),
    entity: {
      name: `${entity.name}${KEYS_SUFFIX}`,
      columns: entity.columns.filter((c) => keys.has(c.name.toLowerCase())),
      businessKey: entity.businessKey,
      warehouse: entity.warehouse,
      persistentStaging: entity.persistentStaging,
      duplicateKeys: { policy: 'fail' },
    },
    extract: { ...extract, entity: `${entity.name}${KEYS_SUFFIX}`, pattern: { kind: 'full' }, parallelReads: 1 },
  };
}

/** The keys staging table, as the change set's checks and persist refer to it. */
export function sweptKeysTable(input: EntitySqlInput): string {
  return tableName(input, 'temp', KEYS_SUFFIX);
}

/**
 * In persist, before the watermark: current rows whose key the source no longer has (nor the
 * staged rows, which a change after the keys were read may have brought) are closed, and a
 * delete version of each is written.
 */
export function sweepStatements(input: EntitySqlInput, state: RunState): Statement[] {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const psg = tableName(input, 'psg');
  const temp = tableName(input, 'temp');
  const swept = sweptKeysTable(input);
  const t = bind({ type: 'datetime', value: state.batchTime });
  const b = bind({ type: 'integer', value: state.batchId });
  const match = (a: string, o: string): string => keys.map((k) => `${a}.${w.quote(k.name)} = ${o}.${w.quote(k.name)}`).join(' AND ');
  const gone = (alias: string): string => `NOT EXISTS (SELECT 1 FROM ${swept} AS k WHERE ${match('k', alias)})\n  AND NOT EXISTS (SELECT 1 FROM ${temp} AS c WHERE ${match('c', alias)})`;
  const names = [...columns.map((c) => w.quote(c.name)), ...[META.rowHash, META.validFrom, META.validTo, META.isCurrent, META.isDeleted, META.batchId].map((n) => w.quote(n))];
  const p = (name: string): string => `p.${w.quote(name)}`;
  return [
    w.updateAliased(
      psg, 'p',
      sql`${w.quote(META.validTo)} = ${t}, ${w.quote(META.isCurrent)} = ${w.false}`,
      sql`${p(META.isCurrent)} = ${w.true} AND ${p(META.isDeleted)} = ${w.false}\n  AND ${gone('p')}`,
    ),
    sql`INSERT INTO ${psg} (${names.join(', ')})
SELECT ${[...columns.map((c) => p(c.name)), p(META.rowHash)].join(', ')}, ${t}, NULL, ${w.true}, ${w.true}, ${b}
FROM ${psg} AS p
WHERE ${p(META.validTo)} = ${t} AND ${p(META.isCurrent)} = ${w.false} AND ${p(META.isDeleted)} = ${w.false}
  AND ${gone('p')}
  AND NOT EXISTS (SELECT 1 FROM ${psg} AS n WHERE ${match('n', 'p')} AND n.${w.quote(META.isCurrent)} = ${w.true})`,
  ];
}

/** Saves the runs since the last sweep: 0 after a sweep, one more otherwise (only for an every-N-runs schedule). */
export function sweepCountStatements(input: EntitySqlInput, state: RunState, swept: boolean): Statement[] {
  if (input.entity.keySweep?.schedule.kind !== 'everyNRuns') return [];
  const w = dialect(input.warehouseDialect);
  const control = w.table('zdm', CONTROL_TABLE);
  const entity = bind({ type: 'text', value: input.entity.name });
  const parameter = bind({ type: 'text', value: SWEEP_PARAMETER });
  const value = bind({ type: 'text', value: String(swept ? 0 : runsSinceSweep(state) + 1) });
  return [
    sql`DELETE FROM ${control} WHERE ${w.quote('entity')} = ${entity} AND ${w.quote('parameter')} = ${parameter}`,
    sql`INSERT INTO ${control} (${w.quote('entity')}, ${w.quote('parameter')}, ${w.quote('value')}, ${w.quote('updated_at')})\nVALUES (${entity}, ${parameter}, ${value}, ${bind({ type: 'datetime', value: state.batchTime })})`,
  ];
}
