/**
 * The timed arms: (a) native `psql \copy` piped to a compressor, (b) DuckDB's COPY to Parquet and
 * (c) the engine in a child process, exactly as the app runs it; and the figures of one arm.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EngineEvent, JobSpec, RunResult } from '../../shared/protocol/engine.ts';
import type { ServerInfo } from '../../test/services/databases.ts';
import { DUCKDB_OPTIONS, exited, forkChild, tail, type Children, type DuckCopyReply, type DuckCopyRequest, type RssMessage } from './child-processes.ts';
import { ARM_PATHS, engineSpec, extractSelect, projectFor, type BenchTable, type Output, type SourceFacts } from './fixtures.ts';
import { MB, round, type ArmKind, type ArmResult } from './report.ts';
import { armOutputFiles, csvReader, totalBytes } from './verification.ts';

const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** The figures of one arm, before verification (`error`: the arm itself failed). */
function arm(
  table: BenchTable, kind: ArmKind, output: Output, rows: number, seconds: number, bytes: number, files: number,
  peakKb: number | null, totalSeconds?: number, error?: string,
): ArmResult {
  const name = `${table.name}:${kind === 'psql' ? `psql-${output}` : kind === 'duckdb' ? 'duckdb-parquet' : `engine-${output}`}`;
  return {
    arm: name, table: table.name, kind, output, rows,
    seconds: round(seconds, 3),
    ...(totalSeconds === undefined ? {} : { totalSeconds: round(totalSeconds, 3) }),
    bytes, files,
    rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
    mbPerSecond: seconds > 0 ? round(bytes / MB / seconds, 2) : 0,
    peakRssMb: peakKb === null ? null : round(peakKb / 1024),
    problem: error ?? null,
  };
}

/** psql \copy piped to a compressor, through bash; wall time and each side's peak RSS. */
export async function runNative(info: ServerInfo, select: string, compressor: string, file: string, folder: string, children: Children): Promise<{ seconds: number; peakKb: number | null }> {
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const psqlRss = join(folder, 'psql.rss');
  const compressorRss = join(folder, 'compressor.rss');
  const psql = [
    'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', info.host, '-p', String(info.port), '-U', info.user, '-d', info.database,
    '-c', `\\copy (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`,
  ].map(shellWord).join(' ');
  const measured = (command: string, rssFile: string): string => (time ? `${time} -f %M -o ${shellWord(rssFile)} ${command}` : command);
  const script = `set -o pipefail; ${measured(psql, psqlRss)} | ${measured(compressor, compressorRss)} > ${shellWord(file)}`;
  const started = performance.now();
  const child = spawn('bash', ['-c', script], {
    env: { ...process.env, ...(info.password ? { PGPASSWORD: info.password } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
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
  if (code !== 0) throw new Error(`psql | ${compressor} failed (exit ${code}):\n${output()}`);
  if (!time) return { seconds, peakKb: null };
  const kb = async (path: string): Promise<number> => Number((await readFile(path, 'utf8')).trim().split('\n').pop());
  return { seconds, peakKb: (await kb(psqlRss)) + (await kb(compressorRss)) };
}

/** Times DuckDB's COPY of `select` to Parquet files in `folder`, in a child of its own. */
export async function runDuckCopy(database: string, select: string, folder: string, children: Children): Promise<DuckCopyReply> {
  const { child, output, done } = forkChild('duckdb', children);
  try {
    const reply = new Promise<DuckCopyReply>((resolveReply, reject) => {
      child.once('message', (message) => resolveReply(message as DuckCopyReply));
      child.once('exit', (code) => reject(new Error(`the DuckDB child exited (${code}) without an answer:\n${output()}`)));
    });
    child.send({ database, select, folder } satisfies DuckCopyRequest);
    const answer = await reply;
    await exited(child);
    if (answer.error) throw new Error(`DuckDB COPY to Parquet failed: ${answer.error}`);
    return answer;
  } finally {
    done();
  }
}

export interface EngineRun {
  readonly rows: number;
  readonly seconds: number;
  readonly totalSeconds: number;
  readonly peakKb: number;
  /** VmHWM when the run started: the engine's modules loaded, no rows yet. */
  readonly startedKb: number;
  readonly error?: string;
}

/** Runs one engine arm in its own process, as the app does (engine/utility.ts over IPC). */
export async function runEngine(spec: JobSpec, children: Children, signal: AbortSignal): Promise<EngineRun> {
  const { child, output, done } = forkChild('engine', children);
  const cancel = (): void => {
    if (child.connected) child.send({ type: 'cancel' }, (error) => void error);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    let startedAt: number | undefined;
    let loadingAt: number | undefined;
    let startedKb = 0;
    let loadingKb = 0;
    let finishedKb = 0;
    let result: RunResult | undefined;
    const finished = new Promise<void>((resolveRun, reject) => {
      child.on('message', (message: EngineEvent | RssMessage) => {
        if (message.type === 'bench:rss') {
          if (message.phase === 'started') startedKb = message.kb;
          else if (message.phase === 'loading') loadingKb = message.kb;
          else finishedKb = message.kb;
        } else if (message.type === 'run:started') {
          startedAt = Date.parse(message.at);
        } else if (message.type === 'entity:state' && message.state === 'loading') {
          loadingAt = Date.parse(message.at);
        } else if (message.type === 'run:finished') {
          result = message.result;
          resolveRun();
        }
      });
      child.once('exit', (code) => (result ? resolveRun() : reject(new Error(`the engine exited (${code}) before run:finished:\n${output()}`))));
    });
    child.send({ type: 'run', spec });
    await finished;
    await exited(child);
    const entity = result!.entities[0];
    const finishedAt = Date.parse(result!.finishedAt);
    const error = result!.status === 'succeeded' ? undefined : entity?.error ?? result!.error ?? result!.status;
    const begin = startedAt ?? Date.parse(result!.startedAt);
    return {
      rows: entity?.rows ?? 0,
      seconds: ((loadingAt ?? finishedAt) - begin) / 1000,
      totalSeconds: (finishedAt - begin) / 1000,
      // Without a `loading` event (a failed run) the peak of the whole run is all there is.
      peakKb: loadingAt === undefined ? finishedKb : loadingKb,
      startedKb,
      ...(error === undefined ? {} : { error: `engine run ${result!.status}: ${error}` }),
    };
  } finally {
    signal.removeEventListener('abort', cancel);
    done();
  }
}

/** One table's arms, and the peak RSS baselines read on the way. */
export interface TableArms {
  readonly arms: readonly ArmResult[];
  /** VmHWM of an idle DuckDB child (Node + tsx + DuckDB), in KB. */
  readonly baselineKb: number;
  /** VmHWM of the engine children at run:started (every engine module loaded, no rows yet), in KB. */
  readonly engineStartedKb: number;
}

/** Runs every arm on one seeded table, in `tableDir`, one after the other. */
export async function runTableArms(table: BenchTable, info: ServerInfo, tableDir: string, source: SourceFacts, children: Children, signal: AbortSignal, log: (line: string) => void): Promise<TableArms> {
  await mkdir(tableDir);
  const arms: ArmResult[] = [];
  const select = extractSelect(projectFor(table, info, tableDir), table);
  const measured = async (kind: ArmKind, output: Output, rows: number, seconds: number, peakKb: number | null, totalSeconds?: number, error?: string): Promise<void> => {
    const files = await armOutputFiles(tableDir, { table: table.name, kind, output });
    arms.push(arm(table, kind, output, rows, seconds, await totalBytes(files), files.length, peakKb, totalSeconds, error));
  };

  // (a) psql | zstd -1, psql | gzip -1
  for (const output of ['csv-zstd', 'csv-gzip'] as const) {
    signal.throwIfAborted();
    const compressor = output === 'csv-zstd' ? 'zstd' : 'gzip';
    log(`${table.name}: psql \\copy | ${compressor} -1 …`);
    const run = await runNative(info, select, output === 'csv-zstd' ? 'zstd -1 -q -c' : 'gzip -1 -c', ARM_PATHS.psqlFile(tableDir, output), tableDir, children);
    await measured('psql', output, source.rows, run.seconds, run.peakKb);
  }

  // (b) DuckDB → Parquet ZSTD, after an untimed load of (a)'s CSV into a DuckDB file.
  signal.throwIfAborted();
  log(`${table.name}: loading DuckDB from the psql CSV (untimed), then COPY to Parquet ZSTD …`);
  const duckFile = join(tableDir, 'duck.duckdb');
  {
    const instance = await DuckDBInstance.create(duckFile, { ...DUCKDB_OPTIONS });
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE src AS SELECT * FROM ${csvReader(table, [ARM_PATHS.psqlFile(tableDir, 'csv-zstd')])}`);
    connection.closeSync();
    instance.closeSync();
  }
  const duck = await runDuckCopy(duckFile, `SELECT * FROM src`, ARM_PATHS.duckdbFolder(tableDir), children);
  await measured('duckdb', 'parquet', source.rows, duck.seconds, duck.peakKb);

  // (c) the engine
  let engineStartedKb = 0;
  for (const output of ['csv-zstd', 'csv-gzip', 'parquet'] as const) {
    signal.throwIfAborted();
    log(`${table.name}: engine → ${output} …`);
    const armDir = ARM_PATHS.engineFolder(tableDir, output);
    await mkdir(armDir);
    const run = await runEngine(engineSpec(table, info, armDir, output), children, signal);
    engineStartedKb = Math.max(engineStartedKb, run.startedKb);
    await measured('engine', output, run.rows, run.seconds, run.peakKb, run.totalSeconds, run.error);
  }
  return { arms, baselineKb: duck.baselineKb, engineStartedKb };
}
