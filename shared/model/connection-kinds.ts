/**
 * One descriptor per connection kind: the one place that says what a kind can be (source,
 * warehouse, lander, file source), which of its fields are secrets or local paths, its defaults,
 * the SQL dialect it speaks, how its catalog is read and what its warehouse load asks of an
 * extract. The schema, validation, the app's handlers and job spec, the source catalog, the
 * engine and the designer read it; none of them compares kind names.
 *
 * A new kind that lacks a descriptor fails to compile (`satisfies Record<ConnectionKind, …>`).
 */
import type { DialectName } from '../sql/dialect.ts';

/** Connection kinds, in the order the designer lists them. */
export const CONNECTION_KINDS = [
  'sqlserver', 'azuresql', 'synapse', 'postgres', 'mariadb', 'sqlite', 'duckdb', 'adls', 'localfs',
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** How a source's catalog (tables, columns, keys, type names) is read: one query set per family. */
export const CATALOG_FAMILIES = ['sqlite', 'duckdb', 'postgres', 'mariadb', 'sqlserver'] as const;
export type CatalogFamily = (typeof CATALOG_FAMILIES)[number];

/** A field holding a secret reference (`${env:…}` / `${secret:…}`), present only when `when` holds. */
export interface SecretField {
  /** The model's dotted field path, e.g. `credential.key`. */
  readonly path: string;
  /** How messages name it: `password`, `account key`. */
  readonly label: string;
  readonly when?: { readonly path: string; readonly equals: string };
}

/** What a kind is as a source of tables, views and queries. */
export interface SourceTraits {
  readonly dialect: DialectName;
  readonly catalog: CatalogFamily;
  /** The schema a table named without one lives in; absent where the database is the schema. */
  readonly defaultSchema?: string;
  /** Whether it offers SQL Server Change Tracking (`CHANGETABLE`). */
  readonly changeTracking: boolean;
  /**
   * Whether an extract may read it over several connections at once (`parallelReads` > 1): only
   * where every reader can join one snapshot (`exportedSnapshot`), else why not, for the message.
   */
  readonly parallelReads: 'exportedSnapshot' | { readonly refused: string };
}

/** Why a source cannot be read in parallel ranges: each reader would see a moment of its own. */
const NO_SHARED_SNAPSHOT = (label: string): { refused: string } => ({
  refused: `${label} cannot give several connections one snapshot, so readers of ranges would each see a moment of their own and rows written meanwhile could be read twice or missed (a missed row would be marked deleted in persistent staging)`,
});

/** What a kind's warehouse load asks of the extracts that feed it. */
export interface WarehouseTraits {
  readonly dialect: DialectName;
  /** Lake kinds its load reads landed files from, in the order a new extract picks them. */
  readonly landers: readonly ConnectionKind[];
  /** Whether the warehouse connection itself may be the lander (bulk copy into `temp.<entity>`). */
  readonly landsInItself: boolean;
  /** Why a lander does not fit, for validation's message and the engine's (see lander-fit.ts). */
  readonly landerProblem: (warehouseKind: ConnectionKind, warehouseName: string, landerName: string) => string;
  /** The bulk load that reads only CSV files (`COPY`, `LOAD DATA`); absent when Parquet is fine. */
  readonly csvOnlyLoad?: string;
  /** The NULL marker its CSV load understands, and why; absent when any marker works. */
  readonly nullMarker?: { readonly marker: string; readonly why: string };
  /** Why its load cannot read zstd-compressed files; absent when it can. */
  readonly zstdRefused?: string;
  /** Why its load cannot read Parquet files whose pages are ZSTD-compressed; absent when it can. */
  readonly zstdParquetRefused?: string;
  /** Why its CSV load cannot read a line break inside a field (the row path refuses such a value); absent when it can. */
  readonly lineBreaksRefused?: string;
  /**
   * The fraction digits its datetime, datetimeoffset and time columns keep: a value with more
   * would be cut or rounded by the load, so the row path refuses it. Absent: microseconds (6).
   */
  readonly datetimeDigits?: number;
  /** Whether tables have a distribution (MPP). */
  readonly distributes: boolean;
  /** Whether a new entity picks it as its warehouse before the other kinds (an embedded file database does not). */
  readonly preferred: boolean;
  /**
   * How long an entity name may be here: the warehouse's identifier limit less what Landfall adds
   * to the longest name it makes from it (prefixes, `_delta`, `__lf_key`, `_external`); absent
   * where names are practically unlimited.
   */
  readonly entityName?: { readonly max: number; readonly unit: 'bytes' | 'characters'; readonly why: string; readonly bmpOnly?: boolean };
}

export interface ConnectionDescriptor {
  /** As the designer names the kind. */
  readonly label: string;
  /** Present when tables, views and queries can be read from it. */
  readonly source?: SourceTraits;
  /** Present when it can hold staging and persistent staging. */
  readonly warehouse?: WarehouseTraits;
  /** Whether extracted files can land in it (a lake) or rows be bulk-copied into it (SQL Server). */
  readonly lander: boolean;
  /** Whether the Multi Wild Card File pattern reads files from it. */
  readonly fileSource: boolean;
  /** Fields that may hold a secret reference. */
  readonly secrets: readonly SecretField[];
  /** Fields holding a local path, relative to the project file unless absolute. */
  readonly localPaths: readonly string[];
  /** The port used when none is given. */
  readonly defaultPort?: number;
}

/** Files reach these warehouses through a local folder (DuckDB `read_csv`, PostgreSQL `COPY`, MariaDB `LOAD DATA`). */
const fromLocalFolder = (kind: ConnectionKind): string => `a ${kind} warehouse loads landed files from a local folder: use a localfs lander`;

/** A warehouse that loads landed files from a local folder; `load` says what its load asks beyond that. */
const folderLoadedWarehouse = (dialect: DialectName, load: Pick<WarehouseTraits, 'csvOnlyLoad' | 'nullMarker'> & { preferred?: boolean } = {}): WarehouseTraits => ({
  dialect,
  landers: ['localfs'],
  landsInItself: false,
  landerProblem: fromLocalFolder,
  distributes: false,
  preferred: true,
  ...load,
});

/** A database server reached with host, port, database, user and password. */
const serverDatabase = { lander: false, fileSource: false, secrets: [{ path: 'password', label: 'password' }], localPaths: [] } as const;

const sqlServerFamily = {
  // A password is allowed whatever the authentication; the form shows it only for SQL logins.
  secrets: [{ path: 'password', label: 'password' }],
  localPaths: [],
  defaultPort: 1433,
  lander: false,
  fileSource: false,
} as const;

const tsqlSource: SourceTraits = { dialect: 'tsql', catalog: 'sqlserver', defaultSchema: 'dbo', changeTracking: true, parallelReads: NO_SHARED_SNAPSHOT('SQL Server') };

/**
 * SQL Server and Azure SQL load staging only by bulk copy into themselves: their stage reads no
 * lake file (no PolyBase or OPENROWSET path here), so a lake lander's files would never be loaded.
 */
const bulkCopyWarehouse: WarehouseTraits = {
  dialect: 'tsql',
  landers: [],
  landsInItself: true,
  landerProblem: (kind, name, lander) => `a${/^[aeiou]/.test(kind) ? 'n' : ''} ${kind} warehouse stages by the bulk copy of its own lander; files landed in "${lander}" are not read by it: set the extract's lander to the warehouse connection "${name}"`,
  distributes: false,
  preferred: true,
  // DATETIME2(7), DATETIMEOFFSET(7), TIME(7): 100 ns.
  datetimeDigits: 7,
  entityName: { max: 118, unit: 'characters', why: 'SQL Server names are at most 128 characters and Landfall adds up to 10 (_external)' },
};

const fileDatabase = (label: string, dialect: DialectName & CatalogFamily, defaultSchema: string | undefined, preferred: boolean): ConnectionDescriptor & { source: SourceTraits; warehouse: WarehouseTraits } => ({
  label,
  // An embedded database is read in this process: more connections would share its cores, not add any.
  source: { dialect, catalog: dialect, ...(defaultSchema ? { defaultSchema } : {}), changeTracking: false, parallelReads: { refused: `${label} is read inside the engine's own process, so more connections would share the same cores without reading faster` } },
  // SQLite keeps datetimes as the text landed: every one of the engine's nine digits.
  warehouse: { ...folderLoadedWarehouse(dialect, { preferred }), ...(dialect === 'sqlite' ? { datetimeDigits: 9 } : {}) },
  lander: false,
  fileSource: false,
  secrets: [],
  localPaths: ['path'],
});

/** Every connection kind's descriptor. */
export const CONNECTION_DESCRIPTORS = {
  sqlserver: { ...sqlServerFamily, label: 'SQL Server', source: tsqlSource, warehouse: bulkCopyWarehouse, lander: true },
  azuresql: { ...sqlServerFamily, label: 'Azure SQL Database', source: tsqlSource, warehouse: bulkCopyWarehouse, lander: true },
  synapse: {
    ...sqlServerFamily,
    label: 'Azure Synapse Analytics',
    // Synapse has no Change Tracking; its T-SQL differs enough (CTAS, RENAME OBJECT) to be a dialect of its own.
    source: { dialect: 'synapse', catalog: 'sqlserver', defaultSchema: 'dbo', changeTracking: false, parallelReads: NO_SHARED_SNAPSHOT('Synapse') },
    warehouse: {
      dialect: 'synapse',
      landers: ['adls'],
      landsInItself: false,
      landerProblem: () => 'a Synapse warehouse loads from the data lake: use an adls lander',
      zstdRefused: 'Synapse PolyBase reads gzip-compressed or uncompressed files, not zstd',
      // CREATE EXTERNAL FILE FORMAT … FORMAT_TYPE = PARQUET takes DATA_COMPRESSION SnappyCodec or GzipCodec only.
      zstdParquetRefused: 'Synapse PolyBase reads Parquet files compressed with Snappy or Gzip (or uncompressed), not ZSTD',
      // CREATE EXTERNAL FILE FORMAT, DELIMITEDTEXT: rows end at the row terminator, and with
      // USE_TYPE_DEFAULT = FALSE a missing (empty, unquoted) field is NULL: no other marker exists.
      nullMarker: { marker: '', why: 'Synapse PolyBase reads only an empty field as NULL (USE_TYPE_DEFAULT = FALSE)' },
      lineBreaksRefused: 'Synapse PolyBase cannot load: it reads CSV files line by line',
      datetimeDigits: 7,
      distributes: true,
      preferred: true,
      entityName: { max: 118, unit: 'characters', why: 'Synapse names are at most 128 characters and Landfall adds up to 10 (_external)' },
    },
  },
  postgres: {
    label: 'PostgreSQL',
    // pg_export_snapshot + SET TRANSACTION SNAPSHOT: every reader sees the same moment.
    source: { dialect: 'postgres', catalog: 'postgres', defaultSchema: 'public', changeTracking: false, parallelReads: 'exportedSnapshot' },
    warehouse: {
      ...folderLoadedWarehouse('postgres', { csvOnlyLoad: 'COPY' }),
      // PostgreSQL cuts longer names at 63 bytes, so <entity>_delta and <entity>__lf_key could collide.
      entityName: { max: 55, unit: 'bytes', why: 'PostgreSQL keeps 63 bytes of a name and Landfall adds up to 8 (__lf_key)' },
    },
    ...serverDatabase,
    defaultPort: 5432,
  },
  mariadb: {
    label: 'MariaDB / MySQL',
    // MariaDB's schema is its database: a table named without one is in the connection's database.
    // START TRANSACTION WITH CONSISTENT SNAPSHOT is per connection: N readers, N moments.
    source: { dialect: 'mariadb', catalog: 'mariadb', changeTracking: false, parallelReads: NO_SHARED_SNAPSHOT('MariaDB') },
    warehouse: {
      ...folderLoadedWarehouse('mariadb', {
        csvOnlyLoad: 'LOAD DATA',
        nullMarker: { marker: 'NULL', why: 'MariaDB\'s LOAD DATA reads NULL only as the unquoted word NULL' },
      }),
      entityName: { max: 52, unit: 'characters', bmpOnly: true, why: 'MariaDB table names are at most 64 characters and Landfall adds up to 12 (temp__ … _delta)' },
    },
    ...serverDatabase,
    defaultPort: 3306,
  },
  // SQLite holds a warehouse for tests and small projects; a new entity prefers a real one.
  sqlite: fileDatabase('SQLite', 'sqlite', undefined, false),
  duckdb: fileDatabase('DuckDB', 'duckdb', 'main', true),
  adls: {
    label: 'Azure Data Lake Storage Gen2',
    lander: true,
    fileSource: true,
    secrets: [
      { path: 'credential.key', label: 'account key', when: { path: 'credential.kind', equals: 'accountKey' } },
      { path: 'credential.token', label: 'SAS token', when: { path: 'credential.kind', equals: 'sas' } },
      { path: 'credential.value', label: 'connection string', when: { path: 'credential.kind', equals: 'connectionString' } },
    ],
    localPaths: [],
  },
  localfs: { label: 'Local folder', lander: true, fileSource: true, secrets: [], localPaths: ['path'] },
} as const satisfies Record<ConnectionKind, ConnectionDescriptor>;

/** The descriptor of a kind, typed as the general shape (the table's literal types are for the kind unions below). */
export function describeKind(kind: ConnectionKind): ConnectionDescriptor {
  return CONNECTION_DESCRIPTORS[kind];
}

type Descriptors = typeof CONNECTION_DESCRIPTORS;
/** Kinds a table, view or query can be read from. */
export type SqlSourceKind = { [K in ConnectionKind]: Descriptors[K] extends { source: SourceTraits } ? K : never }[ConnectionKind];

/**
 * The order messages list the kinds of a role in ("use one of …"): lakes before the SQL Server
 * lander, the embedded DuckDB before SQLite. Only the order; which kinds have a role is the descriptors' say.
 */
const ROLE_LIST_RANK: Record<ConnectionKind, number> = {
  localfs: 0, adls: 1, sqlserver: 2, azuresql: 3, synapse: 4, postgres: 5, mariadb: 6, duckdb: 7, sqlite: 8,
};

const kindsWhere = (test: (descriptor: ConnectionDescriptor) => boolean): readonly ConnectionKind[] =>
  CONNECTION_KINDS.filter((kind) => test(describeKind(kind))).sort((a, b) => ROLE_LIST_RANK[a] - ROLE_LIST_RANK[b]);

/** Kinds a table, view or query can be read from. */
export const SQL_SOURCE_KINDS = kindsWhere((d) => d.source !== undefined);
/** Kinds files can be read from by the Multi Wild Card File pattern. */
export const FILE_SOURCE_KINDS = kindsWhere((d) => d.fileSource);
/** Kinds that can hold staging and persistent staging. */
export const WAREHOUSE_KINDS = kindsWhere((d) => d.warehouse !== undefined);
/** Kinds that can receive extracted files (data lake) or bulk-copied rows (SQL Server lander). */
export const LANDER_KINDS = kindsWhere((d) => d.lander);

/** What a SQL source kind is as a source. */
export function sourceTraits(kind: SqlSourceKind): SourceTraits {
  return CONNECTION_DESCRIPTORS[kind].source;
}

/** Whether `kind` is a SQL source kind. */
export function isSqlSourceKind(kind: ConnectionKind): kind is SqlSourceKind {
  return describeKind(kind).source !== undefined;
}

/** A value at a dotted path of a plain object (`credential.key`), or undefined. */
export function valueAtPath(object: unknown, path: string): unknown {
  let current = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The secret fields that apply to a connection (or a draft of one): its kind's secret fields
 * whose condition holds (an adls account key only with the account-key credential). A draft of
 * no known kind has none.
 */
export function secretFieldsOf(draft: { readonly kind?: unknown; readonly [field: string]: unknown }): SecretField[] {
  const kind = draft.kind;
  if (typeof kind !== 'string' || !isConnectionKind(kind)) return [];
  return describeKind(kind).secrets.filter((field) => !field.when || valueAtPath(draft, field.when.path) === field.when.equals);
}

/** Whether a string names a connection kind. */
export function isConnectionKind(value: string): value is ConnectionKind {
  return (CONNECTION_KINDS as readonly string[]).includes(value);
}
