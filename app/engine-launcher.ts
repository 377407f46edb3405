/**
 * Runs the engine off the main process: one forked process per run, its events relayed as they
 * arrive, `run:finished` always delivered last. Electron-free: the app forks with
 * `utilityProcess.fork` (see utility-fork.ts), Node and the tests with `child_process.fork`
 * (`nodeFork` below); both hide behind {@link ForkFn}.
 *
 * A process that ends without sending `run:finished` (a crash, an out-of-memory kill, a killed
 * window) still ends its run: the launcher synthesizes a failed (or, when it was asked to end the
 * process, cancelled) `run:finished`, so the UI and the run history never keep a run "running".
 */
import { fork as forkChild } from 'node:child_process';
import type { EngineCommand, EngineEvent, EntityResult, EntityState, JobSpec, RunResult } from '../shared/protocol/engine.ts';

/** How a forked engine process ended. */
export interface EngineExit {
  readonly code: number | null;
  readonly signal?: string | null | undefined;
  /** The last lines the process wrote to stderr, if the transport captures them. */
  readonly stderr?: string | undefined;
}

/** A forked engine process as the launcher sees it: Electron's utility process or a Node child. */
export interface EngineProcess {
  send(command: EngineCommand): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, after every message the process sent has been delivered. */
  onExit(listener: (exit: EngineExit) => void): void;
  /** Ends the process: asks it to stop (SIGTERM, which the engine treats as cancel) and forces it if it does not. */
  kill(): void;
}

/** Starts one engine process. May throw (the entry file is missing, the OS refused). */
export type ForkFn = () => EngineProcess;

export interface RunningEngine {
  readonly runId: string;
  /** Asks the engine to cancel: reading stops, unpublished files are removed, nothing is committed. */
  cancel(): void;
  /** Ends the engine process (its window closed). */
  kill(): void;
  /** The run's result, once `run:finished` was delivered and the process has ended. */
  readonly done: Promise<RunResult>;
}

export interface EngineLauncher {
  start(spec: JobSpec, onEvent: (event: EngineEvent) => void): RunningEngine;
}

/** After `run:finished`, the engine exits by itself; one that lingers longer than this is ended. */
const EXIT_GRACE_MS = 5_000;

const EVENT_TYPES: ReadonlySet<string> = new Set(['run:started', 'entity:state', 'entity:progress', 'log', 'run:finished']);

/** Messages from the engine are checked before they are relayed: only engine events of this run pass. */
function isEngineEvent(message: unknown, runId: string): message is EngineEvent {
  if (typeof message !== 'object' || message === null) return false;
  const { type } = message as { type?: unknown };
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) return false;
  if (type === 'run:finished') {
    const result = (message as { result?: { runId?: unknown; status?: unknown } }).result;
    return typeof result === 'object' && result !== null && result.runId === runId && typeof result.status === 'string';
  }
  return (message as { runId?: unknown }).runId === runId;
}

interface EntityProgress {
  state: EntityState;
  rows: number;
  bytes: number;
  files: number;
  startedAt?: string;
  error?: string;
}

/** Why a process that never sent `run:finished` ended, in words the run history can show. */
export function describeExit(exit: EngineExit): string {
  const how = exit.signal ? `killed by signal ${exit.signal}` : exit.code === null ? 'no exit code' : `exit code ${exit.code}`;
  const said = exit.stderr?.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
  return `the engine process ended unexpectedly (${how}) before it finished the run${said ? `; it last wrote: ${said}` : ''}`;
}

/** A launcher that forks one engine process per run with `fork`. */
export function forkLauncher(fork: ForkFn): EngineLauncher {
  return {
    start(spec, onEvent) {
      const launchedAt = new Date().toISOString();
      const entities = new Map<string, EntityProgress>(spec.entities.map(({ entity }) => [entity.name, { state: 'queued', rows: 0, bytes: 0, files: 0 }]));
      let startedAt = launchedAt;
      let finished: RunResult | undefined;
      let ended: EngineExit | undefined;
      let killRequested = false;
      let child: EngineProcess | undefined;
      let lingering: NodeJS.Timeout | undefined;
      let resolveDone!: (result: RunResult) => void;
      const done = new Promise<RunResult>((resolve) => (resolveDone = resolve));

      const deliver = (event: EngineEvent): void => {
        try {
          onEvent(event);
        } catch {
          // A listener's failure must not lose the run's end.
        }
      };
      const settle = (): void => {
        if (finished && ended) {
          clearTimeout(lingering);
          resolveDone(finished);
        }
      };
      const finish = (result: RunResult, at = new Date().toISOString()): void => {
        if (finished) return;
        finished = result;
        deliver({ type: 'run:finished', result, at });
        settle();
      };
      /** The result of a run whose process ended without saying so: what each entity had reached. */
      const synthesized = (error: string): RunResult => {
        const at = new Date().toISOString();
        const status = killRequested ? 'cancelled' : 'failed';
        const results: EntityResult[] = [...entities].map(([entity, progress]) => ({
          entity,
          status: progress.state === 'done' ? 'done' : progress.state === 'cancelled' ? 'cancelled' : status,
          rows: progress.rows,
          bytes: progress.bytes,
          files: progress.files,
          startedAt: progress.startedAt ?? at,
          finishedAt: at,
          ...(progress.state === 'done' ? {} : { error: progress.error ?? error }),
        }));
        return { runId: spec.runId, status, startedAt, finishedAt: at, entities: results, error };
      };

      const onMessage = (message: unknown): void => {
        if (finished || !isEngineEvent(message, spec.runId)) return;
        const event = message;
        switch (event.type) {
          case 'run:started':
            startedAt = event.at;
            break;
          case 'entity:state': {
            const progress = entities.get(event.entity);
            if (progress) {
              if (progress.state === 'queued' && event.state !== 'queued') progress.startedAt = event.at;
              progress.state = event.state;
              if (event.error) progress.error = event.error;
            }
            break;
          }
          case 'entity:progress': {
            const progress = entities.get(event.entity);
            if (progress) Object.assign(progress, { rows: event.rows, bytes: event.bytes, files: event.files });
            break;
          }
          case 'run:finished':
            finish(event.result, event.at);
            // The engine exits right after its last event; one that does not is ended.
            lingering = setTimeout(() => child?.kill(), EXIT_GRACE_MS);
            lingering.unref?.();
            return;
          default:
            break;
        }
        deliver(event);
      };
      const onExit = (exit: EngineExit): void => {
        if (ended) return;
        ended = exit;
        if (!finished) {
          finish(synthesized(killRequested
            ? `the run was stopped: the engine process was ended before it finished (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`})`
            : describeExit(exit)));
        }
        settle();
      };

      try {
        child = fork();
        child.onMessage(onMessage);
        child.onExit(onExit);
        child.send({ type: 'run', spec });
      } catch (error) {
        // Reported after start() returns, so the caller has the run's id before its end arrives.
        const message = `the engine process could not be started: ${error instanceof Error ? error.message : String(error)}`;
        queueMicrotask(() => {
          ended = { code: null };
          finish(synthesized(message));
        });
      }

      return {
        runId: spec.runId,
        done,
        cancel() {
          if (finished || ended || !child) return;
          try {
            child.send({ type: 'cancel' });
          } catch {
            // The process is going away; its exit ends the run.
          }
        },
        kill() {
          if (ended || !child) return;
          killRequested = true;
          child.kill();
        },
      };
    },
  };
}

export interface NodeForkOptions {
  /** Node options of the child, e.g. `['--import', 'tsx']` to run `engine/utility.ts` from source. */
  readonly execArgv?: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How long SIGTERM gets before SIGKILL. */
  readonly killGraceMs?: number;
}

const STDERR_KEEP = 4096;

/**
 * `child_process.fork` as a {@link ForkFn}: for Node hosts (tests, the Playwright harness).
 * `'close'` (not `'exit'`) ends it, so every message the child sent has been delivered first.
 */
export function nodeFork(modulePath: string, options: NodeForkOptions = {}): ForkFn {
  return () => {
    const child = forkChild(modulePath, [], {
      execArgv: [...(options.execArgv ?? [])],
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    let force: NodeJS.Timeout | undefined;
    let spawnError: Error | undefined;
    child.on('error', (error) => void (spawnError ??= error));
    return {
      send(command) {
        if (child.connected) child.send(command);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        child.once('close', (code, signal) => {
          clearTimeout(force);
          listener({ code, signal, stderr: spawnError ? `${spawnError.message}\n${stderr}` : stderr });
        });
      },
      kill() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        force = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 5_000);
        force.unref();
      },
    };
  };
}
