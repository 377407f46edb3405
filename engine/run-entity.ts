/**
 * One entity's run: read saved state → extract → buffer → aggregate → land → publish → stage →
 * change set → persistent staging and watermark in one transaction.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseColumnType, type ColumnType } from '../shared/model/column-type.ts';
import type { CheckResult, EngineEvent, EntityResult, EntityState, JobEntity, JobSpec, LogLevel, ProgressTotal, SchemaEvolution } from '../shared/protocol/engine.ts';
import { PROGRESS_INTERVAL_MS } from '../shared/protocol/engine.ts';
import { csvLayout, firstSetup, planEntity, planStep, planSubject, sqlInput, type EntityPlan, type PlanStatement, type PlanStep, type PlanStepName, type RunInputs } from '../shared/plan/run-plan.ts';
import { checkFailure, checkResult, checkWarning } from '../shared/plan/check-results.ts';
import { logEntry } from '../shared/plan/statement-log.ts';
import { dialect } from '../shared/sql/dialect.ts';
import { CHANGE_TRACKING_PARAMETER, META } from '../shared/sql/steps/columns.ts';
import { SHARED_TABLES } from '../shared/sql/steps/setup.ts';
import { stagingHasOperation, type EntitySqlInput, type ExtractMode } from '../shared/sql/steps/entity-sql-input.ts';
import { binaryTextFor } from '../shared/sql/steps/stage.ts';
import { migration, migrationRefusal, warehouseModel } from '../shared/sql/steps/migrate.ts';
import { describeChange } from '../shared/sql/steps/model-changes.ts';
import { driftRefusal, sourceDrift, type SourceDrift } from '../shared/sql/steps/source-drift.ts';
import { keysInput } from '../shared/sql/steps/key-sweep.ts';
import { compile, sql } from '../shared/sql/statement.ts';
import { aggregate } from './aggregate.ts';
import { landKeys } from './key-sweep.ts';
import { isTransient } from './retry.ts';
import { connecting, openLander, openSource, openWarehouse, warehouseExists, warehouseKey, type Connecting } from './connections.ts';
import { csvCells, csvHeader, csvWriter } from './format/csv-writer.ts';
import { csvLines, csvLinesWriter, type LineBatch } from './format/csv-lines-writer.ts';
import type { Batch, FileColumn, FileFormatWriter, Row } from './format/file-builder.ts';
import { pgBinaryTuples } from './format/pg-binary-tuples.ts';
import type { HistoryOptions, Lander } from './land/lander.ts';
import { partitionOf, type PartitionOf } from './land/partition-folder.ts';
import { smallFilesWarning } from './land/small-files.ts';
import type { BulkLanding } from './land/sqlserver-lander.ts';
import type { CsvLinesFormat, Source } from './source/source.ts';
import { ValueError } from './values.ts';
import { columnNormalizers, valueRefusal, warehouseFractionDigits } from './column-normalizers.ts';
import { describeKind, type ConnectionKind } from '../shared/model/connection-kinds.ts';
import { NULL_KEY } from '../shared/value-problems.ts';
import { parquetSettings } from '../shared/model/schema.ts';
import { copyCheckMessage } from '../shared/sql/steps/copy-out.ts';
import { archiveFiles, matchingFiles, readFiles } from './source/file-source.ts';
import { filesTotal, readRowEstimate } from './progress-total.ts';
import { filesSourceColumns } from './source/files-source-columns.ts';
import { parallelReads, readersOf, readPartitions } from './source/parallel-reads.ts';
import type { Warehouse } from './warehouse/warehouse.ts';
import { LockLost, type RunLock } from './run-lock.ts';
import { loadMetrics, watermarkLag, type LagUnit, type WatermarkLag } from '../shared/run-metrics.ts';

export interface EntityRunContext {
  readonly spec: JobSpec;
  readonly job: JobEntity;
  /** The run's start, `YYYY-MM-DD HH:MM:SS.mmm` UTC. */
  readonly startedAt: string;
  /** The run's batch id (the spec's, or derived from its start). */
  readonly batchId: string;
  readonly signal: AbortSignal;
  readonly emit: (event: EngineEvent) => void;
  /** Runs `task` alone among the run's tasks on the same warehouse (schema setup, DuckDB commits). */
  readonly exclusive: <T>(warehouse: string, task: () => Promise<T>) => Promise<T>;
  /**
   * Whether the run's row of `zdm.run_log` is committed on a warehouse (by key). The entity that
   * writes it commits under `exclusive`, so two of the run's entities never both write it.
   */
  readonly runLog: { written(warehouse: string): boolean; markWritten(warehouse: string): void };
  /** The run lock of the entity's warehouse: once it is lost the entity stops, committing nothing. */
  readonly lock?: Pick<RunLock, 'lost' | 'check'>;
}

/** An error that already names the entity and says what to do. */
export class EntityError extends Error {}

/** The entity stopped on a schema drift: the differences go into its result for the designer's drift review. */
class DriftError extends EntityError {
  constructor(message: string, readonly drift: SourceDrift) {
    super(message);
  }
}

const now = (): string => new Date().toISOString();

function fileColumns(input: EntitySqlInput, mode: ExtractMode): FileColumn[] {
  const columns = input.entity.columns.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType }));
  return stagingHasOperation(input, mode) ? [...columns, { name: META.operation, type: { kind: 'string', length: 1 } }] : columns;
}

/** The kept history layout of an extract, for its lander. */
function historyOptions(extract: JobEntity['extract'], base: string, batchDate: string): { history?: HistoryOptions } {
  const history = extract.layout?.history;
  return history ? { history: { template: history.path, base, entity: extract.entity, batchDate, keepRuns: history.keepRuns, keepDays: history.keepDays } } : {};
}

/** A partitioned layout's row → folder function, for the aggregate step (rows only: the plan reads a partitioned extract without COPY). */
function partitionedBy(extract: JobEntity['extract'], columns: readonly FileColumn[]): { partitionOf?: PartitionOf } {
  const partition = extract.layout?.partition;
  return partition ? { partitionOf: partitionOf(partition, columns) } : {};
}

/**
 * Starts the Parquet worker (it compiles parquet-wasm) and the loading of the writer's modules
 * (apache-arrow): begun when the entity starts extracting, both go on while the source answers the
 * first statements, instead of after the COPY has begun (the first rows waited 0.1–0.35 s for the
 * worker alone). A failure to load surfaces where formatWriter awaits the same module.
 */
function preloadParquet(): void {
  void import('./format/parquet-worker.ts').then((worker) => worker.startParquetWorker()).catch(() => undefined);
  void import('./format/parquet-writer.ts').catch(() => undefined);
}

async function formatWriter(input: EntitySqlInput, columns: readonly FileColumn[], binaryCopy: boolean): Promise<FileFormatWriter> {
  const { extract } = input;
  // The Parquet encoder (WebAssembly) loads only for entities that write Parquet.
  if (extract.format.kind === 'parquet') {
    const { dictionary, rowGroupRows, rowGroupMb, compression } = parquetSettings(extract.format);
    const rowGroupBytes = rowGroupMb === undefined ? undefined : Math.floor(rowGroupMb * 1024 * 1024);
    preloadParquet();
    return (await import('./format/parquet-writer.ts')).parquetWriter(columns, { rows: binaryCopy ? 'pgBinary' : 'values', dictionary, rowGroupRows, rowGroupBytes, compression });
  }
  return csvWriter(columns, { ...csvLayout(extract), compression: extract.compression, binary: binaryTextFor(input.warehouseDialect) });
}

/** Checks and converts a batch in place, naming entity, column and row of the first bad value. */
function batchPreparer(entity: string, columns: readonly FileColumn[], keys: readonly string[], warehouseKind: ConnectionKind, lineBreaksRefused?: string): (batch: Row[], firstRow: number) => void {
  const lowerKeys = new Set(keys.map((k) => k.toLowerCase()));
  const normalizers = columnNormalizers(columns, warehouseKind, lineBreaksRefused);
  const required = columns.map((c) => lowerKeys.has(c.name.toLowerCase()));
  const width = columns.length;
  return (batch, firstRow) => {
    let r = 0;
    let c = 0;
    try {
      for (; r < batch.length; r++) {
        const row = batch[r]!;
        if (row.length !== width) throw new ValueError(`has ${row.length} values for ${width} columns: the extract query must return the entity's columns in order`);
        for (c = 0; c < width; c++) {
          const value = row[c];
          if (value === null || value === undefined) {
            if (required[c]) throw new ValueError(NULL_KEY);
            row[c] = null;
          } else row[c] = normalizers[c]!(value);
        }
      }
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      throw new EntityError(valueRefusal(entity, columns[c]?.name ?? '?', firstRow + r, error.message));
    }
  };
}

/**
 * How a source that writes the CSV lines itself (MariaDB) checks and writes each value: the row
 * path's normalisers and cells, so both paths land and refuse alike.
 */
function sourceLinesFormat(entity: string, input: EntitySqlInput, mode: ExtractMode, keys: readonly string[], warehouseKind: ConnectionKind): CsvLinesFormat {
  const columns = fileColumns(input, mode);
  const lowerKeys = new Set(keys.map((k) => k.toLowerCase()));
  const layout = csvLayout(input.extract);
  const lineBreaksRefused = describeKind(warehouseKind).warehouse?.lineBreaksRefused;
  return {
    entity, columns, layout, lineBreaksRefused,
    fractionDigits: warehouseFractionDigits(warehouseKind),
    required: columns.map((c) => lowerKeys.has(c.name.toLowerCase())),
    normalizers: columnNormalizers(columns, warehouseKind, lineBreaksRefused),
    cells: csvCells(columns, { ...layout, binary: binaryTextFor(input.warehouseDialect) }),
    refuse: (message) => new EntityError(message),
  };
}

/**
 * A COPY's rows, counted: when the server's value check stops the COPY, every row before the bad
 * one has been delivered (the server sends rows in order, then the error), so the bad one is the
 * next, and the error is worded as the row path's.
 */
async function* numberedChecks<B extends Batch>(rows: AsyncIterable<B>, entity: string, of = ''): AsyncGenerator<B> {
  let delivered = 0;
  try {
    for await (const batch of rows) {
      delivered += batch.length;
      yield batch;
    }
  } catch (error) {
    const message = copyCheckMessage(error, entity, of ? `${delivered + 1}${of}` : delivered + 1);
    throw message === undefined ? error : new EntityError(message);
  }
}

/** Why a check of the staged rows stopped the entity, from the row its query found. */
function refusal(name: string, job: JobEntity, mode: ExtractMode | undefined, kind: 'duplicateKeys' | 'duplicateOrder', found: readonly unknown[]): string {
  const keys = job.entity.businessKey.map((k, i) => `${k} = ${String(found[i])}`).join(', ');
  const copies = String(found[found.length - 1]);
  const policy = job.entity.duplicateKeys;
  if (kind === 'duplicateOrder' && policy.policy === 'keepLast') {
    return `entity "${name}": the key ${keys} appears ${copies} times with the same ${policy.orderBy} = ${String(found[job.entity.businessKey.length])}, so keepLast cannot tell which row is the latest; order by a column that differs between them — nothing was committed`;
  }
  if (mode === 'files') return `entity "${name}": the key ${keys} appears ${copies} times in this run's files; remove the repeated rows (or the older file) and run again — nothing was committed`;
  if (policy.policy === 'keepLast') {
    return `entity "${name}": the key ${keys} appears ${copies} times even after keeping the row with the highest ${policy.orderBy} (rows whose ${policy.orderBy} is NULL cannot be ordered) — nothing was committed`;
  }
  return `entity "${name}": the key ${keys} appears ${copies} times in this run's extract, but a business key must identify one row: fix the key or the source, or declare duplicateKeys { policy: keepLast, orderBy: <column> } to keep the latest — nothing was committed`;
}

/** Each saved parameter's value before and after the run, with the lag the run closed in the change column's unit. */
function watermarkLags(job: JobEntity, inputs: RunInputs, saved: ReadonlyMap<string, string | null>): WatermarkLag[] {
  const pattern = job.extract.pattern;
  const lag = (parameter: string, before: string | undefined, unit: LagUnit): WatermarkLag => {
    const after = saved.get(parameter) ?? null;
    return { parameter, before: before ?? null, after, lag: watermarkLag(before ?? null, after, unit), unit };
  };
  if (pattern.kind === 'incremental') {
    return pattern.changeColumns.map(({ column }) => {
      const type = parseColumnType(job.entity.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())?.type ?? '');
      const unit: LagUnit = typeof type === 'string' ? 'units' : type.kind === 'date' ? 'days' : type.kind === 'datetime' || type.kind === 'datetimeoffset' ? 'seconds' : 'units';
      return lag(column, inputs.watermarks[column], unit);
    });
  }
  if (pattern.kind === 'changeTracking') return [lag(CHANGE_TRACKING_PARAMETER, inputs.changeTracking?.saved, 'units')];
  return [];
}

/** The plan's land step as the SQL Server lander runs it, when it has statements (its lander is the warehouse). */
function bulkLanding(land: PlanStep, concurrency: number, executing: (step: PlanStep, item: PlanStatement) => void): BulkLanding | undefined {
  return land.statements.length ? { statements: land.statements, concurrency, executing: (item) => executing(land, item) } : undefined;
}

/** Runs one entity; never throws: failures and cancellation come back in the result. */
export async function runEntity(context: EntityRunContext): Promise<EntityResult> {
  const { spec, job, emit } = context;
  // A lost run lock stops the entity's work like a cancel, but fails it (see the catch below).
  const signal = context.lock ? AbortSignal.any([context.signal, context.lock.lost]) : context.signal;
  const name = job.entity.name;
  const startedAt = now();
  const totals = { rows: 0, bytes: 0, files: 0 };
  let mode: ExtractMode | undefined;
  /** What the progress is measured against, where the plan's estimate step found a total. */
  let total: ProgressTotal | undefined;
  let lastProgress = 0;
  let reading = 0;
  let current: EntityState = 'queued';
  const setState = (state: EntityState, error?: string): void => {
    if (state === current) return;
    current = state;
    emit({ type: 'entity:state', runId: spec.runId, entity: name, state, ...(error === undefined ? {} : { error }), at: now() });
  };
  const log = (level: LogLevel, message: string): void => emit({ type: 'log', runId: spec.runId, level, entity: name, message, at: now() });
  const progress = (force: boolean): void => {
    const t = Date.now();
    if (!force && t - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = t;
    const seconds = reading ? (t - reading) / 1000 : 0;
    emit({ type: 'entity:progress', runId: spec.runId, entity: name, ...totals, rowsPerSecond: seconds > 0 ? Math.round(totals.rows / seconds) : 0, ...(total ? { total: { ...total } } : {}), at: now() });
  };
  /** Every statement is logged as it is sent, so the log of a failed run ends with the one that failed. */
  const executing = (step: PlanStep, item: PlanStatement): void => {
    emit({ type: 'entity:statement', runId: spec.runId, entity: name, entry: logEntry(step, item), at: now() });
  };
  let retries = 0;
  /** The data checks run so far, for the result. */
  const checks: CheckResult[] = [];
  const retrying = (what: string): Connecting => ({
    signal,
    onRetry: (attempt, of, delayMs, error) => {
      retries++;
      log('warn', `${what} failed (${error instanceof Error ? error.message : String(error)}); attempt ${attempt} of ${of} in ${delayMs} ms`);
    },
  });

  let source: Source | undefined;
  /** Where a lake's matching files were copied down to, removed when the run ends. */
  let downloads: string | undefined;
  let warehouse: Warehouse | undefined;
  let lander: Lander | undefined;
  /** The key sweep's lander, published and restored with the entity's. */
  let keysLander: Lander | undefined;
  /** Publishing replaces `Latest`: from then until the commit, a failure puts the previous set back. */
  let publishStarted = false;
  let committed = false;
  /** From the first load step on (after publishing), and whether the warehouse connection is being opened then. */
  let loading = false;
  let connectingWarehouse = false;
  let step = 'preparing';
  let inputs: RunInputs = { batchDate: spec.batchDate, runId: spec.runId, batchId: context.batchId, startedAt: context.startedAt, watermarks: {}, files: [] };
  try {
    const subject = planSubject({ entities: [job.entity], extracts: [job.extract], connections: spec.connections, parameters: spec.parameters }, name);
    const input = sqlInput(subject);
    // The plan is made again as the run learns its inputs (saved state, versions, files); each
    // step runs from the plan made with everything it depends on.
    let plan: EntityPlan = planEntity(subject, inputs);
    const stepOf = (stepName: PlanStepName): PlanStep => {
      const found = planStep(plan, stepName);
      if (!found) throw new Error(`the plan has no ${stepName} step`);
      return found;
    };
    const warehouseConnection = subject.warehouse;
    const whKey = warehouseKey(warehouseConnection);
    const refused = stepOf('stage').refused;
    if (refused) throw new EntityError(refused);
    // An entity started after its warehouse's lock was lost does not read at all.
    signal.throwIfAborted();
    setState('extracting');
    if (job.extract.format.kind === 'parquet') preloadParquet();

    /** The warehouse, opened when first needed: a DuckDB file not there yet is created only once files have landed. */
    const connect = async (): Promise<Warehouse> => {
      if (warehouse) return warehouse;
      const doing = step;
      step = `connecting to warehouse "${warehouseConnection.name}"`;
      connectingWarehouse = true;
      warehouse = await connecting(() => openWarehouse(warehouseConnection), retrying(step));
      connectingWarehouse = false;
      step = doing;
      return warehouse;
    };
    /** The warehouse step running last: a rollback is logged under the step that failed. */
    let running: PlanStep | undefined;
    /** Runs a warehouse step's statements in order (files fed to the statements that read one). */
    const runWarehouseStep = async (stepName: PlanStepName): Promise<void> => {
      const planned = (running = stepOf(stepName));
      const wh = await connect();
      for (const item of planned.statements) {
        // A probe ran before the plan was made again with its answer.
        if (item.probe) continue;
        signal.throwIfAborted();
        executing(planned, item);
        if (item.refuse) {
          const [found] = await wh.query(item.statement);
          if (found) throw new EntityError(refusal(name, job, mode, item.refuse, found));
        } else if (item.check) {
          const outcome = checkResult(item.check, await wh.query(item.statement));
          checks.push(outcome);
          if (!outcome.passed && outcome.severity === 'error') throw new EntityError(checkFailure(name, outcome));
          if (!outcome.passed) log('warn', checkWarning(name, outcome));
        } else if (item.file === undefined) await wh.run(item.statement);
        else await wh.load(item.statement, item.file, job.extract.compression);
      }
    };
    /** Runs the query at `index` of a step and returns its rows. */
    const queryWarehouseStep = async (stepName: PlanStepName, index = 0): Promise<unknown[][]> => {
      const planned = stepOf(stepName);
      const item = planned.statements[index];
      if (!item) return [];
      const wh = await connect();
      executing(planned, item);
      return wh.query(item.statement);
    };

    // Nothing is created in the warehouse before the files have landed: the saved state is read
    // only where it can exist.
    const watermarks: Record<string, string> = {};
    if (!(await warehouseExists(warehouseConnection))) {
      inputs = { ...inputs, warehouse: 'missing' };
    } else {
      step = 'reading saved watermarks';
      const ready = (await queryWarehouseStep('readState', 0)).length > 0;
      inputs = { ...inputs, warehouse: ready ? 'ready' : 'empty' };
      plan = planEntity(subject, inputs);
      if (ready) {
        for (const [parameter, value] of await queryWarehouseStep('readState', 1)) {
          if (value !== null && value !== undefined) watermarks[String(parameter)] = String(value);
        }
        const [shared] = await queryWarehouseStep('readState', 2);
        if (shared) inputs = { ...inputs, sharedTables: Number(shared[0]) === SHARED_TABLES.length ? 'all' : 'some missing' };
      }
    }
    inputs = { ...inputs, watermarks };
    plan = planEntity(subject, inputs);
    // Persistent staging's columns, before anything lands: a difference that cannot be migrated stops the entity here.
    let evolution: SchemaEvolution | undefined;
    if (inputs.warehouse !== 'missing') {
      step = 'reading the columns of persistent staging';
      const columns = await queryWarehouseStep('model', 0);
      const recorded = columns.length > 0 && (await queryWarehouseStep('model', 1)).length > 0 ? await queryWarehouseStep('model', 2) : undefined;
      inputs = { ...inputs, model: warehouseModel(columns, recorded) };
      plan = planEntity(subject, inputs);
      const migrating = migration(input, inputs.model!);
      if (migrating.problems.length) throw new EntityError(migrationRefusal(input, migrating.problems));
      if (migrating.changes.length) {
        evolution = { applied: migrating.changes.map(describeChange), reported: [] };
        for (const line of evolution.applied) log('info', `schema change: ${line}`);
      }
    }

    let rows: AsyncIterable<Row[]> | undefined;
    /** Or CSV lines the source formatted and checked (PostgreSQL COPY), passed through as they came. */
    let lines: AsyncIterable<LineBatch> | undefined;
    /** Rows arrive as binary COPY tuples the source checked, for Parquet (PostgreSQL COPY). */
    let binaryCopy = false;
    let archive: (() => Promise<void>) | undefined;
    const sourceConnection = subject.source;
    /** The drift step's comparison of the source's columns: stops the entity, or reports new columns by its policy. */
    const drifted = (columns: readonly string[], file?: string): void => {
      const drift = sourceDrift(input, columns);
      const refused = driftRefusal(input, drift, file);
      if (refused !== undefined) throw new DriftError(refused, drift);
      if (drift.added.length && job.entity.schemaDrift !== 'ignore') {
        evolution = { applied: evolution?.applied ?? [], reported: drift.added };
        for (const line of drift.added) log('warn', `schema drift: ${line}`);
      }
    };
    if (job.extract.source.kind === 'files') {
      const filesSource = job.extract.source;
      if (sourceConnection.kind !== 'localfs' && sourceConnection.kind !== 'adls') {
        throw new EntityError(`entity "${name}": files are read from local folders and Azure Data Lake; ${sourceConnection.kind} connection "${sourceConnection.name}" holds none`);
      }
      mode = 'files';
      step = `listing files matching "${filesSource.pattern}"`;
      // A lake's files are copied down first (parallelFiles at once) and read by the same reader.
      const lake = sourceConnection.kind === 'adls'
        ? await (await import('./source/lake-files.ts')).fetchLakeFiles(sourceConnection, filesSource, (downloads = await mkdtemp(join(tmpdir(), 'landfall-lake-files-'))), signal)
        : undefined;
      const files = lake ? lake.files : await matchingFiles((sourceConnection as Extract<typeof sourceConnection, { kind: 'localfs' }>).path, filesSource);
      log('info', `reading ${files.length} files matching "${filesSource.pattern}"`);
      if (files.length && planStep(plan, 'drift')) {
        step = `reading the columns of ${basename(files[0]!)}`;
        const columns = await filesSourceColumns(files[0]!, filesSource);
        if (columns) drifted(columns, basename(files[0]!));
      }
      const parameter = (p: string, file: string): string => {
        switch (p) {
          case 'file_name': return file.split(/[\\/]/).pop()!;
          case 'batch_date': return inputs.batchDate;
          case 'batch_id': return inputs.batchId;
          case 'run_id': return inputs.runId;
          case 'entity_name': return name;
          default: {
            const value = spec.parameters[p];
            if (value === undefined) throw new EntityError(`entity "${name}": @${p} is not a parameter of this project`);
            return value;
          }
        }
      };
      const bytes = (total = await filesTotal(files));
      rows = readFiles(files, filesSource.parallelFiles, {
        entity: name, columns: job.entity.columns.map((c) => c.name), extract: job.extract, parameter, signal,
        bytesRead: (read) => {
          bytes.read += read;
        },
      }) as AsyncIterable<Row[]>;
      archive = lake ? () => lake.archive(spec.runId) : () => archiveFiles((sourceConnection as Extract<typeof sourceConnection, { kind: 'localfs' }>).path, filesSource, files, spec.runId);
    } else {
      step = `connecting to source "${sourceConnection.name}"`;
      const src = (source = await connecting(() => openSource(sourceConnection), retrying(step)));
      if (planStep(plan, 'drift')) {
        const read = stepOf('drift');
        const probe = compile(read.statements[0]!.statement, dialect(read.dialect!));
        if (job.extract.source.kind === 'table') {
          step = 'reading the source table\'s columns';
          executing(read, read.statements[0]!);
          drifted((await src.query(probe)).map((row) => String(row[0])));
        } else if (src.resultColumns) {
          step = 'reading the columns of the source query';
          executing(read, read.statements[0]!);
          drifted(await src.resultColumns(probe));
        } else {
          log('info', `schema drift: a ${sourceConnection.kind} source does not name a query's columns without running it: the query's columns are not compared`);
        }
      }
      if (job.extract.pattern.kind === 'changeTracking') {
        step = 'reading change tracking versions';
        const versions = stepOf('changeTracking');
        const [item] = versions.statements;
        executing(versions, item!);
        const [row] = await src.query(compile(item!.statement, dialect('tsql')));
        inputs = {
          ...inputs,
          changeTracking: {
            saved: watermarks[CHANGE_TRACKING_PARAMETER],
            current: String(row?.[0]),
            minValid: row?.[1] === null || row?.[1] === undefined ? null : String(row[1]),
          },
        };
        plan = planEntity(subject, inputs);
      }
      const estimate = planStep(plan, 'estimate');
      if (estimate) {
        step = 'reading the source\'s row estimate';
        total = await readRowEstimate(src, estimate, executing);
      }
      if (planStep(plan, 'partition')) {
        step = 'exporting a snapshot and reading the partition bounds';
        inputs = { ...inputs, partitions: await readPartitions(src, stepOf('partition'), input, executing) };
        plan = planEntity(subject, inputs);
      }
      mode = plan.mode;
      let extract = stepOf('extract');
      // Every reader opens a connection of its own; the coordinator's stays open, holding the snapshot.
      const openReader = (): Promise<Source> => connecting(() => openSource(sourceConnection), retrying(`connecting a reader to source "${sourceConnection.name}"`));
      const spoken = dialect(extract.dialect!);
      if (extract.copyOut) {
        // The COPY checks only what the query's column types leave open: read them first.
        const types = stepOf('sourceTypes');
        const [describe] = types.statements;
        if (!src.describe) throw new Error(`source "${sourceConnection.name}" cannot describe a query`);
        executing(types, describe!);
        inputs = { ...inputs, sourceTypes: await src.describe(compile(describe!.statement, spoken)) };
        plan = planEntity(subject, inputs);
        extract = stepOf('extract');
        if (!src.copyOut) throw new Error(`source "${sourceConnection.name}" cannot run COPY … TO STDOUT`);
        // The server formats the CSV and checks every value against the entity's types.
        for (const item of extract.statements) executing(extract, item);
        binaryCopy = job.extract.format.kind === 'parquet';
        const qualifier = csvLayout(job.extract).qualifier;
        const width = job.entity.columns.length;
        // COPY's bytes become batches one way for every reader: binary tuples for Parquet, CSV
        // lines otherwise; several readers each copy their range on their own connection.
        const readers = extract.readers ? readersOf(extract) : undefined;
        const single = (): AsyncIterable<Uint8Array> => {
          const [setup, copyText] = extract.statements.map((item) => compile(item.statement, spoken).sql);
          return src.copyOut!([setup!], copyText!, signal);
        };
        const splitCopy = <B extends { length: number }>(split: (bytes: AsyncIterable<Uint8Array>) => AsyncIterable<B>): AsyncIterable<B> =>
          readers
            ? parallelReads(readers, openReader, (reader, source, stopped) => {
              const texts = reader.statements.map((statement) => statement.sql);
              return numberedChecks(split(source.copyOut!(texts.slice(0, -1), texts[texts.length - 1]!, stopped)), name, ` of ${reader.name}`);
            }, signal)
            : numberedChecks(split(single()), name);
        if (binaryCopy) rows = splitCopy((bytes) => pgBinaryTuples(bytes, width));
        else lines = splitCopy((bytes) => csvLines(bytes, qualifier));
      } else {
        const [item] = extract.statements;
        executing(extract, item!);
        const format = job.extract.format.kind === 'csv' && !job.extract.layout?.partition && src.csvLines ? sourceLinesFormat(name, input, mode, job.entity.businessKey, subject.warehouse.kind) : undefined;
        if (format) lines = src.csvLines!(compile(item!.statement, spoken), format, signal);
        else rows = src.stream(compile(item!.statement, spoken), signal) as AsyncIterable<Row[]>;
      }
    }
    log('info', `extracting (${mode}) from "${sourceConnection.name}"`);

    const columns = fileColumns(input, mode);
    const landerConnection = subject.lander;
    const folder = job.extract.lander.folder.replace(/^\/+|\/+$/g, '');
    const land = (lander = await openLander(landerConnection, {
      entityFolder: `${folder ? `${folder}/` : ''}${name}`,
      runId: spec.runId,
      // Whole lake operations retried (a file's write, a listing): counted and logged like connection retries.
      onRetry: (what, ...retry) => retrying(`${what} on lander "${landerConnection.name}"`).onRetry(...retry),
      ...historyOptions(job.extract, folder, spec.batchDate),
    }, bulkLanding(stepOf('land'), job.extract.lander.concurrency, executing)));
    step = `preparing lander "${landerConnection.name}"`;
    await land.begin();

    step = 'extracting';
    reading = Date.now();
    let readDoneAt = 0;
    const common = {
      entity: name,
      limit: Math.floor(job.extract.fileSizeMb * 1024 * 1024),
      lander: land,
      concurrency: job.extract.lander.concurrency,
      signal,
      readDone: () => {
        readDoneAt = Date.now();
        setState('landing');
      },
      progress: (rows: number, bytes: number, files: number) => {
        Object.assign(totals, { rows, bytes, files });
        progress(false);
      },
    };
    const result = lines
      ? await aggregate(lines, { ...common, writer: csvLinesWriter(csvHeader(csvLayout(job.extract), columns), job.extract.compression), prepare: () => undefined })
      : await aggregate(rows!, {
        ...common, writer: await formatWriter(input, columns, binaryCopy),
        prepare: binaryCopy ? () => undefined : batchPreparer(name, columns, job.entity.businessKey, subject.warehouse.kind, job.extract.format.kind === 'csv' ? describeKind(subject.warehouse.kind).warehouse?.lineBreaksRefused : undefined),
        ...partitionedBy(job.extract, columns),
      });
    Object.assign(totals, result);
    progress(true);
    const sweepStep = planStep(plan, 'sweepKeys');
    const sweepLand = planStep(plan, 'sweepLand');
    if (sweepStep && source) {
      step = 'extracting the business keys for the key sweep';
      const swept = await landKeys({
        keys: keysInput(input), step: sweepStep, source, landerConnection, signal, executing,
        bulk: sweepLand && bulkLanding(sweepLand, job.extract.lander.concurrency, executing),
        landerOptions: { runId: spec.runId, onRetry: (what, ...retry) => retrying(`${what} on lander "${landerConnection.name}"`).onRetry(...retry) },
        prepare: (keyColumns) => batchPreparer(name, keyColumns, job.entity.businessKey, subject.warehouse.kind),
      });
      keysLander = swept.lander;
      log('info', `key sweep: read ${swept.rows} business ${swept.rows === 1 ? 'key' : 'keys'} of the source`);
    }
    await source?.close();
    source = undefined;

    setState('landing');
    step = 'publishing the landed files';
    signal.throwIfAborted();
    publishStarted = true;
    const files = await land.publish();
    const landedAt = Date.now();
    const times = { extract: (readDoneAt || landedAt) - reading, land: landedAt - (readDoneAt || landedAt), stage: 0, changeSet: 0, persist: 0 };
    if (keysLander) inputs = { ...inputs, sweepFiles: (await keysLander.publish()).map((f) => f.location) };
    log('info', `landed ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} in ${result.files} ${result.files === 1 ? 'file' : 'files'} (${result.bytes} bytes)`);
    const smallFiles = smallFilesWarning(files, common.limit);
    if (smallFiles) log('warn', smallFiles);
    inputs = { ...inputs, rows: result.rows, files: files.map((f) => f.location) };
    plan = planEntity(subject, inputs);

    setState('loading');
    loading = true;
    const wh = await connect();
    const warehouseSql = dialect(input.warehouseDialect);
    // Where the warehouse's DDL is transactional, the plan opens the load's transaction at setup.
    const transactionalSetup = warehouseSql.transactionalDdl;
    // A setup in the load's transaction on a warehouse without Landfall's schemas yet creates the
    // schemas and the control table every entity shares: a second entity's transaction would
    // conflict on them until this one ends, so the first loads into a new warehouse go one at a time.
    const serialLoad = transactionalSetup && firstSetup(inputs);
    /** Whether the load's transaction is open (from the step that opens it): a failure then rolls it back. */
    let opened = false;
    const inTransaction = async (stepName: PlanStepName): Promise<void> => {
      opened = true;
      await runWarehouseStep(stepName);
    };
    const setup = async (): Promise<void> => {
      step = 'creating the persistent staging and control tables';
      await (transactionalSetup ? inTransaction('setup') : context.exclusive(whKey, () => runWarehouseStep('setup')));
      if (stepOf('migrate').statements.length) {
        step = 'migrating persistent staging to the entity\'s columns';
        await (transactionalSetup ? runWarehouseStep('migrate') : context.exclusive(whKey, () => runWarehouseStep('migrate')));
      }
    };
    const stageAndCompare = async (): Promise<void> => {
      step = 'loading staging';
      const staging = Date.now();
      await runWarehouseStep('stage');
      const staged = Date.now();
      times.stage = staged - staging;
      if (planStep(plan, 'check')) {
        step = 'checking the staged rows for repeated keys';
        await runWarehouseStep('check');
      }
      step = 'computing the change set';
      if (stepOf('changeSet').statements[0]?.probe) {
        const [row] = await queryWarehouseStep('changeSet', 0);
        inputs = { ...inputs, persistentStaging: Number(row?.[0]) === 1 ? 'current' : 'empty' };
        plan = planEntity(subject, inputs);
      }
      await runWarehouseStep('changeSet');
      times.changeSet = Date.now() - staged;
      if (planStep(plan, 'checks')) {
        step = 'checking the change set';
        await runWarehouseStep('checks');
      }
    };
    const commit = async (): Promise<void> => {
      step = 'applying the change set to persistent staging';
      signal.throwIfAborted();
      // Decided where no other entity of the run commits on this warehouse: one writes the run's row.
      const runRow = !context.runLog.written(whKey);
      inputs = { ...inputs, metrics: loadMetrics(files, result.rows, job.extract.fileSizeMb, times), runRow };
      plan = planEntity(subject, inputs);
      const persisting = Date.now();
      // The lock's session asked once more before the commit: its loss may not have been heard yet.
      await context.lock?.check();
      await inTransaction('persist');
      times.persist = Date.now() - persisting;
      const current = planStep(plan, 'currentTable');
      if (current && !current.afterCommit) {
        step = 'replacing the current table';
        await inTransaction('currentTable');
      }
      // Only once committed: the current table's statements may hold the COMMIT.
      if (runRow) context.runLog.markWritten(whKey);
    };
    const load = async (): Promise<void> => {
      try {
        await setup();
        await stageAndCompare();
        // A cancel that arrives before COMMIT rolls back: cancelled runs commit nothing.
        // Alone on the warehouse while the run's row is not written yet (or the warehouse commits one at a time).
        await ((wh.serialCommits || !context.runLog.written(whKey)) && !serialLoad ? context.exclusive(whKey, commit) : commit());
      } catch (error) {
        if (opened && running) {
          const rollback = { statement: sql`${warehouseSql.rollback}` };
          executing(running, rollback);
          await warehouse?.run(rollback.statement).catch(() => undefined);
        }
        throw error;
      }
    };
    await (serialLoad ? context.exclusive(whKey, load) : load());
    committed = true;
    if (planStep(plan, 'currentTable')?.afterCommit) {
      step = 'swapping in the current table';
      try {
        await runWarehouseStep('currentTable');
      } catch (error) {
        throw new EntityError(`entity "${name}": persistent staging was committed, but publishing its current table failed (${error instanceof Error ? error.message : String(error)}); the table still holds the previous load, and the next run publishes it again`);
      }
    }

    if (archive) {
      step = 'archiving the loaded files';
      // After the commit: a failure here leaves the files to be read again, which changes nothing.
      await archive().catch((error: unknown) => log('warn', `the loaded files could not be archived: ${(error as Error).message}`));
    }
    if (land.keep) {
      step = 'keeping the run\'s files in the history layout';
      // After the commit, like archiving: a failure leaves this run out of the history, which the log says.
      await land.keep().then(
        (kept) => kept && log('info', `kept the run's files under ${kept}`),
        (error: unknown) => log('warn', `the run's files could not be kept in the history layout: ${(error as Error).message}`),
      );
    }
    step = 'counting the versions written';
    const [counts] = await queryWarehouseStep('counts');
    const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
    const saved = new Map((await queryWarehouseStep('counts', 1)).map(([parameter, value]) => [String(parameter), value === null || value === undefined ? null : String(value)]));
    const inserted = count(counts?.[0]);
    const updated = count(counts?.[1]);
    const deleted = count(counts?.[2]);
    setState('done');
    return {
      entity: name, status: 'done', mode, ...totals, retries, inserted, updated, deleted,
      metrics: { ...inputs.metrics!, steps: { ...times }, rowsWritten: inserted + updated + deleted, watermarks: watermarkLags(job, inputs, saved) },
      startedAt, finishedAt: now(), inputs, ...(smallFiles ? { warnings: [smallFiles] } : {}), ...(evolution ? { evolution } : {}), ...(checks.length ? { checks } : {}),
    };
  } catch (error) {
    const lockLost = context.lock?.lost.aborted ? (context.lock.lost.reason as Error) : error instanceof LockLost ? error : undefined;
    const cancelled = context.signal.aborted && !lockLost;
    if (publishStarted && !committed) {
      await lander?.restore().catch((restoreError: unknown) => log('warn', `the previous Latest set could not be restored: ${(restoreError as Error).message}`));
    }
    if (publishStarted && !committed) {
      await keysLander?.restore().catch((restoreError: unknown) => log('warn', `the previous key sweep set could not be restored: ${(restoreError as Error).message}`));
    }
    if (!committed) await lander?.discard();
    if (!committed) await keysLander?.discard();
    const message = lockLost && !committed
      ? `entity "${name}": ${lockLost.message} while ${step}; another run may hold the entity now, so this one stopped — nothing was committed; run it again`
      : cancelled
      ? `entity "${name}": cancelled while ${step}; nothing was committed`
      : step === 'extracting' && isTransient(error)
        ? `entity "${name}": the connection to source "${job.extract.source.connection}" was lost while extracting (${(error as Error).message}); a read is not resumed half way, so the entity failed — nothing was committed; run it again`
      : loading && !connectingWarehouse && isTransient(error)
        ? `entity "${name}": the connection to warehouse "${job.entity.warehouse}" was lost while ${step} (${(error as Error).message}); a load is not retried half way (its transaction cannot be resumed), so the entity failed — nothing was committed; run it again`
      : error instanceof EntityError || (error instanceof Error && error.message.startsWith(`entity "${name}", column `))
        ? error.message
        : `entity "${name}": ${step} failed: ${error instanceof Error ? error.message : String(error)}`;
    setState(cancelled ? 'cancelled' : 'failed', message);
    log(cancelled ? 'warn' : 'error', message);
    return { entity: name, status: cancelled ? 'cancelled' : 'failed', ...(mode ? { mode } : {}), ...totals, retries, startedAt, finishedAt: now(), error: message, inputs, ...(checks.length ? { checks } : {}), ...(error instanceof DriftError ? { drift: error.drift } : {}) };
  } finally {
    await source?.close().catch(() => undefined);
    await warehouse?.close().catch(() => undefined);
    if (downloads) await rm(downloads, { recursive: true, force: true }).catch(() => undefined);
  }
}
