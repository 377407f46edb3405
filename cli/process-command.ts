/**
 * `landfall process <project> <fact> [--every 60s]`: swaps and processes a fact's staging, once or
 * on an interval until Ctrl+C (a pass under way finishes or is rolled back; nothing half-done is
 * committed). With `--poller K`, the seed's Case 2: claims files to poll one at a time (see
 * engine/fact/poll-things.ts).
 */
import { processFact, type FactProcessResult } from '../engine/fact/process-fact.ts';
import { factTarget } from '../app/run/fact-target.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { pollThings } from '../engine/fact/poll-things.ts';
import type { RunIo } from './run-command.ts';
import { recordFactRun } from '../app/run/fact-run-recorder.ts';
import { dialectOf } from '../shared/sql/dialect.ts';

export interface ProcessCommandOptions {
  readonly everyMs?: number | undefined;
  readonly poller?: number | undefined;
  readonly signal: AbortSignal;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Runs the command; returns the exit code. */
export async function processCommand(file: string, name: string, options: ProcessCommandOptions, io: RunIo): Promise<number> {
  const store = ProjectStore.open(file);
  try {
    const { fact, connection } = factTarget(store, file, name);
    const dialect = dialectOf(connection.kind)!;
    for (;;) {
      const started = Date.now();
      // Each pass is a run of its own in the history, with its statement log.
      const record = recordFactRun(store, fact, dialect, { fact: fact.name, from: 'cli', ...(options.poller === undefined ? {} : { poller: options.poller }) }, (error) => {
        io.err(`warning: the run history could not be written: ${error instanceof Error ? error.message : String(error)}\n`);
      });
      const processing = { signal: options.signal, runId: record.runId, onStatement: record.onStatement };
      try {
        if (options.poller !== undefined) {
          const polled = await pollThings(fact, connection, { ...processing, poller: options.poller, base: file });
          record.done(polled.rows);
          io.out(`fact ${fact.name}, poller ${options.poller}: ${polled.things} thing${polled.things === 1 ? '' : 's'} processed, ${count(polled.rows)} rows (run ${record.runId})\n`);
        } else {
          const result: FactProcessResult = await processFact(fact, connection, processing);
          record.done(result.rows, result.inputs);
          io.out(`fact ${fact.name}: ${count(result.rows)} rows processed in ${((Date.now() - started) / 1000).toFixed(1)} s${result.passes > 1 ? ' (a generation left by a stopped processor first)' : ''} (run ${record.runId})\n`);
        }
      } catch (error) {
        record.failed(error, options.signal.aborted);
        throw error;
      }
      if (options.everyMs === undefined || options.signal.aborted) return 0;
      const wait = Math.max(0, options.everyMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        options.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (options.signal.aborted) return 0;
    }
  } finally {
    store.close();
  }
}
