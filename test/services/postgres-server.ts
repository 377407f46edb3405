// Starts a throw-away PostgreSQL server from the Debian package (postgresql, /usr/lib/postgresql/<v>/bin)
// on 127.0.0.1 and a free port, with its data, socket and log in a temporary folder. As root the server
// runs as the `postgres` user (PostgreSQL refuses to run as root), otherwise as the current user.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningServer } from './databases.ts';

const run = promisify(execFile);

/** Settings for a disposable test server: no durability, room for many parallel test connections. */
const TEST_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=200',
];

/** The bin folder of the newest installed PostgreSQL (`LANDFALL_PG_BIN` overrides). */
export function postgresBinDir(): string {
  const override = process.env.LANDFALL_PG_BIN;
  if (override) return override;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(`PostgreSQL is not installed (no ${root}/<version>/bin/initdb). Install it: apt-get install -y postgresql`);
  }
  return join(root, versions[0], 'bin');
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not get a free port'))));
    });
  });
}

/** Single-quotes a word for /bin/sh. */
const sh = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

const isRoot = () => process.getuid?.() === 0;

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

/** Starts a PostgreSQL server; `stop()` shuts it down immediately and deletes its folder. */
export async function startPostgres(): Promise<RunningServer> {
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

class PortInUseError extends Error {}

async function startOnce(): Promise<RunningServer> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'landfall-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  const logFile = join(dir, 'postgres.log');
  // The -o options reach the postgres command line through a shell inside pg_ctl: keep paths plain.
  if (!/^[\w./-]+$/.test(dir)) throw new Error(`Temporary folder ${dir} has characters the pg_ctl options cannot carry`);

  const port = await freePort();
  await mkdir(dataDir, { mode: 0o700 });
  await mkdir(socketDir, { mode: 0o700 });
  await writeFile(logFile, '');

  const asRoot = isRoot();
  if (asRoot) {
    // mkdtemp makes a 0700 folder owned by root; the postgres user must be able to enter it.
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as (it comes with the postgresql package)');
    });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    const uid = Number(stdout.trim());
    for (const path of [dir, dataDir, socketDir, logFile]) await chown(path, uid, Number(gid.trim()));
  }

  /** Runs a command line as the postgres user (root) or directly (anyone else). */
  const exec = (args: string[]) =>
    asRoot
      ? run('su', ['postgres', '-c', args.map(sh).join(' ')], { cwd: dir })
      : run(args[0]!, args.slice(1), { cwd: dir });

  const cleanUp = () => rm(dir, { recursive: true, force: true });

  try {
    await exec([
      join(bin, 'initdb'), '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8',
      '--no-sync', '--no-instructions',
    ]);
  } catch (error) {
    await cleanUp();
    throw new Error(`PostgreSQL initdb failed in ${dataDir}:\n${errorText(error)}`);
  }

  const options = ['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', socketDir, ...TEST_SETTINGS.flatMap((s) => ['-c', s])];
  const pgCtl = join(bin, 'pg_ctl');
  try {
    await exec([pgCtl, '-D', dataDir, '-l', logFile, '-o', options.join(' '), '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = readLog(logFile);
    // pg_ctl may have left a postmaster behind when it gave up waiting.
    await exec([pgCtl, '-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    await cleanUp();
    const message = `PostgreSQL did not start on 127.0.0.1:${port}:\n${errorText(error)}\n--- ${logFile} ---\n${log}`;
    throw /already in use|could not bind|could not create any TCP\/IP sockets/i.test(log) ? new PortInUseError(message) : new Error(message);
  }

  // If the test run dies without calling stop(), do not leave a server behind. postgres shuts down at
  // once on SIGQUIT; this must be synchronous, as it runs in process.on('exit').
  const killOnExit = () => {
    try {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // already gone
    }
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // the server may still be writing; the folder is in the temporary directory anyway
    }
  };
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      try {
        await exec([pgCtl, '-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch (error) {
        // Not running any more (crashed or already stopped): nothing to stop, but say so if it is still there.
        if (existsSync(join(dataDir, 'postmaster.pid'))) {
          throw new Error(`pg_ctl stop failed:\n${errorText(error)}\n--- ${logFile} ---\n${readLog(logFile)}`);
        }
      }
      await cleanUp();
    })());

  return { host: '127.0.0.1', port, user: 'postgres', password: '', database: 'postgres', stop };
}

