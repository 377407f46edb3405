/**
 * Sources: one interface over every SQL source, rows as arrays streamed in batches. The consumer
 * pulls the next batch only when it has room, so a slow lander slows reading instead of growing
 * memory.
 */
import type { CsvLayout } from '../../shared/sql/stage-hook.ts';
import type { Compiled } from '../../shared/sql/statement.ts';
import type { LineBatch } from '../format/csv-lines-writer.ts';
import type { Cell } from '../format/csv-writer.ts';
import type { FileColumn } from '../format/file-builder.ts';
import type { Normalizer } from '../values.ts';

/** Rows per batch handed to the pipeline. */
export const BATCH_ROWS = 2000;

export interface Source {
  /** Runs a small query (versions, metadata) and returns its rows. */
  query(statement: Compiled): Promise<unknown[][]>;
  /**
   * Streams a query's rows in batches. Breaking out of the loop (or the signal aborting) stops the
   * query on the server.
   */
  stream(statement: Compiled, signal: AbortSignal): AsyncIterable<unknown[][]>;
  /**
   * Where the driver hands a row's bytes (MariaDB): streams the query's rows as CSV lines it
   * formats and checks itself, exactly as the row path would (`format`), in batches.
   */
  csvLines?(statement: Compiled, format: CsvLinesFormat, signal: AbortSignal): AsyncIterable<LineBatch>;
  /**
   * Where the server can write the CSV itself (PostgreSQL `COPY … TO STDOUT`): runs the setup
   * statements, then streams the COPY's bytes.
   */
  copyOut?(setup: readonly string[], copy: string, signal: AbortSignal): AsyncIterable<Uint8Array>;
  /** The name and type (as the server spells it, e.g. `numeric(18,4)`) of each column a query returns, without running it. */
  describe?(statement: Compiled): Promise<{ name: string; type: string }[]>;
  /**
   * The names of the columns a query returns, in order: the schema drift probe of a free query
   * (which returns no row). Absent where the driver does not say (SQL Server here: the probe is
   * skipped and the extract fails on the server's own error).
   */
  resultColumns?(statement: Compiled): Promise<string[]>;
  close(): Promise<void>;
}

/** How a source writing CSV lines itself (`Source.csvLines`) checks and writes each value. */
export interface CsvLinesFormat {
  readonly entity: string;
  readonly columns: readonly FileColumn[];
  /** Per column, whether it is a business-key column, which may not be NULL. */
  readonly required: readonly boolean[];
  /** The row path's normalisers and CSV cells, per column. */
  readonly normalizers: readonly Normalizer[];
  readonly cells: readonly Cell[];
  readonly layout: CsvLayout;
  /** The fraction digits of a second the warehouse keeps (more are refused, see fraction-digits.ts). */
  readonly fractionDigits: number;
  /** Why the warehouse refuses line breaks in text, where it does. */
  readonly lineBreaksRefused?: string | undefined;
  /** The entity's error for a refused value (its message names entity, column and row). */
  readonly refuse: (message: string) => Error;
}
