/**
 * Schema drift: the source's columns, read before extracting — a table's or view's from its
 * catalog, a free query's from a zero-row probe of it, a file pattern's from the first matched
 * file's header or Parquet schema — compared with what the extract reads. A column the extract
 * reads that is gone stops the entity before anything lands; a new source column is reported or
 * stops it, by the entity's `schemaDrift` policy.
 */
import { splitQuery } from '../cte.ts';
import { dialect, type Dialect } from '../dialect.ts';
import { sql, type Statement } from '../statement.ts';
import { lower, typedColumns } from './columns.ts';
import type { EntitySqlInput } from './entity-sql-input.ts';

/**
 * The read of the source's columns: the catalog's rows of a table or view (one column name per
 * row), or for a free query the query wrapped to return no row (`WHERE 1 = 0`, its CTEs hoisted as
 * the extract hoists them), whose result columns the engine reads without fetching a row;
 * undefined for file sources, which have no statement.
 */
export function sourceColumnsStatement(input: EntitySqlInput): Statement | undefined {
  const source = input.extract.source;
  if (!input.sourceDialect) return undefined;
  const d = dialect(input.sourceDialect);
  if (source.kind === 'table') return d.sourceColumns(source.schema, source.table);
  if (source.kind !== 'query') return undefined;
  const split = splitQuery(source.sql);
  const ctes = split.ctes ? `${split.recursive ? d.withRecursive : 'WITH'} ${split.ctes}\n` : '';
  return sql`${ctes}SELECT * FROM (\n${split.body}\n) AS src\nWHERE 1 = 0`;
}

/** A mapping that is one source column (bare or quoted the dialect's way): that column's name. */
export function mappedColumn(expression: string, d: Dialect): string | undefined {
  const text = expression.trim();
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return text;
  // A quoted name reads back as itself only if quoting it again gives the same text.
  const open = text[0];
  if (open === '"' || open === '`' || open === '[') {
    for (const candidate of [text.slice(1, -1).replaceAll('""', '"'), text.slice(1, -1).replaceAll('``', '`'), text.slice(1, -1).replaceAll(']]', ']')]) {
      if (d.quote(candidate) === text) return candidate;
    }
  }
  return undefined;
}

/** A file column a mapping names: the expression itself, unless it is a `@parameter` or a `$position`. */
function fileColumn(expression: string): string | undefined {
  const text = expression.trim();
  return /^@\w+$/.test(text) || /^\$\d+$/.test(text) ? undefined : text;
}

export interface SourceDrift {
  /** Source columns the extract reads that the source no longer has: always stops the entity. */
  readonly breaking: readonly string[];
  /** Source columns the extract does not read: reported (`warn`), stopping (`fail`) or not mentioned (`ignore`). */
  readonly added: readonly string[];
}

/**
 * The differences between the source table's columns and what the extract reads: an entity column
 * reads the same-named source column unless a mapping says otherwise (a mapping that is an
 * expression, not one column, is not checked).
 */
export function sourceDrift(input: EntitySqlInput, sourceColumns: readonly string[]): SourceDrift {
  const d = input.sourceDialect ? dialect(input.sourceDialect) : undefined;
  // A file's header names are matched as written (any case), not as SQL identifiers.
  const named = (expression: string): string | undefined => (d ? mappedColumn(expression, d) : fileColumn(expression));
  const present = new Set(sourceColumns.map(lower));
  const read = new Set<string>();
  const breaking: string[] = [];
  for (const column of typedColumns(input.entity)) {
    const mapping = input.extract.mappings.find((m) => lower(m.column) === lower(column.name));
    const name = mapping ? named(mapping.expression) : column.name;
    if (name === undefined) continue;
    read.add(lower(name));
    if (!present.has(lower(name))) {
      breaking.push(mapping
        ? `source column "${name}" is gone (entity column "${column.name}" is mapped to it): restore it at the source, or map "${column.name}" to another expression`
        : `source column "${name}" is gone (entity column "${column.name}" reads it): restore it at the source, map "${column.name}" to another expression, or remove the column from the entity`);
    }
  }
  const added = sourceColumns.filter((c) => !read.has(lower(c))).map((c) => `source column "${c}" is not read by the extract: add it to the entity to load it`);
  return { breaking, added };
}

/** What the source is, in a refusal: its table, its query, or the first file of its pattern (`file`). */
function sourceName(input: EntitySqlInput, file: string | undefined): string {
  const source = input.extract.source;
  switch (source.kind) {
    case 'table': return `source table ${source.schema ? `${source.schema}.` : ''}${source.table}`;
    case 'query': return 'the source query';
    case 'files': return `file ${file ?? source.pattern} (the first matching "${source.pattern}")`;
  }
}

/** Why the entity stops before anything lands, or undefined: by its `schemaDrift` policy. `file`: the file a file source's columns were read from. */
export function driftRefusal(input: EntitySqlInput, drift: SourceDrift, file?: string): string | undefined {
  const policy = input.entity.schemaDrift ?? 'warn';
  const stopping = policy === 'fail' ? [...drift.breaking, ...drift.added] : drift.breaking;
  if (!stopping.length) return undefined;
  const where = sourceName(input, file);
  const why = policy === 'fail' ? `${where} changed and the entity's schemaDrift policy is fail` : `${where} no longer has every column the extract reads`;
  return [`entity "${input.entity.name}": ${why}; the run stopped before anything landed:`, ...stopping.map((p) => `- ${p}`)].join('\n');
}
