/**
 * The engine's core: runs a job's entities in parallel (the job's limit, default 4), each on its
 * own; one entity's failure does not stop the others. Takes an AbortSignal and an event callback,
 * and knows nothing of its transport.
 */
import type { EngineEvent, EntityResult, JobSpec, RunResult, RunStatus } from '../shared/protocol/engine.ts';
import { acquireRunLock, LockHeld, type LockRequest, type RunLock } from './run-lock.ts';
import { runEntity } from './run-entity.ts';
import { batchDateProblem } from '../shared/time.ts';

export interface RunOptions {
  readonly signal: AbortSignal;
  readonly onEvent: (event: EngineEvent) => void;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: the run's start, valid-from of the versions it writes. */
export function batchTimeOf(at: Date): string {
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}`;
}

/** The default batch id of a run started at `at`: YYYYMMDDhhmmssfff in UTC, increasing with time. */
export function batchIdOf(at: Date): string {
  return batchTimeOf(at).replace(/\D/g, '');
}

function checkSpec(spec: JobSpec): string | undefined {
  const badDate = batchDateProblem(spec.batchDate);
  if (badDate !== undefined) return badDate;
  if (spec.batchId !== undefined && !/^\d{1,18}$/.test(spec.batchId)) return `batch id "${spec.batchId}" is not a whole number`;
  if (!spec.entities.length) return 'the job has no entities to run';
  if (!Number.isInteger(spec.parallelEntities) || spec.parallelEntities < 1) return `parallel entities must be a whole number from 1, not ${spec.parallelEntities}`;
  for (const { entity } of spec.entities) {
    if (!spec.connections.some((c) => c.name.toLowerCase() === entity.warehouse.toLowerCase())) return `entity "${entity.name}": its warehouse connection "${entity.warehouse}" is not in the job`;
  }
  return undefined;
}

/** Runs a job to the end and returns its result; `run:finished` is always the last event sent. */
export async function runBatch(spec: JobSpec, options: RunOptions): Promise<RunResult> {
  const { signal, onEvent } = options;
  const started = new Date();
  const startedAt = started.toISOString();
  const batchId = spec.batchId ?? batchIdOf(started);
  const emit = (event: EngineEvent): void => {
    try {
      onEvent(event);
    } catch {
      // A listener's failure must not stop the run.
    }
  };
  let result: RunResult | undefined;
  let lock: Pick<RunLock, 'release'> | undefined;
  try {
    emit({ type: 'run:started', runId: spec.runId, batchId, batchDate: spec.batchDate, entities: spec.entities.map((e) => e.entity.name), at: startedAt });
    const problem = checkSpec(spec);
    if (problem) {
      result = { runId: spec.runId, status: 'failed', startedAt, finishedAt: new Date().toISOString(), entities: [], error: problem };
      return result;
    }
    // One lock request per warehouse connection, for all of its entities.
    const requests = new Map<string, LockRequest & { entities: string[] }>();
    for (const { entity } of spec.entities) {
      const warehouse = spec.connections.find((c) => c.name.toLowerCase() === entity.warehouse.toLowerCase())!;
      const request = requests.get(warehouse.name) ?? { warehouse, entities: [] };
      request.entities.push(entity.name);
      requests.set(warehouse.name, request);
    }
    const locks: RunLock[] = [];
    /** Each warehouse's lock by connection name, watched by its entities: a lost one stops them before they commit. */
    const lockOf = new Map<string, RunLock>();
    /** Entities whose warehouse could not be reached to take their lock: they fail, the others run. */
    const unlocked = new Map<string, string>();
    lock = { release: async () => void (await Promise.all(locks.splice(0).map((l) => l.release()))) };
    for (const request of requests.values()) {
      try {
        const taken = await acquireRunLock(spec.runId, [request], {
          signal,
          onRetry: (attempt, of, delayMs, error) => emit({
            type: 'log', runId: spec.runId, level: 'warn', at: new Date().toISOString(),
            message: `taking the run lock on warehouse "${request.warehouse.name}" failed (${error instanceof Error ? error.message : String(error)}); attempt ${attempt} of ${of} in ${delayMs} ms`,
          }),
        });
        locks.push(taken);
        lockOf.set(request.warehouse.name, taken);
      } catch (error) {
        if (error instanceof LockHeld) {
          result = { runId: spec.runId, status: 'failed', startedAt, finishedAt: new Date().toISOString(), entities: [], error: `run refused: ${error.message}` };
          return result;
        }
        for (const entity of request.entities) {
          unlocked.set(entity, `entity "${entity}": taking the run lock on warehouse "${request.warehouse.name}" failed: ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
        }
      }
    }

    for (const { entity } of spec.entities) emit({ type: 'entity:state', runId: spec.runId, entity: entity.name, state: 'queued', at: startedAt });
    const exclusiveTails = new Map<string, Promise<unknown>>();
    const exclusive = <T>(key: string, task: () => Promise<T>): Promise<T> => {
      const previous = exclusiveTails.get(key) ?? Promise.resolve();
      const next = previous.then(task, task);
      exclusiveTails.set(key, next.catch(() => undefined));
      return next;
    };
    // Warehouses whose zdm.run_log holds this run's row (committed by one of its entities).
    const logged = new Set<string>();
    const runLog = { written: (key: string): boolean => logged.has(key), markWritten: (key: string): void => void logged.add(key) };
    const batchTime = batchTimeOf(started);
    const results: EntityResult[] = new Array<EntityResult>(spec.entities.length);
    let nextIndex = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const index = nextIndex++;
        if (index >= spec.entities.length) return;
        const job = spec.entities[index]!;
        const lockError = unlocked.get(job.entity.name);
        if (lockError) {
          const at = new Date().toISOString();
          emit({ type: 'entity:state', runId: spec.runId, entity: job.entity.name, state: 'failed', error: lockError, at });
          results[index] = { entity: job.entity.name, status: 'failed', rows: 0, bytes: 0, files: 0, startedAt: at, finishedAt: at, error: lockError };
          continue;
        }
        if (signal.aborted) {
          const at = new Date().toISOString();
          const error = `entity "${job.entity.name}": cancelled before it started; nothing was committed`;
          emit({ type: 'entity:state', runId: spec.runId, entity: job.entity.name, state: 'cancelled', error, at });
          results[index] = { entity: job.entity.name, status: 'cancelled', rows: 0, bytes: 0, files: 0, startedAt: at, finishedAt: at, error };
          continue;
        }
        const runLock = lockOf.get(spec.connections.find((c) => c.name.toLowerCase() === job.entity.warehouse.toLowerCase())!.name);
        results[index] = await runEntity({ spec, job, startedAt: batchTime, batchId, signal, emit, exclusive, runLog, ...(runLock ? { lock: runLock } : {}) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(spec.parallelEntities, spec.entities.length) }, worker));
    const status: RunStatus = signal.aborted ? 'cancelled' : results.some((r) => r.status !== 'done') ? 'failed' : 'succeeded';
    result = { runId: spec.runId, status, startedAt, finishedAt: new Date().toISOString(), entities: results };
    return result;
  } catch (error) {
    result = { runId: spec.runId, status: 'failed', startedAt, finishedAt: new Date().toISOString(), entities: [], error: error instanceof Error ? error.message : String(error) };
    return result;
  } finally {
    await lock?.release();
    emit({ type: 'run:finished', result: result!, at: new Date().toISOString() });
  }
}
