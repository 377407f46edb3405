/**
 * The load-phase arms: the plan's warehouse steps (setup → migrate → stage → check → changeSet → checks → persist →
 * counts) run directly on the landed files, for a first run, a rerun with no change and a rerun
 * with 1% of the rows changed, into a DuckDB and a PostgreSQL warehouse; each against the
 * warehouse's own plain load of the same files, timed in the same run just before it: DuckDB
 * `CREATE TABLE … AS SELECT * FROM read_csv(…)`, PostgreSQL `psql \copy … FROM` into a table of
 * the same columns. The ratio is native seconds ÷ engine seconds (higher is better).
 *
 * The steps are run the way `engine/run-entity.ts` runs them (statements in plan order, files fed
 * to COPY, refusing queries checked), without the extract, so the timing is the load alone.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { openWarehouse } from '../../engine/connections.ts';
import type { Warehouse } from '../../engine/warehouse/warehouse.ts';
import type { Connection } from '../../shared/model/schema.ts';
import { planEntity, planStep, planSubject, type PlanStepName, type RunInputs } from '../../shared/plan/run-plan.ts';
import { sql, type Statement } from '../../shared/sql/statement.ts';
import type { ServerInfo } from '../../test/services/databases.ts';
import { DUCKDB_OPTIONS, tail, type Children } from './child-processes.ts';
import { POSTMASTER_PID_QUERY, ownCpuSeconds, serverCpuSeconds } from './load-arms-cpu.ts';
import { extractSelect, projectFor, type BenchTable } from './fixtures.ts';
import { round } from './report.ts';

export type LoadWarehouse = 'duckdb' | 'postgres';
export type LoadCase = 'first' | 'rerun' | 'changed';

/** One load arm: the engine's load of one case into one warehouse, and its native denominator. */
export interface LoadArmResult {
  readonly arm: string;
  readonly warehouse: LoadWarehouse;
  readonly case: LoadCase;
  readonly rows: number;
  readonly seconds: number;
  readonly nativeSeconds: number;
  /**
   * CPU seconds of the load, the measure that holds while others share the machine: DuckDB's
   * process (it runs in-process), or the PostgreSQL backend plus this process feeding it.
   */
  readonly cpuSeconds: number;
  /** The same for the native load: DuckDB's process, or psql's backend plus psql. */
  readonly nativeCpuSeconds: number;
  /** Native seconds ÷ engine seconds: 1.0 = as fast as the warehouse's plain load. */
  readonly ratio: number;
  /** Seconds per plan step. */
  readonly steps: Readonly<Partial<Record<PlanStepName, number>>>;
  /** The batch's counts (inserted, updated, deleted) as the counts step found them. */
  readonly counts: readonly [number, number, number];
  readonly problem: string | null;
}

const LOAD_STEPS = ['setup', 'migrate', 'stage', 'check', 'changeSet', 'checks', 'persist', 'counts'] as const satisfies readonly PlanStepName[];
const CASES: readonly LoadCase[] = ['first', 'rerun', 'changed'];
/** Every 100th row gets a changed text value in the `changed` case. */
const CHANGED_EVERY = 100;

/** Writes the rows of `select` as CSV with a header, the way PostgreSQL's COPY (and the engine) writes them. */
async function copyToFile(info: ServerInfo, select: string, file: string): Promise<void> {
  const client = new pg.Client({ ...info });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`)), createWriteStream(file));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs psql with one command; its unaligned output without headers, or a rejection with its output when it fails. */
async function psql(info: ServerInfo, command: string, children: Children): Promise<string> {
  const child = spawn('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', info.host, '-p', String(info.port), '-U', info.user, '-d', info.database, '-c', command], {
    env: { ...process.env, ...(info.password ? { PGPASSWORD: info.password } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = children.add(() => child.kill('SIGKILL'));
  const output = tail(child);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', resolveExit);
  }).finally(done);
  if (code !== 0) throw new Error(`psql ${command} failed (exit ${code}):\n${output()}`);
  return stdout;
}

/** Per statement seconds (wall and CPU) of one load, for the profile lines. */
interface Timed { readonly step: PlanStepName; readonly seconds: number; readonly cpu: number; readonly text: string }

/**
 * The CPU clock of a load into `warehouse`: this process's CPU (DuckDB runs in it), plus for
 * PostgreSQL the whole server's (`serverCpuSeconds`: the server must be the bench's local one).
 */
async function loadClock(kind: LoadWarehouse, warehouse: Warehouse): Promise<() => Promise<number>> {
  if (kind === 'duckdb') return () => Promise.resolve(ownCpuSeconds());
  const postmaster = Number((await warehouse.query(sql`${POSTMASTER_PID_QUERY}`))[0]?.[0]);
  return () => Promise.resolve(serverCpuSeconds(postmaster) + ownCpuSeconds());
}

/** Runs the plan's load steps on `warehouse`, as the engine does; seconds per step and the counts. */
async function runLoadSteps(warehouse: Warehouse, inputs: RunInputs, subject: ReturnType<typeof planSubject>, clock: () => Promise<number>): Promise<{ steps: Partial<Record<PlanStepName, number>>; counts: [number, number, number]; statements: Timed[] }> {
  let plan = planEntity(subject, inputs);
  const steps: Partial<Record<PlanStepName, number>> = {};
  const statements: Timed[] = [];
  let counts: unknown[] = [];
  for (const name of LOAD_STEPS) {
    const step = planStep(plan, name);
    if (!step?.statements.length) continue;
    const stepStarted = performance.now();
    for (const item of step.statements) {
      const cpuBefore = await clock();
      const started = performance.now();
      if (item.probe) {
        // As the engine does: the answer is an input of the change set and persist.
        const present = Number((await warehouse.query(item.statement))[0]?.[0]) === 1;
        plan = planEntity(subject, { ...inputs, persistentStaging: present ? 'current' : 'empty' });
        // Only the statements after the probe, from the plan made with its answer.
        const rest = planStep(plan, name)!.statements.filter((s) => !s.probe);
        for (const later of rest) {
          const laterStarted = performance.now();
          const laterCpu = await clock();
          await warehouse.run(later.statement);
          const seconds = (performance.now() - laterStarted) / 1000;
          statements.push({ step: name, seconds, cpu: (await clock()) - laterCpu, text: statementText(later.statement) });
        }
        statements.push({ step: name, seconds: (performance.now() - started) / 1000, cpu: (await clock()) - cpuBefore, text: `probe (${present ? 'current' : 'empty'}) and the change set above` });
        break;
      }
      if (item.refuse) {
        const [found] = await warehouse.query(item.statement);
        if (found) throw new Error(`the ${name} step refused the load: ${item.refuse} ${JSON.stringify(found, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
      } else if (item.file !== undefined) await warehouse.load(item.statement, item.file, 'none');
      // The counts step's first query is the batch's counts (the next reads the saved state back).
      else if (name === 'counts') {
        const [row] = await warehouse.query(item.statement);
        if (item === step.statements[0]) counts = row ?? [];
      }
      else await warehouse.run(item.statement);
      const seconds = (performance.now() - started) / 1000;
      statements.push({ step: name, seconds, cpu: (await clock()) - cpuBefore, text: statementText(item.statement) });
    }
    steps[name] = round((performance.now() - stepStarted) / 1000, 3);
  }
  const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
  return { steps, counts: [n(counts[0]), n(counts[1]), n(counts[2])], statements };
}

/** The start of a statement's text, on one line, for the profile lines. */
function statementText(statement: Statement): string {
  return statement.parts.map((part) => (typeof part === 'string' ? part : '?')).join('').replace(/\s+/g, ' ').slice(0, 90);
}

/**
 * Runs the load arms of one table in `folder`: the landed files are written once from the seeded
 * table (and once more with every 100th row's text changed), then each warehouse gets the three
 * cases in order, each after its native load of the same files.
 */
export async function runLoadArms(table: BenchTable, info: ServerInfo, folder: string, rows: number, children: Children, signal: AbortSignal, log: (line: string) => void): Promise<LoadArmResult[]> {
  await mkdir(folder, { recursive: true });
  const source = { kind: 'postgres', server: info } as const;
  const base = projectFor(table, source, folder);
  const select = extractSelect(table, source);
  const files: Record<LoadCase, string> = { first: join(folder, 'landed.csv'), rerun: join(folder, 'landed.csv'), changed: join(folder, 'landed-changed.csv') };
  const text = table.text;
  const changedSelect = `SELECT ${table.columns.map((c) => (c.name === text ? `CASE WHEN id % ${CHANGED_EVERY} = 0 THEN ${text} || ' (changed)' ELSE ${text} END AS ${text}` : c.name)).join(', ')} FROM (${select}) AS s`;
  log(`${table.name}: writing the landed CSV files for the load arms …`);
  await copyToFile(info, select, files.first);
  await copyToFile(info, changedSelect, files.changed);

  const pgConnection: Connection = { name: 'warehouse', kind: 'postgres', host: info.host, port: info.port, database: info.database, user: info.user, ssl: false, ...(info.password ? { password: info.password } : {}) } as Connection;
  const results: LoadArmResult[] = [];
  for (const kind of ['duckdb', 'postgres'] as const) {
    const warehouseConnection: Connection = kind === 'duckdb' ? base.connections.find((c) => c.name === 'warehouse')! : pgConnection;
    const project = { ...base, connections: base.connections.map((c) => (c.name === 'warehouse' ? warehouseConnection : c)) };
    const subject = planSubject(project, table.name);
    if (kind === 'postgres') await psql(info, 'DROP SCHEMA IF EXISTS temp, psg, zdm CASCADE', children);
    else await rm(join(folder, 'warehouse.duckdb'), { force: true });
    let batch = 0;
    for (const which of CASES) {
      signal.throwIfAborted();
      batch++;
      log(`${table.name}: load into ${kind}, ${which} run: native load, then the engine's …`);
      const native = kind === 'duckdb' ? await nativeDuckDb(join(folder, 'native.duckdb'), files[which]) : await nativePostgres(info, table, files[which], children);
      const inputs: RunInputs = {
        batchDate: '2024-01-01', runId: `load-${which}`, batchId: String(batch), startedAt: `2024-01-0${batch} 00:00:00.000`,
        watermarks: {}, files: [files[which]], warehouse: 'ready',
      };
      const warehouse = await openWarehouse(warehouseConnection);
      let outcome: Awaited<ReturnType<typeof runLoadSteps>> | undefined;
      let problem: string | null = null;
      const clock = await loadClock(kind, warehouse);
      let cpuSeconds = 0;
      const started = performance.now();
      try {
        const cpuBefore = await clock();
        outcome = await runLoadSteps(warehouse, inputs, subject, clock);
        cpuSeconds = (await clock()) - cpuBefore;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      } finally {
        await warehouse.close();
      }
      const seconds = (performance.now() - started) / 1000;
      const counts = outcome?.counts ?? [0, 0, 0];
      const expected: Record<LoadCase, [number, number, number]> = { first: [rows, 0, 0], rerun: [0, 0, 0], changed: [0, Math.floor(rows / CHANGED_EVERY), 0] };
      if (problem === null && counts.join() !== expected[which].join()) problem = `counts (inserted, updated, deleted) ${counts.join(', ')}, expected ${expected[which].join(', ')}`;
      // LANDFALL_BENCH_TRACE=1: every statement, in plan order; otherwise the four that took most CPU.
      const all = outcome?.statements ?? [];
      const shown = process.env.LANDFALL_BENCH_TRACE === '1' ? all : [...all].sort((a, b) => b.cpu - a.cpu).slice(0, 4);
      log(`  ${kind} ${which}: engine ${seconds.toFixed(3)} s, ${cpuSeconds.toFixed(2)} CPU s; native ${native.seconds.toFixed(3)} s, ${native.cpu.toFixed(2)} CPU s`);
      for (const s of shown) log(`  ${kind} ${which}: ${s.step} ${s.seconds.toFixed(3)} s ${s.cpu.toFixed(2)} CPU s  ${s.text}`);
      const nativeSeconds = native.seconds;
      results.push({
        arm: `${table.name}:load-${kind}-${which}`, warehouse: kind, case: which, rows,
        seconds: round(seconds, 3), nativeSeconds: round(nativeSeconds, 3), cpuSeconds: round(cpuSeconds, 2), nativeCpuSeconds: round(native.cpu, 2),
        ratio: seconds > 0 ? round(nativeSeconds / seconds, 2) : 0,
        steps: outcome?.steps ?? {}, counts, problem,
      });
    }
  }
  return results;
}

/** Wall and CPU seconds of a native load. */
interface NativeLoad { readonly seconds: number; readonly cpu: number }

/** DuckDB's own plain load of the file into a fresh database file: seconds, and this process's CPU seconds. */
async function nativeDuckDb(path: string, file: string): Promise<NativeLoad> {
  await rm(path, { force: true });
  const instance = await DuckDBInstance.create(path, { ...DUCKDB_OPTIONS });
  const connection = await instance.connect();
  try {
    const cpuBefore = ownCpuSeconds();
    const started = performance.now();
    await connection.run(`CREATE TABLE native AS SELECT * FROM read_csv(['${file.replaceAll("'", "''")}'])`);
    return { seconds: (performance.now() - started) / 1000, cpu: ownCpuSeconds() - cpuBefore };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(path, { force: true });
  }
}

/**
 * PostgreSQL's plain load: `psql \copy` of the file into a new table of the same columns; seconds
 * of the copy alone (with psql's start), and the CPU of psql and of the server (as for the engine).
 */
async function nativePostgres(info: ServerInfo, table: BenchTable, file: string, children: Children): Promise<NativeLoad> {
  await psql(info, `DROP TABLE IF EXISTS native_load; CREATE TABLE native_load (${table.columns.map((c) => `${c.name} ${c.pg}`).join(', ')})`, children);
  const postmaster = Number((await psql(info, POSTMASTER_PID_QUERY, children)).trim());
  const cpuBefore = serverCpuSeconds(postmaster) + ownCpuSeconds();
  const started = performance.now();
  await psql(info, `\\copy native_load FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER)`, children);
  const seconds = (performance.now() - started) / 1000;
  const cpu = serverCpuSeconds(postmaster) + ownCpuSeconds() - cpuBefore;
  await psql(info, 'DROP TABLE native_load', children);
  return { seconds, cpu };
}

/** The load arms as table lines, for the report. */
export function formatLoadArms(loads: readonly LoadArmResult[]): string[] {
  if (!loads.length) return [];
  const header = ['load arm', 'rows', 'engine s', 'native s', 'ratio', 'CPU s', 'native CPU s', 'CPU ratio', ...LOAD_STEPS, 'check'];
  const lines = loads.map((l) => [
    `${l.warehouse} ${l.case}`, l.rows.toLocaleString('en-US'), l.seconds.toFixed(2), l.nativeSeconds.toFixed(2), l.ratio.toFixed(2),
    l.cpuSeconds.toFixed(2), l.nativeCpuSeconds.toFixed(2), l.cpuSeconds > 0 ? (l.nativeCpuSeconds / l.cpuSeconds).toFixed(2) : '',
    ...LOAD_STEPS.map((s) => (l.steps[s] === undefined ? '' : l.steps[s]!.toFixed(2))),
    l.problem === null ? 'ok' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [
    '', row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row),
    '- load arms: the plan\'s setup → migrate → stage → check → changeSet → checks → persist → counts (those with statements) run directly on landed CSV files (no extract); native = DuckDB CREATE TABLE … AS SELECT * FROM read_csv(…) / psql \\copy … FROM of the same file, timed just before; ratio = native s ÷ engine s (higher is better); CPU s = DuckDB\'s process / the whole PostgreSQL server (backends, parallel workers, WAL writer) plus its client (engine: this process; native: psql), CPU ratio = native CPU ÷ engine CPU, the figure that holds on a busy machine; changed = every 100th row\'s text changed.',
    ...loads.filter((l) => l.problem !== null).map((l) => `LOAD ARM FAILED: ${l.arm}: ${l.problem}`),
  ];
}

/** The load arms for the JSON line. */
export function loadArmsJson(loads: readonly LoadArmResult[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(loads.map((l) => [l.arm, {
    seconds: l.seconds, nativeSeconds: l.nativeSeconds, cpuSeconds: l.cpuSeconds, nativeCpuSeconds: l.nativeCpuSeconds, ratio: l.ratio, rows: l.rows, steps: l.steps, counts: l.counts,
    ...(l.problem === null ? {} : { problem: l.problem }),
  }]));
}

/**
 * `node --import tsx scripts/bench/load-arms.ts [--rows N]`: the load arms alone, on a private
 * PostgreSQL seeded with the narrow table (`npm run bench` runs them after the other arms).
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--rows');
  const rows = at > 0 ? Number(process.argv[at + 1]?.replace(/_/g, '')) : 1_000_000;
  if (!Number.isInteger(rows) || rows < 100) throw new Error('--rows needs a whole number of at least 100');
  const { startPostgres } = await import('../../test/services/postgres-server.ts');
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { Children } = await import('./child-processes.ts');
  const { TABLES, seedTable } = await import('./fixtures.ts');
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const children = new Children();
  const dir = await mkdtemp(join(tmpdir(), 'landfall-load-'));
  const server = await startPostgres();
  try {
    const narrow = TABLES.find((t) => t.name === 'narrow')!;
    await seedTable(server, narrow, rows, (stop) => children.add(stop), log);
    const loads = await runLoadArms(narrow, server, dir, rows, children, new AbortController().signal, log);
    console.log(formatLoadArms(loads).join('\n'));
    console.log(JSON.stringify({ rows, loads: loadArmsJson(loads) }));
    process.exitCode = loads.every((l) => l.problem === null) ? 0 : 1;
  } finally {
    children.killAll();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && process.argv[1].endsWith('load-arms.ts')) await main();
