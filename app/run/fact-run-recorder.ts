/**
 * Keeps a fact's processing pass in the project's run history, as the entity runs are kept (see
 * run-recorder.ts): the run and its fact when the pass starts, each statement as it executes (the
 * statement log), the outcome at the end. Used by `landfall process`, for a pass and a poller alike.
 */
import { randomUUID } from 'node:crypto';
import type { Fact } from '../../shared/model/index.ts';
import type { FactStepName } from '../../shared/fact/fact-plan.ts';
import type { FactRunInputs } from '../../shared/fact/fact-run.ts';
import type { DialectName } from '../../shared/sql/dialect.ts';
import type { ProjectStore } from '../store/project-store.ts';

export interface FactRunRecord {
  readonly runId: string;
  /** The processor's `onStatement`: appends the statement to the log. */
  readonly onStatement: (step: FactStepName, sql: string) => void;
  /** The pass committed: the rows it copied to the fact and its probes' answers (none for a poller). */
  readonly done: (rows: number, inputs?: FactRunInputs) => void;
  readonly failed: (error: unknown, cancelled: boolean) => void;
}

/**
 * Records the start of a pass of `fact` now, under a new run id. A failure to record goes to
 * `onError` and never stops the pass.
 */
export function recordFactRun(store: ProjectStore, fact: Fact, dialect: DialectName, options: Record<string, unknown>, onError: (error: unknown) => void): FactRunRecord {
  const runId = randomUUID();
  const guarded = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      onError(error);
    }
  };
  guarded(() => store.startFactRun(runId, fact, dialect, options));
  return {
    runId,
    onStatement: (step, sql) => guarded(() => store.recordStatement(runId, fact.name, { step, target: 'warehouse', dialect, sql }, new Date().toISOString())),
    done: (rows, inputs) => guarded(() => store.finishFactRun(runId, fact.name, { status: 'done', rows, ...(inputs ? { inputs } : {}) })),
    failed: (error, cancelled) => guarded(() => store.finishFactRun(runId, fact.name, { status: cancelled ? 'cancelled' : 'failed', rows: 0, error: error instanceof Error ? error.message : String(error) })),
  };
}
