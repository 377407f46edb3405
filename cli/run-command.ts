/**
 * `landfall run`: builds the job spec from the project file, runs the engine in this process,
 * records the run in the project's history, and shows progress: live lines on a terminal, plain
 * lines otherwise, JSON lines with `--json`. Ctrl+C cancels (nothing is committed).
 */
import type { EngineEvent, EntityState, RunResult } from '../shared/protocol/engine.ts';
import { runBatch } from '../engine/run-batch.ts';
import { buildJobSpec } from '../app/run/job-spec.ts';
import { recordRun } from '../app/run/run-recorder.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { terminalText } from './terminal-text.ts';

export interface RunIo {
  out(text: string): void;
  err(text: string): void;
  /** Live progress lines (a terminal) rather than one line per change. */
  readonly tty?: boolean;
}

export interface RunCommandOptions {
  readonly entities?: string[] | undefined;
  readonly batchDate?: string | undefined;
  readonly parallel?: number | undefined;
  readonly json?: boolean | undefined;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
const count = (n: number): string => n.toLocaleString('en-US');

interface Line {
  state: EntityState;
  rows: number;
  bytes: number;
  files: number;
  rowsPerSecond: number;
}

const BAR = 20;
/** A bar per state: the pipeline's steps, filled as the entity moves along them. */
function bar(state: EntityState): string {
  const step = { queued: 0, extracting: 1, landing: 2, loading: 3, done: 4, failed: 4, cancelled: 4 }[state];
  const filled = Math.round((step / 4) * BAR);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]`;
}

/** Runs the project's entities; returns the exit code (1 when any entity did not finish). */
export async function runCommand(file: string, options: RunCommandOptions, io: RunIo): Promise<number> {
  const store = ProjectStore.open(file);
  let result: RunResult;
  const controller = new AbortController();
  const interrupt = (): void => {
    if (!options.json) io.err('\ncancelling: stopping reads, removing unpublished files, committing nothing…\n');
    controller.abort();
  };
  try {
    const spec = buildJobSpec(store, file, {
      entities: options.entities,
      batchDate: options.batchDate,
      parallel: options.parallel,
    });
    const names = spec.entities.map((e) => e.entity.name);
    let recordingFailed: unknown;
    const record = recordRun(store, spec, { entities: names, parallel: spec.parallelEntities, from: 'cli' }, (error) => {
      recordingFailed ??= error;
    });
    const width = Math.max(6, ...names.map((n) => n.length));
    const lines = new Map<string, Line>(names.map((n) => [n, { state: 'queued', rows: 0, bytes: 0, files: 0, rowsPerSecond: 0 }]));
    let drawn = 0;
    const render = (line: Line, name: string): string =>
      `${terminalText(name, { oneLine: true }).padEnd(width)}  ${bar(line.state)} ${line.state.padEnd(10)} ${count(line.rows).padStart(12)} rows  ${mb(line.bytes).padStart(10)}  ${String(line.files).padStart(4)} files  ${count(line.rowsPerSecond).padStart(9)} rows/s`;
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
          if (line) Object.assign(line, { rows: event.rows, bytes: event.bytes, files: event.files, rowsPerSecond: event.rowsPerSecond });
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
    result = await runBatch(spec, { signal: controller.signal, onEvent });
    if (recordingFailed) io.err(`warning: the run's history could not be recorded in ${file}: ${terminalText((recordingFailed as Error).message)}\n`);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    store.close();
  }
  if (!options.json) io.out(summaryText(result));
  return result.status === 'succeeded' ? 0 : 1;
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
