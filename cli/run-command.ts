/**
 * `landfall run`: builds the job spec from the project file, runs the engine in this process,
 * records the run in the project's history, and shows progress: live lines on a terminal, plain
 * lines otherwise, JSON lines with `--json`. Ctrl+C cancels (nothing is committed).
 */
import type { EngineEvent, EntityState, ProgressTotal, RunResult } from '../shared/protocol/engine.ts';
import { progressPercent } from '../shared/protocol/progress-percent.ts';
import { runBatch } from '../engine/run-batch.ts';
import { buildJobSpec } from '../app/run/job-spec.ts';
import { evolveEntities } from '../app/run/evolve-entities.ts';
import { recordRun } from '../app/run/run-recorder.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import type { Project } from '../shared/model/schema.ts';
import { inShard, type Shard } from '../shared/shard.ts';
import { terminalText } from './terminal-text.ts';

export interface RunIo {
  out(text: string): void;
  err(text: string): void;
  /** Live progress lines (a terminal) rather than one line per change. */
  readonly tty?: boolean;
  /**
   * Ends the process as if `signal` had killed it. Called only when a cancelled run is forced to
   * end: a wait that cannot be interrupted (a read blocked in the thread pool, which even
   * `process.exit` waits for) must not keep the process alive. Without it, a forced end only returns.
   */
  readonly end?: (signal: NodeJS.Signals) => void;
}

/** How long a cancelled run may take to end by itself before the process is ended for it. */
export const CANCEL_DEADLINE_MS = 5000;

export interface RunCommandOptions {
  readonly entities?: string[] | undefined;
  readonly batchDate?: string | undefined;
  readonly parallel?: number | undefined;
  readonly json?: boolean | undefined;
  /** Run only this share of the entities (`--shard K/N`). */
  readonly shard?: Shard | undefined;
  /** Overrides {@link CANCEL_DEADLINE_MS}. */
  readonly cancelDeadlineMs?: number | undefined;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
const count = (n: number): string => n.toLocaleString('en-US');

interface Line {
  state: EntityState;
  rows: number;
  bytes: number;
  files: number;
  rowsPerSecond: number;
  total?: ProgressTotal | undefined;
}

const BAR = 20;
/** A bar per state: the pipeline's steps, filled as the entity moves along them. */
function bar(state: EntityState): string {
  const step = { queued: 0, extracting: 1, landing: 2, loading: 3, done: 4, failed: 4, cancelled: 4 }[state];
  const filled = Math.round((step / 4) * BAR);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]`;
}

/** The share of the entity's total read, as the run panel shows it: only where the engine knows a total, 100% only once done. */
function percentText(line: Line): string {
  if (line.state === 'done') return '100%';
  if (line.state === 'failed' || line.state === 'cancelled') return '';
  const percent = progressPercent(line.rows, line.total);
  return percent === undefined ? '' : `${percent}%`;
}

/** The entities of a shard: of those named (all with an extract when none are), the ones whose name hashes to it. */
export function shardEntities(project: Project, named: readonly string[] | undefined, shard: Shard): string[] {
  const withExtract = project.entities.filter((e) => project.extracts.some((x) => x.entity.toLowerCase() === e.name.toLowerCase())).map((e) => e.name);
  return (named?.length ? named : withExtract).filter((name) => inShard(name, shard));
}

/** Runs the project's entities; returns the exit code (1 when any entity did not finish). */
export async function runCommand(file: string, options: RunCommandOptions, io: RunIo): Promise<number> {
  const store = ProjectStore.open(file);
  let result: RunResult;
  const controller = new AbortController();
  const deadlineMs = options.cancelDeadlineMs ?? CANCEL_DEADLINE_MS;
  let force: ((why: string) => void) | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let received: NodeJS.Signals = 'SIGINT';
  const interrupt = (signal: NodeJS.Signals): void => {
    received = signal;
    if (controller.signal.aborted) {
      force?.('a second interrupt');
      return;
    }
    if (!options.json) io.err(`\ncancelling: stopping reads, removing unpublished files, committing nothing… (interrupt again to end now; ends by itself in ${deadlineMs / 1000} s)\n`);
    controller.abort();
    // Unreferenced: a run that ends in time lets the process exit without waiting for it.
    deadline = setTimeout(() => force?.(`the ${deadlineMs / 1000} s deadline after cancelling`), deadlineMs).unref();
  };
  let forcedEnd = false;
  try {
    const entities = options.shard ? shardEntities(store.getProject(), options.entities, options.shard) : options.entities;
    if (entities?.length === 0) {
      io.out(`shard ${options.shard!.index}/${options.shard!.count} of ${file} has no entities to run\n`);
      return 0;
    }
    const { spec, evolved } = await evolveEntities(buildJobSpec(store, file, {
      entities,
      batchDate: options.batchDate,
      parallel: options.parallel,
    }));
    // The project keeps what `evolve` changed, so the designer shows the entity as it now loads.
    for (const { entity, changes } of evolved) {
      store.saveEntity(entity);
      if (!options.json) for (const change of changes) io.out(`entity "${terminalText(entity.name, { oneLine: true })}": schema drift, evolved: ${change}\n`);
    }
    const names = spec.entities.map((e) => e.entity.name);
    let recordingFailed: unknown;
    const record = recordRun(store, spec, { entities: names, parallel: spec.parallelEntities, from: 'cli' }, (error) => {
      recordingFailed ??= error;
    });
    const width = Math.max(6, ...names.map((n) => n.length));
    const lines = new Map<string, Line>(names.map((n) => [n, { state: 'queued', rows: 0, bytes: 0, files: 0, rowsPerSecond: 0 }]));
    let drawn = 0;
    const render = (line: Line, name: string): string =>
      `${terminalText(name, { oneLine: true }).padEnd(width)}  ${bar(line.state)} ${percentText(line).padStart(4)} ${line.state.padEnd(10)} ${count(line.rows).padStart(12)} rows  ${mb(line.bytes).padStart(10)}  ${String(line.files).padStart(4)} files  ${count(line.rowsPerSecond).padStart(9)} rows/s`;
    const draw = (): void => {
      if (!io.tty) return;
      const text = names.map((n) => `\x1b[2K${render(lines.get(n)!, n)}`).join('\n');
      io.out(`${drawn ? `\x1b[${drawn}A\r` : ''}${text}\n`);
      drawn = names.length;
    };
    const onEvent = (event: EngineEvent): void => {
      record(event);
      if (options.json) {
        io.out(`${JSON.stringify(event)}\n`);
        return;
      }
      switch (event.type) {
        case 'run:started':
          io.out(`run ${event.runId}: ${event.entities.length} entities, batch date ${event.batchDate}\n`);
          draw();
          break;
        case 'entity:state': {
          const line = lines.get(event.entity);
          if (line) line.state = event.state;
          draw();
          if (!io.tty && event.state !== 'queued') io.out(`${terminalText(event.entity, { oneLine: true })}: ${event.state}${event.error ? ` — ${terminalText(event.error)}` : ''}\n`);
          break;
        }
        case 'entity:progress': {
          const line = lines.get(event.entity);
          if (line) Object.assign(line, { rows: event.rows, bytes: event.bytes, files: event.files, rowsPerSecond: event.rowsPerSecond, total: event.total });
          draw();
          break;
        }
        case 'log':
          // Entity errors arrive with their state change; only run-level warnings are printed here.
          if (event.level === 'warn' && !event.entity) io.err(`${terminalText(event.message)}\n`);
          break;
        case 'entity:statement':
        case 'run:finished':
          break;
      }
    };
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    const forced = new Promise<RunResult>((resolve) => {
      force = (why) => {
        force = undefined;
        resolve(forcedResult(spec.runId, lines, why));
      };
    });
    result = await Promise.race([runBatch(spec, { signal: controller.signal, onEvent }), forced]);
    if (force === undefined) {
      // The engine is still waiting on something that ignores the cancel: record the run as it
      // stands, and end the process, whose pending work would otherwise keep it alive.
      forcedEnd = true;
      record({ type: 'run:finished', result, at: result.finishedAt });
      if (options.json) io.out(`${JSON.stringify({ type: 'run:finished', result, at: result.finishedAt })}\n`);
    }
    force = undefined;
    if (recordingFailed) io.err(`warning: the run's history could not be recorded in ${file}: ${terminalText((recordingFailed as Error).message)}\n`);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    store.close();
  }
  if (!options.json) io.out(summaryText(result));
  const code = result.status === 'succeeded' ? 0 : 1;
  clearTimeout(deadline);
  if (forcedEnd) io.end?.(received);
  else if (deadline) {
    // Cancelled and ended, but a wait the cancel could not interrupt may still hold the process.
    setTimeout(() => io.end?.(received), deadlineMs).unref();
  }
  return code;
}

/** A cancelled run's result when the process is ended for it: entities that had not ended are cancelled. */
function forcedResult(runId: string, lines: ReadonlyMap<string, Line>, why: string): RunResult {
  const at = new Date().toISOString();
  const entities = [...lines].map(([entity, line]): RunResult['entities'][number] => {
    const ended = line.state === 'done' || line.state === 'failed';
    return {
      entity,
      status: line.state === 'done' ? 'done' : line.state === 'failed' ? 'failed' : 'cancelled',
      rows: line.rows,
      bytes: line.bytes,
      files: line.files,
      startedAt: at,
      finishedAt: at,
      // A warehouse commits an entity in one transaction: ended mid-commit, it holds all of the run's changes or none.
      ...(ended ? {} : { error: `entity "${entity}": cancelled while ${line.state}; the process was ended by ${why} before the entity stopped; nothing was committed unless its one commit had already been sent` }),
    };
  });
  return { runId, status: 'cancelled', startedAt: at, finishedAt: at, entities, error: `cancelled; the process was ended by ${why}` };
}

/** The end-of-run summary: one line per entity, then the totals. */
export function summaryText(result: RunResult): string {
  const lines: string[] = [''];
  if (result.error) lines.push(`run ${result.status}: ${terminalText(result.error)}`);
  const width = Math.max(6, ...result.entities.map((e) => e.entity.length));
  for (const e of result.entities) {
    const seconds = (Date.parse(e.finishedAt) - Date.parse(e.startedAt)) / 1000;
    const versions = e.status === 'done' ? `  +${e.inserted ?? 0} new, ${e.updated ?? 0} changed, ${e.deleted ?? 0} deleted` : '';
    lines.push(`${terminalText(e.entity, { oneLine: true }).padEnd(width)}  ${e.status.padEnd(9)} ${(e.mode ?? '').padEnd(12)} ${count(e.rows).padStart(10)} rows  ${String(e.files).padStart(3)} files  ${mb(e.bytes).padStart(9)}  ${seconds.toFixed(1).padStart(6)} s${versions}`);
    if (e.error) lines.push(`${' '.repeat(width)}  ${terminalText(e.error)}`);
  }
  const done = result.entities.filter((e) => e.status === 'done').length;
  lines.push(`run ${result.runId} ${result.status}: ${done} of ${result.entities.length} entities done`);
  return `${lines.join('\n')}\n`;
}
