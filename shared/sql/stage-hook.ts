/**
 * The contract of a dialect's stage hook: what it is told about the staging table and the landed
 * files, and the statements it hands back. The run plan calls the hook for every warehouse; the
 * executor runs each item the way its kind says, so it knows which file to stream where.
 */
import type { ColumnType } from '../model/column-type.ts';
import type { Compression, ParquetCompression, StagingEntity } from '../model/schema.ts';
import type { SqlValue } from './dialect.ts';
import type { Statement } from './statement.ts';

/** How a landed CSV file is laid out (Parquet files are read by their own schema). */
export interface CsvLayout {
  readonly delimiter: string;
  readonly qualifier: string;
  readonly header: boolean;
  readonly nullMarker: string;
}

/** How binary values are written as CSV text, for the warehouse that reads the file. */
export type BinaryText = 'duckdb' | 'postgres' | 'hex';

/** A Synapse-style distribution of an entity's tables. */
export type Distribution = NonNullable<StagingEntity['distribution']>;

/** One staged column, typed by the entity. */
export interface StagedColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** What the stage hook knows about one entity's staging table. */
export interface StageTarget {
  readonly entity: string;
  /** The staging table, qualified the way the dialect names it. */
  readonly table: string;
  /** The previous run's change-set table, dropped with the staging table. */
  readonly changeSet: string;
  /** The entity's columns, in file order. */
  readonly columns: readonly StagedColumn[];
  /** The operation flag column, last in every file, when the source sends one (Change Tracking). */
  readonly operation: string | undefined;
  readonly distribution: Distribution | undefined;
  /** Drops the staging table and the last change set and creates the table empty, for loads that fill it themselves. */
  readonly createEmpty: readonly Statement[];
  /** A batched INSERT of rows into the staging table (values bound, in column order). */
  insert(rows: readonly (readonly SqlValue[])[]): Statement;
}

export interface StageFormat {
  readonly kind: 'csv' | 'parquet';
  /** The CSV layout (for Parquet, the defaults: loaders that read only CSV still name them). */
  readonly csv: CsvLayout;
  /** The landed files' codec: the extract's compression for CSV, its Parquet setting for Parquet. */
  readonly compression: Compression | ParquetCompression;
}

/** The landed files, as the warehouse reads them. */
export interface LandedFiles {
  /** Each landed file's location as the warehouse reads it (in a preview, one glob for all of them). */
  readonly files: readonly string[];
  /** The published folder and the data source that reaches it, for warehouses that read a folder (Synapse's external table). */
  readonly folder: {
    readonly dataSource: string;
    /** The folder under the data source, `/`-bounded. */
    readonly location: string;
    /** Where the data source points: the lake's `abfss://<file system>@<account>.dfs.core.windows.net` (a local lake's folder in previews). */
    readonly url: string;
  };
  readonly format: StageFormat;
  /**
   * How the files lie under the folder: absent, all in it; `date`, in `year=/month=/day=` folders
   * of a date column; `value`, in `<column>=<value>` folders (see shared/model/lake-layout.ts).
   */
  readonly partitioned?: 'date' | 'value';
}

/** One item of a stage: a statement, or work the executor does with one of the landed files. */
export type StageStatement =
  /** A statement run as it is. */
  | { readonly kind: 'run'; readonly statement: Statement }
  /** A statement the warehouse feeds with the content of `file` (COPY … FROM STDIN, LOAD DATA LOCAL INFILE). */
  | { readonly kind: 'stream'; readonly statement: Statement; readonly file: string }
  /** The rows of `file` inserted in batches, `width` values per row, by the statement `insert` builds. */
  | { readonly kind: 'insertRows'; readonly file: string; readonly width: number; readonly insert: StageTarget['insert'] }
  /** The files bulk-copied into `table` by the lander (SQL Server's bulk copy): no warehouse statement. */
  | { readonly kind: 'bulkCopy'; readonly files: readonly string[]; readonly table: string };

/** A plain statement as a stage item. */
export const run = (statement: Statement): StageStatement => ({ kind: 'run', statement });
