/**
 * A fact's tables and columns in one warehouse: the names of the fact, its staging tables, its
 * state table, normalization and summary tables, each quoted (and, for staging in a separate
 * database, qualified), with the columns each one holds. The step builders read everything from
 * here, so a name is made in one place.
 */
import { parseColumnType, type ColumnType } from '../model/column-type.ts';
import type { Fact } from '../model/schema.ts';
import type { Dialect } from '../sql/dialect.ts';
import type { FactDialect } from './fact-dialect.ts';

/** A column as a table of the fact holds it: quoted name and dialect type. */
export interface LayoutColumn {
  readonly name: string;
  readonly quoted: string;
  readonly type: string;
  readonly nullable: boolean;
  /** A column default, as SQL. */
  readonly default?: string;
}

export interface LayoutNormalization {
  readonly table: string;
  readonly bare: string;
  readonly id: string;
  readonly name: string;
  readonly idType: Fact['normalizations'][number]['idType'];
  readonly nameType: string;
}

export interface LayoutSummary {
  readonly table: string;
  /** The summary's columns: group columns, then measures. */
  readonly columns: readonly LayoutColumn[];
  readonly keys: readonly string[];
  /** The SELECT list over staging: group expressions, then measure aggregates. */
  readonly groupExpressions: readonly string[];
  readonly measures: readonly { readonly column: string; readonly aggregate: string; readonly function: Fact['summaries'][number]['measures'][number]['function'] }[];
}

export interface FactLayout {
  readonly fact: string;
  /** Where inserters write. */
  readonly staging: string;
  readonly stagingBare: string;
  /** The flip-flop's other table, which the processor reads (`StageProcess`). */
  readonly process: string;
  readonly processBare: string;
  /** The name the swap passes through. */
  readonly spare: string;
  /** The state table: the generation swapped in and the last one processed. */
  readonly state: string;
  /** The pollers' claims: one row per thing (file) to poll, done or not. */
  readonly things: string;
  /** The database (schema) of the staging tables, when separate, quoted. */
  readonly stagingSchema: string | undefined;
  /** Staging columns: the columns as they arrive, then an id column per normalization. */
  readonly stagingColumns: readonly LayoutColumn[];
  /** The fact's checks that every id was set: a staging row normalize missed (its id still 0) stops the copy. */
  readonly idChecks: readonly string[];
  /** The fact's columns: names replaced by their ids. */
  readonly factColumns: readonly LayoutColumn[];
  readonly normalizations: readonly LayoutNormalization[];
  readonly summaries: readonly LayoutSummary[];
}

const lower = (text: string): string => text.toLowerCase();

/** A model column type that validation has checked (the layout is only made of valid facts). */
export function typeOf(text: string): ColumnType {
  const type = parseColumnType(text);
  if (typeof type === 'string') throw new Error(`column type "${text}": ${type}`);
  return type;
}

/** The type a sum of a column is kept as: wide enough for many rows of it. */
function sumType(type: ColumnType): ColumnType {
  if (type.kind === 'decimal') return { kind: 'decimal', precision: 38, scale: type.scale };
  if (type.kind === 'float' || type.kind === 'double') return { kind: 'double' };
  return { kind: 'bigint' };
}

/**
 * The layout of `fact` in a warehouse of dialect `d`; `poller` gives poller K its own staging
 * table (the seed's Case 2: a staging table per polling process).
 */
export function factLayout(fact: Fact, d: Dialect, f: FactDialect, poller?: number): FactLayout {
  const q = d.quote;
  const schema = fact.staging.database === undefined ? undefined : q(fact.staging.database);
  const staged = (bare: string): string => (schema === undefined ? q(bare) : `${schema}.${q(bare)}`);
  const stagingBare = poller === undefined ? `${fact.name}__staging` : `${fact.name}__poller${poller}`;
  const processBare = `${fact.name}__process`;
  const normalized = new Map(fact.normalizations.map((n) => [lower(n.column), n]));
  const arriving: LayoutColumn[] = fact.columns.map((c) => ({ name: c.name, quoted: q(c.name), type: d.columnType(typeOf(c.type)), nullable: c.nullable }));
  // 0 until normalize sets the id (ids start at 1), not NULL: InnoDB updates a fixed-size value in
  // place, while NULL → value grows the record and rewrites it (the ids' update took 2–4× longer).
  const ids: LayoutColumn[] = fact.normalizations.map((n) => ({ name: n.id, quoted: q(n.id), type: f.idType(n.idType), nullable: false, default: '0' }));
  const factColumns: LayoutColumn[] = fact.columns.map((c, i) => {
    const n = normalized.get(lower(c.name));
    return n ? { name: n.id, quoted: q(n.id), type: f.idType(n.idType), nullable: false } : arriving[i]!;
  });
  const factColumn = (name: string): { column: LayoutColumn; type: ColumnType | undefined } => {
    const column = factColumns.find((c) => lower(c.name) === lower(name));
    if (!column) throw new Error(`"${name}" is not a column of fact "${fact.name}"`);
    const source = fact.columns.find((c) => lower(c.name) === lower(name));
    return { column, type: source ? typeOf(source.type) : undefined };
  };
  const summaries: LayoutSummary[] = fact.summaries.map((s) => {
    const groups = s.groupBy.map((g) => {
      const { column } = factColumn(g.column);
      const name = g.as ?? g.column;
      return {
        column: { name, quoted: q(name), type: g.bucket ? f.bucketType(g.bucket) : column.type, nullable: false },
        expression: g.bucket ? f.bucket(column.quoted, g.bucket) : column.quoted,
      };
    });
    const measures = s.measures.map((m) => {
      const source = m.column === undefined ? undefined : factColumn(m.column);
      const type = m.function === 'count' ? d.columnType({ kind: 'bigint' }) : m.function === 'sum' ? d.columnType(sumType(source!.type ?? { kind: 'bigint' })) : source!.column.type;
      const argument = source === undefined ? '*' : source.column.quoted;
      return {
        layout: { name: m.as, quoted: q(m.as), type, nullable: m.function !== 'count' },
        aggregate: `${m.function.toUpperCase()}(${argument})`,
        function: m.function,
      };
    });
    return {
      table: q(s.table),
      columns: [...groups.map((g) => g.column), ...measures.map((m) => m.layout)],
      keys: groups.map((g) => g.column.quoted),
      groupExpressions: groups.map((g) => g.expression),
      measures: measures.map((m) => ({ column: m.layout.quoted, aggregate: m.aggregate, function: m.function })),
    };
  });
  return {
    fact: q(fact.name),
    staging: staged(stagingBare),
    stagingBare,
    process: staged(processBare),
    processBare,
    spare: staged(`${fact.name}__swap`),
    state: q(`${fact.name}__state`),
    things: q(`${fact.name}__things`),
    stagingSchema: schema,
    stagingColumns: [...arriving, ...ids],
    idChecks: fact.normalizations.map((n) => `CHECK (${q(n.id)} > 0)`),
    factColumns,
    normalizations: fact.normalizations.map((n) => {
      const column = fact.columns.find((c) => lower(c.name) === lower(n.column))!;
      return { table: q(n.table), bare: n.table, id: q(n.id), name: q(column.name), idType: n.idType, nameType: d.columnType(typeOf(column.type)) };
    }),
    summaries,
  };
}
