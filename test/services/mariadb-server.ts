// Starts a throw-away MariaDB server from the Debian package (mariadb-server: mariadbd and
// mariadb-install-db) on 127.0.0.1 and a free port, with its data, socket and logs in a temporary
// folder. root may log in over TCP without a password.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import type { RunningServer } from './databases.ts';
import { freePort } from './postgres-server.ts';

const run = promisify(execFile);

const START_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 50;
const STOP_TIMEOUT_MS = 10_000;

/** Settings for a disposable test server: little durability, room for many parallel test connections. */
const TEST_SETTINGS = [
  '--innodb-flush-log-at-trx-commit=2',
  '--skip-log-bin',
  '--max-connections=200',
  '--innodb-buffer-pool-size=128M',
  '--local-infile=1',
  '--character-set-server=utf8mb4',
  '--skip-name-resolve',
];

/** Where a program is: on PATH, or in the sbin/bin folders Debian uses. */
function findProgram(name: string): string {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean).concat(['/usr/sbin', '/usr/bin', '/sbin']);
  const found = dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) throw new Error(`${name} not found on PATH or in /usr/sbin. Install MariaDB: apt-get install -y mariadb-server`);
  return found;
}

/** The end of a log file, for error messages. */
const readLog = (file: string, lines = 60) => {
  try {
    const all = readFileSync(file, 'utf8').trim().split('\n');
    return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n') || '(empty)';
  } catch {
    return '(no log written)';
  }
};

/** An execFile error: its message (the command and its stderr) and its stdout. */
const errorText = (error: unknown) => {
  if (error && typeof error === 'object') {
    const { message, stdout } = error as { message?: string; stdout?: string };
    return [message?.trim(), stdout?.trim()].filter(Boolean).join('\n');
  }
  return String(error);
};

class PortInUseError extends Error {}

/** Starts a MariaDB server; `stop()` ends the process and deletes its folder. */
export async function startMariaDb(): Promise<RunningServer> {
  let lastError: unknown;
  // The free port can be taken between choosing it and the server binding it; try a few times.
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

async function startOnce(): Promise<RunningServer> {
  const mariadbd = findProgram('mariadbd');
  const installDb = findProgram('mariadb-install-db');
  const dir = await mkdtemp(join(tmpdir(), 'landfall-mariadb-'));
  const dataDir = join(dir, 'data');
  const socket = join(dir, 'mariadb.sock');
  const pidFile = join(dir, 'mariadb.pid');
  const errorLog = join(dir, 'error.log');
  // Its own temporary folder: the machine's /tmp is shared with other servers and test runs, whose
  // cleanups must never reach a temporary table file of this server.
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  // mariadbd refuses to run as root unless told to; --user is only allowed for root.
  const userOption = process.getuid?.() === 0 ? ['--user=root'] : [];
  const cleanUp = () => rm(dir, { recursive: true, force: true });

  try {
    await run(installDb, [
      '--no-defaults', `--datadir=${dataDir}`, ...userOption,
      '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve',
    ], { cwd: dir });
  } catch (error) {
    await cleanUp();
    throw new Error(`mariadb-install-db failed in ${dataDir}:\n${errorText(error)}`);
  }

  const port = await freePort();
  const child = spawn(mariadbd, [
    '--no-defaults', `--datadir=${dataDir}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
    ...userOption, `--pid-file=${pidFile}`, `--log-error=${errorLog}`, `--tmpdir=${tmp}`, ...TEST_SETTINGS,
  ], { cwd: dir, stdio: 'ignore' });

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

  // If the test run dies without calling stop(), do not leave a server behind (must be synchronous).
  const killOnExit = () => {
    if (exitInfo === undefined) child.kill('SIGKILL');
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // the folder is in the temporary directory anyway
    }
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
    await cleanUp();
  };

  // Ready when root can log in over TCP.
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = 'no attempt';
  for (;;) {
    if (exitInfo !== undefined) break;
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: '', connectTimeout: 2_000 });
      await connection.end();
      lastError = '';
      break;
    } catch (error) {
      lastError = errorText(error);
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  if (lastError || exitInfo !== undefined) {
    const why = exitInfo !== undefined ? `mariadbd exited (${exitInfo})` : `no connection after ${START_TIMEOUT_MS / 1000} s (last error: ${lastError})`;
    const log = readLog(errorLog);
    await stopProcess();
    const message = `MariaDB did not start on 127.0.0.1:${port}: ${why}\n--- ${errorLog} ---\n${log}`;
    throw /already in use|Can't start server: Bind/i.test(log) ? new PortInUseError(message) : new Error(message);
  }

  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopProcess());
  return { host: '127.0.0.1', port, user: 'root', password: '', database: 'mysql', stop };
}
