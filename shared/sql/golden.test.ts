// Golden tests: every statement builder × every dialect, rendered with `preview` and compared with
// the checked-in files in __golden__/ (one file per statement and dialect, one section per fixture).
// Regenerate with `UPDATE_GOLDEN=1 npx vitest run shared/sql/golden.test.ts` and review the diff like code.
// Besides the files, each test checks a few invariants (quoting of the hostile names, join form,
// schema names), so a regenerated golden cannot hide a broken statement.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGoldenFile } from '../../test/golden-file.ts';
import { landedCompression, validateProject, type Project, type ProjectInput } from '../model/index.ts';
import { DIALECTS, dialect, type DialectName, type SqlValue } from './dialect.ts';
import type { LandedFiles, StageStatement } from './stage-hook.ts';
import { currentVersionsProbe, deltaStatements } from './steps/change-set.ts';
import { extractMode, needsChangeSet, type EntitySqlInput, type ExtractMode, type RunState } from './steps/entity-sql-input.ts';
import { changeTrackingVersionsStatement, extractStatement, readStateStatement } from './steps/extract.ts';
import { persistStatements } from './steps/persist.ts';
import { setupStatements, sharedTablesStatement } from './steps/setup.ts';
import { migration, modelReadStatements } from './steps/migrate.ts';
import { sourceColumnsStatement } from './steps/source-drift.ts';
import { rowEstimateStatement } from './steps/row-estimate.ts';
import { createStagingStatements, stageInsertStatement, stageTarget } from './steps/stage.ts';
import { bulkCopyStatement, bulkCopyTarget } from './steps/bulk-copy.ts';
import { csvLayout, lakeFolder, landedExtension, latestFolder, planEntity, planStep, planSubject, sqlInput, type EntityPlan, type PlanStepName } from '../plan/run-plan.ts';
import { compile, preview, type Statement } from './statement.ts';

// ---- fixtures ---------------------------------------------------------------------------------

/** A name with a space and both kinds of quote: it must survive every quoting. */
const HOSTILE = `Order "Line's`;
/** A column name holding every identifier quote character of the six dialects. */
const WEIRD_COLUMN = 'weird "col" [x] `y`';
const LAKE_PATH = '/data/lake';

const PROJECT_INPUT: ProjectInput = {
  format: 'landfall-project',
  version: 1,
  name: 'Golden',
  parameters: { source_system: "it's \\ ERP" },
  connections: [
    { name: 'crm', kind: 'sqlserver', host: 'crm.example.com', database: 'crm', user: 'etl', password: '${env:CRM_PASSWORD}' },
    { name: 'dw', kind: 'synapse', host: 'dw.sql.azuresynapse.net', database: 'dw', user: 'loader', password: '${env:DW_PASSWORD}' },
    { name: 'lake', kind: 'adls', account: 'goldenlake', fileSystem: 'raw', credential: { kind: 'azure-default' } },
    { name: 'wh', kind: 'duckdb', path: 'warehouse.duckdb' },
    { name: 'landing', kind: 'localfs', path: LAKE_PATH },
    { name: 'drop', kind: 'localfs', path: '/data/drop' },
  ],
  entities: [
    {
      // Full, composite business key, hostile names, parameter and expression mappings.
      name: HOSTILE,
      columns: [
        { name: 'order_id', type: 'bigint', nullable: false },
        { name: 'line no', type: 'int', nullable: false },
        { name: 'product', type: 'string(50)' },
        { name: WEIRD_COLUMN, type: 'string' },
        { name: 'amount', type: 'decimal(18,2)' },
        { name: 'is_gift', type: 'boolean' },
        { name: 'source_system', type: 'string(20)' },
        { name: 'load_batch', type: 'bigint' },
      ],
      businessKey: ['order_id', 'line no'],
      warehouse: 'dw',
      distribution: { kind: 'hash', column: 'order_id' },
    },
    {
      // Incremental on two change columns (one mapped), from a query with CTEs; deletes not tracked.
      name: 'customer',
      columns: [
        { name: 'customer_id', type: 'int', nullable: false },
        { name: 'name', type: 'string(100)' },
        { name: 'modified_at', type: 'datetime' },
        { name: 'row_version', type: 'bigint' },
        { name: 'balance', type: 'decimal(12,2)' },
      ],
      businessKey: ['customer_id'],
      warehouse: 'wh',
      persistentStaging: { trackDeletes: false },
    },
    {
      // Date Range on a date column.
      name: 'shipment',
      columns: [
        { name: 'shipment_id', type: 'int', nullable: false },
        { name: 'ship_date', type: 'date', nullable: false },
        { name: 'carrier', type: 'string(30)' },
      ],
      businessKey: ['shipment_id'],
      warehouse: 'dw',
      distribution: { kind: 'replicate' },
    },
    {
      // Date Range on a datetime column; every remaining column type for the row hash.
      name: 'event',
      columns: [
        { name: 'event_id', type: 'uuid', nullable: false },
        { name: 'event_time', type: 'datetime', nullable: false },
        { name: 'recorded_at', type: 'datetimeoffset' },
        { name: 'start', type: 'time' },
        { name: 'score', type: 'double' },
        { name: 'ratio', type: 'float' },
        { name: 'kind', type: 'smallint' },
        { name: 'raw', type: 'binary(16)' },
      ],
      businessKey: ['event_id'],
      warehouse: 'wh',
    },
    {
      // Change Tracking on a SQL Server table.
      name: 'account',
      columns: [
        { name: 'account_id', type: 'int', nullable: false },
        { name: 'account_name', type: 'string(200)', nullable: false },
        { name: 'balance', type: 'decimal(18,2)' },
        { name: 'opened_on', type: 'date' },
      ],
      businessKey: ['account_id'],
      warehouse: 'dw',
      distribution: { kind: 'hash', column: 'account_id' },
    },
    {
      // Multi Wild Card File, landed as Parquet.
      name: 'payroll',
      columns: [
        { name: 'employee_id', type: 'int', nullable: false },
        { name: 'period', type: 'string(7)', nullable: false },
        { name: 'gross', type: 'decimal(12,2)' },
      ],
      businessKey: ['employee_id', 'period'],
      warehouse: 'wh',
    },
  ],
  extracts: [
    {
      entity: HOSTILE,
      source: { kind: 'table', connection: 'crm', schema: 'sales', table: "order lines's" },
      pattern: { kind: 'full' },
      mappings: [
        { column: 'product', expression: 'UPPER(product_name)' },
        { column: 'source_system', expression: '@source_system' },
        { column: 'load_batch', expression: '@batch_id' },
      ],
      compression: 'gzip',
      lander: { connection: 'lake', folder: 'sales' },
    },
    {
      entity: 'customer',
      source: {
        kind: 'query',
        connection: 'crm',
        sql: [
          '-- customers WITH their latest change (a comment with parentheses: ( )',
          'WITH changes AS (',
          "  SELECT customer_id, MAX(changed_at) AS changed_at FROM customer_log WHERE note <> ')' GROUP BY customer_id",
          '), /* between CTEs: WITH x AS ( */ active (customer_id) AS (',
          '  SELECT customer_id FROM customers WHERE active = 1',
          ')',
          'SELECT c.customer_id, c.name, c.updated_at, ch.changed_at, c.row_version, c.balance',
          'FROM customers AS c JOIN active AS a ON a.customer_id = c.customer_id',
          'LEFT JOIN changes AS ch ON ch.customer_id = c.customer_id -- the last line is a comment;',
          '',
        ].join('\n'),
      },
      pattern: {
        kind: 'incremental',
        comparison: '>=',
        changeColumns: [
          { column: 'modified_at', lookback: 2, lookbackUnit: 'hours' },
          { column: 'row_version', lookback: 10 },
        ],
      },
      mappings: [{ column: 'modified_at', expression: 'COALESCE(changed_at, updated_at)' }],
      lander: { connection: 'landing' },
    },
    {
      entity: 'shipment',
      source: { kind: 'table', connection: 'crm', table: 'shipments' },
      pattern: { kind: 'dateRange', column: 'ship_date', days: 7 },
      format: { kind: 'csv', delimiter: ';', qualifier: "'", header: false, nullMarker: '' },
      compression: 'gzip',
      lander: { connection: 'lake', folder: '/logistics/' },
    },
    {
      entity: 'event',
      source: { kind: 'table', connection: 'crm', schema: 'audit', table: 'events' },
      pattern: { kind: 'dateRange', column: 'event_time', days: 3 },
      // Synapse's external file format names the Parquet codec (Snappy here, Gzip for payroll).
      format: { kind: 'parquet', compression: 'snappy' },
      compression: 'none',
      lander: { connection: 'landing' },
    },
    {
      entity: 'account',
      source: { kind: 'table', connection: 'crm', schema: 'dbo', table: 'account' },
      pattern: { kind: 'changeTracking' },
      // The key is named differently at the source: CHANGETABLE returns it as AccountID.
      mappings: [{ column: 'account_id', expression: 'AccountID' }, { column: 'account_name', expression: 'LTRIM(RTRIM(name))' }],
      compression: 'gzip',
      lander: { connection: 'lake' },
    },
    {
      entity: 'payroll',
      source: { kind: 'files', connection: 'drop', pattern: 'payroll_*.csv', format: { kind: 'csv' } },
      pattern: { kind: 'multiWildCardFile' },
      format: { kind: 'parquet', compression: 'gzip' },
      compression: 'gzip',
      lander: { connection: 'landing' },
    },
  ],
};

function loadProject(): Project {
  const result = validateProject(PROJECT_INPUT);
  if (!result.ok) throw new Error(`the golden fixture project is invalid:\n${JSON.stringify(result.issues, null, 2)}`);
  return result.value;
}

const PROJECT = loadProject();

const STATE: RunState = {
  batchDate: '2026-06-30',
  batchId: 42n,
  batchTime: '2026-06-30 01:02:03.456',
  runId: 'r1',
  watermarks: { modified_at: '2026-06-29T23:30:00.1234567Z', row_version: '9007199254740993' },
  changeTracking: { saved: '100', current: '250', minValid: '50' },
};
/** The first run of an incremental extract: nothing saved yet. */
const FIRST_RUN: RunState = { ...STATE, watermarks: {}, changeTracking: { current: '250', minValid: '50' } };
/** A Change Tracking version older than the table's minimum valid version: a full fallback. */
const CT_EXPIRED: RunState = { ...STATE, changeTracking: { saved: '10', current: '250', minValid: '50' } };

interface Case {
  readonly label: string;
  readonly entity: string;
  readonly state: RunState;
}

/** Every fixture entity with the run states that change its SQL. */
const CASES: readonly Case[] = [
  { label: `full: ${HOSTILE}`, entity: HOSTILE, state: STATE },
  { label: 'incremental: customer', entity: 'customer', state: STATE },
  { label: 'incremental, first run: customer', entity: 'customer', state: FIRST_RUN },
  { label: 'dateRange (date): shipment', entity: 'shipment', state: STATE },
  { label: 'dateRange (datetime): event', entity: 'event', state: STATE },
  { label: 'changeTracking: account', entity: 'account', state: STATE },
  { label: 'changeTracking, expired version: account', entity: 'account', state: CT_EXPIRED },
  { label: 'multiWildCardFile: payroll', entity: 'payroll', state: STATE },
];

const input = (entity: string, name: DialectName) => sqlInput(planSubject(PROJECT, entity, name));

/** Statements as the plan's steps show them: each ends with `;`, blank line between. */
const render = (statements: readonly Statement[], name: DialectName): string =>
  statements.map((statement) => `${preview(statement, dialect(name))};`).join('\n\n');

const header = (label: string): string => `-- ===== ${label} =====`;

/** One golden file: a header line per section, then its text. */
function goldenText(sections: readonly (readonly [string, string])[]): string {
  return sections.map(([label, text]) => `${header(label)}\n${text}\n`).join('\n');
}

/** The sections of a golden file's text, as written by goldenText. */
function parseGolden(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = text.split(/^-- ===== (.+) =====\n/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i]!, parts[i + 1]!.replace(/\n\n?$/, ''));
  return sections;
}

/**
 * One section of a golden file (`extract.postgres.sql`), from the text the snapshot test compares
 * with that file: equal to the checked-in file whenever the golden tests pass, and available on the
 * first `-u` run too, before the files are written.
 */
function section(file: string, label: string): string {
  const [statement, name] = file.split('.') as [string, DialectName];
  const build = BUILDERS[statement];
  if (!build || !DIALECTS.includes(name)) throw new Error(`no golden file ${file}`);
  const text = parseGolden(goldenText(build(name))).get(label);
  if (text === undefined) throw new Error(`golden ${file} has no section "${label}"`);
  return text;
}

/** The landed-file location the preview's stage step uses. */
function landedGlob(entity: EntitySqlInput): string {
  const local = entity.extract.lander.connection === 'landing' ? `${LAKE_PATH}/` : '';
  return `${local}${latestFolder(entity.extract)}/*${landedExtension(entity.extract)}`;
}

/** The landed files as the preview's stage step names them (one glob), or one named file. */
function landedFiles(entity: EntitySqlInput, file = landedGlob(entity)): LandedFiles {
  const extract = entity.extract;
  return {
    files: [file],
    folder: lakeFolder(planSubject(PROJECT, entity.entity.name)),
    format: { kind: extract.format.kind, csv: csvLayout(extract), compression: landedCompression(extract) },
  };
}

/** The statements of a stage item (the dialects with golden stage files have only statements). */
function statementOf(item: StageStatement): Statement {
  if (item.kind !== 'run' && item.kind !== 'stream') throw new Error(`a ${item.kind} stage item has no statement`);
  return item.statement;
}

/** What the dialect's stage hook adds to the empty staging table: its own load statements. */
function loadStatements(entity: EntitySqlInput, mode: ExtractMode, file?: string): Statement[] {
  const target = { ...stageTarget(entity, mode), createEmpty: [] };
  return dialect(entity.warehouseDialect).stage(target, landedFiles(entity, file)).map(statementOf);
}

/** Hostile rows for the batched INSERT: quotes, backslashes, control characters, unicode, extremes. */
const HOSTILE_ROWS: readonly (readonly SqlValue[])[] = [
  [
    { type: 'integer', value: 9007199254740993n },
    { type: 'integer', value: -1n },
    { type: 'text', value: "O'Brien's \"best\"" },
    // A backslash before a newline, a tab, unicode. (No carriage return: it would not survive git.)
    { type: 'text', value: "'; DROP TABLE x; --\\\n\ttab\nnext é 😀" },
    { type: 'decimal', value: '-1234567890123456.78' },
    { type: 'boolean', value: true },
    { type: 'text', value: 'C:\\lake\\' },
    { type: 'integer', value: 42n },
  ],
  [
    { type: 'integer', value: 1n },
    { type: 'integer', value: 2n },
    { type: 'null' },
    { type: 'text', value: '' },
    { type: 'decimal', value: '0.10' },
    { type: 'boolean', value: false },
    { type: 'null' },
    { type: 'null' },
  ],
];

const EVENT_ROW: readonly SqlValue[] = [
  { type: 'text', value: '2f1d6a4e-8c3b-4d2a-9e1f-0a1b2c3d4e5f' },
  { type: 'datetime', value: '2026-06-30 23:59:59.999999' },
  { type: 'datetime', value: '2026-06-30 21:59:59.5' },
  { type: 'text', value: '08:30:00' },
  { type: 'double', value: -1.5e-7 },
  { type: 'double', value: 0.1 },
  { type: 'integer', value: -32768n },
  { type: 'null' },
];

// ---- golden files -----------------------------------------------------------------------------

/** The sections of one statement's golden file for one dialect (empty: the statement is not used there). */
type Builder = (name: DialectName) => (readonly [string, string])[];

/** Cases whose SQL runs on a warehouse of this dialect (all of them). */
const warehouseCases = (name: DialectName) => CASES.map((c) => ({ ...c, input: input(c.entity, name) }));

/**
 * An Incremental extract on the event's `datetimeoffset` column, its watermark saved at +02:00: the
 * comparison must keep the instant (the saved text in UTC, at an explicit +00:00), not a bare
 * datetime the source would read in its own time zone.
 */
function offsetWatermarkCase(name: DialectName): (readonly [string, string])[] {
  const event = input('event', name);
  if (event.sourceDialect !== name) return [];
  const incremental = { ...event, extract: { ...event.extract, pattern: { kind: 'incremental' as const, comparison: '>' as const, changeColumns: [{ column: 'recorded_at' }] } } };
  const state: RunState = { ...STATE, watermarks: { recorded_at: '2026-06-30 01:30:00.1234567 +02:00' } };
  return [['incremental (datetimeoffset): event', render([extractStatement(incremental, state).statement], name)]];
}

const BUILDERS: Record<string, Builder> = {
  readState: (name) =>
    warehouseCases(name)
      .filter((c) => c.state === STATE && c.input.sourceDialect !== undefined)
      .map((c) => [c.entity, render([readStateStatement(c.input)], name)]),
  // The extract runs on the source: CT always reads SQL Server, files sources have no query.
  extract: (name) => [
    ...warehouseCases(name)
      .filter((c) => c.input.sourceDialect === name)
      .map((c): readonly [string, string] => [c.label, render([extractStatement(c.input, c.state).statement], name)]),
    ...offsetWatermarkCase(name),
  ],
  changeTrackingVersions: (name) =>
    // Change Tracking is SQL Server's: its versions are read in T-SQL whatever the warehouse.
    name === input('account', name).sourceDialect ? [['account', render([changeTrackingVersionsStatement(input('account', name))], name)]] : [],
  setup: (name) => warehouseCases(name).filter((c) => c.state === STATE).map((c) => [c.entity, render(setupStatements(c.input), name)]),
  createStaging: (name) =>
    warehouseCases(name).map((c) => [c.label, render(createStagingStatements(c.input, extractMode(c.input, c.state)), name)]),
  stageInsert: (name) => {
    const hostile = input(HOSTILE, name);
    const event = input('event', name);
    const account = input('account', name);
    const nulls = (count: number) => Array.from({ length: count }, (): SqlValue => ({ type: 'null' }));
    return [
      [`${HOSTILE} (hostile values)`, render([stageInsertStatement(hostile, 'full', HOSTILE_ROWS)], name)],
      ['event (typed values)', render([stageInsertStatement(event, 'dateRange', [EVENT_ROW])], name)],
      ['account (changes, with the operation flag)', render([stageInsertStatement(account, 'changes', [[{ type: 'integer', value: 7n }, { type: 'text', value: 'Zoë' }, { type: 'decimal', value: '1.50' }, { type: 'date', value: '2026-02-28' }, { type: 'text', value: 'U' }]])], name)],
      ...warehouseCases(name)
        .filter((c) => c.state === STATE || c.label === 'changeTracking, expired version: account')
        .map((c): [string, string] => {
          const mode = extractMode(c.input, c.state);
          const count = c.input.entity.columns.length + (mode === 'changes' ? 1 : 0);
          return [`${c.label} (compiled, one row)`, `${compile(stageInsertStatement(c.input, mode, [nulls(count)]), dialect(name)).sql};`];
        }),
    ];
  },
  // The stage hook's own statements (what it adds to createStaging), one golden file per warehouse that has them.
  duckdbStageFromFiles: (name) => (name !== 'duckdb' ? [] : warehouseCases(name).map((c) => [c.label, render(loadStatements(c.input, extractMode(c.input, c.state)), name)])),
  postgresCopy: (name) => (name !== 'postgres' ? [] : warehouseCases(name).map((c) => [c.label, render(loadStatements(c.input, extractMode(c.input, c.state)), name)])),
  mariadbLoadData: (name) =>
    name !== 'mariadb' ? [] : [
      ...warehouseCases(name).map((c): [string, string] => [c.label, render(loadStatements(c.input, extractMode(c.input, c.state)), name)]),
      ['customer, from a Windows folder', render(loadStatements(input('customer', name), 'incremental', 'C:\\lake\\customer\\Latest\\part-0001.csv'), name)],
    ],
  // The SQL Server lander's bulk load of each file (its land step creates the staging table first: createStaging).
  bulkCopyLand: (name) =>
    name !== 'tsql' ? [] : warehouseCases(name).map((c) => {
      const mode = extractMode(c.input, c.state);
      return [c.label, render([bulkCopyStatement(c.input, bulkCopyTarget(c.input, mode, csvLayout(c.input.extract)))], name)];
    }),
  synapseStage: (name) => (name !== 'synapse' ? [] : warehouseCases(name).map((c) => [c.label, render(loadStatements(c.input, extractMode(c.input, c.state)), name)])),
  delta: (name) =>
    warehouseCases(name).map((c) => {
      const mode = extractMode(c.input, c.state);
      // The probe first: its answer picks the comparison, or none on a first load.
      const statements = needsChangeSet(mode) ? [currentVersionsProbe(c.input), ...deltaStatements(c.input, c.state, mode)] : [];
      return [c.label, statements.length ? render(statements, name) : `-- the ${mode} extract delivers a change set: no comparison with persistent staging`];
    }),
  // The drift step reads a table source's catalog, in the source's dialect.
  sourceColumns: (name) =>
    warehouseCases(name)
      .filter((c) => c.state === STATE && c.input.sourceDialect === name && sourceColumnsStatement(c.input) !== undefined)
      .map((c) => [c.entity, render([sourceColumnsStatement(c.input)!], name)]),
  // The estimate step's row count of a table read whole, in the source's dialect; a window has none.
  rowEstimate: (name) => {
    const full = warehouseCases(name).filter((c) => c.state === STATE && c.input.sourceDialect === name)
      .flatMap((c) => {
        const statement = rowEstimateStatement(c.input, extractMode(c.input, c.state));
        return statement ? [[c.label, render([statement], name)] as [string, string]] : [];
      });
    const unqualified = dialect(name).rowEstimate?.(undefined, 'shipments');
    return unqualified ? [...full, ['a table in the connection\'s default schema: shipments', render([unqualified], name)]] : full;
  },
  model: (name) => [[HOSTILE, render(modelReadStatements(input(HOSTILE, name)), name)]],
  // Every kind of change at once: "product" declared renamed from "item", "load_batch" new (its
  // default fills the existing versions), "amount" widened, "legacy" no longer in the entity.
  migrate: (name) => {
    const base = input(HOSTILE, name);
    const columns = base.entity.columns.map((c) => (c.name === 'product' ? { ...c, renamedFrom: 'item' } : c.name === 'load_batch' ? { ...c, default: '0' } : c));
    const evolved = { ...base, entity: { ...base.entity, columns } };
    const existing = base.entity.columns.filter((c) => c.name !== 'load_batch').map((c) => ({ name: c.name === 'product' ? 'item' : c.name, nullable: c.nullable, sqlType: 'unused' }));
    const model = {
      columns: [...existing, { name: 'legacy', nullable: false, sqlType: 'INTEGER' }, { name: 'lf_row_hash', nullable: false, sqlType: 'CHAR(64)' }],
      recorded: [...base.entity.columns.map((c) => ({ name: c.name === 'product' ? 'item' : c.name, type: c.name === 'amount' ? 'decimal(12,2)' : c.type })), { name: 'legacy', type: 'int' }],
    };
    const planned = migration(evolved, model);
    return [[HOSTILE, [render(planned.statements, name), ...planned.problems.map((p) => `-- cannot: ${p}`)].join('\n')]];
  },
  persist: (name) =>
    warehouseCases(name).flatMap((c) => {
      const mode = extractMode(c.input, c.state);
      const compared: [string, string] = [c.label, render(persistStatements(c.input, c.state, mode), name)];
      // With no current version the probe skips the change set: persist inserts the staged rows.
      return needsChangeSet(mode) ? [compared, [`${c.label}, no current version`, render(persistStatements(c.input, c.state, mode, true), name)] as [string, string]] : [compared];
    }),
};

/** How the hostile entity's tables are written in each dialect: schema kept apart, every quote doubled. */
const HOSTILE_TABLES: Record<DialectName, { temp: string; psg: string }> = {
  tsql: { temp: `[temp].[Order "Line's]`, psg: `[psg].[Order "Line's]` },
  synapse: { temp: `[temp].[Order "Line's]`, psg: `[psg].[Order "Line's]` },
  postgres: { temp: `"temp"."Order ""Line's"`, psg: `"psg"."Order ""Line's"` },
  duckdb: { temp: `"stage"."Order ""Line's"`, psg: `"psg"."Order ""Line's"` },
  mariadb: { temp: '`temp__Order "Line\'s`', psg: '`psg__Order "Line\'s`' },
  sqlite: { temp: `"temp__Order ""Line's"`, psg: `"psg__Order ""Line's"` },
};

const WEIRD_QUOTED: Record<DialectName, string> = {
  tsql: '[weird "col" [x]] `y`]',
  synapse: '[weird "col" [x]] `y`]',
  postgres: '"weird ""col"" [x] `y`"',
  duckdb: '"weird ""col"" [x] `y`"',
  mariadb: '`weird "col" [x] ``y```',
  sqlite: '"weird ""col"" [x] `y`"',
};

describe.each(DIALECTS)('golden SQL for %s', (name) => {
  for (const [statement, build] of Object.entries(BUILDERS)) {
    const sections = build(name);
    if (!sections.length) continue;
    it(`${statement}`, () => {
      const labels = sections.map(([label]) => label);
      expect(new Set(labels).size, 'section labels are unique').toBe(labels.length);
      expectGoldenFile(goldenText(sections), new URL(`./__golden__/${statement}.${name}.sql`, import.meta.url));
    });
  }

  it('quotes the hostile entity and column names the same way in every statement', () => {
    const hostile = input(HOSTILE, name);
    const text = [
      render(setupStatements(hostile), name),
      render(createStagingStatements(hostile, 'full'), name),
      render(deltaStatements(hostile, STATE, 'full'), name),
      render(persistStatements(hostile, STATE, 'full'), name),
    ].join('\n');
    expect(text).toContain(HOSTILE_TABLES[name].temp);
    expect(text).toContain(HOSTILE_TABLES[name].psg);
    expect(text).toContain(WEIRD_QUOTED[name]);
    // Nowhere is the name left unquoted or half-quoted: remove every well-formed use, nothing remains.
    const w = dialect(name);
    const tables = [w.table('temp', `${HOSTILE}_delta`), w.table('temp', HOSTILE), w.table('psg', HOSTILE)];
    const allowed = [
      ...tables.map((table) => w.literal({ type: 'text', value: table })),
      ...tables,
      w.quote(HOSTILE),
      w.literal({ type: 'text', value: HOSTILE }),
      // Key index names carry the entity's name (quoted like any identifier).
      w.quote(`${HOSTILE}__lf_key`),
      w.quote(`psg__${HOSTILE}__lf_key`),
      w.quote(`temp__${HOSTILE}__lf_key`),
    ];
    const rest = allowed.reduce((remaining, form) => remaining.replaceAll(form, '<name>'), text);
    expect(rest).not.toContain('Line');
  });

  it('builds the change set with FULL OUTER JOIN, or LEFT JOIN and UNION ALL where there is none', () => {
    const delta = render(deltaStatements(input(HOSTILE, name), STATE, 'full'), name);
    if (!dialect(name).fullOuterJoin) {
      expect(delta).not.toContain('FULL OUTER JOIN');
      expect(delta).toContain('LEFT OUTER JOIN');
      expect(delta).toContain('\nUNION ALL\n');
      expect(delta).toContain('WHERE NOT EXISTS');
    } else {
      expect(delta).toContain('FULL OUTER JOIN');
      expect(delta).not.toContain('UNION ALL');
    }
    // Without tracked deletes there is no delete half.
    const noDeletes = render(deltaStatements(input('customer', name), STATE, 'full'), name);
    expect(noDeletes).not.toContain('UNION ALL');
    if (!dialect(name).fullOuterJoin) expect(noDeletes).not.toContain("'D' AS");
    else expect(noDeletes).toMatch(/WHERE s\.\S+ IS NOT NULL AND \(/);
  });

  it('keeps the logical schemas apart in the way of the dialect', () => {
    const text = render(setupStatements(input('shipment', name)), name) + render(createStagingStatements(input('shipment', name), 'full'), name);
    const tsql = { has: [`IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]')`, `IF OBJECT_ID(N'[psg].[shipment]', N'U') IS NULL\nCREATE TABLE [psg].[shipment] (`], hasNot: [] };
    const EXPECTED: Record<DialectName, { has: string[]; hasNot: (string | RegExp)[] }> = {
      tsql,
      synapse: tsql,
      postgres: { has: ['CREATE SCHEMA IF NOT EXISTS "temp"', 'CREATE UNLOGGED TABLE "temp"."shipment"'], hasNot: [] },
      duckdb: { has: ['CREATE SCHEMA IF NOT EXISTS "stage"', 'CREATE TABLE "stage"."shipment"'], hasNot: [/"temp"\./] },
      mariadb: { has: ['CREATE TABLE IF NOT EXISTS `psg__shipment`', 'CREATE TABLE `temp__shipment`'], hasNot: ['CREATE SCHEMA'] },
      sqlite: { has: ['CREATE TABLE IF NOT EXISTS "psg__shipment"', 'CREATE TABLE "temp__shipment"'], hasNot: ['CREATE SCHEMA'] },
    };
    for (const part of EXPECTED[name].has) expect(text).toContain(part);
    for (const part of EXPECTED[name].hasNot) expect(text).not.toMatch(part);
  });
});

describe('the golden folder', () => {
  it('holds no file that no test writes', () => {
    const folder = new URL('./__golden__/', import.meta.url);
    const written = new Set(DIALECTS.flatMap((name) => Object.entries(BUILDERS).filter(([, build]) => build(name).length).map(([statement]) => `${statement}.${name}.sql`)));
    expect(written.size).toBe(71);
    // Written by copy-out.test.ts: the COPY TO STDOUT preview of a PostgreSQL source, plain and with value checks.
    written.add('copyOut.postgres.sql');
    written.add('copyOut.checks.postgres.sql');
    // Written by safeguards-golden.test.ts: soft deletes, key sweep, data checks and current table in the plan.
    for (const name of DIALECTS) written.add(`safeguards.${name}.sql`);
    written.add('safeguards.bulk.tsql.sql');
    // Written by shared/model/lake-layout.test.ts: the stage of a partitioned set.
    written.add('stage.partitioned.duckdb.sql');
    written.add('stage.partitioned.synapse.sql');
    const present = existsSync(folder) ? readdirSync(folder) : [];
    expect(present.filter((file) => !written.has(file))).toEqual([]);
  });

  it('parses every golden text back into its sections', () => {
    for (const name of DIALECTS) {
      for (const build of Object.values(BUILDERS)) {
        const sections = build(name);
        expect([...parseGolden(goldenText(sections)).entries()]).toEqual(sections);
      }
    }
  });
});

// ---- the run plan is the goldens, put together -------------------------------------------------

describe('the run plan', () => {
  /** The plan of a fixture entity in a dialect, with the fixture's state and the landed glob as its one file. */
  function plan(entity: string, name: DialectName, state: RunState) {
    const subject = planSubject(PROJECT, entity, name);
    return planEntity(subject, {
      batchDate: state.batchDate,
      runId: state.runId,
      batchId: String(state.batchId),
      startedAt: state.batchTime,
      watermarks: Object.fromEntries(Object.entries(state.watermarks).filter((e): e is [string, string] => e[1] !== undefined)),
      ...(state.changeTracking ? { changeTracking: state.changeTracking } : {}),
      files: [landedGlob(sqlInput(subject))],
    });
  }
  const text = (p: EntityPlan, name: PlanStepName): string => {
    const found = planStep(p, name);
    return found ? found.statements.map((item) => `${preview(item.statement, dialect(found.dialect!))};`).join('\n\n') : '';
  };
  /** The stage statements per warehouse dialect (PostgreSQL's COPY is fed the one file). */
  const EXPECTED_STAGE: Record<DialectName, (label: string) => string> = {
    duckdb: (label) => section('duckdbStageFromFiles.duckdb.sql', label),
    synapse: (label) => section('synapseStage.synapse.sql', label),
    postgres: (label) => `${section('createStaging.postgres.sql', label)}\n\n${section('postgresCopy.postgres.sql', label)}`,
    mariadb: (label) => `${section('createStaging.mariadb.sql', label)}\n\n${section('mariadbLoadData.mariadb.sql', label)}`,
    sqlite: (label) => section('createStaging.sqlite.sql', label),
    // In another dialect's preview the SQL Server lander is assumed: its land step fills staging.
    tsql: () => '',
  };

  /**
   * Where the load's transaction opens: at setup where the warehouse's DDL is transactional (a
   * failed load on a fresh warehouse leaves no schema or table), else at persist (MariaDB commits
   * every CREATE; SQL Server's lander bulk copies on its own connection; Synapse runs no CTAS in a
   * transaction).
   */
  const LOAD_TRANSACTION_OPENS_AT: Record<DialectName, 'setup' | 'persist'> = {
    postgres: 'setup', duckdb: 'setup', sqlite: 'setup', mariadb: 'persist', tsql: 'persist', synapse: 'persist',
  };

  const consistencyCases = CASES.filter((c) => c.state === STATE && c.entity !== 'payroll' && c.entity !== 'account');

  describe.each(DIALECTS)('in %s', (name) => {
    it.each(consistencyCases.map((c) => [c.label, c] as const))('holds exactly the golden statements for %s', (_label, c) => {
      const p = plan(c.entity, name, c.state);
      const drift = p.steps.some((s) => s.name === 'drift') ? ['drift'] : [];
      expect(drift.length > 0).toBe(PROJECT.extracts.find((x) => x.entity === c.entity)!.source.kind !== 'files');
      // A Full extract runs the default data check (at most half of the current rows deleted): see safeguards.test.ts.
      const checks = c.state === STATE && c.label.startsWith('full:') ? ['checks'] : [];
      // A table read whole has its row count estimated where the dialect reads one cheaply.
      const estimated = c.label.startsWith('full:') && dialect(name).rowEstimate !== undefined;
      const estimate = estimated ? ['estimate'] : [];
      expect(p.steps.map((s) => s.name)).toEqual(['readState', 'model', ...drift, ...estimate, 'extract', 'land', 'publish', 'setup', 'migrate', 'stage', 'check', 'changeSet', ...checks, 'persist', 'counts']);
      if (estimated) expect(text(p, 'estimate')).toBe(section(`rowEstimate.${name}.sql`, c.label));
      // A preview does not know persistent staging's columns: it reads them, and shows no DDL.
      expect(text(p, 'model')).toBe(render(modelReadStatements(sqlInput(planSubject(PROJECT, c.entity, name))), name));
      expect(text(p, 'migrate')).toBe('');
      expect(planStep(p, 'extract')!.dialect).toBe(name);
      const begin = `${dialect(name).beginTransaction};\n\n`;
      const atSetup = LOAD_TRANSACTION_OPENS_AT[name] === 'setup';
      // A preview does not know the control table exists: a first load's lock follows BEGIN where the dialect has one.
      const lock = dialect(name).firstSetupLock ? `${dialect(name).firstSetupLock};\n\n` : '';
      expect(text(p, 'setup')).toBe(`${atSetup ? begin + lock : ''}${section(`setup.${name}.sql`, c.entity)}`);
      // A preview does not know whether the control table exists: it shows the check, then the read,
      // then (where setup runs in the load's transaction) the count of the shared zdm tables.
      const shared = dialect(name).transactionalDdl ? `\n\n${render([sharedTablesStatement(sqlInput(planSubject(PROJECT, c.entity, name)))], name)}` : '';
      expect(text(p, 'readState')).toBe(`${preview(dialect(name).tableExists('zdm', 'control_parameters'), dialect(name))};\n\n${section(`readState.${name}.sql`, c.entity)}${shared}`);
      expect(text(p, 'extract')).toBe(section(`extract.${name}.sql`, c.label));
      expect(text(p, 'stage')).toBe(EXPECTED_STAGE[name](c.label));
      // The golden file says so where a mode needs no comparison; the plan has no statements then.
      const delta = section(`delta.${name}.sql`, c.label);
      expect(text(p, 'changeSet')).toBe(delta.startsWith('-- ') ? '' : delta);
      const persist = section(`persist.${name}.sql`, c.label);
      expect(persist.startsWith(begin)).toBe(true);
      expect(text(p, 'persist')).toBe(atSetup ? persist.slice(begin.length) : persist);
    });
  });

  it('lands by bulk copy into a SQL Server warehouse that is its own lander, and refuses one that lands in a lake', () => {
    const intoItself = { ...PROJECT, entities: PROJECT.entities.map((e) => ({ ...e, warehouse: 'crm' })), extracts: PROJECT.extracts.map((x) => ({ ...x, lander: { ...x.lander, connection: 'crm' } })) };
    for (const c of consistencyCases) {
      const subject = planSubject(intoItself, c.entity);
      const p = planEntity(subject, { batchDate: c.state.batchDate, runId: c.state.runId, batchId: String(c.state.batchId), startedAt: c.state.batchTime, watermarks: {}, files: [] });
      expect(planStep(p, 'land')).toMatchObject({ target: 'warehouse', dialect: 'tsql' });
      expect(planStep(p, 'land')!.statements.filter((item) => item.bulkCopy)).toHaveLength(1);
      const label = c.label === 'incremental: customer' ? 'incremental, first run: customer' : c.label;
      expect(text(p, 'land')).toBe(`${section('createStaging.tsql.sql', label)}\n\n${section('bulkCopyLand.tsql.sql', label)}`);
      expect(text(p, 'stage')).toBe('');
      expect(planStep(p, 'stage')!.refused).toBeUndefined();
    }
    const inLake = { ...intoItself, extracts: PROJECT.extracts.map((x) => ({ ...x, lander: { ...x.lander, connection: 'lake' } })) };
    const refused = planStep(planEntity(planSubject(inLake, 'customer'), { batchDate: STATE.batchDate, runId: 'r', batchId: '1', startedAt: STATE.batchTime, watermarks: {}, files: [] }), 'stage')!.refused;
    expect(refused).toBe('entity "customer": a sqlserver warehouse stages by the bulk copy of its own lander; files landed in "lake" are not read by it: set the extract\'s lander to the warehouse connection "crm"');
  });

  it('captures the Change Tracking versions and extracts in tsql whatever the warehouse', () => {
    const p = plan('account', 'postgres', STATE);
    expect(planStep(p, 'changeTracking')).toMatchObject({ target: 'source', dialect: 'tsql' });
    expect(text(p, 'changeTracking')).toBe(section('changeTrackingVersions.tsql.sql', 'account'));
    expect(planStep(p, 'extract')!.dialect).toBe('tsql');
    expect(text(p, 'extract')).toBe(section('extract.tsql.sql', 'changeTracking: account'));
    const expired = plan('account', 'postgres', CT_EXPIRED);
    expect(planStep(expired, 'extract')!.notes).toContain('no valid change tracking version saved: a full extract, compared with persistent staging');
    expect(text(expired, 'extract')).toBe(section('extract.tsql.sql', 'changeTracking, expired version: account'));
  });

  it('says that a files source runs no query, and that a change set needs no comparison', () => {
    const files = plan('payroll', 'duckdb', STATE);
    expect(planStep(files, 'extract')).toMatchObject({ target: 'lake', statements: [] });
    expect(planStep(files, 'extract')!.notes.join()).toContain('reads the files matching payroll_*.csv');
    expect(planStep(files, 'changeSet')!.notes).toEqual(['the files extract delivers a change set: no comparison with persistent staging']);
    expect(planStep(files, 'check')!.statements).toHaveLength(1);
    expect(planStep(plan('account', 'duckdb', STATE), 'changeSet')!.notes).toEqual(['the changes extract delivers a change set: no comparison with persistent staging']);
  });

  it.each(DIALECTS)('reads every row on the first incremental run (%s), and says so', (name) => {
    const p = plan('customer', name, FIRST_RUN);
    expect(planStep(p, 'extract')!.notes).toContain('no saved watermark yet: this first run extracts every row');
    const query = text(p, 'extract');
    // Only the CTE body has a WHERE; the main query has none.
    expect(query.slice(query.lastIndexOf(') AS src'))).not.toMatch(/\bWHERE\b/);
    expect(query).not.toContain('>=');
    expect(query).toBe(section(`extract.${name}.sql`, 'incremental, first run: customer'));
    // A first run is a full extract, compared with persistent staging.
    expect(text(p, 'changeSet')).toBe(section(`delta.${name}.sql`, 'incremental, first run: customer'));
    expect(text(p, 'changeSet')).toContain(dialect(name).fullOuterJoin ? 'FULL OUTER JOIN' : 'LEFT OUTER JOIN');
  });

  it('filters a later incremental run on both change columns, minus their lookbacks', () => {
    const query = text(plan('customer', 'postgres', STATE), 'extract');
    expect(query).toContain(`WHERE ((COALESCE(changed_at, updated_at)) >= TIMESTAMP '2026-06-29 21:30:00.123456'\n    OR ("row_version") >= 9007199254740983)`);
  });
});
