/**
 * The parent's side of the bench's child processes (scripts/bench/child.ts): forking them, keeping
 * their output for error messages, ending them all on an abort, and the messages they send.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const CHILD_FILE = join(HERE, 'child.ts');

export const DUCKDB_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' } as const;

export type ChildMode = 'engine' | 'duckdb';

/** Sent by the engine child ahead of the event it was read at. */
export interface RssMessage { readonly type: 'bench:rss'; readonly phase: 'started' | 'loading' | 'finished'; readonly kb: number }

export interface DuckCopyRequest { readonly database: string; readonly select: string; readonly folder: string }
export interface DuckCopyReply { readonly seconds: number; readonly peakKb: number; readonly baselineKb: number; readonly error?: string }

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
  return { child, output: tail(child), done };
}

/** Resolves with the exit code once the child has ended (at once if it already has). */
export const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
    else child.once('exit', (code) => resolveExit(code));
  });
