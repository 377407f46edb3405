/**
 * The designer's handlers as main builds them, for handler tests: a plain cipher, the real engine
 * forked through tsx, and a way to run entities and wait until the run has finished.
 */
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { AppEvents, Channel, EventName, RequestArg, RequestResult } from '../../shared/ipc/contract.ts';
import type { EngineEvent, EntityResult, RunResult } from '../../shared/protocol/engine.ts';
import type { SecretCipher } from '../../app/store/secret-cipher.ts';
import { forkLauncher, nodeFork } from '../../app/engine-launcher.ts';
import { createHandlers, type HandlerOptions } from '../../app/ipc/handlers.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const plainCipher: SecretCipher = { id: 'test-plain', encrypt: (text) => Buffer.from(text, 'utf8'), decrypt: (bytes) => bytes.toString('utf8') };

/** The handlers over `dir` (their state folder inside it), `call` through the real gate, and `runEntities`. */
export function designerHandlers(dir: string, options: Pick<HandlerOptions, 'previewTimeoutMs'> = {}) {
  const finished: EngineEvent[] = [];
  let waiting: (() => void) | undefined;
  const handlers = createHandlers({
    stateFolder: join(dir, 'state'),
    cipher: plainCipher,
    launcher: forkLauncher(nodeFork(join(ROOT, 'engine', 'utility.ts'), { execArgv: ['--import', 'tsx'], cwd: ROOT })),
    emit: <E extends EventName>(event: E, payload: AppEvents[E]) => {
      if (event === 'run:event' && (payload as EngineEvent).type === 'run:finished') {
        finished.push(payload as EngineEvent);
        waiting?.();
      }
    },
    env: {},
    confirm: () => Promise.resolve(true),
    ...options,
  });
  const call = <C extends Channel>(channel: C, arg: RequestArg<C>): Promise<RequestResult<C>> => dispatch(handlers, channel, arg) as Promise<RequestResult<C>>;
  /** Runs the entities and waits for the run to end: its result. */
  const runToEnd = async (entities: string[], batchDate: string): Promise<RunResult> => {
    const before = finished.length;
    const done = new Promise<void>((resolveDone) => {
      waiting = () => finished.length > before && resolveDone();
    });
    await call('run:start', { entities, batchDate });
    await done;
    const last = finished.at(-1)!;
    if (last.type !== 'run:finished') throw new Error('the run did not finish');
    return last.result;
  };
  /** Runs the entities, waits for the run to end, expects it to have succeeded, and returns its id. */
  const runEntities = async (entities: string[], batchDate = '2026-03-31'): Promise<string> => {
    const result = await runToEnd(entities, batchDate);
    expect(result).toMatchObject({ status: 'succeeded' });
    return result.runId;
  };
  /** Runs one entity, whatever comes of it: its result. */
  const runResult = async (entities: [string], batchDate = '2026-03-31'): Promise<EntityResult> => (await runToEnd(entities, batchDate)).entities[0]!;
  return { handlers, call, runEntities, runResult };
}
