/**
 * What facts need of a warehouse's SQL beyond the shared `Dialect` hooks: auto-assigned ids that
 * are not burned, inserts that skip names another writer added first, the multi-table update,
 * summary upserts, date buckets and the flip-flop swap. One file per dialect in `dialects/`; the
 * builders (`fact-steps.ts`) call only these hooks and the base dialect's, never a dialect's name.
 * The table is a `Record` over every dialect, so a new dialect states whether it runs facts.
 */
import type { DialectName } from '../sql/dialect.ts';
import type { Statement } from '../sql/statement.ts';
import type { DateBucket, NormalizedIdType } from './fact-schema.ts';
import type { STAGING_ENGINES } from './fact-schema.ts';
import { duckdbFact } from './dialects/duckdb-fact.ts';
import { mariadbFact } from './dialects/mariadb-fact.ts';
import { postgresFact } from './dialects/postgres-fact.ts';
import { tsqlFact } from './dialects/tsql-fact.ts';

export type StagingEngine = (typeof STAGING_ENGINES)[number];

/** A normalization table as the dialect creates it. */
export interface NormalizationTable {
  /** The qualified table. */
  readonly table: string;
  /** Its bare name, for the names of its sequence and indexes. */
  readonly bare: string;
  /** The id and name columns, quoted. */
  readonly id: string;
  readonly name: string;
  readonly idType: NormalizedIdType;
  /** The dialect type of the name column. */
  readonly nameType: string;
}

/** One summary measure column on conflict: its new value from the stored one and the incoming one. */
export interface UpsertColumn {
  readonly column: string;
  readonly combine: (existing: string, incoming: string) => string;
}

export interface FactDialect {
  /** The column type of a normalization id (a fact column of every row: the narrowest that fits). */
  idType(type: NormalizedIdType): string;
  /** Statements that create a normalization table if it is missing: the id assigned by the warehouse, the name unique. */
  normalizationTable(table: NormalizationTable): string[];
  /** Creates a schema (a database on MariaDB) for separate staging tables, if missing. */
  createSchema(schema: string): string;
  /** `INSERT … <rows>` that skips rows whose key (the first column) is already there. */
  insertIgnore(table: string, columns: readonly string[], rows: Statement): Statement;
  /**
   * Inserts the names of `missing` (the staged names the table lacks: `SELECT DISTINCT … LEFT JOIN
   * … WHERE id IS NULL`, as column `name`) with new ids, burning none.
   */
  insertMissing(table: NormalizationTable, missing: Statement): Statement;
  /** The multi-table update that sets each staged row's id from the normalization table. */
  setIds(staging: string, normalization: string, id: string, name: string): Statement;
  /** Inserts the grouped rows of `select` into `table`, combining with the stored row on a key conflict. */
  upsert(table: string, columns: readonly string[], keys: readonly string[], select: Statement, update: readonly UpsertColumn[]): Statement;
  /** A datetime expression cut to the start of its hour or day. */
  bucket(expression: string, unit: DateBucket): string;
  /** The type a bucket column is stored as. */
  bucketType(unit: DateBucket): string;
  /** `CREATE TABLE IF NOT EXISTS` of a staging table, with the staging engine where the warehouse has a choice. */
  createStaging(table: string, body: string, engine: StagingEngine): string;
  /**
   * The flip-flop swap as a list of statements (each run in turn; `transaction` says whether they
   * form one): afterwards `process` holds what `staging` held and `staging` is new and empty, and
   * no inserter ever finds `staging` missing. `bump` marks the new generation in the state table.
   */
  swap(swap: { staging: string; process: string; processBare: string; stagingBare: string; spare: string; createStaging: string; bump: Statement }): { statements: (string | Statement)[]; transaction: boolean };
  /** Whether DDL commits an open transaction (MariaDB): then the swap is ordered to be safe without one. */
  readonly ddlCommits: boolean;
}

/** Each dialect's fact hooks; `undefined`: facts are not generated for it. */
const FACT_DIALECTS: Record<DialectName, FactDialect | undefined> = {
  mariadb: mariadbFact,
  postgres: postgresFact,
  duckdb: duckdbFact,
  tsql: tsqlFact,
  synapse: undefined,
  sqlite: undefined,
};

/** The fact hooks of a dialect, or undefined when facts do not run there. */
export function factDialect(name: DialectName): FactDialect | undefined {
  return FACT_DIALECTS[name];
}

/** The dialects facts can be generated for. */
export const FACT_DIALECT_NAMES = (Object.keys(FACT_DIALECTS) as DialectName[]).filter((name) => FACT_DIALECTS[name] !== undefined);
