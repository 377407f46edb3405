// The parent side of `lock-holder-process.ts`: a real process that takes and holds DuckDB run locks.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './engine-child.ts';

export type LockCommand = { readonly take: { readonly path: string; readonly entities: readonly string[]; readonly runId: string } } | { readonly release: true };
export type LockReply = { readonly ready: true } | { readonly took: true } | { readonly took: false; readonly held: boolean; readonly error: string } | { readonly released: true };

export interface LockHolder {
  readonly pid: number;
  /** Takes the locks of `entities` on the DuckDB file `path`: whether it got them, or why not. */
  take(path: string, entities: readonly string[], runId: string): Promise<Extract<LockReply, { took: boolean }>>;
  release(): Promise<void>;
  /** Kills the process and resolves once it is gone. */
  kill(signal: NodeJS.Signals): Promise<NodeJS.Signals | null>;
}

/** Starts a lock holder process and resolves once it is ready to take locks at once. */
export async function forkLockHolder(): Promise<LockHolder> {
  const child = fork(join(ROOT, 'test', 'engine', 'lock-holder-process.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) => child.once('exit', (_code, signal) => resolveExit(signal)));
  const next = <T extends LockReply>(): Promise<T> =>
    new Promise<T>((resolveReply, reject) => {
      const gone = (): void => reject(new Error('the lock holder process exited'));
      child.once('exit', gone);
      child.once('message', (message) => {
        child.off('exit', gone);
        resolveReply(message as T);
      });
    });
  await next();
  return {
    pid: child.pid!,
    take(path, entities, runId) {
      const reply = next<Extract<LockReply, { took: boolean }>>();
      child.send({ take: { path, entities, runId } } satisfies LockCommand);
      return reply;
    },
    async release() {
      const reply = next();
      child.send({ release: true } satisfies LockCommand);
      await reply;
    },
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
