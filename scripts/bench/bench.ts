/**
 * `npm run bench [-- --rows N] [--sources postgres,mariadb,sqlite] [--sweep N,N,…] [--file-size-mb N] [--keep]`: the
 * engine against native tools on the same rows (the README's "Bench" section lists every arm).
 *
 * A private PostgreSQL 15 is seeded (server-side `generate_series`) with a narrow table (6 columns:
 * quotes, commas, newlines, unicode, empty text, ~10% NULLs) of N rows (default 2,000,000) and a
 * wide one (30 mixed columns) of N/4 rows, then copied into a private MariaDB and a SQLite file
 * (source-copies.ts). For each table and source, in one run, it times:
 *
 * - native: `psql \copy (<the engine's own extract SELECT>) TO STDOUT WITH (FORMAT csv, HEADER)`
 *   piped to `zstd -1` and to `gzip -1`; `mariadb --quick -B -e …` and `sqlite3 -csv …` piped to
 *   `zstd -1`; and the Parquet pipeline psql → DuckDB `read_csv` → `COPY … TO parquet`, timed end
 *   to end through a fifo and through a file (duckdb-arms.ts);
 * - reference (printed, no ratio): DuckDB's COPY to Parquet alone, from a table loaded untimed;
 * - the engine (`engine/utility.ts` in a child process, exactly as the app runs it) landing
 *   CSV+zstd, CSV+gzip and Parquet (PostgreSQL) or CSV+zstd (MariaDB, SQLite) to a local folder
 *   with 128 MB files (`--file-size-mb`; the native Parquet arms write the same size), timed from `run:started` to the entity's `loading` state (extract + land).
 *   The load into the DuckDB warehouse runs too and is shown as "total", but is not compared.
 *
 * Rows/s is source rows per second; MB/s is output bytes (1 MB = 2^20 bytes) per second; the ratio
 * is engine rows/s ÷ the rows/s of the faster of its native arms (higher is better). Every output
 * is then read back with DuckDB and must hold exactly the source rows: count, sum(id), the UTF-8
 * bytes of a text column full of quotes, commas, newlines and unicode, and the non-NULL count of a
 * nullable column. A table is printed, then, as the very last line, one JSON object with every
 * arm's figures; the exit code is 1 when an arm failed or an output does not match. `--sweep` runs
 * the narrow table once per size and judges peak RSS per arm (sweep.ts).
 *
 * Peak RSS: for native arms, the sum of `/usr/bin/time -f %M` of the pipeline's commands (they
 * run at the same time; no database server is counted for any arm) and of a DuckDB child's VmHWM.
 * For the engine arms, VmHWM of the child process (Node + tsx + the arm), read inside the child
 * (child.ts), when the engine emits `loading` (before the load starts) and `run:finished`.
 *
 * The parts: fixtures.ts (tables, seeding, projects), source-copies.ts (MariaDB and SQLite
 * copies), native-arms.ts and duckdb-arms.ts (the native pipelines), arms.ts (each table's arms),
 * child.ts and child-processes.ts (the arms' processes), verification.ts (reading every output
 * back), report.ts (the table and the JSON line) and sweep.ts (the memory sweep).
 *
 * Profiling: `LANDFALL_BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench`
 * passes the options to every engine child (one .cpuprofile per arm).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { RunningServer, ServerInfo } from '../../test/services/databases.ts';
import { startMariaDb } from '../../test/services/mariadb-server.ts';
import { startPostgres } from '../../test/services/postgres-server.ts';
import { engineArmName, runTableArms, type TableSources } from './arms.ts';
import { runLoadArms } from './load-arms.ts';
import { Children } from './child-processes.ts';
import { FILE_SIZE_MB, filesInFlight, SOURCE_KINDS, TABLES, seedTable, type BenchSource, type SourceFacts, type SourceKind, type TableName } from './fixtures.ts';
import { formatReport, reportJson, round, withRatios, type ArmResult, type BenchReport } from './report.ts';
import { copyToMariaDb, copyToSqlite } from './source-copies.ts';
import { formatSweep, HEADROOM_MB, sweepJson, sweepReport, type SweepReport } from './sweep.ts';
import { verify } from './verification.ts';
import { MAX_FILE_SIZE_MB, MIN_FILE_SIZE_MB } from '../../shared/model/schema.ts';

export const DEFAULT_ROWS = 2_000_000;

export interface BenchOptions {
  /** Narrow table rows; the wide table gets a quarter. */
  readonly rows: number;
  /** Use this database instead of starting a private server (tests). Its tables `narrow` and `wide` are replaced. */
  readonly postgres?: ServerInfo;
  /** Use this MariaDB database for the copies instead of starting a private server (tests). */
  readonly mariadb?: ServerInfo;
  /** Which sources' arms to run (default all); PostgreSQL is seeded whatever they are, as the copies' origin. */
  readonly sources?: readonly SourceKind[];
  /** Keep the temporary folder (outputs) and print where. */
  readonly keep?: boolean;
  readonly signal?: AbortSignal;
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
  /** Which tables to run (default both); the wide one alone covers every column type. */
  readonly tables?: readonly TableName[];
  /** Every arm's file size limit, MB (default 128; the native Parquet arms get the same). */
  readonly fileSizeMb?: number;
  /** Run the load arms after the extract arms (default true; the sweep does not: they have no peak RSS to judge). */
  readonly loads?: boolean;
}

const NOTES = [
  'psql arms run the engine\'s own extract SELECT: psql -X \\copy (…) TO STDOUT WITH (FORMAT csv, HEADER) | zstd -1 / gzip -1.',
  'Parquet: the engine\'s ratio is taken against the faster of two native pipelines timed end to end, psql \\copy (…) TO STDOUT feeding DuckDB read_csv (the engine\'s column types) → COPY … (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES of the engine arms\' file size): through a fifo (both at once) and through a CSV file (one after the other). There is no duckdb CLI on this machine, so DuckDB runs through @duckdb/node-api in a child process that opens its database before the clock starts: the timed work is DuckDB\'s own C++ reader and writer, as in the CLI, not Node\'s start-up.',
  'duckdb-parquet (reference, no ratio): COPY … TO parquet from a DuckDB table loaded untimed from the psql CSV; it flatters the native side and is printed only.',
  'mariadb: the rows are a copy of the PostgreSQL table (LOAD DATA of psql\'s COPY text); mariadb --quick -B -e \'<the engine\'s extract SELECT>\' writes tab-separated text with backslash escapes and NULL as the word NULL, not CSV: it is the native baseline issue 11 names, and the cheaper output.',
  'sqlite: a copy in a SQLite file (sqlite3 .import of psql CSV, NULLs restored); sqlite3 -batch -csv -header <file> \'<SELECT>\' | zstd -1.',
  'engine arms: run:started → entity "loading" (extract + land, 128 MB files, local folder); "total" adds the DuckDB warehouse load.',
  'peak RSS: native arms = the sum of each command of the pipeline (/usr/bin/time %M; a DuckDB child\'s VmHWM where DuckDB runs; the sequential Parquet pipeline the larger of its two steps); engine/duckdb arms = VmHWM of the child (engine: read when "loading" is emitted), which includes an idle Node + tsx + DuckDB child of about the baseline below. Database servers are not counted.',
  'timings: 2 shared cores, one run; compare arms within one run, not across runs.',
];

/** Starts a private MariaDB with a `bench` database, or uses the one given. */
async function mariadbFor(options: BenchOptions, log: (line: string) => void): Promise<{ info: ServerInfo; server?: RunningServer }> {
  if (options.mariadb) return { info: options.mariadb };
  log('starting a private MariaDB…');
  const server = await startMariaDb();
  const connection = await mysql.createConnection({ host: server.host, port: server.port, user: server.user, password: server.password, charset: 'utf8mb4' });
  await connection.query('CREATE DATABASE IF NOT EXISTS bench CHARACTER SET utf8mb4').finally(() => connection.end());
  return { info: { ...server, database: 'bench' }, server };
}

/** Runs the whole bench and returns its figures (no printing besides `log`). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const signal = options.signal ?? new AbortController().signal;
  if (!Number.isInteger(options.rows) || options.rows < 4) throw new Error(`--rows must be a whole number of at least 4, not ${options.rows}`);
  const counts: Record<TableName, number> = { narrow: options.rows, wide: Math.max(1, Math.floor(options.rows / 4)) };
  const tables = TABLES.filter((t) => !options.tables || options.tables.includes(t.name));
  const kinds = options.sources ?? SOURCE_KINDS;
  const fileSizeMb = options.fileSizeMb ?? FILE_SIZE_MB;
  const children = new Children();
  const onAbort = (): void => children.killAll();
  signal.addEventListener('abort', onAbort, { once: true });

  const dir = await mkdtemp(join(tmpdir(), 'landfall-bench-'));
  const servers: RunningServer[] = [];
  try {
    let info: ServerInfo;
    if (options.postgres) {
      info = options.postgres;
    } else {
      log('starting a private PostgreSQL…');
      const server = await startPostgres();
      servers.push(server);
      info = server;
    }
    let mariadb: ServerInfo | undefined;
    if (kinds.includes('mariadb')) {
      const started = await mariadbFor(options, log);
      if (started.server) servers.push(started.server);
      mariadb = started.info;
    }
    signal.throwIfAborted();

    const facts = new Map<TableName, SourceFacts>();
    const sources = new Map<TableName, TableSources>();
    await Promise.all(tables.map(async (table) => {
      const seeded = await seedTable(info, table, counts[table.name], (stop) => children.add(stop), log);
      facts.set(table.name, seeded);
      const sqlite = kinds.includes('sqlite') ? join(dir, `${table.name}.sqlite`) : undefined;
      if (mariadb) await copyToMariaDb(info, mariadb, table, seeded, dir, children);
      if (sqlite) await copyToSqlite(info, sqlite, table, seeded, dir, children);
      if (mariadb || sqlite) log(`copied ${table.name} to ${[mariadb ? 'MariaDB' : '', sqlite ? 'SQLite' : ''].filter(Boolean).join(' and ')}`);
      sources.set(table.name, { postgres: info, ...(mariadb ? { mariadb } : {}), ...(sqlite ? { sqlite } : {}) });
    }));

    const arms: ArmResult[] = [];
    let baselineKb = 0;
    let engineStartedKb = 0;
    for (const table of tables) {
      const ran = await runTableArms(table, sources.get(table.name)!, kinds, join(dir, table.name), facts.get(table.name)!.rows, fileSizeMb, children, signal, log);
      arms.push(...ran.arms);
      baselineKb = Math.max(baselineKb, ran.baselineKb);
      engineStartedKb = Math.max(engineStartedKb, ran.engineStartedKb);
    }

    // The load phase on its own: the plan's warehouse steps against each warehouse's plain load.
    const narrow = tables.find((t) => t.name === 'narrow');
    const loads = narrow && options.loads !== false ? await runLoadArms(narrow, info, join(dir, 'load'), counts.narrow, children, signal, log) : [];

    // Every output must hold exactly the source rows.
    log('verifying every output with DuckDB …');
    const verified = withRatios(await verify(arms, facts));

    if (options.keep) log(`outputs kept in ${dir}`);
    return {
      rows: counts.narrow,
      fileSizeMb,
      wideRows: counts.wide,
      verified: verified.every((a) => a.problem === null) && loads.every((l) => l.problem === null),
      arms: verified,
      loads,
      childBaselineRssMb: round(baselineKb / 1024),
      engineStartedRssMb: round(engineStartedKb / 1024),
      notes: NOTES,
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
    children.killAll();
    if (!options.keep) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    for (const server of servers) await server.stop();
  }
}

/** The bound of each engine arm of the narrow table: file size × files in flight + 200 MB. */
function engineBoundMb(arm: string, fileSizeMb: number): number {
  const narrow = TABLES.find((t) => t.name === 'narrow')!;
  const kind = SOURCE_KINDS.find((k) => (['csv-zstd', 'csv-gzip', 'parquet'] as const).some((o) => `narrow:${engineArmName(k, o)}` === arm)) ?? 'postgres';
  const source: BenchSource = kind === 'sqlite' ? { kind, path: '/bench.sqlite' } : { kind, server: { host: '127.0.0.1', port: 1, user: 'bench', password: '', database: 'bench' } };
  return fileSizeMb * filesInFlight(narrow, source) + HEADROOM_MB;
}

/** Runs the bench once per size on the narrow table, smallest first, and judges its memory. */
export async function runSweep(sizes: readonly number[], options: Omit<BenchOptions, 'rows' | 'tables'>): Promise<SweepReport> {
  const reports: BenchReport[] = [];
  for (const rows of [...sizes].sort((a, b) => a - b)) {
    (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(`sweep: ${rows.toLocaleString('en-US')} narrow rows …`);
    reports.push(await runBench({ ...options, rows, tables: ['narrow'], loads: false }));
  }
  return sweepReport(reports, (arm) => engineBoundMb(arm, options.fileSizeMb ?? FILE_SIZE_MB));
}

export interface BenchArgs {
  readonly rows: number;
  readonly keep: boolean;
  /** `--sweep 1000000,4000000,16000000`: sizes of the memory sweep (narrow rows). */
  readonly sweep?: readonly number[];
  /** `--sources postgres,mariadb,sqlite`. */
  readonly sources?: readonly SourceKind[];
  /** `--file-size-mb N`: every arm's file size limit. */
  readonly fileSizeMb?: number;
}

const USAGE = 'usage: npm run bench -- [--rows N] [--sources postgres,mariadb,sqlite] [--sweep N,N,…] [--file-size-mb N] [--keep]';

const wholeNumber = (flag: string, value: string | undefined): number => {
  const n = Number(value?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 4) throw new Error(`${flag} needs a whole number of at least 4, not "${value}"`);
  return n;
};

export function parseArgs(argv: readonly string[]): BenchArgs {
  let rows = DEFAULT_ROWS;
  let keep = false;
  let sweep: number[] | undefined;
  let sources: SourceKind[] | undefined;
  let fileSizeMb: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--rows') {
      rows = wholeNumber('--rows', value());
    } else if (flag === '--keep') {
      keep = true;
    } else if (flag === '--sweep') {
      const list = value();
      sweep = (list ?? '').split(',').map((size) => wholeNumber('--sweep', size));
      if (sweep.length < 2) throw new Error(`--sweep needs at least two sizes, comma-separated (e.g. 1000000,4000000,16000000), not "${list}"`);
    } else if (flag === '--file-size-mb') {
      const text = value();
      fileSizeMb = Number(text);
      // The engine's own limits (shared/model/schema.ts), so the arms can run at all.
      if (!Number.isFinite(fileSizeMb) || fileSizeMb < MIN_FILE_SIZE_MB || fileSizeMb > MAX_FILE_SIZE_MB) throw new Error(`--file-size-mb needs a number of MB from ${MIN_FILE_SIZE_MB} to ${MAX_FILE_SIZE_MB}, not "${text}"`);
    } else if (flag === '--sources') {
      const list = value() ?? '';
      sources = list.split(',').map((name) => {
        const kind = SOURCE_KINDS.find((k) => k === name);
        if (!kind) throw new Error(`--sources takes ${SOURCE_KINDS.join(', ')} (comma-separated), not "${name}"`);
        return kind;
      });
    } else {
      throw new Error(`unknown argument "${arg}"; ${USAGE}`);
    }
  }
  return { rows, keep, ...(sweep ? { sweep } : {}), ...(sources ? { sources } : {}), ...(fileSizeMb === undefined ? {} : { fileSizeMb }) };
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) return;
    process.stderr.write('\nstopping: ending child processes, stopping the servers, removing temporary files …\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const options = { keep: args.keep, signal: controller.signal, ...(args.sources ? { sources: args.sources } : {}), ...(args.fileSizeMb === undefined ? {} : { fileSizeMb: args.fileSizeMb }) };
  try {
    if (args.sweep) {
      const sweep = await runSweep(args.sweep, options);
      for (const report of sweep.reports) console.log(`${formatReport(report)}\n`);
      console.log(formatSweep(sweep));
      console.log(sweepJson(sweep));
      process.exitCode = sweep.verified ? 0 : 1;
    } else {
      const report = await runBench({ ...options, rows: args.rows });
      console.log(formatReport(report));
      console.log(reportJson(report));
      process.exitCode = report.verified ? 0 : 1;
    }
  } catch (error) {
    if (controller.signal.aborted) {
      process.exitCode = 130;
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
