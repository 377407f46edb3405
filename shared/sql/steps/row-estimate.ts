/**
 * The row-count estimate read before extracting, so the progress of an entity can be shown as a
 * percentage: a catalog estimate where the source keeps one (PostgreSQL `reltuples`, MariaDB
 * `TABLE_ROWS`), a count where it is cheap (SQLite). Only for a table or view read whole: a
 * window (Incremental, Date Range, Change Tracking's changes) has no estimate in any catalog, and
 * counting it would run the window's filter once more on the source — on a change column without
 * an index, a second scan of the table — only to draw a bar. A free query is never counted for
 * the same reason: its count is the query itself.
 */
import { dialect } from '../dialect.ts';
import type { Statement } from '../statement.ts';
import type { EntitySqlInput, ExtractMode } from './entity-sql-input.ts';

/** The estimate's statement for this run, or undefined where none is read (see above). */
export function rowEstimateStatement(input: EntitySqlInput, mode: ExtractMode): Statement | undefined {
  const source = input.extract.source;
  if (!input.sourceDialect || source.kind !== 'table' || (mode !== 'full' && mode !== 'fullFallback')) return undefined;
  return dialect(input.sourceDialect).rowEstimate?.(source.schema, source.table);
}

/**
 * The estimate from the statement's rows: a whole number of at least 0, or undefined where the
 * source does not know (no row, NULL, PostgreSQL's -1 for a table never analysed).
 */
export function rowEstimate(rows: readonly (readonly unknown[])[]): number | undefined {
  const value = rows[0]?.[0];
  if (value === null || value === undefined) return undefined;
  const count = Number(value);
  return Number.isFinite(count) && count >= 0 ? Math.round(count) : undefined;
}
