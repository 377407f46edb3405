// A run lock holder in a process of its own, for the lock tests: it takes DuckDB run locks when
// told (over the IPC channel) and holds them until told to release them, or until it is killed.
import { acquireRunLock, LockHeld, type RunLock } from '../../engine/run-lock.ts';
import type { LockCommand, LockReply } from './lock-holder.ts';

const held: RunLock[] = [];
const reply = (message: LockReply): void => void process.send!(message);

process.on('message', (message: LockCommand) => {
  if ('release' in message) {
    void Promise.all(held.splice(0).map((lock) => lock.release())).then(() => reply({ released: true }));
    return;
  }
  const { path, entities, runId } = message.take;
  acquireRunLock(runId, [{ warehouse: { name: 'wh', kind: 'duckdb', path }, entities }], { signal: new AbortController().signal, onRetry: () => undefined }).then(
    (lock) => {
      held.push(lock);
      reply({ took: true });
    },
    (error: unknown) => reply({ took: false, held: error instanceof LockHeld, error: String(error) }),
  );
});
reply({ ready: true });
