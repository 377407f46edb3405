/**
 * The timed arms of one table: per source, its native tools' pipelines (native-arms.ts,
 * duckdb-arms.ts) and the engine in a child process, exactly as the app runs it; and the figures
 * of one arm.
 */
import { mkdir, rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EngineEvent, JobSpec, RunResult } from '../../shared/protocol/engine.ts';
import type { ServerInfo } from '../../test/services/databases.ts';
import { DUCKDB_OPTIONS, exited, forkChild, type Children, type RssMessage } from './child-processes.ts';
import { duckdbPipe, duckdbReference, duckdbSequential } from './duckdb-arms.ts';
import { armPath, engineLatest, engineSpec, extractSelect, OUTPUT_EXTENSION, type BenchSource, type BenchTable, type Output, type SourceKind } from './fixtures.ts';
import { GZIP, mariadbExport, psqlCopy, runPipeline, sqlite3Export, ZSTD } from './native-arms.ts';
import { MB, round, type ArmKind, type ArmOutput, type ArmResult, type Reading } from './report.ts';
import { csvReader, outputFiles, totalBytes } from './verification.ts';

/** What one arm did, before its figures are worked out. */
interface Measured {
  readonly name: string;
  readonly source: SourceKind;
  readonly kind: ArmKind;
  readonly output: ArmOutput;
  readonly reading: Reading;
  readonly paths: readonly string[];
  readonly rows: number;
  readonly seconds: number;
  readonly peakKb: number | null;
  readonly versus?: readonly string[];
  readonly totalSeconds?: number;
  readonly error?: string;
}

/** The figures of one arm, before verification (`problem`: the arm itself failed). */
async function figures(table: BenchTable, m: Measured): Promise<ArmResult> {
  const bytes = await totalBytes(m.paths);
  return {
    arm: `${table.name}:${m.name}`, name: m.name, table: table.name, source: m.source, kind: m.kind, output: m.output, reading: m.reading, paths: m.paths,
    ...(m.versus ? { versus: m.versus } : {}),
    rows: m.rows,
    seconds: round(m.seconds, 3),
    ...(m.totalSeconds === undefined ? {} : { totalSeconds: round(m.totalSeconds, 3) }),
    bytes, files: m.paths.length,
    rowsPerSecond: m.seconds > 0 ? Math.round(m.rows / m.seconds) : 0,
    mbPerSecond: m.seconds > 0 ? round(bytes / MB / m.seconds, 2) : 0,
    peakRssMb: m.peakKb === null ? null : round(m.peakKb / 1024),
    problem: m.error ?? null,
  };
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

/** Where a table's rows are: the seeded PostgreSQL and, for the sources asked for, its copies. */
export interface TableSources {
  readonly postgres: ServerInfo;
  readonly mariadb?: ServerInfo;
  /** The table's SQLite file. */
  readonly sqlite?: string;
}

/** The engine arm's name for a source and output: the PostgreSQL ones keep their first names. */
export const engineArmName = (source: SourceKind, output: Output): string => (source === 'postgres' ? `engine-${output}` : `engine-${source}-${output}`);

/** Runs every arm of the sources asked for on one seeded table, in `tableDir`, one after the other. */
export async function runTableArms(
  table: BenchTable, sources: TableSources, kinds: readonly SourceKind[], tableDir: string, rows: number, fileSizeMb: number,
  children: Children, signal: AbortSignal, log: (line: string) => void,
): Promise<TableArms> {
  await mkdir(tableDir);
  const arms: ArmResult[] = [];
  let baselineKb = 0;
  let engineStartedKb = 0;
  const record = async (m: Measured): Promise<void> => void arms.push(await figures(table, m));
  const reader = (path: string): string => csvReader(table, [path]);

  const engineArm = async (source: BenchSource, output: Output, versus: readonly string[], readers = 1): Promise<void> => {
    signal.throwIfAborted();
    const name = `${engineArmName(source.kind, output)}${readers > 1 ? `-${readers}-readers` : ''}`;
    log(`${table.name}: ${name} …`);
    const armDir = armPath(tableDir, name);
    await mkdir(armDir);
    const run = await runEngine(engineSpec(table, source, armDir, output, readers, fileSizeMb), children, signal);
    engineStartedKb = Math.max(engineStartedKb, run.startedKb);
    const paths = await outputFiles(engineLatest(armDir, table.name), OUTPUT_EXTENSION[output]);
    await record({
      name, source: source.kind, kind: 'engine', output, reading: output === 'parquet' ? 'parquet' : 'typed-csv', paths, versus,
      rows: run.rows, seconds: run.seconds, peakKb: run.peakKb, totalSeconds: run.totalSeconds, ...(run.error === undefined ? {} : { error: run.error }),
    });
  };

  if (kinds.includes('postgres')) {
    const source: BenchSource = { kind: 'postgres', server: sources.postgres };
    const psql = psqlCopy(sources.postgres, extractSelect(table, source));
    for (const [output, compressor] of [['csv-zstd', ZSTD], ['csv-gzip', GZIP]] as const) {
      signal.throwIfAborted();
      log(`${table.name}: psql \\copy | ${compressor.name} -1 …`);
      const file = armPath(tableDir, `psql${OUTPUT_EXTENSION[output]}`);
      const run = await runPipeline([psql, compressor], file, tableDir, children);
      await record({ name: `psql-${output}`, source: 'postgres', kind: 'native', output, reading: 'typed-csv', paths: [file], rows, ...run });
    }

    // The native Parquet pipeline, timed end to end: through a fifo and through a file.
    signal.throwIfAborted();
    log(`${table.name}: psql \\copy → fifo → DuckDB read_csv → Parquet ZSTD …`);
    const pipeDir = armPath(tableDir, 'psql-duckdb-parquet-pipe');
    const pipe = await duckdbPipe(psql, reader, armPath(tableDir, 'psql.fifo'), pipeDir, fileSizeMb, tableDir, children);
    baselineKb = Math.max(baselineKb, pipe.baselineKb);
    await record({ name: 'psql-duckdb-parquet-pipe', source: 'postgres', kind: 'native', output: 'parquet', reading: 'parquet', paths: await outputFiles(pipeDir, '.parquet'), rows, ...pipe });
    signal.throwIfAborted();
    log(`${table.name}: psql \\copy > CSV file, then DuckDB read_csv → Parquet ZSTD …`);
    const sequentialDir = armPath(tableDir, 'psql-duckdb-parquet-sequential');
    const sequential = await duckdbSequential(psql, reader, armPath(tableDir, 'psql.csv'), sequentialDir, fileSizeMb, tableDir, children);
    await record({ name: 'psql-duckdb-parquet-sequential', source: 'postgres', kind: 'native', output: 'parquet', reading: 'parquet', paths: await outputFiles(sequentialDir, '.parquet'), rows, ...sequential });

    // The reference: DuckDB's COPY alone, from (a)'s CSV loaded untimed into a DuckDB file.
    signal.throwIfAborted();
    log(`${table.name}: loading DuckDB from the psql CSV (untimed), then COPY to Parquet ZSTD (reference) …`);
    const duckFile = armPath(tableDir, 'duck.duckdb');
    {
      const instance = await DuckDBInstance.create(duckFile, { ...DUCKDB_OPTIONS });
      const connection = await instance.connect();
      await connection.run(`CREATE TABLE src AS SELECT * FROM ${reader(armPath(tableDir, 'psql.csv'))}`);
      connection.closeSync();
      instance.closeSync();
    }
    await rm(armPath(tableDir, 'psql.csv'));
    const referenceDir = armPath(tableDir, 'duckdb-parquet');
    const reference = await duckdbReference(duckFile, referenceDir, fileSizeMb, children);
    await record({ name: 'duckdb-parquet', source: 'postgres', kind: 'reference', output: 'parquet', reading: 'parquet', paths: await outputFiles(referenceDir, '.parquet'), rows, ...reference });

    await engineArm(source, 'csv-zstd', ['psql-csv-zstd']);
    await engineArm(source, 'csv-gzip', ['psql-csv-gzip']);
    await engineArm(source, 'parquet', ['psql-duckdb-parquet-pipe', 'psql-duckdb-parquet-sequential']);
    // Partition-parallel reads (parallelReads 2: two connections in one exported snapshot).
    await engineArm(source, 'csv-zstd', ['psql-csv-zstd'], 2);
  }

  if (kinds.includes('mariadb') && sources.mariadb) {
    const source: BenchSource = { kind: 'mariadb', server: sources.mariadb };
    signal.throwIfAborted();
    log(`${table.name}: mariadb --quick -B | zstd -1 …`);
    const file = armPath(tableDir, 'mariadb.tsv.zst');
    const run = await runPipeline([mariadbExport(sources.mariadb, extractSelect(table, source)), ZSTD], file, tableDir, children);
    await record({ name: 'mariadb-tsv-zstd', source: 'mariadb', kind: 'native', output: 'tsv-zstd', reading: 'mariadb-tsv', paths: [file], rows, ...run });
    await engineArm(source, 'csv-zstd', ['mariadb-tsv-zstd']);
  }

  if (kinds.includes('sqlite') && sources.sqlite) {
    const source: BenchSource = { kind: 'sqlite', path: sources.sqlite };
    signal.throwIfAborted();
    log(`${table.name}: sqlite3 -csv | zstd -1 …`);
    const file = armPath(tableDir, 'sqlite3.csv.zst');
    const run = await runPipeline([sqlite3Export(sources.sqlite, extractSelect(table, source)), ZSTD], file, tableDir, children);
    await record({ name: 'sqlite3-csv-zstd', source: 'sqlite', kind: 'native', output: 'csv-zstd', reading: 'text-csv', paths: [file], rows, ...run });
    await engineArm(source, 'csv-zstd', ['sqlite3-csv-zstd']);
  }
  return { arms, baselineKb, engineStartedKb };
}
