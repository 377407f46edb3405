/**
 * Processes a fact once (seed 001): runs the fact plan (`shared/fact/fact-plan.ts`) and nothing
 * else. One processor per fact at a time, under a lock in the warehouse (the run locks'
 * mechanism: PostgreSQL advisory lock, MariaDB `GET_LOCK`, the DuckDB file lock), so two
 * `landfall process` never swap or process the same generation.
 */
import type { Connection, Fact } from '../../shared/model/index.ts';
import { dialectOf } from '../../shared/sql/dialect.ts';
import { preview, type Statement } from '../../shared/sql/statement.ts';
import { factPlan, type FactPlan, type FactStep, type FactStepName } from '../../shared/fact/fact-plan.ts';
import { factRunSteps, type FactProbe, type FactRunInputs } from '../../shared/fact/fact-run.ts';
import { dialect, type Dialect } from '../../shared/sql/dialect.ts';
import { openWarehouse } from '../connections.ts';
import { acquireRunLock, type RunLock } from '../run-lock.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

export interface FactProcessOptions {
  /** Told of every statement after it ran (the statement log, and the kill tests' named points). */
  readonly onStatement?: (step: FactStepName, sql: string) => void;
  readonly signal?: AbortSignal;
  /** Poller K: its own staging table, processed in place. */
  readonly poller?: number;
  /** A run id for the lock's holder message. */
  readonly runId?: string;
}

export interface FactProcessResult {
  /** Rows copied to the fact, per pass (a leftover generation first, then the swapped one). */
  readonly rows: number;
  readonly passes: number;
  /** What the pass's probes answered: with the fact, what its statements are made again from. */
  readonly inputs: FactRunInputs;
}

/** The warehouse lock name of a fact's processor (poller K locks its own). */
export const factLockName = (fact: string, poller?: number): string => `fact:${fact}${poller === undefined ? '' : `:poller${poller}`}`;

const numberOf = (value: unknown): number => Number(value as number | bigint | string);

/**
 * Normalization statements are each their own transaction and give the same result run again, so
 * one that lost a deadlock to another writer of the same normalization table (two pollers adding
 * names at once) is run again, a bounded number of times.
 */
const NORMALIZE_ATTEMPTS = 5;

/** A deadlock the server resolved by failing this statement: MariaDB ER_LOCK_DEADLOCK (1213), PostgreSQL 40P01. */
function lostDeadlock(error: unknown): boolean {
  const e = error as { errno?: unknown; code?: unknown };
  return e.errno === 1213 || e.code === '40P01';
}

/**
 * Two sessions running PostgreSQL's `CREATE … IF NOT EXISTS` at once (two pollers starting) can
 * both find the name free; the one that commits second then fails on the catalog's unique index
 * (23505), or finds the other's relation (42P07 duplicate_table) or its row type (42710
 * duplicate_object, "type … already exists") when it gets to create them. Run again, it finds
 * the table there.
 */
const CREATE_RACE_CODES: ReadonlySet<unknown> = new Set(['23505', '42P07', '42710']);
function lostCreateRace(error: unknown): boolean {
  return CREATE_RACE_CODES.has((error as { code?: unknown }).code);
}

/** What a statement of a step is run again for: none where a statement is not safe to repeat. */
const RETRIED: Partial<Record<FactStepName, (error: unknown) => boolean>> = {
  setup: (error) => lostCreateRace(error) || lostDeadlock(error),
  normalize: lostDeadlock,
};

async function withRetries<T>(task: () => Promise<T>, retried: ((error: unknown) => boolean) | undefined, signal: AbortSignal | undefined): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (!retried || attempt >= NORMALIZE_ATTEMPTS || !retried(error) || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** Runs a step's statements, in order; `onStatement` hears each one. A failed transaction is rolled back. */
async function runStep(warehouse: Warehouse, d: Dialect, step: FactStep, options: FactProcessOptions): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  let open = false;
  try {
    for (const statement of step.statements) {
      options.signal?.throwIfAborted();
      const text = preview(statement, d);
      if (text === d.beginTransaction) open = true;
      rows = await withRetries(() => warehouse.query(statement), RETRIED[step.name], options.signal);
      if (text === d.commit) open = false;
      options.onStatement?.(step.name, text);
    }
  } catch (error) {
    if (open) await warehouse.run({ parts: [d.rollback] } satisfies Statement).catch(() => undefined);
    throw error;
  }
  return rows;
}

/** Runs the plan's steps named in `names`, in plan order; the rows the count step found. */
export async function runFactSteps(warehouse: Warehouse, plan: FactPlan, names: readonly FactStepName[], options: FactProcessOptions): Promise<number> {
  let rows = 0;
  for (const step of plan.steps) {
    if (!names.includes(step.name)) continue;
    const result = await runStep(warehouse, dialect(plan.dialect), step, options);
    if (step.name === 'count') rows = numberOf(result[0]?.[0] ?? 0);
  }
  return rows;
}

/** Creates the fact's tables if missing (the plan's setup step): what an inserter needs before its first push. */
export async function setupFact(fact: Fact, warehouse: Warehouse, poller?: number): Promise<void> {
  const plan = factPlan(fact, warehouse.dialect, poller === undefined ? {} : { poller });
  await runFactSteps(warehouse, plan, ['setup'], {});
}

/** The answer of a probe step, from the rows its one query returned. */
const ANSWERS: Record<FactProbe, (rows: unknown[][]) => Partial<FactRunInputs>> = {
  entityTable: (rows) => ({ entityTable: rows.length > 0 }),
  pullUpTo: (rows) => {
    const upTo = rows[0]?.[0];
    return { pullUpTo: upTo === null || upTo === undefined ? null : String(upTo as string | number | bigint) };
  },
  pending: (rows) => {
    const [generation, processed] = rows[0] ?? [0, 0];
    return { pending: numberOf(generation) > numberOf(processed) };
  },
};

/**
 * One processing pass of `fact` on `connection` (secrets resolved): the steps of
 * `factRunSteps` (shared/fact/fact-run.ts) and nothing else. With flip-flop staging a generation
 * left unprocessed by a stopped processor is processed first, then Staging is swapped and
 * processed; with single staging Staging is processed in place. Pollers: engine/fact/poll-things.ts.
 */
export async function processFact(fact: Fact, connection: Connection, options: FactProcessOptions = {}): Promise<FactProcessResult> {
  const name = dialectOf(connection.kind);
  if (name === undefined) throw new Error(`fact "${fact.name}": connection "${connection.name}" is ${connection.kind}, not a warehouse`);
  const signal = options.signal ?? new AbortController().signal;
  const lock: RunLock = await acquireRunLock(options.runId ?? `process ${process.pid}`, [{ warehouse: connection, entities: [factLockName(fact.name, options.poller)] }], { signal, onRetry: () => undefined });
  try {
    const warehouse = await openWarehouse(connection);
    try {
      let inputs: FactRunInputs = {};
      let ran = 0;
      let rows = 0;
      let passes = 0;
      for (;;) {
        const { steps, next } = factRunSteps(fact, name, inputs);
        let last: unknown[][] = [];
        for (; ran < steps.length; ran++) {
          const step = steps[ran]!;
          last = await runStep(warehouse, dialect(name), step, options);
          if (step.name === 'count') {
            rows += numberOf(last[0]?.[0] ?? 0);
            passes++;
          }
        }
        if (!next) return { rows, passes, inputs };
        inputs = { ...inputs, ...ANSWERS[next](last) };
      }
    } finally {
      await warehouse.close();
    }
  } finally {
    await lock.release();
  }
}
