/**
 * The metadata model: one zod schema per object, with the types derived from them.
 * Structural rules live here; rules that look across objects (references, pattern and
 * connection compatibility) live in validate.ts.
 */
import { cronProblem } from '../schedule/cron-expression.ts';
import { z } from 'zod';
import { parseColumnType } from './column-type.ts';
import { CONNECTION_DESCRIPTORS, CONNECTION_KINDS } from './connection-kinds.ts';
import { currentTableSchema } from './current-table.ts';
import { dataCheckSchema } from './data-checks.ts';
import { keySweepSchema, softDeleteSchema } from './delete-detection.ts';
import { makeFactSchema } from '../fact/fact-schema.ts';

export {
  CONNECTION_KINDS,
  FILE_SOURCE_KINDS,
  LANDER_KINDS,
  SQL_SOURCE_KINDS,
  WAREHOUSE_KINDS,
  type ConnectionKind,
} from './connection-kinds.ts';

/** What an entity does when its source's columns changed (see `schemaDrift`). */
export const SCHEMA_DRIFT_POLICIES = ['warn', 'fail', 'evolve', 'ignore'] as const;
export type SchemaDriftPolicy = (typeof SCHEMA_DRIFT_POLICIES)[number];

export const EXTRACT_PATTERNS = ['full', 'incremental', 'dateRange', 'changeTracking', 'multiWildCardFile'] as const;
export type ExtractPatternKind = (typeof EXTRACT_PATTERNS)[number];

export const COMPRESSIONS = ['none', 'gzip', 'zstd'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export const DEFAULT_FILE_SIZE_MB = 128;
/** Which Parquet columns are dictionary encoded. */
export const PARQUET_DICTIONARY = ['strings', 'all', 'none'] as const;
export type ParquetDictionary = (typeof PARQUET_DICTIONARY)[number];
/** How a Parquet file's pages are compressed (the codecs parquet-wasm writes that readers share). */
export const PARQUET_COMPRESSIONS = ['zstd', 'snappy', 'gzip', 'none'] as const;
export type ParquetCompression = (typeof PARQUET_COMPRESSIONS)[number];
/** Most rows in a Parquet row group unless the extract says otherwise. */
export const DEFAULT_ROW_GROUP_ROWS = 1_000_000;
/** The smallest file size: a file smaller than this is mostly headers and per-file overhead. */
export const MIN_FILE_SIZE_MB = 0.0625;
/** The largest file size an extract may set. */
export const MAX_FILE_SIZE_MB = 4096;
export const DEFAULT_PARALLEL_ENTITIES = 4;
/**
 * The most connections one extract reads with at once: each is a server backend and a share of its
 * CPU, and past a few the ranges' fixed costs (a connection, a snapshot import, a scan start) buy
 * nothing on the cores a source usually has.
 */
export const MAX_PARALLEL_READS = 16;

/** Parameters every run provides; mappings may use them as `@name`. */
export const BUILTIN_PARAMETERS = ['batch_date', 'batch_id', 'run_id', 'entity_name', 'file_name'] as const;

/** An environment variable name, or the id of a secret kept by the app (a UUID, so it may start with a digit). */
const SECRET_REF = /^\$\{(?:env:([A-Za-z_][A-Za-z0-9_.-]*)|secret:([A-Za-z0-9_][A-Za-z0-9_.-]*))\}$/;
/** Parses `${env:NAME}` / `${secret:ID}`; anything else is not a secret reference. */
export function parseSecretRef(text: string): { source: 'env' | 'secret'; name: string } | undefined {
  const match = SECRET_REF.exec(text);
  if (!match) return undefined;
  return match[1] !== undefined ? { source: 'env', name: match[1] } : { source: 'secret', name: match[2]! };
}

const secretRef = z.string().refine((value) => parseSecretRef(value) !== undefined, {
  message:
    'must be a secret reference such as "${env:WAREHOUSE_PASSWORD}" (or a "${secret:…}" kept by the app); secrets are never stored in clear text',
});

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** A name users type: trimmed, non-empty, no control characters. Quoting makes anything else safe. */
export const objectName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .refine((value) => value.trim() === value, 'must not start or end with spaces')
  .refine((value) => !CONTROL_CHARS.test(value), 'must not contain control characters such as tabs or newlines');

const port = z.number().int().min(1).max(65535);
/**
 * A storage endpoint URL. The project file keeps it in clear text, so it may hold no secret: a SAS
 * token travels as a query string (`?sv=…&sig=…`) and a password as user info (`user:pw@`).
 */
const endpointUrl = z
  .url()
  .refine((url) => !/[?#]/.test(url), 'must not carry a query string or fragment: a SAS token (?sig=…) there is kept in clear text; give it as the SAS credential')
  .refine((url) => !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url), 'must not carry a user name or password: give the account key, SAS token or connection string as the credential');

const base = { name: objectName, description: z.string().optional() };

const sqlServerFields = {
  host: z.string().min(1, 'must name the server'),
  port: port.default(CONNECTION_DESCRIPTORS.sqlserver.defaultPort),
  database: z.string().min(1, 'must name the database'),
  authentication: z.enum(['sql', 'azure-default']).default('sql'),
  user: z.string().optional(),
  password: secretRef.optional(),
  encrypt: z.boolean().default(true),
  trustServerCertificate: z.boolean().default(false),
};

const adlsCredential = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accountKey'), key: secretRef }),
  z.strictObject({ kind: z.literal('sas'), token: secretRef }),
  z.strictObject({ kind: z.literal('connectionString'), value: secretRef }),
  z.strictObject({ kind: z.literal('azure-default') }),
], { error: 'credential kind must be one of: accountKey, sas, connectionString, azure-default' });

export const connectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('sqlserver'), ...sqlServerFields }),
  z.strictObject({ ...base, kind: z.literal('azuresql'), ...sqlServerFields }),
  z.strictObject({ ...base, kind: z.literal('synapse'), ...sqlServerFields }),
  z.strictObject({
    ...base,
    kind: z.literal('postgres'),
    host: z.string().min(1, 'must name the server'),
    port: port.default(CONNECTION_DESCRIPTORS.postgres.defaultPort),
    database: z.string().min(1, 'must name the database'),
    user: z.string().min(1, 'must name the user'),
    password: secretRef.optional(),
    ssl: z.boolean().default(false),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('mariadb'),
    host: z.string().min(1, 'must name the server'),
    port: port.default(CONNECTION_DESCRIPTORS.mariadb.defaultPort),
    database: z.string().min(1, 'must name the database'),
    user: z.string().min(1, 'must name the user'),
    password: secretRef.optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('sqlite'), path: z.string().min(1, 'must give the database file') }),
  z.strictObject({
    ...base,
    kind: z.literal('duckdb'),
    path: z.string().min(1, 'must give the database file'),
    /** As a source or catalog, whether its SQL may read other files or attach databases (off when absent). */
    externalAccess: z.boolean().optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('adls'),
    account: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name: 3–24 lowercase letters and digits'),
    fileSystem: z.string().min(3, 'must name the file system (container)'),
    directory: z.string().default(''),
    hierarchicalNamespace: z.boolean().default(true),
    endpoint: endpointUrl.optional(),
    credential: adlsCredential,
  }),
  z.strictObject({ ...base, kind: z.literal('localfs'), path: z.string().min(1, 'must give the folder') }),
], { error: `kind must be one of: ${CONNECTION_KINDS.join(', ')}` });

const columnType = z.string().superRefine((value, ctx) => {
  const parsed = parseColumnType(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

export const columnSchema = z.strictObject({
  name: objectName,
  type: columnType,
  nullable: z.boolean().default(true),
  description: z.string().optional(),
  /**
   * The column's value in the versions persistent staging held before the column was added to the
   * entity (the run that adds it fills them with it); absent: they hold NULL.
   */
  default: z.string().optional(),
  /** The column's earlier name: persistent staging renames that column instead of adding this one. */
  renamedFrom: objectName.optional(),
});

const distributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hash'), column: z.string() }),
  z.strictObject({ kind: z.literal('roundRobin') }),
  z.strictObject({ kind: z.literal('replicate') }),
], { error: 'distribution kind must be one of: hash, roundRobin, replicate' });

export const entitySchema = z.strictObject({
  ...base,
  columns: z.array(columnSchema).min(1, 'an entity needs at least one column'),
  businessKey: z.array(z.string()).min(1, 'name at least one column that identifies a row'),
  warehouse: z.string().min(1, 'must name the warehouse connection'),
  distribution: distributionSchema.optional(),
  persistentStaging: z
    .strictObject({
      /** Rows missing from a full extract are marked deleted in persistent staging. */
      trackDeletes: z.boolean().default(true),
    })
    .prefault({}),
  /**
   * What a business key that arrives more than once in one run means: `fail` (the default) stops
   * the entity before anything is committed; `keepLast` keeps the row with the highest `orderBy`
   * value (a tie on it still fails).
   */
  duplicateKeys: z
    .discriminatedUnion('policy', [
      z.strictObject({ policy: z.literal('fail') }),
      z.strictObject({ policy: z.literal('keepLast'), orderBy: z.string().min(1, 'name the column that orders duplicates') }),
    ], { error: 'duplicate key policy must be one of: fail, keepLast' })
    .default({ policy: 'fail' }),
  /**
   * What a change of the source's columns found before extracting means: `warn` (absent: the
   * default) reports a new source column in the run's output and result, `fail` stops the entity
   * on any difference, `ignore` says nothing of new columns, `evolve` adds them to the entity (and
   * widens columns whose source type widened) before the run. A column the extract reads that is
   * gone always stops the entity before anything lands.
   */
  schemaDrift: z.enum(SCHEMA_DRIFT_POLICIES, { error: `schemaDrift must be one of: ${SCHEMA_DRIFT_POLICIES.join(', ')}` }).optional(),
  /** A source condition marking rows deleted: they become delete versions (delete-detection.ts). */
  softDelete: softDeleteSchema.optional(),
  /** Incremental and Change Tracking: extract the source's keys on a schedule and delete the gone ones. */
  keySweep: keySweepSchema.optional(),
  /** Checks of the staged change set before the load commits (data-checks.ts). */
  checks: z.array(dataCheckSchema).optional(),
  /** Publish `cur.<entity>`, the current rows, with every load (current-table.ts). */
  currentTable: currentTableSchema.optional(),
});

const sourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('table'),
    connection: z.string().min(1, 'must name the source connection'),
    schema: z.string().optional(),
    table: z.string().min(1, 'must name the table or view'),
  }),
  z.strictObject({
    kind: z.literal('query'),
    connection: z.string().min(1, 'must name the source connection'),
    sql: z.string().refine((sql) => sql.trim().length > 0, 'must not be empty'),
  }),
  z.strictObject({
    kind: z.literal('files'),
    connection: z.string().min(1, 'must name the file connection'),
    folder: z.string().default(''),
    pattern: z.string().min(1, 'must give a wild card pattern such as "payroll_*.csv"'),
    archiveFolder: z.string().default('archive'),
    parallelFiles: z.number().int().min(1).max(64).default(4),
    format: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('csv'),
        delimiter: z.string().length(1, 'must be one character').default(','),
        qualifier: z.string().length(1, 'must be one character').default('"'),
        header: z.boolean().default(true),
        encoding: z.enum(['utf8', 'latin1', 'utf16le']).default('utf8'),
      }),
      z.strictObject({ kind: z.literal('parquet') }),
    ], { error: 'file format kind must be one of: csv, parquet' }),
  }),
], { error: 'source kind must be one of: table, query, files' });

export const LOOKBACK_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type LookbackUnit = (typeof LOOKBACK_UNITS)[number];

const changeColumnSchema = z.strictObject({
  /** A staging column; its mapping expression is what the extract filters on. */
  column: z.string().min(1, 'must name a staging column'),
  /** Re-read this much before the saved value, for rows that arrive late. */
  lookback: z.number().positive('must be more than 0').optional(),
  lookbackUnit: z.enum(LOOKBACK_UNITS).optional(),
});

const patternSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('full') }),
  z.strictObject({
    kind: z.literal('incremental'),
    changeColumns: z.array(changeColumnSchema).min(1, 'name at least one change identifier column'),
    comparison: z.enum(['>', '>=']).default('>'),
  }),
  z.strictObject({
    kind: z.literal('dateRange'),
    column: z.string().min(1, 'must name the date column'),
    days: z.number().int('must be a whole number of days').min(0).max(36500),
  }),
  z.strictObject({ kind: z.literal('changeTracking') }),
  z.strictObject({ kind: z.literal('multiWildCardFile') }),
], { error: `pattern kind must be one of: ${EXTRACT_PATTERNS.join(', ')}` });

/**
 * How an extract's Parquet files are written. The format object holds only what the modeller
 * changed (so documents written before these settings stay as they were); {@link parquetSettings}
 * fills in the rest from the defaults here.
 */
const parquetSettingsSchema = z.strictObject({
  /**
   * Which columns are dictionary encoded: `strings` (the default: text repeats, numbers rarely
   * gain), `all` or `none`. A column whose dictionary outgrows its page falls back to PLAIN.
   */
  dictionary: z.enum(PARQUET_DICTIONARY).default('strings'),
  /**
   * The pages' codec: `zstd` (the default: smallest), `snappy`, `gzip` or `none`. Synapse's
   * PolyBase reads Snappy and Gzip Parquet only. The extract's `compression` is for CSV files.
   */
  compression: z.enum(PARQUET_COMPRESSIONS).default('zstd'),
  /** Most rows in one row group. */
  rowGroupRows: z.number().int('must be a whole number of rows').min(1, 'must be at least 1 row').max(100_000_000, 'must be at most 100,000,000 rows').default(DEFAULT_ROW_GROUP_ROWS),
  /**
   * Raw (unencoded) MB at which a row group is cut, if before `rowGroupRows`; absent: 32 MB or an
   * eighth of the file size, whichever is less (which keeps files closest to their size).
   */
  rowGroupMb: z.number().min(0.0625, 'must be at least 0.0625 MB (64 KiB)').max(1024, 'must be at most 1024 MB').optional(),
});

export type ParquetSettings = z.output<typeof parquetSettingsSchema>;

/** An extract's Parquet settings with the defaults filled in (statistics are always written). */
export function parquetSettings(format: Extract['format']): ParquetSettings {
  const { kind: _kind, ...given } = format.kind === 'parquet' ? format : { kind: 'parquet' };
  return parquetSettingsSchema.parse(given);
}

/** The codec of an extract's landed files: its Parquet setting for Parquet, its `compression` for CSV. */
export function landedCompression(extract: Pick<Extract, 'format' | 'compression'>): Compression | ParquetCompression {
  return extract.format.kind === 'parquet' ? parquetSettings(extract.format).compression : extract.compression;
}

const formatSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('csv'),
    delimiter: z.string().length(1, 'must be one character').default(','),
    qualifier: z.string().length(1, 'must be one character').default('"'),
    header: z.boolean().default(true),
    /** How NULL is written; the empty string keeps NULL apart from "" by qualifying empty text. */
    nullMarker: z.string().default(''),
  }),
  z.strictObject({
    kind: z.literal('parquet'),
    ...parquetSettingsSchema.partial().shape,
    /**
     * Named so that a declared level is refused with the reason rather than as an unknown field:
     * parquet-wasm 0.8 (the Parquet encoder) takes a codec but no level, so a level could not be honoured.
     */
    zstdLevel: z.never({ error: 'cannot be set: the Parquet encoder (parquet-wasm 0.8) has no way to choose a ZSTD level and always writes its own fixed level; remove "zstdLevel"' }).optional(),
  }),
], { error: 'format kind must be one of: csv, parquet' });

export const PARTITION_GRANULARITIES = ['year', 'month', 'day'] as const;
export type PartitionGranularity = (typeof PARTITION_GRANULARITIES)[number];

/**
 * How an extract's files are split into folders under its set: by a date column (Hive style
 * `year=YYYY/month=MM/day=DD`, down to `granularity`), or by the value of a low-cardinality column
 * (`<column>=<value>`, the value escaped). Files in each folder are still cut at the file size.
 */
const partitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('date'),
    column: z.string().min(1, 'must name the date or datetime staging column'),
    granularity: z.enum(PARTITION_GRANULARITIES).default('day'),
  }),
  z.strictObject({
    kind: z.literal('value'),
    column: z.string().min(1, 'must name the staging column whose values name the folders'),
  }),
], { error: 'partition kind must be one of: date, value' });

/** The lake layout of an extract's files beyond `Latest/` and `Archive/`. */
const layoutSchema = z.strictObject({
  partition: partitionSchema.optional(),
  /**
   * Every committed run's files kept again under a path of their own (see
   * `historyTemplateProblems` in lake-layout.ts), for replay and other readers; the oldest runs
   * beyond `keepRuns`, or older than `keepDays`, are removed after each commit.
   */
  history: z.strictObject({
    path: z.string().min(1, 'must give a path such as "{entity}/History/{yyyy}/{mm}/{dd}/{run_id}/{partition}/{entity}_{first_row}"'),
    keepRuns: z.number().int('must be a whole number of runs').min(1, 'must keep at least 1 run').optional(),
    keepDays: z.number().positive('must be more than 0 days').optional(),
  }).optional(),
});

export const extractSchema = z.strictObject({
  /** The staging entity this extract fills. */
  entity: z.string().min(1, 'must name the staging entity'),
  description: z.string().optional(),
  source: sourceSchema,
  pattern: patternSchema,
  mappings: z
    .array(z.strictObject({ column: z.string(), expression: z.string().min(1, 'must not be empty') }))
    .default([]),
  format: formatSchema.prefault({ kind: 'csv' }),
  compression: z.enum(COMPRESSIONS).default('zstd'),
  fileSizeMb: z.number().min(MIN_FILE_SIZE_MB, `must be at least ${MIN_FILE_SIZE_MB} MB (64 KiB); fractions such as 0.25 are fine`).max(MAX_FILE_SIZE_MB, `must be at most ${MAX_FILE_SIZE_MB} MB`).default(DEFAULT_FILE_SIZE_MB),
  /**
   * Connections that read the source at once, each a range of `partitionColumn` (or, for a
   * PostgreSQL table without one, of its pages), all in one snapshot. 1 reads in one pass.
   */
  parallelReads: z.number().int('must be a whole number of connections').min(1, 'must be at least 1 (one connection reads everything)').max(MAX_PARALLEL_READS, `must be at most ${MAX_PARALLEL_READS} connections`).default(1),
  /**
   * The integer staging column whose ranges the readers split (`parallelReads` > 1); absent: the
   * business key when it is one integer column, else (a PostgreSQL table) page ranges.
   */
  partitionColumn: z.string().min(1, 'must name a staging column').optional(),
  /** Partitioned folders (and kept history); absent: every file flat in the set's folder. */
  layout: layoutSchema.optional(),
  lander: z.strictObject({
    connection: z.string().min(1, 'must name the lander connection'),
    folder: z.string().default(''),
    concurrency: z.number().int().min(1).max(32).default(4),
  }),
});

export const batchSchema = z.strictObject({
  parallelEntities: z.number().int().min(1).max(64).default(DEFAULT_PARALLEL_ENTITIES),
  /** When the batch runs, as a five-field cron expression: `landfall schedule airflow|cron` use it. */
  schedule: z.string().refine((text) => cronProblem(text) === undefined, { error: (issue) => cronProblem(String(issue.input)) ?? 'must be a cron expression' }).optional(),
});

/** A fact (seed 001): see shared/fact/fact-schema.ts. */
export const factSchema = makeFactSchema(objectName, columnSchema);

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const PROJECT_FORMAT = 'landfall-project';
export const PROJECT_VERSION = 1;

export const projectSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: objectName,
  description: z.string().optional(),
  batch: batchSchema.prefault({}),
  parameters: z
    .record(z.string().regex(PARAMETER_NAME, 'parameter names are letters, digits and _'), z.string())
    .default({}),
  connections: z.array(connectionSchema).default([]),
  entities: z.array(entitySchema).default([]),
  extracts: z.array(extractSchema).default([]),
  facts: z.array(factSchema).default([]),
});

/** The project-level settings: everything but the collections. */
export const settingsSchema = projectSchema.pick({ name: true, description: true, batch: true, parameters: true });

export type ProjectSettings = z.output<typeof settingsSchema>;
export type Connection = z.output<typeof connectionSchema>;
export type ConnectionInput = z.input<typeof connectionSchema>;
export type Column = z.output<typeof columnSchema>;
export type ColumnInput = z.input<typeof columnSchema>;
export type StagingEntity = z.output<typeof entitySchema>;
export type StagingEntityInput = z.input<typeof entitySchema>;
export type Extract = z.output<typeof extractSchema>;
export type ExtractInput = z.input<typeof extractSchema>;
export type ExtractSource = Extract['source'];
export type ExtractPattern = Extract['pattern'];
export type ChangeColumn = z.output<typeof changeColumnSchema>;
export type FileFormat = Extract['format'];
export type LakeLayout = NonNullable<Extract['layout']>;
export type Partition = NonNullable<LakeLayout['partition']>;
export type BatchSettings = z.output<typeof batchSchema>;
export type Fact = z.output<typeof factSchema>;
export type FactInput = z.input<typeof factSchema>;
export type Project = z.output<typeof projectSchema>;
export type ProjectInput = z.input<typeof projectSchema>;
