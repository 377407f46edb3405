/**
 * The Parquet arms on DuckDB's side. There is no `duckdb` CLI on this machine (and no postgres
 * extension: no downloads), so DuckDB runs through `@duckdb/node-api` in a child process of its
 * own (child.ts), which opens its database before the clock starts: what is timed is DuckDB's own
 * C++ reader and Parquet writer, as the CLI would run them, not Node's start-up.
 *
 * - the native pipeline (a ratio's denominator): `psql \copy (…) TO STDOUT` feeding DuckDB's
 *   `read_csv` → `COPY … TO … (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES …)` (the engine arms' file size), timed
 *   end to end, once through a fifo (both at the same time) and once through a CSV file (one after
 *   the other); the engine's Parquet ratio takes the faster;
 * - the reference (printed only): the same COPY from a DuckDB table loaded untimed.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { dialect } from '../../shared/sql/dialect.ts';
import { forkChild, type Children, type DuckReply, type DuckRequest } from './child-processes.ts';
import { runPipeline, type NativeCommand } from './native-arms.ts';

const literal = (value: string): string => dialect('duckdb').literal({ type: 'text', value });

/** DuckDB's COPY of `select` to Parquet ZSTD files of at most `fileSizeMb` MiB (the engine arms' limit) in `folder`. */
export const parquetCopy = (select: string, folder: string, fileSizeMb: number): string =>
  `COPY (${select}) TO ${literal(folder)} (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES ${Math.floor(fileSizeMb * 1024 * 1024)})`;

/** A DuckDB child with its database open and one statement waiting for `go()`. */
interface ReadyDuck {
  /** VmHWM of the child before DuckDB opened its database (Node + tsx + the DuckDB library). */
  readonly baselineKb: number;
  /** Runs the statement; its seconds (inside the child) and the child's VmHWM after it. */
  go(): Promise<{ seconds: number; peakKb: number }>;
}

/** Forks a DuckDB child, opens `database` and prepares `sql`; resolves once it is ready. */
export async function readyDuck(database: string, sql: string, children: Children): Promise<ReadyDuck> {
  const { child, output, done } = forkChild('duckdb', children);
  const replies: DuckReply[] = [];
  const waiting: ((reply: DuckReply) => void)[] = [];
  let exit: Error | undefined;
  const failed: ((error: Error) => void)[] = [];
  child.on('message', (message: DuckReply) => {
    const next = waiting.shift();
    if (next) next(message);
    else replies.push(message);
  });
  child.once('exit', (code) => {
    done();
    exit = new Error(`the DuckDB child exited (${code}) without an answer:\n${output()}`);
    for (const fail of failed.splice(0)) fail(exit);
  });
  const next = (): Promise<DuckReply> => new Promise((resolveReply, reject) => {
    const ready = replies.shift();
    if (ready) return resolveReply(ready);
    if (exit) return reject(exit);
    waiting.push(resolveReply);
    failed.push(reject);
  });
  child.send({ type: 'open', database, sql } satisfies DuckRequest);
  const opened = await next();
  if (opened.type !== 'ready') throw new Error(`DuckDB could not open ${database}: ${opened.error ?? 'no answer'}`);
  return {
    baselineKb: opened.baselineKb,
    async go() {
      child.send({ type: 'go' } satisfies DuckRequest);
      const reply = await next();
      if (reply.type !== 'done') throw new Error('the DuckDB child answered twice that it was ready');
      if (reply.error) throw new Error(`DuckDB failed: ${reply.error}`);
      return { seconds: reply.seconds, peakKb: reply.peakKb };
    },
  };
}

export interface DuckArm {
  readonly seconds: number;
  readonly peakKb: number | null;
  readonly baselineKb: number;
}

/** The reference: COPY of a table already in the DuckDB file `database`, timed inside the child. */
export async function duckdbReference(database: string, folder: string, fileSizeMb: number, children: Children): Promise<DuckArm> {
  const duck = await readyDuck(database, parquetCopy('SELECT * FROM src', folder, fileSizeMb), children);
  const run = await duck.go();
  return { seconds: run.seconds, peakKb: run.peakKb, baselineKb: duck.baselineKb };
}

/**
 * psql through a fifo into DuckDB's `read_csv` (`reader` of the fifo's path), both at once;
 * peak RSS is psql's plus the DuckDB child's, as they run together.
 */
export async function duckdbPipe(psql: NativeCommand, reader: (path: string) => string, fifo: string, folder: string, fileSizeMb: number, rssDir: string, children: Children): Promise<DuckArm> {
  await promisify(execFile)('mkfifo', [fifo]);
  const duck = await readyDuck(':memory:', parquetCopy(`SELECT * FROM ${reader(fifo)}`, folder, fileSizeMb), children);
  const started = performance.now();
  const [writer, copy] = await Promise.all([runPipeline([psql], fifo, rssDir, children), duck.go()]);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakKb: writer.peakKb === null ? null : writer.peakKb + copy.peakKb, baselineKb: duck.baselineKb };
}

/** psql to a CSV file, then DuckDB's `read_csv` of it to Parquet; peak RSS is the larger of the two. */
export async function duckdbSequential(psql: NativeCommand, reader: (path: string) => string, csv: string, folder: string, fileSizeMb: number, rssDir: string, children: Children): Promise<DuckArm> {
  const duck = await readyDuck(':memory:', parquetCopy(`SELECT * FROM ${reader(csv)}`, folder, fileSizeMb), children);
  const started = performance.now();
  const writer = await runPipeline([psql], csv, rssDir, children);
  const copy = await duck.go();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakKb: writer.peakKb === null ? null : Math.max(writer.peakKb, copy.peakKb), baselineKb: duck.baselineKb };
}
