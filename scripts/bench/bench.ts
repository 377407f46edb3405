/**
 * `npm run bench [-- --rows N] [--keep]`: the engine against native tools on the same rows.
 *
 * A private PostgreSQL 15 is seeded (server-side `generate_series`) with a narrow table (6 columns:
 * quotes, commas, newlines, unicode, empty text, ~10% NULLs) of N rows (default 2,000,000) and a
 * wide one (30 mixed columns) of N/4 rows. For each table, in one run, it times:
 *
 * - (a) native: `psql \copy (<the engine's own extract SELECT>) TO STDOUT WITH (FORMAT csv, HEADER)`
 *   piped to `zstd -1` and to `gzip -1`;
 * - (b) DuckDB writing the same rows to Parquet ZSTD (128 MB files). DuckDB has no postgres
 *   extension here (no downloads), so the rows are first loaded, untimed, from (a)'s CSV into a
 *   DuckDB file; only the `COPY … TO … (FORMAT parquet, COMPRESSION zstd)` is timed;
 * - (c) the engine (`engine/utility.ts` in a child process, exactly as the app runs it) landing
 *   CSV+zstd, CSV+gzip and Parquet to a local folder with 128 MB files, timed from `run:started`
 *   to the entity's `loading` state (extract + land). The load into the DuckDB warehouse runs too
 *   and is shown as "total", but is not part of the comparison.
 *
 * Rows/s is source rows per second; MB/s is output bytes (1 MB = 2^20 bytes) per second; the ratio
 * is engine rows/s ÷ native rows/s for the same output (higher is better). Every output is then read
 * back with DuckDB and must hold exactly the source rows: count, sum(id), the UTF-8 bytes of a text
 * column full of quotes, commas, newlines and unicode, and the non-NULL count of a nullable column.
 * A table is printed, then, as the very last line, one JSON object with every arm's figures; the
 * exit code is 1 when an arm failed or an output does not match.
 *
 * Peak RSS: for native arms, the sum of `/usr/bin/time -f %M` of psql and of the compressor (they
 * run at the same time; the PostgreSQL server is not counted for any arm). For the engine and
 * DuckDB arms, VmHWM of the child process (Node + tsx + the arm), read inside the child: this file
 * is also the child's entry, which wraps `process.send` so that VmHWM is read synchronously when the
 * engine emits `loading` (before the load starts) and `run:finished`, then imports
 * `engine/utility.ts` unchanged.
 *
 * Profiling: `LANDFALL_BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench`
 * passes the options to every engine child (one .cpuprofile per arm).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EngineEvent, JobSpec, RunResult } from '../../shared/protocol/engine.ts';
import { parseColumnType, type ColumnType } from '../../shared/model/column-type.ts';
import type { Compression } from '../../shared/model/schema.ts';
import { validateProject } from '../../shared/model/validate.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { extractStatement } from '../../shared/sql/steps/extract.ts';
import { planSubject, sqlInput } from '../../shared/plan/run-plan.ts';
import { compile } from '../../shared/sql/statement.ts';
import type { RunningServer, ServerInfo } from '../../test/services/databases.ts';
import { startPostgres } from '../../test/services/postgres-server.ts';

const BENCH_FILE = fileURLToPath(import.meta.url);
const REPO = resolve(dirname(BENCH_FILE), '../..');
const CHILD_ENV = 'LANDFALL_BENCH_CHILD';
const MB = 1024 * 1024;
const FILE_SIZE_MB = 128;
const DUCKDB_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' } as const;

export const DEFAULT_ROWS = 2_000_000;

// ---------------------------------------------------------------------------------------------
// Tables

interface BenchColumn {
  readonly name: string;
  /** PostgreSQL type. */
  readonly pg: string;
  /** Landfall column type. */
  readonly type: string;
  /** Value for row `g` of generate_series. */
  readonly expr: string;
}

interface BenchTable {
  readonly name: 'narrow' | 'wide';
  readonly columns: readonly BenchColumn[];
  /** Text column whose UTF-8 bytes are summed by the verification. */
  readonly text: string;
  /** Nullable column whose non-NULL values are counted by the verification. */
  readonly nullable: string;
}

/** Text with everything CSV must get right: quotes, commas, newlines, tabs, 2–4 byte UTF-8. */
const TRICKY_TEXT = `CASE g % 6
    WHEN 0 THEN 'Café "Zürich", Nr. ' || g
    WHEN 1 THEN E'line one\\nline two, ' || g
    WHEN 2 THEN '日本語テキスト ' || g || ' 🚀'
    WHEN 3 THEN E'O''Brien;\\t' || md5(g::text)
    WHEN 4 THEN 'comma, and "quoted ""twice""" ' || g
    ELSE 'plain ' || g END`;

const NARROW: BenchTable = {
  name: 'narrow',
  text: 'name',
  nullable: 'note',
  columns: [
    { name: 'id', pg: 'bigint', type: 'bigint', expr: 'g' },
    { name: 'qty', pg: 'integer', type: 'int', expr: 'CASE WHEN g % 10 = 3 THEN NULL ELSE (g * 7919) % 100000 - 50000 END' },
    { name: 'name', pg: 'text', type: 'string', expr: TRICKY_TEXT },
    { name: 'amount', pg: 'numeric(18,4)', type: 'decimal(18,4)', expr: 'CASE WHEN g % 10 = 7 THEN NULL ELSE round(((g * 104729) % 1000000007)::numeric / 10000 * (1 - 2 * (g % 2)), 4) END' },
    { name: 'modified', pg: 'timestamp', type: 'datetime', expr: `timestamp '2020-01-01' + g * interval '17 seconds' + (g % 1000000) * interval '1 microsecond'` },
    // ~10% NULL and ~10% empty text: the two must stay apart.
    { name: 'note', pg: 'text', type: 'string', expr: `CASE WHEN g % 10 = 0 THEN NULL WHEN g % 10 = 5 THEN '' ELSE 'note ' || (g % 997) END` },
  ],
};

const WIDE: BenchTable = {
  name: 'wide',
  text: 't1',
  nullable: 'i2',
  columns: [
    { name: 'id', pg: 'bigint', type: 'bigint', expr: 'g' },
    { name: 'i1', pg: 'integer', type: 'int', expr: 'g % 1000' },
    { name: 'i2', pg: 'integer', type: 'int', expr: 'CASE WHEN g % 10 = 1 THEN NULL ELSE (g * 31) % 2000000 END' },
    { name: 'i3', pg: 'integer', type: 'int', expr: '-(g % 54321)' },
    { name: 's1', pg: 'smallint', type: 'smallint', expr: '(g % 30000)::smallint' },
    { name: 'b1', pg: 'bigint', type: 'bigint', expr: 'g * 1000003' },
    { name: 'b2', pg: 'bigint', type: 'bigint', expr: 'CASE WHEN g % 10 = 2 THEN NULL ELSE g * g END' },
    { name: 'd1', pg: 'numeric(18,4)', type: 'decimal(18,4)', expr: 'round(g::numeric / 7, 4)' },
    { name: 'd2', pg: 'numeric(10,2)', type: 'decimal(10,2)', expr: 'CASE WHEN g % 10 = 3 THEN NULL ELSE round((g % 100000)::numeric / 3, 2) END' },
    { name: 'd3', pg: 'numeric(38,10)', type: 'decimal(38,10)', expr: 'round(g::numeric * 3.14159265358979, 10)' },
    { name: 'f1', pg: 'double precision', type: 'double', expr: '(g / 7.0)::float8' },
    { name: 'f2', pg: 'real', type: 'float', expr: '((g % 1000) / 3.0)::real' },
    { name: 'flag', pg: 'boolean', type: 'boolean', expr: 'g % 2 = 0' },
    { name: 'flag2', pg: 'boolean', type: 'boolean', expr: 'CASE WHEN g % 10 = 4 THEN NULL ELSE g % 3 = 0 END' },
    { name: 'dt', pg: 'date', type: 'date', expr: `date '2000-01-01' + (g % 10000)::int` },
    { name: 'ts', pg: 'timestamp', type: 'datetime', expr: `timestamp '2021-06-01' + g * interval '1 second'` },
    { name: 'tstz', pg: 'timestamptz', type: 'datetimeoffset', expr: `timestamptz '2021-06-01 00:00:00+00' + g * interval '1 minute'` },
    { name: 'tm', pg: 'time', type: 'time', expr: `time '00:00' + (g % 86400) * interval '1 second'` },
    { name: 'u', pg: 'uuid', type: 'uuid', expr: 'md5(g::text)::uuid' },
    { name: 't1', pg: 'text', type: 'string', expr: TRICKY_TEXT },
    { name: 't2', pg: 'varchar(50)', type: 'string(50)', expr: `'code-' || (g % 5000)` },
    { name: 't3', pg: 'text', type: 'string', expr: `CASE WHEN g % 10 = 5 THEN NULL ELSE repeat('x', (g % 40)::int) END` },
    { name: 't4', pg: 'text', type: 'string', expr: 'md5(g::text)' },
    { name: 't5', pg: 'varchar(100)', type: 'string(100)', expr: `'Straße ' || (g % 777) || ', Köln'` },
    { name: 't6', pg: 'text', type: 'string', expr: `CASE WHEN g % 10 = 6 THEN NULL ELSE E'tab\\there "dq"' END` },
    { name: 'i4', pg: 'integer', type: 'int', expr: 'g % 7' },
    { name: 'b3', pg: 'bigint', type: 'bigint', expr: '-g' },
    { name: 'd4', pg: 'numeric(12,3)', type: 'decimal(12,3)', expr: '(g % 1000000)::numeric / 1000' },
    { name: 'dt2', pg: 'date', type: 'date', expr: `CASE WHEN g % 10 = 8 THEN NULL ELSE date '2024-01-01' - (g % 3650)::int END` },
    { name: 't7', pg: 'text', type: 'string', expr: `'Ελληνικά ' || (g % 100)` },
  ],
};

const TABLES = [NARROW, WIDE] as const;

/** The DuckDB type that reads a column back from CSV. */
function duckType(type: string): string {
  const t = parseColumnType(type) as ColumnType;
  switch (t.kind) {
    case 'boolean': return 'BOOLEAN';
    case 'smallint': return 'SMALLINT';
    case 'int': return 'INTEGER';
    case 'bigint': return 'BIGINT';
    case 'decimal': return `DECIMAL(${t.precision},${t.scale})`;
    case 'float': return 'FLOAT';
    case 'double': return 'DOUBLE';
    case 'date': return 'DATE';
    case 'time': return 'TIME';
    case 'datetime': return 'TIMESTAMP';
    case 'datetimeoffset': return 'TIMESTAMPTZ';
    case 'uuid': return 'UUID';
    case 'binary': return 'BLOB';
    case 'string': return 'VARCHAR';
  }
}

const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

// ---------------------------------------------------------------------------------------------
// Arms and results

type Output = 'csv-zstd' | 'csv-gzip' | 'parquet';
type ArmKind = 'psql' | 'duckdb' | 'engine';

export interface ArmResult {
  readonly arm: string;
  readonly table: string;
  readonly kind: ArmKind;
  readonly output: Output;
  /** Source rows the arm wrote (from the arm itself: psql/duckdb counts are those verified). */
  readonly rows: number;
  /** Timed seconds (engine: run:started → loading). */
  readonly seconds: number;
  /** Engine only: run:started → run:finished, including the warehouse load. */
  readonly totalSeconds?: number;
  readonly bytes: number;
  readonly files: number;
  readonly rowsPerSecond: number;
  readonly mbPerSecond: number;
  readonly peakRssMb: number | null;
  /** Engine only: this arm's rows/s ÷ the native arm's rows/s for the same output. */
  readonly ratio?: number;
  /** Null when it matched the source; otherwise what did not. */
  readonly problem: string | null;
}

export interface BenchReport {
  readonly rows: number;
  readonly wideRows: number;
  readonly verified: boolean;
  readonly arms: readonly ArmResult[];
  /** Node + tsx + this file's modules (pg, DuckDB) of an idle child, for reading the children's peak RSS. */
  readonly childBaselineRssMb: number;
  /** The engine child's VmHWM at `run:started`: every engine module loaded, no rows read yet. */
  readonly engineStartedRssMb: number;
  readonly notes: readonly string[];
}

export interface BenchOptions {
  /** Narrow table rows; the wide table gets a quarter. */
  readonly rows: number;
  /** Use this database instead of starting a private server (tests). Its tables `narrow` and `wide` are replaced. */
  readonly postgres?: ServerInfo;
  /** Keep the temporary folder (outputs) and print where. */
  readonly keep?: boolean;
  readonly signal?: AbortSignal;
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
  /** Which tables to run (default both); the wide one alone covers every column type. */
  readonly tables?: readonly ('narrow' | 'wide')[];
}

interface SourceFacts {
  readonly rows: number;
  readonly sumId: string;
  readonly textBytes: string;
  readonly nonNull: number;
}

// ---------------------------------------------------------------------------------------------
// Children

/** VmHWM (peak resident set) of a process in KB, from /proc; 0 where /proc is not there. */
function vmHwmKb(pid: number | 'self'): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

interface RssMessage { readonly type: 'bench:rss'; readonly phase: 'started' | 'loading' | 'finished'; readonly kb: number }

/**
 * The engine child: reads VmHWM at the moment the engine emits `run:started` (modules loaded),
 * `loading` (extract and land done, load not started) and `run:finished`, sends it ahead of the
 * event, then runs engine/utility.ts as it is.
 */
async function engineChild(): Promise<void> {
  const send = process.send!.bind(process) as (message: unknown, ...rest: unknown[]) => boolean;
  process.send = ((message: unknown, ...rest: unknown[]) => {
    const event = message as EngineEvent;
    const phase = event.type === 'run:started' ? 'started' : event.type === 'run:finished' ? 'finished'
      : event.type === 'entity:state' && event.state === 'loading' ? 'loading' : undefined;
    if (phase) send({ type: 'bench:rss', phase, kb: vmHwmKb('self') } satisfies RssMessage);
    return send(message, ...rest);
  }) as typeof process.send;
  await import('../../engine/utility.ts');
}

interface DuckCopyRequest { readonly database: string; readonly select: string; readonly folder: string }
interface DuckCopyReply { readonly seconds: number; readonly peakKb: number; readonly baselineKb: number; readonly error?: string }

/** The DuckDB child: opens the loaded database file and times the Parquet COPY only. */
function duckdbChild(): void {
  const baselineKb = vmHwmKb('self');
  process.once('message', (message: DuckCopyRequest) => {
    void (async () => {
      let reply: DuckCopyReply;
      try {
        const instance = await DuckDBInstance.create(message.database, { ...DUCKDB_OPTIONS, access_mode: 'READ_ONLY' });
        const connection = await instance.connect();
        const started = performance.now();
        await connection.run(
          `COPY (${message.select}) TO ${sqlString(message.folder)} (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES '${FILE_SIZE_MB}MiB')`,
        );
        const seconds = (performance.now() - started) / 1000;
        reply = { seconds, peakKb: vmHwmKb('self'), baselineKb };
        connection.closeSync();
        instance.closeSync();
      } catch (error) {
        reply = { seconds: 0, peakKb: 0, baselineKb, error: error instanceof Error ? error.message : String(error) };
      }
      process.send!(reply, undefined, undefined, () => process.exit(reply.error ? 1 : 0));
    })();
  });
}

/** Tracks the running child processes so that an abort (Ctrl+C) ends them. */
class Children {
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
function tail(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.trim();
}

function forkChild(mode: 'engine' | 'duckdb', children: Children): { child: ChildProcess; output: () => string; done: () => void } {
  // LANDFALL_BENCH_NODE_OPTIONS adds Node options to the engine children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = mode === 'engine' ? (process.env.LANDFALL_BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean) : [];
  const child = fork(BENCH_FILE, [], {
    cwd: REPO,
    execArgv: ['--import', 'tsx', ...extra],
    env: { ...process.env, [CHILD_ENV]: mode },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const done = children.add(() => child.kill('SIGKILL'));
  return { child, output: tail(child), done };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
    else child.once('exit', (code) => resolveExit(code));
  });

// ---------------------------------------------------------------------------------------------
// The bench

const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** The landed files of a folder (not the manifest), by name. */
async function outputFiles(folder: string, extension: string): Promise<string[]> {
  const names = existsSync(folder) ? (await readdir(folder)).filter((n) => n.endsWith(extension)).sort() : [];
  return names.map((n) => join(folder, n));
}

async function totalBytes(files: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += (await stat(file)).size;
  return bytes;
}

function csvReader(table: BenchTable, files: readonly string[]): string {
  const columns = table.columns.map((c) => `${sqlString(c.name)}: ${sqlString(duckType(c.type))}`).join(', ');
  // Quoted empty text is text, not NULL (allow_quoted_nulls=false): that is how both writers keep them apart.
  return `read_csv([${files.map(sqlString).join(', ')}], header=true, delim=',', quote='"', escape='"', ` +
    `allow_quoted_nulls=false, columns={${columns}}, auto_detect=false)`;
}

const parquetReader = (files: readonly string[]): string => `read_parquet([${files.map(sqlString).join(', ')}])`;

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs the whole bench and returns its figures (no printing besides `log`). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const signal = options.signal ?? new AbortController().signal;
  if (!Number.isInteger(options.rows) || options.rows < 4) throw new Error(`--rows must be a whole number of at least 4, not ${options.rows}`);
  const counts = { narrow: options.rows, wide: Math.max(1, Math.floor(options.rows / 4)) };
  const tables = TABLES.filter((t) => !options.tables || options.tables.includes(t.name));
  const children = new Children();
  const onAbort = (): void => children.killAll();
  signal.addEventListener('abort', onAbort, { once: true });

  const dir = await mkdtemp(join(tmpdir(), 'landfall-bench-'));
  let server: RunningServer | undefined;
  try {
    let info: ServerInfo;
    if (options.postgres) {
      info = options.postgres;
    } else {
      log('starting a private PostgreSQL…');
      server = await startPostgres();
      info = server;
    }
    signal.throwIfAborted();

    // Seed, then freeze and analyze so that no arm pays for hint bits or a first read.
    const facts = new Map<string, SourceFacts>();
    await Promise.all(
      tables.map(async (table) => {
        const client = new pg.Client({ ...info });
        await client.connect();
        // Ctrl+C during a long INSERT: ending the connection stops it.
        const forget = children.add(() => void client.end().catch(() => undefined));
        try {
          const started = performance.now();
          await client.query(`DROP TABLE IF EXISTS ${table.name}`);
          await client.query(`CREATE TABLE ${table.name} (${table.columns.map((c) => `${c.name} ${c.pg}`).join(', ')}, PRIMARY KEY (id))`);
          await client.query(`INSERT INTO ${table.name} SELECT ${table.columns.map((c) => c.expr).join(',\n  ')} FROM generate_series(1::bigint, ${counts[table.name]}) AS g`);
          await client.query(`VACUUM (FREEZE, ANALYZE) ${table.name}`);
          const result = await client.query<{ rows: string; sum_id: string; text_bytes: string; non_null: string }>(
            `SELECT count(*) AS rows, sum(id)::text AS sum_id, coalesce(sum(octet_length(${table.text})), 0)::text AS text_bytes, count(${table.nullable}) AS non_null FROM ${table.name}`,
          );
          const row = result.rows[0]!;
          facts.set(table.name, { rows: Number(row.rows), sumId: row.sum_id ?? '0', textBytes: row.text_bytes, nonNull: Number(row.non_null) });
          log(`seeded ${table.name}: ${counts[table.name].toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          forget();
          await client.end().catch(() => undefined);
        }
      }),
    );

    const arms: ArmResult[] = [];
    let baselineKb = 0;
    let engineStartedKb = 0;
    for (const table of tables) {
      const tableDir = join(dir, table.name);
      await mkdir(tableDir);
      const project = projectFor(table, info, tableDir);
      const select = extractSelect(project, table);
      const source = facts.get(table.name)!;

      // (a) psql | zstd -1, psql | gzip -1
      for (const output of ['csv-zstd', 'csv-gzip'] as const) {
        signal.throwIfAborted();
        const file = join(tableDir, `psql.${output === 'csv-zstd' ? 'csv.zst' : 'csv.gz'}`);
        log(`${table.name}: psql \\copy | ${output === 'csv-zstd' ? 'zstd' : 'gzip'} -1 …`);
        const run = await runNative(info, select, output === 'csv-zstd' ? 'zstd -1 -q -c' : 'gzip -1 -c', file, tableDir, children);
        const bytes = await totalBytes([file]);
        arms.push(arm(table, 'psql', output, source.rows, run.seconds, bytes, 1, run.peakKb));
      }

      // (b) DuckDB → Parquet ZSTD, after an untimed load of (a)'s CSV into a DuckDB file.
      signal.throwIfAborted();
      log(`${table.name}: loading DuckDB from the psql CSV (untimed), then COPY to Parquet ZSTD …`);
      const duckFile = join(tableDir, 'duck.duckdb');
      {
        const instance = await DuckDBInstance.create(duckFile, { ...DUCKDB_OPTIONS });
        const connection = await instance.connect();
        await connection.run(`CREATE TABLE src AS SELECT * FROM ${csvReader(table, [join(tableDir, 'psql.csv.zst')])}`);
        connection.closeSync();
        instance.closeSync();
      }
      const duckFolder = join(tableDir, 'duckdb-parquet');
      const duck = await runDuckCopy(duckFile, `SELECT * FROM src`, duckFolder, children);
      baselineKb = Math.max(baselineKb, duck.baselineKb);
      const duckFiles = await outputFiles(duckFolder, '.parquet');
      arms.push(arm(table, 'duckdb', 'parquet', source.rows, duck.seconds, await totalBytes(duckFiles), duckFiles.length, duck.peakKb));

      // (c) the engine
      for (const output of ['csv-zstd', 'csv-gzip', 'parquet'] as const) {
        signal.throwIfAborted();
        log(`${table.name}: engine → ${output} …`);
        const armDir = join(tableDir, `engine-${output}`);
        await mkdir(armDir);
        const spec = engineSpec(table, info, armDir, output);
        const run = await runEngine(spec, children, signal);
        engineStartedKb = Math.max(engineStartedKb, run.startedKb);
        const files = await outputFiles(join(armDir, 'lake', table.name, 'Latest'), output === 'parquet' ? '.parquet' : output === 'csv-zstd' ? '.csv.zst' : '.csv.gz');
        const result = arm(table, 'engine', output, run.rows, run.seconds, await totalBytes(files), files.length, run.peakKb, run.totalSeconds, run.error);
        arms.push(result);
      }
    }

    // Every output must hold exactly the source rows.
    log('verifying every output with DuckDB …');
    const verified = await verify(arms, dir, facts);

    // Ratios: engine rows/s ÷ native rows/s for the same output and table.
    const withRatios = verified.map((a) => {
      if (a.kind !== 'engine') return a;
      const native = verified.find((n) => n.table === a.table && n.output === a.output && n.kind !== 'engine');
      return { ...a, ratio: native && native.rowsPerSecond > 0 ? round(a.rowsPerSecond / native.rowsPerSecond, 2) : 0 };
    });

    if (options.keep) log(`outputs kept in ${dir}`);
    return {
      rows: counts.narrow,
      wideRows: counts.wide,
      verified: withRatios.every((a) => a.problem === null),
      arms: withRatios,
      childBaselineRssMb: round(baselineKb / 1024),
      engineStartedRssMb: round(engineStartedKb / 1024),
      notes: [
        'psql arms run the engine\'s own extract SELECT: psql -X \\copy (…) TO STDOUT WITH (FORMAT csv, HEADER) | zstd -1 / gzip -1.',
        'duckdb-parquet: DuckDB has no postgres extension here, so the rows are loaded (untimed) from the psql CSV into a DuckDB file; only COPY … (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES 128MiB) is timed.',
        'engine arms: run:started → entity "loading" (extract + land, 128 MB files, local folder); "total" adds the DuckDB warehouse load.',
        'peak RSS: psql arms = psql + compressor (/usr/bin/time %M, summed); engine/duckdb arms = VmHWM of the child (engine: read when "loading" is emitted), which includes an idle Node + tsx child of about the baseline below.',
      ],
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
    children.killAll();
    if (!options.keep) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    await server?.stop();
  }
}

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

type Project = Extract<ReturnType<typeof validateProject>, { ok: true }>['value'];

/** The project of one table: PostgreSQL source, DuckDB warehouse and local lander in the arm's folder. */
function projectFor(table: BenchTable, info: ServerInfo, folder: string, output: Output = 'csv-zstd'): Project {
  const validated = validateProject({
    format: 'landfall-project',
    version: 1,
    name: 'bench',
    batch: { parallelEntities: 1 },
    connections: [
      { name: 'source', kind: 'postgres', host: info.host, port: info.port, database: info.database, user: info.user, ...(info.password ? { password: '${env:PGPASSWORD}' } : {}) },
      { name: 'warehouse', kind: 'duckdb', path: join(folder, 'warehouse.duckdb') },
      { name: 'lake', kind: 'localfs', path: join(folder, 'lake') },
    ],
    entities: [{
      name: table.name,
      columns: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.name !== 'id' })),
      businessKey: ['id'],
      warehouse: 'warehouse',
      persistentStaging: { trackDeletes: true },
    }],
    extracts: [{
      entity: table.name,
      source: { kind: 'table', connection: 'source', table: table.name },
      pattern: { kind: 'full' },
      format: output === 'parquet' ? { kind: 'parquet' } : { kind: 'csv' },
      compression: (output === 'csv-gzip' ? 'gzip' : 'zstd') satisfies Compression,
      fileSizeMb: FILE_SIZE_MB,
      lander: { connection: 'lake' },
    }],
  });
  if (!validated.ok) throw new Error(`bench project is not valid: ${validated.issues.map((i) => `${i.object} ${i.field}: ${i.message}`).join('; ')}`);
  return validated.value;
}

/** The SELECT the engine runs for a table's full extract, on one line for psql's \copy. */
function extractSelect(project: Project, table: BenchTable): string {
  const input = sqlInput(planSubject(project, table.name));
  const { statement } = extractStatement(input, { batchDate: '2024-01-01', batchId: 1n, batchTime: '2024-01-01 00:00:00.000', runId: 'bench', watermarks: {} });
  const compiled = compile(statement, dialect('postgres'));
  if (compiled.params.length) throw new Error('the extract query has parameters; the bench expects a plain full extract');
  return compiled.sql.replace(/\s+/g, ' ');
}

function engineSpec(table: BenchTable, info: ServerInfo, folder: string, output: Output): JobSpec {
  const project = projectFor(table, info, folder, output);
  return {
    runId: `bench-${table.name}-${output}`,
    batchDate: new Date().toISOString().slice(0, 10),
    batchId: '1',
    parallelEntities: 1,
    parameters: {},
    // The job spec carries secret values, not references.
    connections: project.connections.map((c) => (c.kind === 'postgres' && info.password ? { ...c, password: info.password } : c)),
    entities: project.entities.map((entity) => ({ entity, extract: project.extracts.find((x) => x.entity === entity.name)! })),
  };
}

/** psql \copy piped to a compressor, through bash; wall time and each side's peak RSS. */
async function runNative(info: ServerInfo, select: string, compressor: string, file: string, folder: string, children: Children): Promise<{ seconds: number; peakKb: number | null }> {
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

async function runDuckCopy(database: string, select: string, folder: string, children: Children): Promise<DuckCopyReply> {
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

interface EngineRun {
  readonly rows: number;
  readonly seconds: number;
  readonly totalSeconds: number;
  readonly peakKb: number;
  /** VmHWM when the run started: the engine's modules loaded, no rows yet. */
  readonly startedKb: number;
  readonly error?: string;
}

/** Runs one engine arm in its own process, as the app does (engine/utility.ts over IPC). */
async function runEngine(spec: JobSpec, children: Children, signal: AbortSignal): Promise<EngineRun> {
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

/** Reads each output back with DuckDB and compares it with the source. */
async function verify(arms: readonly ArmResult[], dir: string, facts: ReadonlyMap<string, SourceFacts>): Promise<ArmResult[]> {
  const instance = await DuckDBInstance.create(':memory:', { ...DUCKDB_OPTIONS });
  const connection = await instance.connect();
  try {
    const checked: ArmResult[] = [];
    for (const a of arms) {
      if (a.problem !== null) {
        checked.push(a);
        continue;
      }
      const table = TABLES.find((t) => t.name === a.table)!;
      const tableDir = join(dir, table.name);
      const files =
        a.kind === 'psql' ? [join(tableDir, `psql.${a.output === 'csv-zstd' ? 'csv.zst' : 'csv.gz'}`)]
          : a.kind === 'duckdb' ? await outputFiles(join(tableDir, 'duckdb-parquet'), '.parquet')
            : await outputFiles(join(tableDir, `engine-${a.output}`, 'lake', table.name, 'Latest'), a.output === 'parquet' ? '.parquet' : a.output === 'csv-zstd' ? '.csv.zst' : '.csv.gz');
      const source = facts.get(table.name)!;
      let problem: string | null = null;
      if (!files.length) {
        problem = 'no output files';
      } else {
        try {
          const reader = a.output === 'parquet' ? parquetReader(files) : csvReader(table, files);
          const result = await connection.runAndReadAll(
            `SELECT count(*), coalesce(sum(id), 0)::VARCHAR, coalesce(sum(strlen(${table.text})), 0)::VARCHAR, count(${table.nullable}) FROM ${reader}`,
          );
          const [rows, sumId, textBytes, nonNull] = result.getRows()[0]!;
          const got = { rows: Number(rows), sumId: String(sumId), textBytes: String(textBytes), nonNull: Number(nonNull) };
          const wrong = (Object.keys(source) as (keyof SourceFacts)[]).filter((k) => String(got[k]) !== String(source[k]));
          if (wrong.length) problem = wrong.map((k) => `${k} ${got[k]} ≠ source ${source[k]}`).join(', ');
        } catch (error) {
          problem = `could not read the output: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      checked.push({ ...a, problem });
    }
    return checked;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const ARM_LABELS: Record<string, string> = {
  'psql-csv-zstd': 'psql \\copy | zstd -1',
  'psql-csv-gzip': 'psql \\copy | gzip -1',
  'duckdb-parquet': 'DuckDB COPY → Parquet ZSTD',
  'engine-csv-zstd': 'engine CSV + zstd',
  'engine-csv-gzip': 'engine CSV + gzip',
  'engine-parquet': 'engine Parquet ZSTD',
};

/** The readable table. */
export function formatReport(report: BenchReport): string {
  const header = ['table', 'arm', 'rows', 'seconds', 'rows/s', 'out MB', 'files', 'MB/s', 'peak RSS MB', 'ratio', 'total s', 'check'];
  const lines = report.arms.map((a) => [
    a.table,
    ARM_LABELS[a.arm.slice(a.table.length + 1)] ?? a.arm,
    a.rows.toLocaleString('en-US'),
    a.seconds.toFixed(2),
    a.rowsPerSecond.toLocaleString('en-US'),
    (a.bytes / MB).toFixed(1),
    String(a.files),
    a.mbPerSecond.toFixed(1),
    a.peakRssMb === null ? 'n/a' : a.peakRssMb.toFixed(0),
    a.ratio === undefined ? '' : a.ratio.toFixed(2),
    a.totalSeconds === undefined ? '' : a.totalSeconds.toFixed(2),
    a.problem === null ? 'ok' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const row = (cells: readonly string[]): string => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)];
  const problems = report.arms.filter((a) => a.problem !== null);
  out.push('');
  out.push(`rows: narrow ${report.rows.toLocaleString('en-US')}, wide ${report.wideRows.toLocaleString('en-US')} (30 columns); ratio = engine rows/s ÷ native rows/s for the same output (higher is better)`);
  for (const note of report.notes) out.push(`- ${note}`);
  out.push(`- idle child (Node + tsx + pg + DuckDB) peak RSS: ${report.childBaselineRssMb} MB; engine child at run:started (all engine modules loaded, no rows yet): ${report.engineStartedRssMb} MB`);
  out.push(problems.length ? `VERIFICATION FAILED:\n${problems.map((a) => `  ${a.arm}: ${a.problem}`).join('\n')}` : 'verification: every output holds exactly the source rows (count, sum(id), text bytes, non-NULL count)');
  return out.join('\n');
}

/** The last line: one JSON object with every arm's rows/s, MB/s, peak RSS and (engine) ratio. */
export function reportJson(report: BenchReport): string {
  const arms: Record<string, Record<string, number | null | string>> = {};
  for (const a of report.arms) {
    arms[a.arm] = {
      rowsPerSecond: a.rowsPerSecond,
      mbPerSecond: a.mbPerSecond,
      peakRssMb: a.peakRssMb,
      ...(a.ratio === undefined ? {} : { ratio: a.ratio }),
      seconds: a.seconds,
      ...(a.totalSeconds === undefined ? {} : { totalSeconds: a.totalSeconds }),
      outputMb: round(a.bytes / MB, 2),
      ...(a.problem === null ? {} : { problem: a.problem }),
    };
  }
  return JSON.stringify({
    rows: report.rows, wideRows: report.wideRows, verified: report.verified,
    childBaselineRssMb: report.childBaselineRssMb, engineStartedRssMb: report.engineStartedRssMb, arms,
  });
}

export function parseArgs(argv: readonly string[]): { rows: number; keep: boolean } {
  let rows = DEFAULT_ROWS;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--rows' || arg.startsWith('--rows=')) {
      const value = arg === '--rows' ? argv[++i] : arg.slice('--rows='.length);
      rows = Number(value?.replace(/_/g, ''));
      if (!Number.isInteger(rows) || rows < 4) throw new Error(`--rows needs a whole number of at least 4, not "${value}"`);
    } else if (arg === '--keep') {
      keep = true;
    } else {
      throw new Error(`unknown argument "${arg}"; usage: npm run bench -- [--rows N] [--keep]`);
    }
  }
  return { rows, keep };
}

async function main(): Promise<void> {
  let args: { rows: number; keep: boolean };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) return;
    process.stderr.write('\nstopping: ending child processes, stopping PostgreSQL, removing temporary files …\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const report = await runBench({ ...args, signal: controller.signal });
    console.log(formatReport(report));
    console.log(reportJson(report));
    process.exitCode = report.verified ? 0 : 1;
  } catch (error) {
    if (controller.signal.aborted) {
      process.exitCode = 130;
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  }
}

const childMode = process.env[CHILD_ENV];
if (childMode === 'engine') {
  await engineChild();
} else if (childMode === 'duckdb') {
  duckdbChild();
} else if (process.argv[1] && resolve(process.argv[1]) === BENCH_FILE) {
  await main();
}
