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
 * DuckDB arms, VmHWM of the child process (Node + tsx + the arm), read inside the child
 * (child.ts), when the engine emits `loading` (before the load starts) and `run:finished`.
 *
 * The parts: fixtures.ts (tables, seeding, projects), arms.ts (the timed arms), child.ts and
 * child-processes.ts (the arms' processes), verification.ts (reading every output back) and
 * report.ts (the table and the JSON line).
 *
 * Profiling: `LANDFALL_BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench`
 * passes the options to every engine child (one .cpuprofile per arm).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningServer, ServerInfo } from '../../test/services/databases.ts';
import { startPostgres } from '../../test/services/postgres-server.ts';
import { runTableArms } from './arms.ts';
import { runLoadArms } from './load-arms.ts';
import { Children } from './child-processes.ts';
import { TABLES, seedTable, type SourceFacts, type TableName } from './fixtures.ts';
import { formatReport, reportJson, round, type ArmResult, type BenchReport } from './report.ts';
import { verify } from './verification.ts';

export const DEFAULT_ROWS = 2_000_000;

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
  readonly tables?: readonly TableName[];
}

/** Runs the whole bench and returns its figures (no printing besides `log`). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const signal = options.signal ?? new AbortController().signal;
  if (!Number.isInteger(options.rows) || options.rows < 4) throw new Error(`--rows must be a whole number of at least 4, not ${options.rows}`);
  const counts: Record<TableName, number> = { narrow: options.rows, wide: Math.max(1, Math.floor(options.rows / 4)) };
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

    const facts = new Map<TableName, SourceFacts>();
    await Promise.all(tables.map(async (table) => {
      facts.set(table.name, await seedTable(info, table, counts[table.name], (stop) => children.add(stop), log));
    }));

    const arms: ArmResult[] = [];
    let baselineKb = 0;
    let engineStartedKb = 0;
    for (const table of tables) {
      const ran = await runTableArms(table, info, join(dir, table.name), facts.get(table.name)!, children, signal, log);
      arms.push(...ran.arms);
      baselineKb = Math.max(baselineKb, ran.baselineKb);
      engineStartedKb = Math.max(engineStartedKb, ran.engineStartedKb);
    }

    // The load phase on its own: the plan's warehouse steps against each warehouse's plain load.
    const narrow = tables.find((t) => t.name === 'narrow');
    const loads = narrow ? await runLoadArms(narrow, info, join(dir, 'load'), counts.narrow, children, signal, log) : [];

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
      verified: withRatios.every((a) => a.problem === null) && loads.every((l) => l.problem === null),
      arms: withRatios,
      loads,
      childBaselineRssMb: round(baselineKb / 1024),
      engineStartedRssMb: round(engineStartedKb / 1024),
      notes: [
        'psql arms run the engine\'s own extract SELECT: psql -X \\copy (…) TO STDOUT WITH (FORMAT csv, HEADER) | zstd -1 / gzip -1.',
        'duckdb-parquet: DuckDB has no postgres extension here, so the rows are loaded (untimed) from the psql CSV into a DuckDB file; only COPY … (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES 128MiB) is timed.',
        'engine arms: run:started → entity "loading" (extract + land, 128 MB files, local folder); "total" adds the DuckDB warehouse load.',
        'peak RSS: psql arms = psql + compressor (/usr/bin/time %M, summed); engine/duckdb arms = VmHWM of the child (engine: read when "loading" is emitted), which includes an idle Node + tsx + DuckDB child of about the baseline below.',
      ],
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
    children.killAll();
    if (!options.keep) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    await server?.stop();
  }
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
