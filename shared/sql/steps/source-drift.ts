/**
 * Schema drift: the source table's columns, read from its catalog before extracting, compared with
 * what the extract reads. A column the extract reads that is gone stops the entity before anything
 * lands; a new source column is reported or stops it, by the entity's `schemaDrift` policy.
 */
import { dialect, type Dialect } from '../dialect.ts';
import type { Statement } from '../statement.ts';
import { lower, typedColumns } from './columns.ts';
import type { EntitySqlInput } from './entity-sql-input.ts';

/** The catalog read of the source table's columns; undefined for sources that are not a table or view. */
export function sourceColumnsStatement(input: EntitySqlInput): Statement | undefined {
  const source = input.extract.source;
  if (source.kind !== 'table' || !input.sourceDialect) return undefined;
  return dialect(input.sourceDialect).sourceColumns(source.schema, source.table);
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
  if (!input.sourceDialect) return { breaking: [], added: [] };
  const d = dialect(input.sourceDialect);
  const present = new Set(sourceColumns.map(lower));
  const read = new Set<string>();
  const breaking: string[] = [];
  for (const column of typedColumns(input.entity)) {
    const mapping = input.extract.mappings.find((m) => lower(m.column) === lower(column.name));
    const name = mapping ? mappedColumn(mapping.expression, d) : column.name;
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

/** Why the entity stops before anything lands, or undefined: by its `schemaDrift` policy. */
export function driftRefusal(input: EntitySqlInput, drift: SourceDrift): string | undefined {
  const policy = input.entity.schemaDrift ?? 'warn';
  const stopping = policy === 'fail' ? [...drift.breaking, ...drift.added] : drift.breaking;
  if (!stopping.length) return undefined;
  const source = input.extract.source;
  const where = source.kind === 'table' ? `source table ${source.schema ? `${source.schema}.` : ''}${source.table}` : 'the source';
  const why = policy === 'fail' ? `${where} changed and the entity's schemaDrift policy is fail` : `${where} no longer has every column the extract reads`;
  return [`entity "${input.entity.name}": ${why}; the run stopped before anything landed:`, ...stopping.map((p) => `- ${p}`)].join('\n');
}
