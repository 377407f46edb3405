/**
 * The engine's process entry: Electron's `utilityProcess.fork` (messages through
 * `process.parentPort`) or Node's `child_process.fork` (messages through `process.send`). The host
 * sends `{ type: 'run', spec }` and may send `{ type: 'cancel' }`; every engine event goes back as
 * a message, `run:finished` last, then the process exits (0 succeeded, 1 otherwise).
 */
import type { EngineCommand, EngineEvent, JobSpec } from '../shared/protocol/engine.ts';
import { runBatch } from './run-batch.ts';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface Transport {
  onMessage(listener: (message: unknown) => void): void;
  send(event: EngineEvent): Promise<void>;
}

function transport(): Transport {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      onMessage: (listener) => parentPort.on('message', (message) => listener(message.data)),
      send: (event) => {
        parentPort.postMessage(event);
        return Promise.resolve();
      },
    };
  }
  if (process.send) {
    return {
      onMessage: (listener) => process.on('message', listener),
      // Resolves once the message is handed to the channel, so the last event is not lost on exit.
      send: (event) => new Promise((resolve) => process.send!(event, undefined, undefined, () => resolve())),
    };
  }
  throw new Error('engine/utility.ts runs as a forked process (utilityProcess.fork or child_process.fork); for a terminal use `landfall run`');
}

function isCommand(message: unknown): message is EngineCommand {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'cancel' || (type === 'run' && typeof (message as { spec?: unknown }).spec === 'object');
}

const channel = transport();
const controller = new AbortController();
let started = false;

channel.onMessage((message) => {
  if (!isCommand(message)) return;
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  if (started) return;
  started = true;
  void run(message.spec);
});

async function run(spec: JobSpec): Promise<void> {
  const pending: Promise<void>[] = [];
  const result = await runBatch(spec, { signal: controller.signal, onEvent: (event) => void pending.push(channel.send(event)) });
  await Promise.all(pending);
  process.exit(result.status === 'succeeded' ? 0 : 1);
}

// The host ending (window closed) or asking to stop: cancel, so nothing half-done is committed.
process.on('SIGTERM', () => controller.abort());
process.on('disconnect', () => controller.abort());
