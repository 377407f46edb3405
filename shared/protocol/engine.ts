/**
 * The engine's protocol: the job spec it is given and the events it sends back. Plain JSON both
 * ways, so the same values travel over a utility-process port, a forked child's IPC channel or
 * stdout as JSON lines.
 */
import type { Connection, Extract, StagingEntity } from '../model/schema.ts';
import type { EntityMetrics } from '../run-metrics.ts';
import type { RunInputs } from '../plan/run-plan.ts';
import type { LogEntry } from '../plan/statement-log.ts';
import type { SourceDrift } from '../sql/steps/source-drift.ts';

/** One entity to run: its definition and extract, as saved in the project. */
export interface JobEntity {
  readonly entity: StagingEntity;
  readonly extract: Extract;
}

/**
 * Everything a run needs, fully resolved: connection secrets hold their values (never written to
 * disk by the engine), file paths are absolute.
 */
export interface JobSpec {
  readonly runId: string;
  /** The batch's effective date, YYYY-MM-DD. */
  readonly batchDate: string;
  /**
   * A decimal integer, increasing from run to run on a warehouse: `lf_batch_id`. Absent: the run's
   * start as YYYYMMDDhhmmssfff (UTC).
   */
  readonly batchId?: string | undefined;
  readonly parallelEntities: number;
  readonly parameters: Readonly<Record<string, string>>;
  readonly connections: readonly Connection[];
  readonly entities: readonly JobEntity[];
}

export const ENTITY_STATES = ['queued', 'extracting', 'landing', 'loading', 'done', 'failed', 'cancelled'] as const;
export type EntityState = (typeof ENTITY_STATES)[number];

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

/** The outcome of one entity in a run. */
export interface EntityResult {
  readonly entity: string;
  readonly status: 'done' | 'failed' | 'cancelled';
  /** How the extract ran: full, incremental, dateRange, changes, fullFallback or files. */
  readonly mode?: string;
  readonly rows: number;
  readonly bytes: number;
  readonly files: number;
  /** Versions written to persistent staging, by kind. */
  readonly inserted?: number;
  readonly updated?: number;
  readonly deleted?: number;
  /** Connection attempts retried after a transient fault (each one is also logged). */
  readonly retries?: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly error?: string;
  /** What went well enough but deserves a look (files far below the file size…), each also logged. */
  readonly warnings?: readonly string[];
  /** The inputs its plan was made with, as far as the run got: `landfall sql --run` renders that plan again. */
  readonly inputs?: RunInputs;
  /** What the run measured (an entity that committed): throughput, files, skew, watermark lag, step times. */
  readonly metrics?: EntityMetrics;
  /** Schema changes: what the run changed in persistent staging (`applied`), and differences it only reported. */
  readonly evolution?: SchemaEvolution;
  /** The data checks the load ran, in order, as far as it got. */
  readonly checks?: readonly CheckResult[];
  /** The source's differences, when the entity stopped on a schema drift (the designer offers to review them). */
  readonly drift?: SourceDrift;
}

/** What a run did about schema changes, one sentence per column. */
export interface SchemaEvolution {
  readonly applied: readonly string[];
  readonly reported: readonly string[];
}

/** How one data check of a load came out. */
export interface CheckResult {
  readonly name: string;
  readonly kind: string;
  readonly severity: 'error' | 'warn';
  readonly passed: boolean;
  /** What failed, as the message says it (absent when it passed). */
  readonly detail?: string;
  /** Up to 10 failing rows, as `(column = value, …)` text. */
  readonly rows?: readonly string[];
}

export interface RunResult {
  readonly runId: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly entities: readonly EntityResult[];
  /** Why the whole run failed before its entities ran (a lock held, a bad spec). */
  readonly error?: string;
}

export type LogLevel = 'info' | 'warn' | 'error';

export type EngineEvent =
  | { readonly type: 'run:started'; readonly runId: string; readonly batchId: string; readonly batchDate: string; readonly entities: readonly string[]; readonly at: string }
  | { readonly type: 'entity:state'; readonly runId: string; readonly entity: string; readonly state: EntityState; readonly error?: string; readonly at: string }
  | {
      readonly type: 'entity:progress';
      readonly runId: string;
      readonly entity: string;
      readonly rows: number;
      readonly bytes: number;
      readonly files: number;
      readonly rowsPerSecond: number;
      /** What the entity is expected to read, where a total is known (see {@link ProgressTotal}); absent: no percentage is shown. */
      readonly total?: ProgressTotal;
      readonly at: string;
    }
  /** A statement of the entity's plan, sent as the engine executes it: the run's statement log. */
  | { readonly type: 'entity:statement'; readonly runId: string; readonly entity: string; readonly entry: LogEntry; readonly at: string }
  | { readonly type: 'log'; readonly runId: string; readonly level: LogLevel; readonly entity?: string; readonly message: string; readonly at: string }
  | { readonly type: 'run:finished'; readonly result: RunResult; readonly at: string };

export type EngineEventType = EngineEvent['type'];

/** Messages a host sends to the engine's utility process. */
export type EngineCommand = { readonly type: 'run'; readonly spec: JobSpec } | { readonly type: 'cancel' };

/**
 * A total the progress of an entity is measured against: the source's row-count estimate (the
 * plan's estimate step), or for a files source the bytes of the matched files and how many of
 * them were read so far. Estimates can be low: a percentage from them is capped below 100 until
 * the entity is done (see `shared/protocol/progress-percent.ts`).
 */
export type ProgressTotal =
  | { readonly kind: 'rows'; readonly expected: number }
  | { readonly kind: 'bytes'; readonly expected: number; readonly read: number };

/** Progress is sent at most this often per entity. */
export const PROGRESS_INTERVAL_MS = 250;
