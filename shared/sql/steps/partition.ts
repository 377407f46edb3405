/**
 * Partition-parallel extracts (PostgreSQL sources, `parallelReads` > 1): a coordinator connection
 * exports a snapshot and reads the bounds of the ranges; each reader joins that snapshot on a
 * connection of its own and reads one range, so the readers together see exactly the rows of one
 * moment — none twice, none missed — whatever is written to the table meanwhile.
 */
import { isPartitionType } from '../../model/column-type.ts';
import { dialect } from '../dialect.ts';
import { sql, type Statement } from '../statement.ts';
import { keyColumns, lower, typedColumns, type TypedColumn } from './columns.ts';
import type { EntitySqlInput, RunState } from './entity-sql-input.ts';
import { extractStatement } from './extract.ts';

const d = dialect('postgres');

/** What the coordinator read: the snapshot the readers join, and the bounds they split. */
export interface PartitionInputs {
  /** `pg_export_snapshot()`'s id, valid while the coordinator's transaction is open. */
  readonly snapshot: string;
  readonly bounds: PartitionBounds;
}

/** The range of the partition column in the extract (as decimal text; NULL when it has no value), or a table's page count. */
export type PartitionBounds =
  | { readonly kind: 'column'; readonly column: string; readonly min: string | null; readonly max: string | null }
  | { readonly kind: 'pages'; readonly pages: number };

/** One reader's share: how messages name it, and the condition the extract gets (none: every row). */
export interface ReaderRange {
  readonly label: string;
  readonly condition?: Statement;
}

/**
 * How an extract's readers split the rows: by ranges of `partitionColumn`, else of the business
 * key when it is one integer column, else (a table source) of the table's pages (`ctid`).
 */
export function partitionBy(input: EntitySqlInput): { readonly kind: 'column'; readonly column: TypedColumn } | { readonly kind: 'pages' } {
  const columns = typedColumns(input.entity);
  const named = input.extract.partitionColumn;
  if (named !== undefined) {
    const column = columns.find((c) => lower(c.name) === lower(named));
    if (!column || !isPartitionType(column.type)) throw new Error(`entity "${input.entity.name}": partitionColumn "${named}" is not an integer column of the entity`);
    return { kind: 'column', column };
  }
  const keys = keyColumns(input.entity, columns);
  if (keys.length === 1 && isPartitionType(keys[0]!.type)) return { kind: 'column', column: keys[0]! };
  if (input.extract.source.kind === 'table') return { kind: 'pages' };
  throw new Error(`entity "${input.entity.name}": a query source read by ${input.extract.parallelReads} connections needs a partitionColumn (an integer column the query returns)`);
}

/**
 * Whether an extract is read in parallel ranges: only from PostgreSQL, the one source whose readers
 * can share a snapshot (validation refuses the setting elsewhere, and the preview shows the single
 * read rather than this module's PostgreSQL statements).
 */
export function readsInParallel(input: EntitySqlInput): boolean {
  return input.extract.parallelReads > 1 && input.extract.source.kind !== 'files' && input.sourceDialect === 'postgres';
}

/** The table a page-range extract reads, as a `regclass` literal. */
function tableClass(input: EntitySqlInput): string {
  const source = input.extract.source;
  if (source.kind !== 'table') throw new Error(`entity "${input.entity.name}": page ranges need a table source`);
  const name = source.schema ? `${d.quote(source.schema)}.${d.quote(source.table)}` : d.quote(source.table);
  return `CAST(${d.literal({ type: 'text', value: name })} AS regclass)`;
}

/** The read-only repeatable-read transaction every connection of a parallel extract runs in. */
const BEGIN = sql`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`;

/**
 * The coordinator's statements: its transaction, the snapshot export, then the bounds — the
 * column's minimum and maximum over the extract query (so an incremental or date range filter
 * narrows them), or the table's size in pages and its kind (only a plain table has pages to split).
 */
export function partitionStatements(input: EntitySqlInput, state: RunState): Statement[] {
  const by = partitionBy(input);
  const bounds = by.kind === 'column'
    ? sql`SELECT CAST(min(p.${d.quote(by.column.name)}) AS TEXT), CAST(max(p.${d.quote(by.column.name)}) AS TEXT)\nFROM (\n${extractStatement(input, state).statement}\n) AS p`
    : sql`SELECT CAST(pg_relation_size(c.oid) / current_setting('block_size')::bigint AS TEXT), CAST(c.relkind AS TEXT)\nFROM pg_class AS c\nWHERE c.oid = ${tableClass(input)}`;
  return [BEGIN, sql`SELECT pg_export_snapshot()`, bounds];
}

/** The inputs read by the coordinator's statements, from the snapshot id and the bounds row. */
export function partitionInputs(input: EntitySqlInput, snapshot: unknown, row: readonly unknown[] | undefined): PartitionInputs {
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
  const by = partitionBy(input);
  if (by.kind === 'column') return { snapshot: String(snapshot), bounds: { kind: 'column', column: by.column.name, min: text(row?.[0]), max: text(row?.[1]) } };
  // Views have no pages, and a partitioned table's are in its partitions: ranges of them would read nothing.
  if (row === undefined || (row[1] !== 'r' && row[1] !== 'm')) {
    throw new Error(`the source is not a plain table (a view or a partitioned table), so it has no pages to split among ${input.extract.parallelReads} readers; set partitionColumn to an integer column`);
  }
  return { snapshot: String(snapshot), bounds: { kind: 'pages', pages: Number(row[0]) } };
}

/** Splits [lo, hi) into at most `n` ranges of equal width; none is empty. */
function split(lo: bigint, hi: bigint, n: number): bigint[] {
  const span = hi - lo;
  if (span <= 1n || n <= 1) return [lo, hi];
  const width = (span + BigInt(n) - 1n) / BigInt(n);
  const edges: bigint[] = [];
  for (let at = lo; at < hi; at += width) edges.push(at);
  edges.push(hi);
  return edges;
}

const tid = (page: bigint): string => d.literal({ type: 'text', value: `(${page},0)` });

/**
 * Each reader's range. The first and last are open-ended, so a value outside the bounds (there is
 * none in the snapshot, but the ranges do not rely on it) is still read once; NULLs in the
 * partition column go to the first reader. No bounds (no rows, or every value NULL): one reader.
 */
export function readerRanges(input: EntitySqlInput, partitions: PartitionInputs): ReaderRange[] {
  const { bounds } = partitions;
  const n = input.extract.parallelReads;
  if (bounds.kind === 'column') {
    if (bounds.min === null || bounds.max === null) return [{ label: `all rows (${bounds.column} has no values)` }];
    const edges = split(BigInt(bounds.min), BigInt(bounds.max) + 1n, n);
    const column = `p.${d.quote(bounds.column)}`;
    const last = edges.length - 2;
    if (last === 0) return [{ label: 'all rows' }];
    return edges.slice(0, -1).map((from, i) => {
      const to = edges[i + 1]!;
      if (i === 0) return { label: `${bounds.column} up to ${to - 1n}, and NULL`, condition: sql`${column} < ${String(to)} OR ${column} IS NULL` };
      if (i === last) return { label: `${bounds.column} from ${from}`, condition: sql`${column} >= ${String(from)}` };
      return { label: `${bounds.column} ${from} to ${to - 1n}`, condition: sql`${column} >= ${String(from)} AND ${column} < ${String(to)}` };
    });
  }
  const edges = split(0n, BigInt(bounds.pages), n);
  const last = edges.length - 2;
  if (last === 0) return [{ label: 'all pages' }];
  return edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1]!;
    if (i === 0) return { label: `pages up to ${to - 1n}`, condition: sql`ctid < CAST(${tid(to)} AS tid)` };
    if (i === last) return { label: `pages from ${from}`, condition: sql`ctid >= CAST(${tid(from)} AS tid)` };
    return { label: `pages ${from} to ${to - 1n}`, condition: sql`ctid >= CAST(${tid(from)} AS tid) AND ctid < CAST(${tid(to)} AS tid)` };
  });
}

/** What each reader runs before its extract: its transaction, joined to the coordinator's snapshot. */
export function joinSnapshotStatements(partitions: PartitionInputs): Statement[] {
  return [BEGIN, sql`SET TRANSACTION SNAPSHOT ${d.literal({ type: 'text', value: partitions.snapshot })}`];
}

/**
 * A reader's extract query: a column range wraps the extract (`SELECT * FROM (…) AS p WHERE …`),
 * so it holds for any mapping; a page range goes into the table query's own WHERE, where `ctid`
 * is the table's (PostgreSQL 14+ reads just those pages: a TID range scan).
 */
export function rangedExtract(input: EntitySqlInput, state: RunState, range: ReaderRange): Statement {
  if (range.condition === undefined) return extractStatement(input, state).statement;
  if (partitionBy(input).kind === 'column') return sql`SELECT *\nFROM (\n${extractStatement(input, state).statement}\n) AS p\nWHERE ${range.condition}`;
  return extractStatement(input, state, range.condition).statement;
}

/** Sample bounds for a preview, marked as samples: a million keys, or ten thousand pages. */
export function samplePartitions(input: EntitySqlInput): PartitionInputs {
  const by = partitionBy(input);
  return {
    snapshot: '00000003-00000002-1',
    bounds: by.kind === 'column' ? { kind: 'column', column: by.column.name, min: '1', max: '1000000' } : { kind: 'pages', pages: 10000 },
  };
}

/** The plan's header line for the inputs a coordinator read. */
export function partitionLine(partitions: PartitionInputs): string {
  const { bounds } = partitions;
  const range = bounds.kind === 'column' ? `${bounds.column} from ${bounds.min ?? 'none'} to ${bounds.max ?? 'none'}` : `${bounds.pages} pages`;
  return `snapshot ${partitions.snapshot}, ${range}`;
}
