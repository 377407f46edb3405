// The engine as a real child process, as the app runs it: `engine/utility.ts` forked with tsx,
// commands sent over the IPC channel, every engine event collected as it arrives.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineCommand, EngineEvent, JobSpec, RunResult } from '../../shared/protocol/engine.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface EngineChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Every event received so far, in order. */
  readonly events: EngineEvent[];
  /** What the child wrote to stderr (for failure messages). */
  stderr(): string;
  send(command: EngineCommand): void;
  /** The first event (already received or still to come) that matches; rejects if the child exits first. */
  waitFor<T extends EngineEvent>(match: (event: EngineEvent) => event is T): Promise<T>;
  waitFor(match: (event: EngineEvent) => boolean): Promise<EngineEvent>;
  /** Resolves when the child has exited and its IPC channel is closed (all its messages delivered). */
  readonly exited: Promise<Exit>;
  /** The run's result, from its `run:finished` event, once the child has exited. */
  result(): Promise<RunResult>;
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

/**
 * Forks the engine entry; with a spec, sends it the `run` command at once. `env` adds to the
 * child's environment (a machine's local time zone, `TZ`, for instance).
 */
export function forkEngine(spec?: JobSpec, env: Readonly<Record<string, string>> = {}): EngineChild {
  const child = fork(join(ROOT, 'engine', 'utility.ts'), [], {
    execArgv: ['--import', 'tsx'],
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const events: EngineEvent[] = [];
  const waiters = new Set<{ match: (event: EngineEvent) => boolean; resolve: (event: EngineEvent) => void }>();
  child.on('message', (message) => {
    const event = message as EngineEvent;
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.match(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  // Exited, its channel closed (every message it sent has arrived) and its stderr read to the end.
  // Not 'close': Node never emits it once the parent has called disconnect() itself.
  const exited = Promise.all([
    new Promise<Exit>((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal }))),
    new Promise<void>((resolveDisconnect) => child.once('disconnect', () => resolveDisconnect())),
    new Promise<void>((resolveClose) => child.stderr!.once('close', () => resolveClose())),
  ]).then(([exit]) => exit);
  const send = (command: EngineCommand): void => void child.send(command);
  if (spec) send({ type: 'run', spec });
  const engine: EngineChild = {
    process: child,
    pid: child.pid!,
    events,
    stderr: () => stderr,
    send,
    waitFor(match: (event: EngineEvent) => boolean): Promise<never> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen as never);
      return new Promise<EngineEvent>((resolveEvent, reject) => {
        const waiter = { match, resolve: resolveEvent };
        waiters.add(waiter);
        void exited.then((exit) => {
          if (!waiters.delete(waiter)) return;
          const failures = events.flatMap((e) => (e.type === 'entity:state' && e.error ? [e.error] : e.type === 'run:finished' && e.result.error ? [e.result.error] : []));
          reject(new Error(`the engine exited (${exit.signal ?? exit.code}) before the awaited event; events: ${events.map(describe).join(', ')}${failures.length ? `; errors: ${failures.join(' | ')}` : ''}; stderr: ${stderr}`));
        });
      }) as Promise<never>;
    },
    exited,
    async result() {
      await exited;
      const finished = events.find((e) => e.type === 'run:finished');
      if (!finished) throw new Error(`the engine sent no run:finished; events: ${events.map(describe).join(', ')}; stderr: ${stderr}`);
      return finished.result;
    },
    kill(signal = 'SIGKILL') {
      child.kill(signal);
      return exited;
    },
  };
  return engine;
}

/** A short text of an event for failure messages. */
export function describe(event: EngineEvent): string {
  switch (event.type) {
    case 'entity:state':
      return `${event.entity}:${event.state}`;
    case 'entity:progress':
      return `${event.entity}:${event.rows} rows`;
    case 'run:finished':
      return `finished:${event.result.status}`;
    default:
      return event.type;
  }
}
