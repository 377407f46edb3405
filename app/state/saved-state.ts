/**
 * An entity's saved watermarks and change tracking versions as the warehouse holds
 * them, with their ledger (`zdm.control_parameter_history`), and a person's change of them —
 * `state set` and `state rollback --to-run` — made under the entity's run lock (refused while the
 * entity is being run) and recorded in the ledger in the same transaction as the change. The
 * `landfall state` commands and the designer's ledger channels both call these.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { LedgerChange, LedgerEntry, LedgerView } from '../../shared/ipc/contract.ts';
import type { JobEntity, JobSpec } from '../../shared/protocol/engine.ts';
import { parseColumnType } from '../../shared/model/column-type.ts';
import { planSubject, sqlInput } from '../../shared/plan/run-plan.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { bind, sql } from '../../shared/sql/statement.ts';
import { CHANGE_TRACKING_PARAMETER, CONTROL_TABLE } from '../../shared/sql/steps/columns.ts';
import { readStateStatement } from '../../shared/sql/steps/extract.ts';
import type { EntitySqlInput } from '../../shared/sql/steps/entity-sql-input.ts';
import { ENTITY_RUN_LOG_TABLE, LEDGER_TABLE, ledgerQuery, runLogSetupStatements, stateChangeStatements } from '../../shared/sql/steps/run-log.ts';
import { openWarehouse, warehouseExists } from '../../engine/connections.ts';
import { acquireRunLock, LockHeld } from '../../engine/run-lock.ts';
import type { Warehouse } from '../../engine/warehouse/warehouse.ts';

/** A change or read refused, with the reason the user reads. */
export class StateRefused extends Error {
  override readonly name = 'StateRefused';
}

/** One row of the ledger, with the entity it belongs to. */
export type LedgerRow = LedgerEntry & { readonly entity: string };

/** An entity's saved state: its current values and their history (what the designer shows, too). */
export type EntityState = LedgerView;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value));

function inputOf(spec: JobSpec, job: JobEntity): EntitySqlInput {
  return sqlInput(planSubject({ entities: [job.entity], extracts: [job.extract], connections: spec.connections, parameters: spec.parameters }, job.entity.name));
}

function warehouseOf(spec: JobSpec, job: JobEntity): JobSpec['connections'][number] {
  const found = spec.connections.find((c) => c.name.toLowerCase() === job.entity.warehouse.toLowerCase());
  if (!found) throw new StateRefused(`entity "${job.entity.name}": its warehouse connection "${job.entity.warehouse}" does not exist`);
  return found;
}

async function tableExists(wh: Warehouse, input: EntitySqlInput, table: string): Promise<boolean> {
  return (await wh.query(dialect(input.warehouseDialect).tableExists('zdm', table))).length > 0;
}

/** Reads an entity's saved values and ledger; none when the warehouse or its tables are not there yet. */
async function readEntityState(spec: JobSpec, job: JobEntity): Promise<EntityState> {
  const connection = warehouseOf(spec, job);
  const empty: EntityState = { entity: job.entity.name, warehouse: connection.name, saved: [], history: [] };
  if (!(await warehouseExists(connection))) return empty;
  const input = inputOf(spec, job);
  const wh = await openWarehouse(connection);
  try {
    const saved = (await tableExists(wh, input, CONTROL_TABLE))
      ? (await wh.query(readStateStatement(input))).map(([parameter, value]) => ({ parameter: String(parameter), value: text(value) })).sort((a, b) => a.parameter.localeCompare(b.parameter))
      : [];
    const history = (await tableExists(wh, input, LEDGER_TABLE))
      ? (await wh.query(ledgerQuery(input, job.entity.name))).map(([entity, parameter, oldValue, newValue, runId, changedAt, changedBy]): LedgerRow => ({
        entity: String(entity), parameter: String(parameter), oldValue: text(oldValue), newValue: text(newValue), runId: text(runId), changedAt: text(changedAt)!, changedBy: String(changedBy),
      }))
      : [];
    return { ...empty, saved, history };
  } finally {
    await wh.close();
  }
}

/** The saved state of every entity of a job spec (the designer builds its spec with its own secrets). */
export async function readStateOf(spec: JobSpec): Promise<EntityState[]> {
  const states: EntityState[] = [];
  for (const job of spec.entities) states.push(await readEntityState(spec, job));
  return states;
}

/** The parameters a run of the entity saves, with the kind of value each takes. */
function parametersOf(job: JobEntity): Map<string, string> {
  const pattern = job.extract.pattern;
  if (pattern.kind === 'changeTracking') return new Map([[CHANGE_TRACKING_PARAMETER, 'bigint']]);
  if (pattern.kind !== 'incremental') return new Map();
  return new Map(pattern.changeColumns.map(({ column }) => {
    const found = job.entity.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
    return [found?.name ?? column, found?.type ?? 'string'];
  }));
}

/** Why a value cannot be a saved value of a column of this type; undefined when it can. */
function valueProblem(value: string, type: string): string | undefined {
  const parsed = parseColumnType(type);
  if (typeof parsed === 'string') return undefined;
  switch (parsed.kind) {
    case 'smallint': case 'int': case 'bigint':
      return /^-?\d+$/.test(value) ? undefined : 'must be a whole number';
    case 'decimal': case 'float': case 'double':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'must be a number';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(value)) ? undefined : 'must be a date YYYY-MM-DD';
    case 'datetime': case 'datetimeoffset':
      return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?/.test(value) && Number.isFinite(Date.parse(value.replace(' ', 'T'))) ? undefined : 'must be a date and time YYYY-MM-DD HH:MM:SS';
    case 'boolean': case 'time': case 'string': case 'binary': case 'uuid':
      return undefined;
  }
}

export interface StateChangeOptions {
  readonly yes: boolean;
  /** Who the ledger names; the operating system's user by default. */
  readonly by?: string;
}

/** What a person's change does, for each parameter: set it to `value`. */
interface Planned {
  readonly parameter: string;
  readonly value: string | null;
}

/** A person's change of an entity's saved values, and who the ledger names when it was made. */
export type StateChange = LedgerChange & { readonly by?: `person:${string}` };


/**
 * Changes an entity's saved values under its run lock, one transaction per parameter with its
 * ledger row; refused while a run holds the lock, and without `yes`. Returns what was done.
 */
async function changeState(spec: JobSpec, runId: string | undefined, options: StateChangeOptions, plan: (wh: Warehouse, input: EntitySqlInput, job: JobEntity) => Promise<Planned[]>): Promise<StateChange> {
  const job = spec.entities[0]!;
  const name = job.entity.name;
  const connection = warehouseOf(spec, job);
  if (!(await warehouseExists(connection))) throw new StateRefused(`entity "${name}" has no saved state yet: warehouse "${connection.name}" does not exist; run the entity first`);
  const input = inputOf(spec, job);
  const controller = new AbortController();
  let lock;
  try {
    lock = await acquireRunLock(`state-${randomUUID()}`, [{ warehouse: connection, entities: [name] }], { signal: controller.signal, onRetry: () => undefined });
  } catch (error) {
    if (error instanceof LockHeld) throw new StateRefused(`entity "${name}" is being run (${error.message}); its saved state was not changed — try again when the run has ended`);
    throw error;
  }
  try {
    const wh = await openWarehouse(connection);
    try {
      if (!(await tableExists(wh, input, CONTROL_TABLE))) throw new StateRefused(`entity "${name}" has no saved state yet: warehouse "${connection.name}" has no zdm.${CONTROL_TABLE}; run the entity first`);
      // A warehouse set up by an older Landfall gets the ledger before its first entry.
      for (const statement of runLogSetupStatements(input)) await wh.run(statement);
      const planned = await plan(wh, input, job);
      const current = new Map((await wh.query(readStateStatement(input))).map(([p, v]) => [String(p), text(v)]));
      const changes = planned.filter((p) => (current.get(p.parameter) ?? null) !== p.value);
      const describe = changes.map((c) => `${c.parameter}: ${current.get(c.parameter) ?? '(none)'} -> ${c.value ?? '(none)'}`);
      const outcome = {
        entity: name,
        changes: changes.map((c) => ({ parameter: c.parameter, from: current.get(c.parameter) ?? null, to: c.value })),
        values: Object.fromEntries(planned.map((p) => [p.parameter, p.value])),
      };
      if (!changes.length) return { ...outcome, applied: false, message: `entity "${name}": nothing to change (${planned.map((p) => `${p.parameter} = ${p.value ?? '(none)'}`).join(', ')} already)` };
      if (!options.yes) return { ...outcome, applied: false, message: `entity "${name}": would change ${describe.join(', ')}` };
      const by = `person:${options.by ?? userInfo().username}` as const;
      const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
      for (const change of changes) {
        const statements = stateChangeStatements(input, { parameter: change.parameter, value: change.value, old: current.get(change.parameter) ?? undefined, runId, at, by });
        try {
          for (const statement of statements) await wh.run(statement);
        } catch (error) {
          await wh.run(sql`${dialect(input.warehouseDialect).rollback}`).catch(() => undefined);
          throw error;
        }
      }
      return { ...outcome, applied: true, by, message: `entity "${name}": changed ${describe.join(', ')}; recorded in zdm.${LEDGER_TABLE} by ${by}` };
    } finally {
      await wh.close();
    }
  } finally {
    await lock.release();
  }
}

/** Sets one saved value of the spec's (one) entity; without `yes`, only says what would change. */
export function setStateOf(spec: JobSpec, parameter: string, value: string, options: StateChangeOptions): Promise<StateChange> {
  return changeState(spec, undefined, options, (_wh, _input, job) => {
    const parameters = parametersOf(job);
    const chosen = [...parameters.keys()].find((p) => p.toLowerCase() === parameter.toLowerCase());
    if (!chosen) {
      throw new StateRefused(`entity "${job.entity.name}" saves ${parameters.size ? `only ${[...parameters.keys()].join(', ')}` : `no watermark (its extract is ${job.extract.pattern.kind})`}, not "${parameter}"`);
    }
    const problem = valueProblem(value, parameters.get(chosen)!);
    if (problem) throw new StateRefused(`entity "${job.entity.name}": ${chosen} "${value}" ${problem}`);
    return Promise.resolve([{ parameter: chosen, value }]);
  });
}

/**
 * Puts the saved values of the spec's (one) entity back to where run `toRun` left them — the last
 * ledger row of each parameter up to the run's commit; without
 * `yes`, only says what would change. `history` names where the user sees the entity's history.
 */
export function rollbackStateOf(spec: JobSpec, toRun: string, options: StateChangeOptions, history = 'the ledger'): Promise<StateChange> {
  return changeState(spec, toRun, options, async (wh, input, job) => {
    const w = dialect(input.warehouseDialect);
    const ledger = (await wh.query(ledgerQuery(input, job.entity.name))).map(([, parameter, , value, runId, changedAt]) => ({
      parameter: String(parameter), value: text(value), runId: text(runId), at: Date.parse(`${text(changedAt)!.replace(' ', 'T').replace(/Z?$/, 'Z')}`),
    }));
    // When the run committed: its metrics row (a run that changed nothing left one), or its own ledger rows.
    let until: number | undefined;
    if (await tableExists(wh, input, ENTITY_RUN_LOG_TABLE)) {
      const [row] = await wh.query(sql`SELECT ${w.quote('started_at')} FROM ${w.table('zdm', ENTITY_RUN_LOG_TABLE)} WHERE ${w.quote('entity')} = ${bind({ type: 'text', value: job.entity.name })} AND ${w.quote('run_id')} = ${bind({ type: 'text', value: toRun })}`);
      if (row) until = Date.parse(`${text(row[0])!.replace(' ', 'T').replace(/Z?$/, 'Z')}`);
    }
    const own = ledger.filter((l) => l.runId === toRun);
    if (until === undefined && own.length) until = Math.max(...own.map((l) => l.at));
    if (until === undefined) throw new StateRefused(`entity "${job.entity.name}": run ${toRun} left nothing of it in the warehouse (no metrics or ledger row); ${history} shows its history`);
    const byParameter = new Map<string, string | null>();
    for (const row of ledger) if (row.at <= until) byParameter.set(row.parameter, row.value);
    if (!byParameter.size) throw new StateRefused(`entity "${job.entity.name}": nothing was saved up to run ${toRun}`);
    return [...byParameter].map(([parameter, value]) => ({ parameter, value }));
  });
}
