/**
 * The warehouse's own record of runs, for deployments with no designer: the watermark ledger
 * (`zdm.control_parameter_history`, every change of a saved watermark or change tracking version,
 * by a run or a person) and the run metrics (`zdm.run_log`, one row per run and warehouse;
 * `zdm.entity_run_log`, one row per entity run), all written in the entity's load transaction.
 */
import type { LoadMetrics } from '../../run-metrics.ts';
import { dialect, type Dialect } from '../dialect.ts';
import { bind, join, sql, type Statement } from '../statement.ts';
import { CONTROL_TABLE, META, tableName } from './columns.ts';
import type { EntitySqlInput, RunState } from './entity-sql-input.ts';

export const LEDGER_TABLE = 'control_parameter_history';
export const RUN_LOG_TABLE = 'run_log';
export const ENTITY_RUN_LOG_TABLE = 'entity_run_log';
/** One row per saved parameter of an entity run: every change column of an Incremental extract, not only the first. */
export const WATERMARK_LOG_TABLE = 'entity_run_watermarks';

/** Who changed a saved parameter: a run (`run`) or a person (`person:<name>`). */
export type ChangedBy = 'run' | `person:${string}`;

const text = (value: string): Statement => bind({ type: 'text', value });
const nullableText = (value: string | undefined | null): Statement => (value === undefined || value === null ? bind({ type: 'null' }) : text(value));
const integer = (value: number): Statement => bind({ type: 'integer', value: BigInt(Math.round(value)) });

/** The four tables, created if missing (with the load's setup). */
export function runLogSetupStatements(input: EntitySqlInput): Statement[] {
  const w = dialect(input.warehouseDialect);
  const body = (columns: readonly (readonly [string, string, boolean])[], key: readonly string[]): string => [
    ...columns.map(([name, type, nullable]) => `  ${w.quote(name)} ${type}${nullable ? ' NULL' : ' NOT NULL'}`),
    ...(w.primaryKeys && key.length ? [`  PRIMARY KEY (${key.map((k) => w.quote(k)).join(', ')})`] : []),
  ].join(',\n');
  const t = w.controlTextType;
  const time = w.controlTimeType;
  const count = 'BIGINT';
  const skew = w.columnType({ kind: 'decimal', precision: 12, scale: 2 });
  const options = w.tableOptions('control', input.entity.distribution);
  return [
    sql`${w.createTableIfMissing(w.table('zdm', LEDGER_TABLE), body([
      ['entity', t, false], ['parameter', t, false], ['old_value', t, true], ['new_value', t, true],
      ['run_id', t, true], ['changed_at', time, false], ['changed_by', t, false],
    ], []), options)}`,
    sql`${w.createTableIfMissing(w.table('zdm', RUN_LOG_TABLE), body([
      ['run_id', t, false], ['batch_id', count, false], ['batch_date', t, false], ['started_at', time, false],
    ], ['run_id']), options)}`,
    sql`${w.createTableIfMissing(w.table('zdm', ENTITY_RUN_LOG_TABLE), body([
      ['run_id', t, false], ['entity', t, false], ['batch_id', count, false], ['started_at', time, false], ['mode', t, false],
      ['rows_read', count, false], ['rows_written', count, false], ['rows_per_second', count, false],
      ['bytes_landed', count, false], ['files', count, false],
      ['file_bytes_min', count, false], ['file_bytes_median', count, false], ['file_bytes_max', count, false],
      ['small_files', count, false], ['small_file_bytes', count, false], ['skew', skew, false],
      ['extract_ms', count, false], ['land_ms', count, false], ['stage_ms', count, false], ['change_set_ms', count, false],
      ['watermark_parameter', t, true], ['watermark_before', t, true], ['watermark_after', t, true],
      ['previous_success_at', time, true],
    ], ['run_id', 'entity']), options)}`,
    sql`${w.createTableIfMissing(w.table('zdm', WATERMARK_LOG_TABLE), body([
      ['run_id', t, false], ['entity', t, false], ['parameter', t, false], ['watermark_before', t, true], ['watermark_after', t, true],
    ], ['run_id', 'entity', 'parameter']), options)}`,
  ];
}

/**
 * A ledger row for a parameter the statements before it have just saved, when its value changed:
 * `value` is a query of one column `value` (no row: nothing saved, nothing recorded), `old` the
 * value the run read before extracting (the run lock keeps anyone else from changing it since).
 */
export function ledgerStatement(input: EntitySqlInput, state: RunState, parameter: string, old: string | undefined, value: Statement, by: ChangedBy): Statement {
  const w = dialect(input.warehouseDialect);
  const v = `v.${w.quote('value')}`;
  const changed = old === undefined ? sql`${v} IS NOT NULL` : sql`(${v} IS NULL OR ${v} <> ${text(old)})`;
  return sql`INSERT INTO ${w.table('zdm', LEDGER_TABLE)} (${ledgerColumns(w)})
SELECT ${text(input.entity.name)}, ${text(parameter)}, ${nullableText(old)}, ${v}, ${text(state.runId)}, ${bind({ type: 'datetime', value: state.batchTime })}, ${text(by)}
FROM (${value}) AS v
WHERE ${changed}`;
}

const ledgerColumns = (w: Dialect): string => ['entity', 'parameter', 'old_value', 'new_value', 'run_id', 'changed_at', 'changed_by'].map((c) => w.quote(c)).join(', ');

/** The one-row query of a literal value, for a ledger row of a value known up front. */
export function valueQuery(input: EntitySqlInput, value: string | null): Statement {
  return sql`SELECT ${nullableText(value)} AS ${dialect(input.warehouseDialect).quote('value')}`;
}

/** Where a run's ledger row comes from when a person sets a parameter: the statements of `landfall state set` / `rollback`. */
export interface StateChange {
  readonly parameter: string;
  /** The new value; null removes the saved value (the next run extracts every row). */
  readonly value: string | null;
  /** The value read before (the ledger's old value). */
  readonly old: string | undefined;
  /** The run a rollback goes back to, recorded in the ledger's run_id. */
  readonly runId: string | undefined;
  readonly at: string;
  readonly by: `person:${string}`;
}

/**
 * A person's change of a saved parameter, in one transaction: the control row replaced (or
 * removed) and the ledger row, so the ledger never misses a change.
 */
export function stateChangeStatements(input: EntitySqlInput, change: StateChange): Statement[] {
  const w = dialect(input.warehouseDialect);
  const control = w.table('zdm', CONTROL_TABLE);
  const entity = text(input.entity.name);
  const p = text(change.parameter);
  const at = bind({ type: 'datetime', value: change.at });
  return [
    sql`${w.beginTransaction}`,
    sql`DELETE FROM ${control} WHERE ${w.quote('entity')} = ${entity} AND ${w.quote('parameter')} = ${p}`,
    ...(change.value === null ? [] : [sql`INSERT INTO ${control} (${w.quote('entity')}, ${w.quote('parameter')}, ${w.quote('value')}, ${w.quote('updated_at')})\nVALUES (${entity}, ${p}, ${text(change.value)}, ${at})`]),
    sql`INSERT INTO ${w.table('zdm', LEDGER_TABLE)} (${ledgerColumns(w)})
VALUES (${entity}, ${p}, ${nullableText(change.old)}, ${nullableText(change.value)}, ${nullableText(change.runId)}, ${at}, ${text(change.by)})`,
    sql`${w.commit}`,
  ];
}

/** The ledger of an entity (every entity without one), oldest first. */
export function ledgerQuery(input: { readonly warehouseDialect: EntitySqlInput['warehouseDialect'] }, entity: string | undefined): Statement {
  const w = dialect(input.warehouseDialect);
  const where = entity === undefined ? sql`` : sql` WHERE ${w.quote('entity')} = ${text(entity)}`;
  return sql`SELECT ${ledgerColumns(w)} FROM ${w.table('zdm', LEDGER_TABLE)}${where} ORDER BY ${w.quote('changed_at')}, ${w.quote('entity')}, ${w.quote('parameter')}`;
}

/** A watermark the metrics rows follow: a change column, or the change tracking version. */
export interface MetricsWatermark {
  readonly parameter: string;
  readonly before: string | undefined;
}

/**
 * The run's metrics rows, last in the load transaction: the entity's row (versions written and the
 * first watermark after the save counted by the warehouse itself, the previous success from its own
 * log), a row per watermark (each change column's before and after) and, when `runRow`, the run's
 * row (the engine gives it to one entity at a time per warehouse).
 */
export function runLogStatements(input: EntitySqlInput, state: RunState, mode: string, metrics: LoadMetrics, watermarks: readonly MetricsWatermark[], runRow: boolean): Statement[] {
  const w = dialect(input.warehouseDialect);
  const entity = text(input.entity.name);
  const b = bind({ type: 'integer', value: state.batchId });
  const started = bind({ type: 'datetime', value: state.batchTime });
  const log = w.table('zdm', ENTITY_RUN_LOG_TABLE);
  const control = w.table('zdm', CONTROL_TABLE);
  const columns = [
    'run_id', 'entity', 'batch_id', 'started_at', 'mode', 'rows_read', 'rows_written', 'rows_per_second', 'bytes_landed', 'files',
    'file_bytes_min', 'file_bytes_median', 'file_bytes_max', 'small_files', 'small_file_bytes', 'skew',
    'extract_ms', 'land_ms', 'stage_ms', 'change_set_ms', 'watermark_parameter', 'watermark_before', 'watermark_after', 'previous_success_at',
  ].map((c) => w.quote(c)).join(', ');
  const savedValue = (parameter: string): Statement =>
    sql`(SELECT c.${w.quote('value')} FROM ${control} AS c WHERE c.${w.quote('entity')} = ${entity} AND c.${w.quote('parameter')} = ${text(parameter)})`;
  // The entity's row keeps the first watermark in its own columns, as before the per-watermark rows.
  const [watermark] = watermarks;
  const after = watermark ? savedValue(watermark.parameter) : bind({ type: 'null' });
  const watermarkColumns = ['run_id', 'entity', 'parameter', 'watermark_before', 'watermark_after'].map((c) => w.quote(c)).join(', ');
  const values = [
    text(state.runId), entity, b, started, text(mode),
    integer(metrics.rowsRead),
    sql`(SELECT COUNT(*) FROM ${tableName(input, 'psg')} AS p WHERE p.${w.quote(META.batchId)} = ${b})`,
    integer(metrics.rowsPerSecond), integer(metrics.bytesLanded), integer(metrics.files),
    integer(metrics.fileBytesMin), integer(metrics.fileBytesMedian), integer(metrics.fileBytesMax),
    integer(metrics.smallFiles), integer(metrics.smallFileBytes), bind({ type: 'decimal', value: metrics.skew.toFixed(2) }),
    integer(metrics.steps.extract), integer(metrics.steps.land), integer(metrics.steps.stage), integer(metrics.steps.changeSet),
    nullableText(watermark?.parameter), nullableText(watermark?.before), after,
    sql`(SELECT MAX(l.${w.quote('started_at')}) FROM ${log} AS l WHERE l.${w.quote('entity')} = ${entity})`,
  ];
  return [
    sql`INSERT INTO ${log} (${columns})\nSELECT ${join(values, ', ')}`,
    ...watermarks.map((m) => sql`INSERT INTO ${w.table('zdm', WATERMARK_LOG_TABLE)} (${watermarkColumns})\nSELECT ${join([text(state.runId), entity, text(m.parameter), nullableText(m.before), savedValue(m.parameter)], ', ')}`),
    ...(runRow
      ? [sql`INSERT INTO ${w.table('zdm', RUN_LOG_TABLE)} (${['run_id', 'batch_id', 'batch_date', 'started_at'].map((c) => w.quote(c)).join(', ')})\nVALUES (${text(state.runId)}, ${b}, ${text(state.batchDate)}, ${started})`]
      : []),
  ];
}
