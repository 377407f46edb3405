/**
 * The run plan: one entity's run, step by step, with every statement rendered for its dialect.
 * It is the one source of what runs: the engine executes the plan's statements and nothing else,
 * and records each one in the run's statement log; `landfall sql` and the designer's preview render
 * the same plan with sample inputs, or with a past run's own inputs (`landfall sql --run`).
 *
 * Meaning of the metadata columns a run writes:
 * - `lf_valid_from` / `lf_valid_to`: the start time (UTC) of the run that wrote / closed the
 *   version. Versions are ordered by when the warehouse learned of them, so several runs on one
 *   batch date keep a clean history. The batch date is the business date: it sets the Date Range
 *   window and `@batch_date`.
 * - `lf_batch_id`: the run's batch id, by default its start time as the number YYYYMMDDhhmmssfff
 *   (UTC), increasing from run to run.
 */
import type { CheckSeverity, DataCheck, DataCheckKind } from '../model/data-checks.ts';
import { landedCompression, type Connection, type Extract, type StagingEntity } from '../model/schema.ts';
import type { LoadMetrics } from '../run-metrics.ts';
import { currentTableName, currentTableStatements } from '../sql/steps/current-table.ts';
import { dataCheckQueries } from '../sql/steps/data-checks.ts';
import { keysInput, sweepCountStatements, sweeps, sweepStatements, sweptKeysTable } from '../sql/steps/key-sweep.ts';
import { dialect, dialectOf, type Dialect, type DialectName } from '../sql/dialect.ts';
import type { CsvLayout, LandedFiles } from '../sql/stage-hook.ts';
import { currentVersionsProbe, deltaStatements } from '../sql/steps/change-set.ts';
import { partitionPattern } from '../model/lake-layout.ts';
import { copyOutNote, extractsByCopy, postgresCopyOutStatements, sourceTypesStatement, type SourceColumnType } from '../sql/steps/copy-out.ts';
import { batchCountsStatement, duplicateKeysStatement, keepLastStatements } from '../sql/steps/counts.ts';
import { extractMode, needsChangeSet, type EntitySqlInput, type ExtractMode, type RunState } from '../sql/steps/entity-sql-input.ts';
import { changeTrackingVersionsStatement, extractStatement, readStateStatement } from '../sql/steps/extract.ts';
import { persistStatements } from '../sql/steps/persist.ts';
import { setupStatements, sharedTablesStatement } from '../sql/steps/setup.ts';
import { migration, modelReadStatements } from '../sql/steps/migrate.ts';
import { sourceColumnsStatement } from '../sql/steps/source-drift.ts';
import { rowEstimateStatement } from '../sql/steps/row-estimate.ts';
import type { WarehouseModel } from '../sql/steps/model-changes.ts';
import { joinSnapshotStatements, partitionBy, partitionStatements, rangedExtract, readerRanges, readsInParallel, type PartitionInputs } from '../sql/steps/partition.ts';
import { CONTROL_TABLE, keyIndexStatements } from '../sql/steps/columns.ts';
import { binaryTextFor, createStagingStatements, stageStatements } from '../sql/steps/stage.ts';
import { bulkCopyStatement, bulkCopyTarget, type BulkCopyTarget } from '../sql/steps/bulk-copy.ts';
import { describeKind } from '../model/connection-kinds.ts';
import { landerProblem } from '../model/lander-fit.ts';
import { compile, sql, type Statement } from '../sql/statement.ts';

/** The steps of a run, in the order they run. */
export const PLAN_STEPS = ['readState', 'model', 'drift', 'changeTracking', 'estimate', 'partition', 'sourceTypes', 'extract', 'sweepKeys', 'land', 'sweepLand', 'publish', 'setup', 'migrate', 'stage', 'check', 'changeSet', 'checks', 'persist', 'currentTable', 'counts'] as const;
export type PlanStepName = (typeof PLAN_STEPS)[number];

/** Where a step's statements run. */
export type PlanTarget = 'source' | 'warehouse' | 'lake';

/** What a run knows when it plans: given up front, or read as it goes (state, versions, files). */
export interface RunInputs {
  /** The batch's effective (business) date, YYYY-MM-DD. */
  readonly batchDate: string;
  readonly runId: string;
  /** Decimal integer, `lf_batch_id` of the versions the run writes. */
  readonly batchId: string;
  /** The run's start, `YYYY-MM-DD HH:MM:SS.mmm` in UTC: `lf_valid_from` of what it writes. */
  readonly startedAt: string;
  /** Saved watermark text per change column, read from `zdm.control_parameters`. */
  readonly watermarks: Readonly<Record<string, string>>;
  /** Change Tracking versions, read on the source before extracting. */
  readonly changeTracking?: { readonly saved?: string | undefined; readonly current: string; readonly minValid: string | null } | undefined;
  /**
   * The types of the extract query's columns as the source names them (`numeric(18,4)`,
   * `varchar(50)`), read before a PostgreSQL COPY extract: the COPY leaves out the checks they
   * already guarantee. Unknown in a preview: every check is shown.
   */
  readonly sourceTypes?: readonly SourceColumnType[] | undefined;
  /**
   * A parallel extract's snapshot and bounds, read by its coordinator connection before the
   * readers start: the ranges each reader reads follow from them.
   */
  readonly partitions?: PartitionInputs | undefined;
  /** A key sweep's published key files, as the warehouse reads them (`<entity>__keys/Latest`). */
  readonly sweepFiles?: readonly string[] | undefined;
  /** Rows the extract delivered, once landed: what a rowCount check bounds (0 in a preview). */
  readonly rows?: number | undefined;
  /** The published files, as the warehouse reads them (paths or URLs), in load order. */
  readonly files: readonly string[];
  /**
   * What the run found of the warehouse before extracting: `missing` (a DuckDB file not created
   * yet: nothing to read), `empty` (no control table yet), `ready` (saved state read). Unknown in
   * a preview: both reads are shown.
   */
  readonly warehouse?: 'missing' | 'empty' | 'ready' | undefined;
  /**
   * Whether every shared zdm table exists (read with the saved state where setup runs in the
   * load's transaction): when some are missing, the load takes the first-setup lock. Unknown: all.
   */
  readonly sharedTables?: 'all' | 'some missing' | undefined;
  /**
   * What the change set's probe found in persistent staging, after setup: `empty` (no current
   * version: the staged rows are inserted as they are, with no change set) or `current`. Unknown
   * in a preview: the comparison is shown.
   */
  readonly persistentStaging?: 'empty' | 'current' | undefined;
  /** The load's metrics, measured before persist and written in its transaction (none: no metrics rows). */
  readonly metrics?: LoadMetrics | undefined;
  /** Whether this entity's load writes the run's row of `zdm.run_log` (one entity at a time per warehouse). */
  readonly runRow?: boolean | undefined;
  /**
   * Persistent staging's columns (and the entity's recorded column types), read before
   * extracting: the migrate step's DDL follows from them. Unknown in a preview: no DDL is shown.
   */
  readonly model?: WarehouseModel | undefined;
}

/** Which inputs of a preview are stand-ins rather than a run's own values. */
export type SampleInputs = ReadonlySet<keyof RunInputs>;

/** A statement of a step; `file` when the statement is fed with one landed file (COPY FROM STDIN, LOAD DATA). */
export interface PlanStatement {
  readonly statement: Statement;
  readonly file?: string;
  /**
   * A query whose rows stop the entity: business keys staged more than once (`duplicateKeys`), or
   * keys whose duplicates tie on the keepLast order column (`duplicateOrder`).
   */
  readonly refuse?: 'duplicateKeys' | 'duplicateOrder';
  /** A parallel extract's statement: the index of the reader (its connection) that runs it. */
  readonly reader?: number;
  /**
   * A query whose answer is an input of the rest of the plan (`persistentStaging`): the engine
   * runs it first, makes the plan again with the answer, and then runs the step's other statements.
   */
  readonly probe?: 'persistentStaging';
  /** The SQL Server lander's `INSERT BULK`: run by the lander once for every file it lands, into this table. */
  readonly bulkCopy?: BulkCopyTarget;
  /** A data check's query: its rows are the failing rows (see `shared/sql/steps/data-checks.ts`). */
  readonly check?: PlanCheck;
}

/** What the engine needs of a data check to judge its query's rows. */
export interface PlanCheck {
  readonly name: string;
  readonly kind: DataCheckKind;
  readonly severity: CheckSeverity;
  /** The names of a failing row's values, before the failing count. */
  readonly columns: readonly string[];
  readonly percent?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface PlanStep {
  readonly name: PlanStepName;
  readonly target: PlanTarget;
  /** The dialect the statements are written in; absent for lake steps. */
  readonly dialect?: DialectName;
  /** What the step does beyond its statements, for previews. */
  readonly notes: readonly string[];
  readonly statements: readonly PlanStatement[];
  /** PostgreSQL COPY … TO STDOUT: the source writes the CSV itself. */
  readonly copyOut?: boolean;
  /** A parallel extract: each reader's range, as messages name it, by reader index. */
  readonly readers?: readonly string[];
  /** Runs after the load's commit, on its own (a current table swapped in by renames). */
  readonly afterCommit?: boolean;
  /** Why the engine cannot run this step as planned; the entity fails with it before extracting. */
  readonly refused?: string;
}

export interface EntityPlan {
  readonly entity: string;
  readonly mode: ExtractMode;
  readonly inputs: RunInputs;
  readonly steps: readonly PlanStep[];
}

/** What a plan is made for: an entity, its extract and the connections they name. */
export interface PlanSubject {
  readonly entity: StagingEntity;
  readonly extract: Extract;
  readonly source: Connection;
  readonly warehouse: Connection;
  readonly lander: Connection;
  readonly parameters: Readonly<Record<string, string>>;
  /** Show the SQL in another dialect than the connections speak (previews only). */
  readonly dialect?: DialectName | undefined;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Finds an entity's extract and connections, with errors that say what is missing. */
export function planSubject(
  parts: { readonly entities: readonly StagingEntity[]; readonly extracts: readonly Extract[]; readonly connections: readonly Connection[]; readonly parameters: Readonly<Record<string, string>> },
  entityName: string,
  override?: DialectName,
): PlanSubject {
  const entity = parts.entities.find((e) => same(e.name, entityName));
  if (!entity) throw new Error(`no staging entity is named "${entityName}"`);
  const extract = parts.extracts.find((x) => same(x.entity, entity.name));
  if (!extract) throw new Error(`entity "${entity.name}" has no extract yet`);
  const connection = (name: string, role: string): Connection => {
    const found = parts.connections.find((c) => same(c.name, name));
    if (!found) throw new Error(`entity "${entity.name}": its ${role} connection "${name}" does not exist`);
    return found;
  };
  return {
    entity,
    extract,
    source: connection(extract.source.connection, 'source'),
    warehouse: connection(entity.warehouse, 'warehouse'),
    lander: connection(extract.lander.connection, 'lander'),
    parameters: parts.parameters,
    ...(override ? { dialect: override } : {}),
  };
}

/** The inputs the shared SQL builders take. */
export function sqlInput(subject: PlanSubject): EntitySqlInput {
  const { entity, extract, source, warehouse } = subject;
  const warehouseDialect = subject.dialect ?? dialectOf(warehouse.kind);
  if (!warehouseDialect) throw new Error(`entity "${entity.name}": ${warehouse.kind} connection "${warehouse.name}" is not a warehouse`);
  const sourceDialect = extract.source.kind === 'files' ? undefined : extract.pattern.kind === 'changeTracking' ? 'tsql' : (subject.dialect ?? dialectOf(source.kind));
  return { entity, extract, sourceDialect, warehouseDialect, parameters: subject.parameters };
}

/** File name ending of landed files. */
export function landedExtension(extract: Extract): string {
  if (extract.format.kind === 'parquet') return '.parquet';
  return `.csv${extract.compression === 'gzip' ? '.gz' : extract.compression === 'zstd' ? '.zst' : ''}`;
}

/** Where an entity's complete file set is published, relative to the lander's root. */
export function latestFolder(extract: Extract): string {
  const base = extract.lander.folder.replace(/^\/+|\/+$/g, '');
  return `${base ? `${base}/` : ''}${extract.entity}/Latest`;
}

/** What the plan says of a partitioned layout: the path pattern of the set's files. */
function layoutNotes(extract: Extract): string[] {
  const partition = extract.layout?.partition;
  if (!partition) return [];
  const name = `${extract.entity}_{first row}${landedExtension(extract)}`;
  return [`partitioned by ${partition.kind === 'date' ? `the ${partition.granularity} of ${partition.column}` : `the value of ${partition.column}`}: ${latestFolder(extract)}/${partitionPattern(partition)}/${name}`];
}

/** The CSV layout of an extract's files (Parquet files carry none: the defaults stand in). */
export function csvLayout(extract: Extract): CsvLayout {
  return extract.format.kind === 'csv'
    ? { delimiter: extract.format.delimiter, qualifier: extract.format.qualifier, header: extract.format.header, nullMarker: extract.format.nullMarker }
    : { delimiter: ',', qualifier: '"', header: true, nullMarker: '' };
}

/** The run state the statement builders take, from a plan's inputs. */
export function runState(inputs: RunInputs): RunState {
  return {
    batchDate: inputs.batchDate,
    batchId: BigInt(inputs.batchId),
    batchTime: inputs.startedAt,
    runId: inputs.runId,
    watermarks: inputs.watermarks,
    ...(inputs.changeTracking ? { changeTracking: inputs.changeTracking } : {}),
    ...(inputs.metrics ? { metrics: { load: inputs.metrics, runRow: inputs.runRow ?? false } } : {}),
  };
}

const plain = (statements: readonly Statement[]): PlanStatement[] => statements.map((statement) => ({ statement }));

/** Reading the saved state: nothing from a warehouse not created yet, the select only once the control table is known to exist. */
function readState(input: EntitySqlInput, inputs: RunInputs): PlanStatement[] {
  if (inputs.warehouse === 'missing') return [];
  const d = dialect(input.warehouseDialect);
  const exists = { statement: d.tableExists('zdm', CONTROL_TABLE) };
  // Only where a missing table changes the load: it then takes the first-setup lock (see setup).
  const shared = d.transactionalDdl ? [{ statement: sharedTablesStatement(input) }] : [];
  return inputs.warehouse === 'empty' ? [exists] : [exists, { statement: readStateStatement(input) }, ...shared];
}

const ESTIMATE_NOTE = 'the source\'s row count (an estimate where the catalog keeps one), read before extracting: progress is shown as a share of it, never 100% before the entity is done';

const MODEL_NOTES = ['persistent staging\'s columns and the entity\'s recorded column types, read before extracting: a difference that cannot be migrated stops the entity before anything lands'];

/**
 * Reading persistent staging's columns, where the warehouse exists; the recorded types only when
 * the table exists, and only from a model table that exists (a preview shows all three reads).
 */
function modelStatements(input: EntitySqlInput, inputs: RunInputs): PlanStatement[] {
  if (inputs.warehouse === 'missing') return [];
  const reads = plain(modelReadStatements(input));
  const { model } = inputs;
  return !model ? reads : !model.columns.length ? reads.slice(0, 1) : model.recorded === undefined ? reads.slice(0, 2) : reads;
}

/** Whether the load may create schemas or shared zdm tables that another load could be creating too. */
export function firstSetup(inputs: Pick<RunInputs, 'warehouse' | 'sharedTables'>): boolean {
  return inputs.warehouse !== 'ready' || inputs.sharedTables === 'some missing';
}

/**
 * Where the load's transaction opens. The persist statements open it with their first statement;
 * where the warehouse's DDL is transactional that statement moves to the start of setup, so the
 * schemas, tables, staged rows and change set of a load that fails are rolled back with it.
 */
function loadTransaction(d: Dialect, setup: PlanStatement[], persist: PlanStatement[], firstSetup: boolean): { setup: PlanStatement[]; persist: PlanStatement[]; opensAtSetup: boolean; locked: boolean } {
  if (!d.transactionalDdl) return { setup, persist, opensAtSetup: false, locked: false };
  const [begin, ...rest] = persist;
  if (!begin || compile(begin.statement, d).sql !== d.beginTransaction) throw new Error('the persist statements must open the load transaction with their first statement');
  const lock = firstSetup && d.firstSetupLock ? [{ statement: sql`${d.firstSetupLock}` }] : [];
  return { setup: [begin, ...lock, ...setup], persist: rest, opensAtSetup: true, locked: lock.length > 0 };
}

/**
 * The published folder as a warehouse that reads the lake itself (Synapse) names it: the data
 * source is the lander connection, pointing at its file system; the folder is the entity's Latest
 * set under the connection's root directory.
 */
export function lakeFolder(subject: PlanSubject): LandedFiles['folder'] {
  const { lander, extract } = subject;
  const root = lander.kind === 'adls' ? lander.directory.replace(/^\/+|\/+$/g, '') : '';
  const url = lander.kind === 'adls' ? `abfss://${lander.fileSystem}@${lander.account}.dfs.core.windows.net` : 'path' in lander ? lander.path : lander.name;
  return { dataSource: lander.name, location: `/${root ? `${root}/` : ''}${latestFolder(extract)}/`, url };
}

/**
 * The stage step from the warehouse dialect's stage hook: its statements (each fed with one file
 * where the hook says so), and as notes what the warehouse does without a statement.
 */
function stageStep(input: EntitySqlInput, subject: PlanSubject, mode: ExtractMode, files: readonly string[]): { statements: PlanStatement[]; notes: string[]; refused?: string } {
  const { extract } = subject;
  const items = stageStatements(input, mode, {
    files,
    folder: lakeFolder(subject),
    format: { kind: extract.format.kind, csv: csvLayout(extract), compression: landedCompression(extract) },
    ...(extract.layout?.partition ? { partitioned: extract.layout.partition.kind } : {}),
  });
  const statements: PlanStatement[] = [];
  const notes = new Set<string>();
  let refused: string | undefined;
  for (const item of items) {
    switch (item.kind) {
      case 'run': statements.push({ statement: item.statement }); break;
      case 'stream': statements.push({ statement: item.statement, file: item.file }); break;
      case 'insertRows': notes.add('each landed file\'s rows are inserted in batches'); break;
      case 'bulkCopy':
        // A preview in another dialect assumes the SQL Server lander.
        if (landsInWarehouse(subject) || subject.dialect) notes.add('the SQL Server lander bulk copies every file into this table');
        else {
          // Validation refuses the same pair with the same words (lander-fit.ts).
          refused = `entity "${subject.entity.name}": ${landerProblem(subject.warehouse, subject.lander) ?? `a ${subject.warehouse.kind} warehouse stages by bulk copy`}`;
          notes.add(refused);
        }
        break;
    }
  }
  refused ??= nullMarkerRefusal(subject);
  if (refused) notes.add(refused);
  return { statements, notes: [...notes], ...(refused ? { refused } : {}) };
}

/**
 * A CSV NULL marker the warehouse's bulk load cannot read back: MariaDB's LOAD DATA reads an empty
 * field as '' (0, '0000-00-00' for other types), so files written with the empty marker would
 * land every NULL as a value. The project's validation refuses such an extract; a job spec made
 * without it is refused here, before anything is read.
 */
function nullMarkerRefusal({ entity, extract, warehouse }: PlanSubject): string | undefined {
  const wanted = describeKind(warehouse.kind).warehouse?.nullMarker;
  if (!wanted || extract.format.kind !== 'csv' || extract.format.nullMarker === wanted.marker) return undefined;
  return `entity "${entity.name}": ${wanted.why}, but the extract writes NULL as ${JSON.stringify(extract.format.nullMarker)}, which would land NULLs as values: set the extract's NULL marker to ${JSON.stringify(wanted.marker)}`;
}

/** Whether the lander is the warehouse itself, bulk copying into its staging table (SQL Server, Azure SQL). */
export function landsInWarehouse(subject: PlanSubject): boolean {
  return describeKind(subject.warehouse.kind).warehouse?.landsInItself === true && same(subject.lander.name, subject.warehouse.name);
}

/**
 * The land step of a lander that is the warehouse: the staging table dropped and created (run on
 * its first write of the batch), then the bulk load each file is copied in with.
 */
function bulkLandStatements(input: EntitySqlInput, mode: ExtractMode, extract: Extract): PlanStatement[] {
  const target = bulkCopyTarget(input, mode, csvLayout(extract));
  return [...plain(createStagingStatements(input, mode)), { statement: bulkCopyStatement(input, target), bulkCopy: target }];
}

/**
 * The plan of one entity's run with the given inputs. Pure: the same subject and inputs always
 * give the same plan, and a step's statements depend only on what is known before it runs, so a
 * plan made early in a run (before the files have landed) agrees with the final one on every step
 * it has already run.
 */
export function planEntity(subject: PlanSubject, inputs: RunInputs): EntityPlan {
  const input = sqlInput(subject);
  const state = runState(inputs);
  const mode = extractMode(input, state);
  const { entity, extract } = subject;
  const w = input.warehouseDialect;
  const sweep = sweeps(input, state, mode);
  const steps: PlanStep[] = [];
  const step = (name: PlanStepName, target: PlanTarget, statements: readonly PlanStatement[], notes: readonly string[] = [], extra: Partial<PlanStep> = {}, spoken: DialectName | undefined = w): void => {
    steps.push({ name, target, ...(target === 'lake' || !spoken ? {} : { dialect: spoken }), notes, statements, ...extra });
  };

  if (input.sourceDialect) {
    step('readState', 'warehouse', readState(input, inputs), ['saved watermarks and change tracking versions, when the control table exists']);
    step('model', 'warehouse', modelStatements(input, inputs), MODEL_NOTES);
    const columnsRead = sourceColumnsStatement(input);
    if (columnsRead) {
      const read = extract.source.kind === 'query' ? 'the columns the source query returns, from this probe of it that returns no row' : 'the source table\'s columns from its catalog';
      step('drift', 'source', plain([columnsRead]), [`${read}, compared with what the extract reads before anything is read: by the entity's schemaDrift policy (${entity.schemaDrift ?? 'warn'})`], {}, input.sourceDialect);
    }
    if (extract.pattern.kind === 'changeTracking') {
      step('changeTracking', 'source', plain([changeTrackingVersionsStatement(input)]), ['current and minimum valid versions, captured before extracting'], {}, 'tsql');
    }
    const estimate = rowEstimateStatement(input, mode);
    if (estimate) step('estimate', 'source', plain([estimate]), [ESTIMATE_NOTE], {}, input.sourceDialect);
    const notes = mode === 'full' && extract.pattern.kind === 'incremental'
      ? ['no saved watermark yet: this first run extracts every row']
      : mode === 'fullFallback' ? ['no valid change tracking version saved: a full extract, compared with persistent staging'] : [];
    // With another dialect asked for, the plain query is shown: COPY and snapshots are PostgreSQL's own.
    const parallel = !subject.dialect && readsInParallel(input) && mode !== 'changes';
    if (parallel) {
      const by = partitionBy(input);
      step('partition', 'source', plain(partitionStatements(input, state)), [
        'a snapshot every reader joins, exported by this connection, whose read-only transaction stays open until the readers end',
        by.kind === 'column' ? `the smallest and largest ${by.column.name} of the extract, split into ${extract.parallelReads} ranges` : `the table's size in pages, split into ${extract.parallelReads} ctid page ranges`,
      ], {}, input.sourceDialect);
    }
    const ranges = parallel && inputs.partitions ? readerRanges(input, inputs.partitions) : undefined;
    const readers = ranges ? { readers: ranges.map((r) => r.label) } : {};
    const readerNotes = ranges
      ? [`${ranges.length} ${ranges.length === 1 ? 'reader' : 'readers'}, each on a connection of its own in the snapshot: ${ranges.map((r, i) => `${i + 1}) ${r.label}`).join('; ')}`]
      : parallel ? ['the readers\' ranges follow from the partition step\'s bounds'] : [];
    const byReader = (each: (condition: Statement, index: number) => readonly Statement[]): PlanStatement[] =>
      ranges!.flatMap((range, reader) => each(rangedExtract(input, state, range), reader).map((statement) => ({ statement, reader })));
    if (!subject.dialect && extractsByCopy(input, mode)) {
      step('sourceTypes', 'source', plain([sourceTypesStatement(input, state)]), ['the types of the extract query\'s columns, read without running it: the COPY checks only what they do not guarantee'], {}, input.sourceDialect);
      const copyNotes = [...notes, ...readerNotes, copyOutNote(input)];
      const statements = ranges
        ? byReader((ranged) => {
          const [functions, copy] = postgresCopyOutStatements(input, state, csvLayout(extract), binaryTextFor(w), inputs.sourceTypes, ranged).statements;
          // The check functions first: a read-only transaction creates nothing, not even in pg_temp.
          return [functions!, ...joinSnapshotStatements(inputs.partitions!), copy!];
        })
        : plain(postgresCopyOutStatements(input, state, csvLayout(extract), binaryTextFor(w), inputs.sourceTypes).statements);
      step('extract', 'source', statements, copyNotes, { copyOut: true, ...readers }, input.sourceDialect);
    } else {
      const statements = ranges
        ? byReader((ranged) => [...joinSnapshotStatements(inputs.partitions!), ranged])
        : plain([extractStatement(input, state).statement]);
      step('extract', 'source', statements, [...notes, ...readerNotes], readers, input.sourceDialect);
    }
    if (sweep) {
      const keys = keysInput(input);
      step('sweepKeys', 'source', plain([extractStatement(keys, state).statement]), [
        `the key sweep: only the business keys of the source, ${landsInWarehouse(subject) ? 'bulk copied into' : `landed in ${latestFolder(keys.extract)} and staged in`} ${dialect(w).table('temp', keys.entity.name)}; current rows whose key is gone are marked deleted in persist`,
      ], {}, keys.sourceDialect);
    }
  } else {
    const pattern = extract.source.kind === 'files' ? extract.source.pattern : '';
    step('readState', 'warehouse', readState(input, inputs), ['saved parameters, when the control table exists (files sources keep no watermark)']);
    step('model', 'warehouse', modelStatements(input, inputs), MODEL_NOTES);
    const header = extract.source.kind === 'files' && extract.source.format.kind === 'csv' && !extract.source.format.header ? undefined : 'the header (CSV) or schema (Parquet)';
    step('drift', 'lake', [], [header
      ? `${header} of the first file matching ${pattern}, compared with what the extract reads before anything is read: by the entity's schemaDrift policy (${entity.schemaDrift ?? 'warn'})`
      : 'files without a header are read by position: their columns are not compared']);
    step('estimate', 'lake', [], ['the total size of the matched files: progress is the share of their bytes read']);
    step('extract', 'lake', [], [`reads the files matching ${pattern} under connection "${subject.source.name}"; no query runs on a source`]);
  }
  const format = extract.format.kind === 'parquet' ? 'Parquet' : 'CSV';
  const codec = landedCompression(extract);
  const compression = codec === 'none' ? '' : ` (${codec})`;
  if (landsInWarehouse(subject)) {
    step('land', 'warehouse', bulkLandStatements(input, mode, extract), [
      `rows formatted as ${format}${compression} in memory, cut at ${extract.fileSizeMb} MB, ${extract.lander.concurrency} at a time bulk copied into the staging table by "${subject.lander.name}"`,
      'the staging table is dropped and created on the lander\'s first write of the batch (or at publish, when no row was extracted)',
    ]);
    if (sweep) {
      // The swept keys take the entity's own path into the warehouse: bulk copied into their staging table.
      const keys = keysInput(input);
      step('sweepLand', 'warehouse', bulkLandStatements(keys, 'full', keys.extract), [
        `the key sweep's business keys, bulk copied into ${dialect(w).table('temp', keys.entity.name)} by "${subject.lander.name}" as they are read (dropped and created on its first write)`,
      ]);
    }
    step('publish', 'lake', [], ['no lake: the staging table holds the run\'s rows', `files: ${inputs.files.length}`]);
  } else {
    step('land', 'lake', [], [`rows formatted as ${format}${compression} in memory, cut at ${extract.fileSizeMb} MB, ${extract.lander.concurrency} at a time landed under a temporary name by "${subject.lander.name}"`]);
    step('publish', 'lake', [], [`the run's set becomes ${latestFolder(extract)}; the previous set moves to Archive/`, ...layoutNotes(extract), `files: ${inputs.files.length}`]);
  }
  const compared = needsChangeSet(mode);
  const persistentEmpty = compared && inputs.persistentStaging === 'empty';
  const current = currentTableStatements(input);
  const persist = plain(persistStatements(input, state, mode, persistentEmpty));
  // A current table replaced in the load's transaction is replaced before its COMMIT.
  if (sweep || entity.keySweep) {
    // Before the COMMIT: the sweep's deletes and the count of runs since the last sweep.
    const end = persist.pop()!;
    persist.push(...plain(sweep ? sweepStatements(input, state) : []), ...plain(sweepCountStatements(input, state, sweep)), end);
  }
  const commit = current.inTransaction.length ? persist.pop() : undefined;
  const migrating = inputs.model ? migration(input, inputs.model) : undefined;
  // PostgreSQL checks an index's columns even when it exists: the key index of a renamed key column is made after the rename.
  const renamesKey = migrating?.changes.some((c) => c.kind === 'rename' && entity.businessKey.some((k) => k.toLowerCase() === c.column.name.toLowerCase())) === true;
  const load = loadTransaction(dialect(w), [...plain(setupStatements(input, { keyIndex: !renamesKey })), ...plain(current.setup)], persist, firstSetup(inputs));
  step('setup', 'warehouse', load.setup, [
    'schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed',
    load.opensAtSetup
      ? 'opens the load\'s transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them'
      : 'commits on its own before the load (this warehouse commits every CREATE at once)',
    ...(load.locked ? [`${inputs.warehouse === 'ready' ? 'some of the shared zdm tables are missing' : 'no control table was found'}: the lock after BEGIN keeps other runners' first loads into this warehouse waiting until this one ends, so they never create the same schemas and tables at once`] : []),
  ]);
  step('migrate', 'warehouse', migrating ? plain([...migrating.statements, ...(renamesKey ? keyIndexStatements(input, 'psg', true) : [])]) : [], [
    inputs.model
      ? 'persistent staging altered to hold the entity\'s columns: new columns added, declared renames, widened types, removed columns kept as history (nullable)'
      : 'the DDL that makes persistent staging hold the entity\'s columns follows from the model step (none when they match)',
    ...(load.opensAtSetup ? [] : ['every ALTER TABLE commits at once on this warehouse']),
  ]);
  const stage = stageStep(input, subject, mode, inputs.files);
  if (sweep) {
    const keys = keysInput(input);
    const staged = stageStep(keys, { ...subject, entity: keys.entity, extract: keys.extract }, 'full', inputs.sweepFiles ?? []);
    stage.statements.push(...staged.statements);
  }
  step('stage', 'warehouse', stage.statements, stage.notes, stage.refused ? { refused: stage.refused } : {});
  // Change Tracking delivers one change per key; every other extract can repeat a key.
  if (mode !== 'changes') {
    const policy = entity.duplicateKeys;
    step('check', 'warehouse', policy.policy === 'keepLast'
      ? [
          { statement: duplicateKeysStatement(input, true), refuse: 'duplicateOrder' },
          ...plain(keepLastStatements(input, mode)),
          { statement: duplicateKeysStatement(input), refuse: 'duplicateKeys' },
        ]
      : [{ statement: duplicateKeysStatement(input), refuse: 'duplicateKeys' }],
    policy.policy === 'keepLast'
      ? [`a business key staged more than once keeps its row with the highest ${policy.orderBy}; a tie stops the load`]
      : ['a business key staged more than once stops the load (declare duplicateKeys keepLast to keep the latest)']);
  }
  const delta: PlanStatement[] = compared
    ? [{ statement: currentVersionsProbe(input), probe: 'persistentStaging' }, ...plain(deltaStatements(input, state, mode, persistentEmpty))]
    : [];
  step('changeSet', 'warehouse', delta, !compared
    ? [`the ${mode} extract delivers a change set: no comparison with persistent staging`]
    : persistentEmpty
      ? ['persistent staging holds no current version: no comparison, persist inserts every staged row as a new key']
      : inputs.persistentStaging === 'current'
        ? ['compares the staged rows with the current versions by business key and row hash']
        : ['compares the staged rows with the current versions by business key and row hash; where persistent staging holds no current version (a first run), persist inserts the staged rows instead']);
  const checks = dataCheckQueries(input, { mode, persistentEmpty, rows: inputs.rows ?? 0, sweptKeys: sweep ? sweptKeysTable(input) : undefined });
  if (checks.length) {
    step('checks', 'warehouse', checks.map((c) => ({ statement: c.statement, check: planCheck(c.check, c.name, c.columns) })), [
      'each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported',
      ...(persistentEmpty ? ['a first load: no current rows to delete or change'] : []),
    ]);
  }
  step('persist', 'warehouse', load.persist, [load.opensAtSetup ? 'ends the load\'s transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT' : 'one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics']);
  if (entity.currentTable) {
    const table = dialect(w).table('cur', currentTableName(entity));
    step('currentTable', 'warehouse', current.swap ? plain(current.afterCommit) : [...plain(current.inTransaction), commit!], current.swap
      ? [`after the commit, ${table} is built anew from the current rows and swapped in by renaming: a reader sees the old table or the new one`]
      : [`${table} gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones`], current.swap ? { afterCommit: true } : {});
  }
  step('counts', 'warehouse', plain([batchCountsStatement(input, state, persistentEmpty), readStateStatement(input)]), ['versions written by this run, and the saved watermarks after it (the lag it closed), for its result']);
  return { entity: entity.name, mode, inputs, steps };
}

/** A data check as a plan statement carries it. */
function planCheck(check: DataCheck, name: string, columns: readonly string[]): PlanCheck {
  return {
    name, kind: check.kind, severity: check.severity, columns,
    ...(check.kind === 'maxShare' ? { percent: check.percent } : {}),
    ...(check.kind === 'rowCount' ? { ...(check.min === undefined ? {} : { min: check.min }), ...(check.max === undefined ? {} : { max: check.max }) } : {}),
  };
}

/** The step of a plan with this name; every plan has setup, readState, extract, land, publish, stage, changeSet, persist and counts (and all but Change Tracking runs a check). */
export function planStep(plan: EntityPlan, name: PlanStepName): PlanStep | undefined {
  return plan.steps.find((s) => s.name === name);
}
