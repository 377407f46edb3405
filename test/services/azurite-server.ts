// Starts Azurite's Blob service (the npm devDependency `azurite`) on 127.0.0.1 and a free port, with
// in-memory persistence, for the Azure lander tests. Only the Blob endpoint is served: Azurite does
// not implement the Data Lake (DFS) endpoint.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-server.ts';

/** Azurite's account and where its Blob service answers. Plain data, so Vitest can `provide` it. */
export interface AzuriteInfo {
  /** `http://127.0.0.1:PORT/devstoreaccount1` (path-style URL, as Azurite serves it). */
  blobEndpoint: string;
  account: string;
  accountKey: string;
}

export interface RunningAzurite extends AzuriteInfo {
  /** Stops Azurite (all data is in memory and goes with it). Safe to call more than once. */
  stop(): Promise<void>;
}

/** The emulator's fixed account and key (published in Azurite's README; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const START_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 50;
const STOP_TIMEOUT_MS = 10_000;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = 'node_modules/azurite/dist/src/blob/main.js';

/** Starts Azurite; `stop()` ends the process. */
export async function startAzurite(): Promise<RunningAzurite> {
  let lastError: unknown;
  // The free port can be taken between choosing it and Azurite binding it; try a few times.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

class PortInUseError extends Error {}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function startOnce(): Promise<RunningAzurite> {
  if (!existsSync(join(repoRoot, MAIN))) {
    throw new Error(`Azurite is not installed (no ${MAIN} under ${repoRoot}); it is a devDependency: run npm ci`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [
    MAIN, '--blobHost', '127.0.0.1', '--blobPort', String(port),
    '--inMemoryPersistence', '--skipApiVersionCheck', '--loose', '--disableTelemetry', '--silent',
  ], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });

  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
      resolve();
    });
    child.once('error', (error) => {
      exitInfo = error.message;
      resolve();
    });
  });

  // If the test run dies without calling stop(), do not leave Azurite behind (must be synchronous).
  const killOnExit = () => {
    if (exitInfo === undefined) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stopProcess = async () => {
    if (exitInfo === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let up = false;
  while (exitInfo === undefined && Date.now() <= deadline) {
    if (await answers(port)) {
      up = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  if (!up || exitInfo !== undefined) {
    const why = exitInfo !== undefined ? `azurite exited (${exitInfo})` : `port not answering after ${START_TIMEOUT_MS / 1000} s`;
    await stopProcess();
    const message = `Azurite did not start on 127.0.0.1:${port}: ${why}\n--- stderr ---\n${stderr.trim() || '(empty)'}`;
    throw /EADDRINUSE/.test(stderr) ? new PortInUseError(message) : new Error(message);
  }

  let stopped: Promise<void> | undefined;
  return {
    blobEndpoint: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    account: AZURITE_ACCOUNT,
    accountKey: AZURITE_KEY,
    stop: () => (stopped ??= stopProcess()),
  };
}
