/**
 * The contract every SQL dialect fulfils, and the registry of dialects. Every difference between
 * the warehouses and sources Landfall speaks to is a hook of `Dialect` (quoting, literals, types,
 * schemas, hashing, and whole statements: `CREATE TABLE … AS`, `UPDATE … FROM`, key indexes, table
 * options, the bulk load). Each dialect lives in its own file under `dialects/`; the statement
 * builders in `steps/` call only these hooks and never test a dialect's name. Identifiers are
 * quoted and values rendered by exactly one function per dialect, so a name or a value can never
 * break out of its place.
 *
 * A new dialect is one file in `dialects/` and its entry in `REGISTRY` below.
 */
import type { ColumnType } from '../model/column-type.ts';
import { describeKind, type ConnectionKind } from '../model/connection-kinds.ts';
import type { BinaryText, Distribution, LandedFiles, StageStatement, StageTarget, StagedColumn } from './stage-hook.ts';
import { join, sql, type Statement } from './statement.ts';
import { isSqlDateTime, parseDate } from '../time.ts';
import { duckdb } from './dialects/duckdb.ts';
import { mariadb } from './dialects/mariadb.ts';
import { postgres } from './dialects/postgres.ts';
import { sqlite } from './dialects/sqlite.ts';
import { synapse } from './dialects/synapse.ts';
import { tsql } from './dialects/tsql.ts';

/** The logical warehouse schemas. */
export type WarehouseSchema = 'temp' | 'psg' | 'zdm' | 'cur';

/** A value bound to a statement, with the type it is compared as. */
export type SqlValue =
  | { readonly type: 'null' }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'integer'; readonly value: bigint }
  | { readonly type: 'decimal'; readonly value: string }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: string }
  | { readonly type: 'datetime'; readonly value: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Rejects a typed value whose text could not be that type, before it is ever rendered. */
function checked(value: SqlValue): SqlValue {
  const bad = (what: string): never => {
    throw new Error(`${JSON.stringify((value as { value: unknown }).value)} is not a valid ${what}`);
  };
  if (value.type === 'date' && !parseDate(value.value).ok) bad('date (YYYY-MM-DD)');
  if (value.type === 'datetime' && !isSqlDateTime(value.value)) bad('datetime (YYYY-MM-DD HH:MM:SS[.fff])');
  if (value.type === 'decimal' && !DECIMAL.test(value.value)) bad('decimal');
  if (value.type === 'double' && !Number.isFinite(value.value)) bad('finite number');
  return value;
}

/** One change to a column of a Landfall table (model evolution), with its types in the dialect's words. */
export type ColumnAlteration =
  /** `value`: the literal the existing rows get, or undefined for NULL. */
  | { readonly kind: 'add'; readonly name: string; readonly type: string; readonly value: string | undefined }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }
  | { readonly kind: 'retype'; readonly name: string; readonly type: string; readonly nullable: boolean }
  | { readonly kind: 'dropNotNull'; readonly name: string; readonly type: string };

/** The tables Landfall creates, for `tableOptions`. */
export type TableKind = 'persistent' | 'control' | 'staging';

/** An index on a warehouse table's business key, for `keyIndex`. */
export interface KeyIndex {
  readonly schema: WarehouseSchema;
  readonly entity: string;
  /** The indexed table, qualified. */
  readonly table: string;
  readonly keys: readonly StagedColumn[];
  /** A column indexed after the keys (persistent staging's current flag), if any. */
  readonly current: string | undefined;
}

export interface Dialect {
  readonly name: DialectName;
  /** Quotes one identifier part. */
  quote(name: string): string;
  /** Renders a value as a literal for previews (and statements that cannot take parameters). */
  literal(value: SqlValue): string;
  /** The placeholder for the n-th (1-based) bound parameter. */
  placeholder(index: number): string;
  /** The dialect's type for a model column type. */
  columnType(type: ColumnType): string;
  /** The type to name in `CAST(x AS …)` (MariaDB's CAST takes fewer types than its DDL). */
  castType(type: ColumnType): string;
  /** A warehouse table name, qualified the way this dialect keeps the logical schemas apart. */
  table(schema: WarehouseSchema, name: string): string;
  /** A query that returns a row when the table exists (its schema and bare name as `table` takes them). */
  tableExists(schema: WarehouseSchema, name: string): Statement;
  /** The columns of a table (its schema and bare name as `table` takes them), in order: rows of name, nullable (`YES`/`NO`) and type as the catalog spells it. */
  tableColumns(schema: WarehouseSchema, name: string): Statement;
  /** A source table's (or view's) column names, in order, from the catalog: `schema` absent means the connection's default. */
  sourceColumns(schema: string | undefined, table: string): Statement;
  /**
   * A cheap row count of a source table, for the progress percentage: one row of one number, or
   * no row / a negative number when the source does not know. Absent where the dialect has no
   * read cheaper than the extract itself: the progress bar then shows no percentage.
   */
  readonly rowEstimate?: ((schema: string | undefined, table: string) => Statement) | undefined;
  /** The DDL of one column change of `table` (qualified); undefined where the warehouse cannot make it in place. */
  alterColumn(table: string, change: ColumnAlteration): string | undefined;
  /** Statements that create the logical schemas if they are missing (the load's own by default). */
  createSchemas(schemas?: readonly WarehouseSchema[]): string[];
  /** `CREATE TABLE IF NOT EXISTS`, in this dialect's words. */
  createTableIfMissing(table: string, body: string, suffix?: string): string;
  /** Drops a table if it exists. */
  dropTableIfExists(table: string): string;
  /** Renames a table within its schema (`to` is the bare new name). */
  renameTable(from: string, schema: WarehouseSchema, to: string): string;
  /**
   * Renames tables within a schema, at once where the warehouse can (MariaDB's one RENAME TABLE
   * of several pairs): how a published table is swapped where DDL is not transactional. Absent
   * where the published table is replaced inside the load's transaction instead.
   */
  readonly renameTables?: ((renames: readonly { readonly from: string; readonly schema: WarehouseSchema; readonly to: string }[]) => string[]) | undefined;
  /** The first `rows` rows of a query (`LIMIT`, `TOP`): failing rows shown by a data check. */
  firstRows(select: Statement, rows: number): Statement;
  /**
   * The rows an `INSERT INTO t (…)` adds, each a list of values, where the warehouse takes no
   * multi-row `VALUES (…), (…)` (a Synapse dedicated pool's INSERT takes one row per VALUES and
   * no table value constructor); absent: `VALUES` (see {@link insertedRows}).
   */
  readonly insertRows?: ((rows: readonly Statement[]) => Statement) | undefined;
  /**
   * Canonical text of a column value for the row hash: the same value always gives the same
   * text in one warehouse, whatever the column's declared type.
   */
  hashText(expression: string, type: ColumnType): string;
  /** Character length of a text expression (never trimming trailing spaces). */
  length(expression: string): string;
  /** Concatenation of text expressions (none of them NULL). */
  concat(parts: readonly string[]): string;
  /** Hash of a text expression, as fixed-length hex; `undefined` stores the text itself. */
  hash(expression: string): string | undefined;
  /**
   * The row hash computed from the typed values themselves, where the warehouse has a fast hash of
   * several values (no text is built); `undefined`: the hash of the length-prefixed text
   * (`hashText`, `length`, `concat`, `hash`).
   */
  readonly valuesHash?: ((refs: readonly string[]) => string) | undefined;
  /**
   * SQL text naming the row-hash scheme, kept in `zdm.row_hash_schemes`: persistent staging whose
   * recorded scheme differs has the hashes of its current rows computed again (see persist.ts).
   */
  readonly rowHashScheme: string;
  /** The type of the row-hash column. */
  readonly hashType: string;
  /**
   * Where the row hash is a number but earlier releases stored it as text: the catalog's name of
   * `hashType` (as the model step reads it) and the DDL converting a text column in place. A
   * current version's text is the same number, so it converts exactly; a closed version's hash is
   * never compared again, and one written under an older text scheme becomes 0.
   */
  readonly hashRetype?: { readonly catalogType: string; readonly statement: (table: string, column: string) => string } | undefined;
  /** True and false as this dialect stores the flag columns. */
  readonly flagType: string;
  readonly true: string;
  readonly false: string;
  readonly beginTransaction: string;
  readonly commit: string;
  readonly rollback: string;
  /**
   * Whether CREATE SCHEMA / CREATE TABLE are part of the warehouse's transactions (rolled back with
   * them) and the whole load can run on one connection in one transaction. Then the load's
   * transaction opens before setup, so a load that fails on a fresh warehouse leaves none of
   * Landfall's schemas and tables; elsewhere setup runs (and commits) on its own before the load.
   */
  readonly transactionalDdl: boolean;
  /**
   * A statement taking a lock held until the transaction ends, run after BEGIN by a load into a
   * warehouse that has no control table yet: runners in other processes creating the same schemas
   * and tables at once would otherwise fail on each other's uncommitted CREATE. Absent where
   * concurrent CREATE … IF NOT EXISTS is safe or DDL is not transactional.
   */
  readonly firstSetupLock?: string | undefined;
  /** How a CTE list that refers to itself opens (`WITH RECURSIVE`, or plain `WITH` where RECURSIVE is not a word). */
  readonly withRecursive: string;
  /**
   * A new table filled by a query (the change set): `CREATE TABLE … AS`, `SELECT … INTO`, or a
   * distributed CTAS; `staging`: one of Landfall's staging tables (see `stagingTableWord`).
   */
  createTableAs(table: string, select: Statement, distribution: Distribution | undefined, staging?: boolean): Statement;
  /**
   * The word between CREATE and TABLE for Landfall's staging tables, rebuilt by every run:
   * PostgreSQL's `UNLOGGED` writes no WAL for them (a crash empties them; the next run fills them
   * again).
   */
  readonly stagingTableWord?: string | undefined;
  /** An UPDATE of `table` under `alias`, its SET and WHERE referring to the alias. */
  updateAliased(table: string, alias: string, set: Statement, where: Statement): Statement;
  /**
   * An UPDATE of `table` under `alias` joined with `source` under `sourceAlias` (`UPDATE … FROM`),
   * its WHERE holding the join condition: for a warehouse whose planner then drives the update from
   * the (small) source through the target's key index, where the EXISTS form of `updateAliased`
   * scans the whole target. Undefined where the EXISTS form is the way. A target row matched by
   * several source rows is updated once, with any of them: use it only with a SET that reads
   * nothing from the source.
   */
  updateFrom?(table: string, alias: string, source: string, sourceAlias: string, set: Statement, where: Statement): Statement;
  /**
   * The name an UPDATE's SET and WHERE refer to its target by, given the alias the builder would
   * use and the qualified table: the alias, unless the dialect's UPDATE takes no alias for its
   * target (Synapse: `UPDATE [schema.]table_name`), where it is the qualified table itself.
   */
  updateTargetName?(alias: string, table: string): string;
  /**
   * The index on a table's business key where the warehouse would otherwise answer the change-set
   * and persist subqueries by scanning; undefined where it needs none.
   */
  keyIndex(index: KeyIndex): string | undefined;
  /**
   * Drops the index `keyIndex` makes, where building it once after a bulk insert into a table with
   * no current version costs less than maintaining it row by row during the insert; undefined
   * where the index is kept (or there is none).
   */
  dropKeyIndex?(index: KeyIndex): string | undefined;
  /**
   * Refreshes the planner's statistics of a table just filled (the change set, persistent staging
   * after its first load), where the planner
   * would otherwise guess its size from its pages and pick the joins of persist by that guess;
   * `columns` (quoted) are the ones those joins match and filter on, the only ones sampled.
   * Undefined where the warehouse knows the size of a table it just wrote.
   */
  analyzeTable?(table: string, columns: readonly string[]): string;
  /**
   * Whether the check for business keys staged more than once reads the keys sorted, so that the
   * planner groups a sorted run instead of building a hash table of every staged key (which spills
   * to disk once the keys outgrow the session's work memory).
   */
  readonly sortedKeyGroups?: boolean;
  /**
   * Whether the batch's counts look for each written version's older ones through persistent
   * staging's key index (`keyIndex`; one probe per row the batch wrote) instead of joining the
   * distinct keys of every older version (a scan of all of them, whatever the batch wrote).
   */
  readonly olderVersionsByKeyProbe?: boolean;
  /**
   * Statements at the start of the persist transaction that scope the planner's settings to it,
   * where persist's joins of a few changed rows with every version are otherwise planned as scans.
   */
  readonly persistSettings?: readonly string[];
  /** What follows the closing parenthesis of a Landfall table's CREATE TABLE (distribution, engine). */
  tableOptions(table: TableKind, distribution: Distribution | undefined): string;
  /** Whether Landfall's tables declare their primary key (a warehouse that enforces none gets none). */
  readonly primaryKeys: boolean;
  /** How binary values are written in the CSV files this warehouse reads. */
  readonly binaryText: BinaryText;
  /** Whether a CSV extract from this source runs as the server's own `COPY … TO STDOUT`. */
  readonly copyOut: boolean;
  /**
   * Fills the staging table from the landed files: the statements to run, each either plain or fed
   * with one landed file. For a warehouse the engine cannot load, what the preview shows.
   */
  stage(target: StageTarget, landed: LandedFiles): StageStatement[];
  /** Whether `FULL OUTER JOIN` exists; without it the change set is built from two halves. */
  readonly fullOuterJoin: boolean;
  /**
   * Set when the source keeps datetimes as text and compares them so (SQLite): a `>` on a saved
   * watermark is then bound with every fraction digit (see `comparedWatermark`).
   */
  readonly datetimesAsText?: true;
  /**
   * The fraction digits the source's datetimes keep, which a watermark it is compared with is cut
   * to (see `comparedWatermark`); absent: microseconds (6). SQL Server's DATETIME2(7) keeps 7.
   */
  readonly datetimeDigits?: number;
  /**
   * A selected source value in the form this source's driver hands over exactly, where its own
   * form would not be (tedious reads DECIMAL, NUMERIC and MONEY into a JavaScript number: beyond 15
   * digits they come back changed); absent or undefined: as it is. Only the extract's select list
   * takes it: filters compare the column itself.
   */
  readonly exactRead?: ((expression: Statement, type: ColumnType) => Statement | undefined) | undefined;
  /** Text form of a watermark column's maximum, for zdm.control_parameters. */
  watermarkText(expression: string, type: ColumnType): string;
  /**
   * A saved watermark of a `datetimeoffset` change column (`utc`: a bound datetime in UTC, no
   * offset) as a value of the source's offset-carrying type, so the column is compared as an
   * instant: left as a plain datetime, the source would read it in the session's (or the machine's)
   * time zone and lose or re-read rows at the boundary.
   */
  utcInstant(utc: Statement): Statement;
  /** A string type for the control-parameter columns. */
  readonly controlTextType: string;
  readonly controlTimeType: string;
}


/** Every literal a dialect renders passes the one value check first. */
function registered<T extends Record<string, Dialect>>(dialects: T): T {
  const out: Record<string, Dialect> = {};
  for (const [name, d] of Object.entries(dialects)) out[name] = { ...d, literal: (value) => d.literal(checked(value)) };
  return out as T;
}

const REGISTRY = registered({ tsql, synapse, postgres, mariadb, duckdb, sqlite });

export type DialectName = keyof typeof REGISTRY;
/** The dialect names, in the order the designer and `landfall sql --dialect` list them. */
export const DIALECTS = Object.keys(REGISTRY) as readonly DialectName[] as readonly [DialectName, ...DialectName[]];

/** The source of a multi-row INSERT: `VALUES\n(…),\n(…)`, or the dialect's own form; each row is its values joined by `, `. */
export function insertedRows(d: Dialect, rows: readonly Statement[]): Statement {
  return d.insertRows ? d.insertRows(rows) : sql`VALUES\n${join(rows.map((row) => sql`(${row})`), ',\n')}`;
}

export function dialect(name: DialectName): Dialect {
  return REGISTRY[name];
}

/** The dialect a connection speaks, or undefined for file connections; its descriptor says which. */
export function dialectOf(kind: ConnectionKind): DialectName | undefined {
  const descriptor = describeKind(kind);
  return descriptor.warehouse?.dialect ?? descriptor.source?.dialect;
}
