/**
 * The parent's side of the bench's child processes (scripts/bench/child.ts): forking them, keeping
 * their output for error messages, ending them all on an abort, and the messages they send.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const CHILD_FILE = join(HERE, 'child.ts');

export const DUCKDB_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' } as const;

export type ChildMode = 'engine' | 'duckdb';

/** Sent by the engine child ahead of the event it was read at. */
export interface RssMessage { readonly type: 'bench:rss'; readonly phase: 'started' | 'loading' | 'finished'; readonly kb: number }

/** To the DuckDB child: open `database` (a file, read-only, or `:memory:`), then say `ready` and wait for `go`. */
export interface DuckOpenRequest { readonly type: 'open'; readonly database: string; readonly sql: string }
/** To the DuckDB child: run the statement now. */
export interface DuckGoRequest { readonly type: 'go' }
export type DuckRequest = DuckOpenRequest | DuckGoRequest;
/** From the DuckDB child: the database is open (`baselineKb`: VmHWM before it was), or the statement has run. */
export type DuckReply =
  | { readonly type: 'ready'; readonly baselineKb: number }
  | { readonly type: 'done'; readonly seconds: number; readonly peakKb: number; readonly error?: string };

/** Tracks the running child processes so that an abort (Ctrl+C) ends them. */
export class Children {
  private readonly running = new Set<{ kill(): void }>();
  add(kill: () => void): () => void {
    const entry = { kill };
    this.running.add(entry);
    return () => this.running.delete(entry);
  }
  killAll(): void {
    for (const entry of this.running) entry.kill();
    this.running.clear();
  }
}

/** Output of a child kept for error messages. */
export function tail(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.trim();
}

/** Forks one arm's child; `done` forgets it once it has ended. */
export function forkChild(mode: ChildMode, children: Children): { child: ChildProcess; output: () => string; done: () => void } {
  // LANDFALL_BENCH_NODE_OPTIONS adds Node options to the engine children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = mode === 'engine' ? (process.env.LANDFALL_BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean) : [];
  const child = fork(CHILD_FILE, [mode], {
    cwd: REPO,
    execArgv: ['--import', 'tsx', ...extra],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const done = children.add(() => child.kill('SIGKILL'));
  // LANDFALL_BENCH_TRACE=1: the engine child's timed events (child.ts) go to the bench's stderr.
  if (mode === 'engine' && process.env.LANDFALL_BENCH_TRACE === '1') child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return { child, output: tail(child), done };
}

/** Resolves with the exit code once the child has ended (at once if it already has). */
export const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
    else child.once('exit', (code) => resolveExit(code));
  });

/**
 * Runs a bash script in a process group of its own (so an abort ends every command of a pipeline)
 * with `set -o pipefail`; resolves with its wall time, or fails with its exit code and output.
 */
export async function runScript(script: string, env: NodeJS.ProcessEnv, children: Children, what: string): Promise<{ seconds: number }> {
  const started = performance.now();
  const child = spawn('bash', ['-c', `set -o pipefail; ${script}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const done = children.add(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  const output = tail(child);
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolveExit(exitCode));
  }).finally(done);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${what} failed (exit ${code}):\n${output()}`);
  return { seconds };
}

/** A word quoted for bash. */
export const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
