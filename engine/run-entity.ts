/**
 * One entity's run: read saved state → extract → buffer → aggregate → land → publish → stage →
 * change set → persistent staging and watermark in one transaction.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseColumnType, type ColumnType } from '../shared/model/column-type.ts';
import type { EngineEvent, EntityResult, EntityState, JobEntity, JobSpec, LogLevel } from '../shared/protocol/engine.ts';
import { PROGRESS_INTERVAL_MS } from '../shared/protocol/engine.ts';
import { csvLayout, planEntity, planStep, planSubject, sqlInput, type EntityPlan, type PlanStatement, type PlanStep, type PlanStepName, type RunInputs } from '../shared/plan/run-plan.ts';
import { logEntry } from '../shared/plan/statement-log.ts';
import { dialect } from '../shared/sql/dialect.ts';
import { CHANGE_TRACKING_PARAMETER, META } from '../shared/sql/steps/columns.ts';
import type { EntitySqlInput, ExtractMode } from '../shared/sql/steps/entity-sql-input.ts';
import { binaryTextFor } from '../shared/sql/steps/stage.ts';
import { compile, sql } from '../shared/sql/statement.ts';
import { aggregate } from './aggregate.ts';
import { isTransient } from './retry.ts';
import { connecting, openLander, openSource, openWarehouse, warehouseExists, warehouseKey, type Connecting } from './connections.ts';
import { csvHeader, csvWriter } from './format/csv-writer.ts';
import { csvLines, csvLinesWriter, type LineBatch } from './format/csv-lines-writer.ts';
import type { Batch, FileColumn, FileFormatWriter, Row } from './format/file-builder.ts';
import { pgBinaryTuples } from './format/pg-binary-tuples.ts';
import type { Lander } from './land/lander.ts';
import type { BulkLanding } from './land/sqlserver-lander.ts';
import type { Source } from './source/source.ts';
import { valueNormalizer, ValueError, type Normalizer } from './values.ts';
import { refusingLineBreaks } from './line-breaks.ts';
import { describeKind } from '../shared/model/connection-kinds.ts';
import { NULL_KEY } from '../shared/value-problems.ts';
import { copyCheckMessage } from '../shared/sql/steps/copy-out.ts';
import { archiveFiles, matchingFiles, readFiles } from './source/file-source.ts';
import { parallelReads, readersOf, readPartitions } from './source/parallel-reads.ts';
import type { Warehouse } from './warehouse/warehouse.ts';

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
}

/** An error that already names the entity and says what to do. */
export class EntityError extends Error {}

const now = (): string => new Date().toISOString();

function fileColumns(input: EntitySqlInput, mode: ExtractMode): FileColumn[] {
  const columns = input.entity.columns.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType }));
  return mode === 'changes' ? [...columns, { name: META.operation, type: { kind: 'string', length: 1 } }] : columns;
}

async function formatWriter(input: EntitySqlInput, columns: readonly FileColumn[], binaryCopy: boolean): Promise<FileFormatWriter> {
  const { extract } = input;
  // The Parquet encoder (WebAssembly) loads only for entities that write Parquet.
  if (extract.format.kind === 'parquet') return (await import('./format/parquet-writer.ts')).parquetWriter(columns, { rows: binaryCopy ? 'pgBinary' : 'values' });
  return csvWriter(columns, { ...csvLayout(extract), compression: extract.compression, binary: binaryTextFor(input.warehouseDialect) });
}

/** Checks and converts a batch in place, naming entity, column and row of the first bad value. */
function batchPreparer(entity: string, columns: readonly FileColumn[], keys: readonly string[], lineBreaksRefused?: string): (batch: Row[], firstRow: number) => void {
  const lowerKeys = new Set(keys.map((k) => k.toLowerCase()));
  const normalizers: Normalizer[] = columns.map((c) => {
    const normalize = valueNormalizer(c.type);
    return lineBreaksRefused && c.type.kind === 'string' ? refusingLineBreaks(normalize, lineBreaksRefused) : normalize;
  });
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
      throw new EntityError(`entity "${entity}", column "${columns[c]?.name ?? '?'}", row ${firstRow + r}: ${error.message}`);
    }
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

/** The plan's land step as the SQL Server lander runs it, when it has statements (its lander is the warehouse). */
function bulkLanding(land: PlanStep, concurrency: number, executing: (step: PlanStep, item: PlanStatement) => void): BulkLanding | undefined {
  return land.statements.length ? { statements: land.statements, concurrency, executing: (item) => executing(land, item) } : undefined;
}

/** Runs one entity; never throws: failures and cancellation come back in the result. */
export async function runEntity(context: EntityRunContext): Promise<EntityResult> {
  const { spec, job, signal, emit } = context;
  const name = job.entity.name;
  const startedAt = now();
  const totals = { rows: 0, bytes: 0, files: 0 };
  let mode: ExtractMode | undefined;
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
    emit({ type: 'entity:progress', runId: spec.runId, entity: name, ...totals, rowsPerSecond: seconds > 0 ? Math.round(totals.rows / seconds) : 0, at: now() });
  };
  /** Every statement is logged as it is sent, so the log of a failed run ends with the one that failed. */
  const executing = (step: PlanStep, item: PlanStatement): void => {
    emit({ type: 'entity:statement', runId: spec.runId, entity: name, entry: logEntry(step, item), at: now() });
  };
  let retries = 0;
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
    setState('extracting');

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
      }
    }
    inputs = { ...inputs, watermarks };
    plan = planEntity(subject, inputs);

    let rows: AsyncIterable<Row[]> | undefined;
    /** Or CSV lines the source formatted and checked (PostgreSQL COPY), passed through as they came. */
    let lines: AsyncIterable<LineBatch> | undefined;
    /** Rows arrive as binary COPY tuples the source checked, for Parquet (PostgreSQL COPY). */
    let binaryCopy = false;
    let archive: (() => Promise<void>) | undefined;
    const sourceConnection = subject.source;
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
      rows = readFiles(files, filesSource.parallelFiles, { entity: name, columns: job.entity.columns.map((c) => c.name), extract: job.extract, parameter, signal }) as AsyncIterable<Row[]>;
      archive = lake ? () => lake.archive(spec.runId) : () => archiveFiles((sourceConnection as Extract<typeof sourceConnection, { kind: 'localfs' }>).path, filesSource, files, spec.runId);
    } else {
      step = `connecting to source "${sourceConnection.name}"`;
      const src = (source = await connecting(() => openSource(sourceConnection), retrying(step)));
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
        rows = src.stream(compile(item!.statement, spoken), signal) as AsyncIterable<Row[]>;
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
    }, bulkLanding(stepOf('land'), job.extract.lander.concurrency, executing)));
    step = `preparing lander "${landerConnection.name}"`;
    await land.begin();

    step = 'extracting';
    reading = Date.now();
    const common = {
      entity: name,
      limit: Math.floor(job.extract.fileSizeMb * 1024 * 1024),
      lander: land,
      concurrency: job.extract.lander.concurrency,
      signal,
      readDone: () => setState('landing'),
      progress: (rows: number, bytes: number, files: number) => {
        Object.assign(totals, { rows, bytes, files });
        progress(false);
      },
    };
    const result = lines
      ? await aggregate(lines, { ...common, writer: csvLinesWriter(csvHeader(csvLayout(job.extract), columns), job.extract.compression), prepare: () => undefined })
      : await aggregate(rows!, { ...common, writer: await formatWriter(input, columns, binaryCopy), prepare: binaryCopy ? () => undefined : batchPreparer(name, columns, job.entity.businessKey, job.extract.format.kind === 'csv' ? describeKind(subject.warehouse.kind).warehouse?.lineBreaksRefused : undefined) });
    Object.assign(totals, result);
    progress(true);
    await source?.close();
    source = undefined;

    setState('landing');
    step = 'publishing the landed files';
    signal.throwIfAborted();
    publishStarted = true;
    const files = await land.publish();
    log('info', `landed ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} in ${result.files} ${result.files === 1 ? 'file' : 'files'} (${result.bytes} bytes)`);
    inputs = { ...inputs, files: files.map((f) => f.location) };
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
    const serialLoad = transactionalSetup && inputs.warehouse !== 'ready';
    /** Whether the load's transaction is open (from the step that opens it): a failure then rolls it back. */
    let opened = false;
    const inTransaction = async (stepName: PlanStepName): Promise<void> => {
      opened = true;
      await runWarehouseStep(stepName);
    };
    const setup = async (): Promise<void> => {
      step = 'creating the persistent staging and control tables';
      await (transactionalSetup ? inTransaction('setup') : context.exclusive(whKey, () => runWarehouseStep('setup')));
    };
    const stageAndCompare = async (): Promise<void> => {
      step = 'loading staging';
      await runWarehouseStep('stage');
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
    };
    const commit = async (): Promise<void> => {
      step = 'applying the change set to persistent staging';
      signal.throwIfAborted();
      await inTransaction('persist');
    };
    const load = async (): Promise<void> => {
      try {
        await setup();
        await stageAndCompare();
        // A cancel that arrives before COMMIT rolls back: cancelled runs commit nothing.
        await (wh.serialCommits && !serialLoad ? context.exclusive(whKey, commit) : commit());
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

    if (archive) {
      step = 'archiving the loaded files';
      // After the commit: a failure here leaves the files to be read again, which changes nothing.
      await archive().catch((error: unknown) => log('warn', `the loaded files could not be archived: ${(error as Error).message}`));
    }
    step = 'counting the versions written';
    const [counts] = await queryWarehouseStep('counts');
    const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
    setState('done');
    return {
      entity: name, status: 'done', mode, ...totals, retries,
      inserted: count(counts?.[0]), updated: count(counts?.[1]), deleted: count(counts?.[2]),
      startedAt, finishedAt: now(), inputs,
    };
  } catch (error) {
    const cancelled = signal.aborted;
    if (publishStarted && !committed) {
      await lander?.restore().catch((restoreError: unknown) => log('warn', `the previous Latest set could not be restored: ${(restoreError as Error).message}`));
    }
    if (!committed) await lander?.discard();
    const message = cancelled
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
    return { entity: name, status: cancelled ? 'cancelled' : 'failed', ...(mode ? { mode } : {}), ...totals, retries, startedAt, finishedAt: now(), error: message, inputs };
  } finally {
    await source?.close().catch(() => undefined);
    await warehouse?.close().catch(() => undefined);
    if (downloads) await rm(downloads, { recursive: true, force: true }).catch(() => undefined);
  }
}
