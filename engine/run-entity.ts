/**
 * One entity's run: read saved state → extract → buffer → aggregate → land → publish → stage →
 * change set → persistent staging and watermark in one transaction.
 */
import { parseColumnType, type ColumnType } from '../shared/model/column-type.ts';
import type { Connection, Project } from '../shared/model/schema.ts';
import { PROJECT_FORMAT, PROJECT_VERSION } from '../shared/model/schema.ts';
import type { EngineEvent, EntityResult, EntityState, JobEntity, JobSpec, LogLevel } from '../shared/protocol/engine.ts';
import { PROGRESS_INTERVAL_MS } from '../shared/protocol/engine.ts';
import { dialect } from '../shared/sql/dialect.ts';
import {
  batchCountsStatement,
  CHANGE_TRACKING_PARAMETER,
  changeTrackingVersionsStatement,
  deltaStatements,
  duplicateKeysStatement,
  extractStatement,
  META,
  persistStatements,
  postgresCopyOutStatements,
  readStateStatement,
  binaryTextFor,
  extractMode,
  extractsByCopy,
  setupStatements,
  type EntitySqlInput,
  type ExtractMode,
  type RunState,
} from '../shared/sql/entity-sql.ts';
import { csvLayout, entitySqlInput } from '../shared/sql/preview.ts';
import { compile, sql } from '../shared/sql/statement.ts';
import { aggregate } from './aggregate.ts';
import { openLander, openSource, openWarehouse, warehouseKey } from './connections.ts';
import { csvHeader, csvWriter } from './format/csv-writer.ts';
import { csvLines, csvLinesWriter } from './format/csv-lines-writer.ts';
import type { FileColumn, FileFormatWriter, Row } from './format/file-builder.ts';
import type { Lander } from './land/lander.ts';
import type { Source } from './source/source.ts';
import { NULL_KEY, valueNormalizer, ValueError, type Normalizer } from './values.ts';
import { archiveFiles, matchingFiles, readFiles } from './source/file-source.ts';
import { runTransaction, type Warehouse } from './warehouse/warehouse.ts';

export interface EntityRunContext {
  readonly spec: JobSpec;
  readonly job: JobEntity;
  readonly batchTime: string;
  readonly signal: AbortSignal;
  readonly emit: (event: EngineEvent) => void;
  /** Runs `task` alone among the run's tasks on the same warehouse (schema setup, DuckDB commits). */
  readonly exclusive: <T>(warehouse: string, task: () => Promise<T>) => Promise<T>;
}

/** An error that already names the entity and says what to do. */
export class EntityError extends Error {}

const now = (): string => new Date().toISOString();

/** The project the shared SQL builders expect, from the job spec. */
export function specProject(spec: JobSpec): Project {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: 'job',
    batch: { parallelEntities: spec.parallelEntities },
    parameters: { ...spec.parameters },
    connections: [...spec.connections],
    entities: spec.entities.map((e) => e.entity),
    extracts: spec.entities.map((e) => e.extract),
  };
}

function fileColumns(input: EntitySqlInput, mode: ExtractMode): FileColumn[] {
  const columns = input.entity.columns.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType }));
  return mode === 'changes' ? [...columns, { name: META.operation, type: { kind: 'string', length: 1 } }] : columns;
}

async function formatWriter(input: EntitySqlInput, columns: readonly FileColumn[]): Promise<FileFormatWriter> {
  const { extract } = input;
  // The Parquet encoder (WebAssembly) loads only for entities that write Parquet.
  if (extract.format.kind === 'parquet') return (await import('./format/parquet-writer.ts')).parquetWriter(columns);
  return csvWriter(columns, { ...csvLayout(extract), compression: extract.compression, binary: binaryTextFor(input.warehouseDialect) });
}

/** Checks and converts a batch in place, naming entity, column and row of the first bad value. */
function batchPreparer(entity: string, columns: readonly FileColumn[], keys: readonly string[]): (batch: Row[], firstRow: number) => void {
  const lowerKeys = new Set(keys.map((k) => k.toLowerCase()));
  const normalizers: Normalizer[] = columns.map((c) => valueNormalizer(c.type));
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

function connectionNamed(spec: JobSpec, name: string): Connection {
  const found = spec.connections.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new EntityError(`connection "${name}" is not in the job`);
  return found;
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

  let source: Source | undefined;
  let warehouse: Warehouse | undefined;
  let lander: Lander | undefined;
  let published = false;
  let step = 'preparing';
  try {
    const input = entitySqlInput(specProject(spec), name);
    const warehouseConnection = connectionNamed(spec, job.entity.warehouse);
    const whKey = warehouseKey(warehouseConnection);
    setState('extracting');

    step = `connecting to warehouse "${warehouseConnection.name}"`;
    const wh = (warehouse = await openWarehouse(warehouseConnection));
    step = 'creating the persistent staging and control tables';
    await context.exclusive(whKey, async () => {
      for (const statement of setupStatements(input)) await wh.run(statement);
    });
    step = 'reading saved watermarks';
    const watermarks: Record<string, string> = {};
    for (const [parameter, value] of await wh.query(readStateStatement(input))) {
      if (value !== null && value !== undefined) watermarks[String(parameter)] = String(value);
    }

    const batchId = BigInt(spec.batchId);
    let state: RunState = { batchDate: spec.batchDate, batchId, batchTime: context.batchTime, runId: spec.runId, watermarks };
    let rows: AsyncIterable<Row[]>;
    /** Rows arrive as CSV lines the source formatted and checked (PostgreSQL COPY). */
    let passThrough = false;
    let archive: (() => Promise<void>) | undefined;
    const sourceConnection = connectionNamed(spec, job.extract.source.connection);
    if (job.extract.source.kind === 'files') {
      const filesSource = job.extract.source;
      if (sourceConnection.kind !== 'localfs') {
        throw new EntityError(`entity "${name}": files are read from local folders; files in ${sourceConnection.kind} connection "${sourceConnection.name}" cannot be read by this engine yet`);
      }
      mode = 'files';
      step = `listing files matching "${filesSource.pattern}"`;
      const files = await matchingFiles(sourceConnection.path, filesSource);
      log('info', `reading ${files.length} files matching "${filesSource.pattern}"`);
      const parameter = (p: string, file: string): string => {
        switch (p) {
          case 'file_name': return file.split(/[\\/]/).pop()!;
          case 'batch_date': return spec.batchDate;
          case 'batch_id': return spec.batchId;
          case 'run_id': return spec.runId;
          case 'entity_name': return name;
          default: {
            const value = spec.parameters[p];
            if (value === undefined) throw new EntityError(`entity "${name}": @${p} is not a parameter of this project`);
            return value;
          }
        }
      };
      rows = readFiles(files, filesSource.parallelFiles, { entity: name, columns: job.entity.columns.map((c) => c.name), extract: job.extract, parameter, signal }) as AsyncIterable<Row[]>;
      archive = () => archiveFiles(sourceConnection.path, filesSource, files, spec.runId);
    } else {
      step = `connecting to source "${sourceConnection.name}"`;
      const src = (source = await openSource(sourceConnection));
      if (job.extract.pattern.kind === 'changeTracking') {
        step = 'reading change tracking versions';
        const [row] = await src.query(compile(changeTrackingVersionsStatement(input), dialect('tsql')));
        state = {
          ...state,
          changeTracking: {
            saved: watermarks[CHANGE_TRACKING_PARAMETER],
            current: String(row?.[0]),
            minValid: row?.[1] === null || row?.[1] === undefined ? null : String(row[1]),
          },
        };
      }
      if (src.copyOut && extractsByCopy(input, extractMode(input, state))) {
        // The server formats the CSV and checks every value against the entity's types.
        const copy = postgresCopyOutStatements(input, state, csvLayout(job.extract), binaryTextFor(input.warehouseDialect));
        mode = copy.mode;
        const [setup, copyText] = copy.statements.map((statement) => compile(statement, dialect('postgres')).sql);
        rows = csvLines(src.copyOut([setup!], copyText!, signal), csvLayout(job.extract).qualifier);
        passThrough = true;
      } else {
        const extract = extractStatement(input, state);
        mode = extract.mode;
        rows = src.stream(compile(extract.statement, dialect(input.sourceDialect!)), signal) as AsyncIterable<Row[]>;
      }
    }
    log('info', `extracting (${mode}) from "${sourceConnection.name}"`);

    const columns = fileColumns(input, mode);
    const landerConnection = connectionNamed(spec, job.extract.lander.connection);
    const folder = job.extract.lander.folder.replace(/^\/+|\/+$/g, '');
    const land = (lander = await openLander(landerConnection, { entityFolder: `${folder ? `${folder}/` : ''}${name}`, runId: spec.runId }));
    step = `preparing lander "${landerConnection.name}"`;
    await land.begin();

    step = 'extracting';
    reading = Date.now();
    const result = await aggregate(rows, {
      entity: name,
      writer: passThrough ? csvLinesWriter(csvHeader(csvLayout(job.extract), columns), job.extract.compression) : await formatWriter(input, columns),
      limit: job.extract.fileSizeMb * 1024 * 1024,
      lander: land,
      concurrency: job.extract.lander.concurrency,
      signal,
      prepare: passThrough ? () => undefined : batchPreparer(name, columns, job.entity.businessKey),
      readDone: () => setState('landing'),
      progress: (rows, bytes, files) => {
        Object.assign(totals, { rows, bytes, files });
        progress(false);
      },
    });
    Object.assign(totals, result);
    progress(true);
    await source?.close();
    source = undefined;

    setState('landing');
    step = 'publishing the landed files';
    signal.throwIfAborted();
    const files = await land.publish();
    published = true;
    log('info', `landed ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} in ${result.files} ${result.files === 1 ? 'file' : 'files'} (${result.bytes} bytes)`);

    setState('loading');
    step = 'loading staging';
    signal.throwIfAborted();
    await wh.stage({ input, mode, files, format: job.extract.format, csv: csvLayout(job.extract), compression: job.extract.compression });
    step = 'computing the change set';
    for (const statement of deltaStatements(input, state, mode)) {
      signal.throwIfAborted();
      await wh.run(statement);
    }
    if (mode === 'files') {
      step = 'checking the files for repeated keys';
      const [repeated] = await wh.query(duplicateKeysStatement(input));
      if (repeated) {
        const keys = job.entity.businessKey.map((k, i) => `${k} = ${String(repeated[i])}`).join(', ');
        throw new EntityError(`entity "${name}": the key ${keys} appears ${String(repeated[repeated.length - 1])} times in this run's files; remove the repeated rows (or the older file) and run again — nothing was committed`);
      }
    }
    step = 'applying the change set to persistent staging';
    signal.throwIfAborted();
    const persist = persistStatements(input, state, mode);
    const commit = (): Promise<void> => runTransaction(wh, persist, sql`ROLLBACK`, signal);
    // DuckDB commits of one file are serialised: concurrent writers to its shared control table conflict.
    await (input.warehouseDialect === 'duckdb' ? context.exclusive(whKey, commit) : commit());

    if (archive) {
      step = 'archiving the loaded files';
      // After the commit: a failure here leaves the files to be read again, which changes nothing.
      await archive().catch((error: unknown) => log('warn', `the loaded files could not be archived: ${(error as Error).message}`));
    }
    step = 'counting the versions written';
    const [counts] = await wh.query(batchCountsStatement(input, state));
    const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
    setState('done');
    return {
      entity: name, status: 'done', mode, ...totals,
      inserted: count(counts?.[0]), updated: count(counts?.[1]), deleted: count(counts?.[2]),
      startedAt, finishedAt: now(),
    };
  } catch (error) {
    const cancelled = signal.aborted;
    if (!published) await lander?.discard();
    const message = cancelled
      ? `entity "${name}": cancelled while ${step}; nothing was committed`
      : error instanceof EntityError || (error instanceof Error && error.message.startsWith(`entity "${name}", column `))
        ? error.message
        : `entity "${name}": ${step} failed: ${error instanceof Error ? error.message : String(error)}`;
    setState(cancelled ? 'cancelled' : 'failed', message);
    log(cancelled ? 'warn' : 'error', message);
    return { entity: name, status: cancelled ? 'cancelled' : 'failed', ...(mode ? { mode } : {}), ...totals, startedAt, finishedAt: now(), error: message };
  } finally {
    await source?.close().catch(() => undefined);
    await warehouse?.close().catch(() => undefined);
  }
}
