/**
 * The rules of a fact that look across objects or columns: its warehouse runs facts, its source
 * entity has its columns, each normalization replaces a text column, each summary groups by
 * columns the fact has. Issues name the fact and the field, like every other model issue.
 */
import { isTemporalType, parseColumnType, type ColumnType } from '../model/column-type.ts';
import { dialectOf } from '../sql/dialect.ts';
import type { Connection, Fact, StagingEntity } from '../model/schema.ts';
import type { ValidationIssue } from '../model/validate.ts';
import { factDialect } from './fact-dialect.ts';

/** The longest name a normalization table indexes: 768 characters are MariaDB's 3072-byte key limit in utf8mb4. */
export const MAX_NORMALIZED_LENGTH = 768;

const lower = (text: string): string => text.toLowerCase();
const NUMERIC = new Set<ColumnType['kind']>(['smallint', 'int', 'bigint', 'decimal', 'float', 'double']);

/** Whether facts run on `warehouse`: MariaDB, PostgreSQL or DuckDB (SQL Server is generated for preview only). */
export function factsRunOn(warehouse: Connection): boolean {
  const name = dialectOf(warehouse.kind);
  return name !== undefined && factDialect(name) !== undefined && warehouse.kind !== 'sqlite';
}

/** Every issue of the project's facts. */
export function checkFacts(facts: readonly Fact[], connections: ReadonlyMap<string, Connection>, entities: ReadonlyMap<string, StagingEntity>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const fact of facts) {
    const object = `fact "${fact.name}"`;
    const add = (field: string, message: string): void => void issues.push({ object, field, message });
    if (seen.has(lower(fact.name))) add('name', 'is used by another fact; names must be unique (ignoring case)');
    seen.add(lower(fact.name));
    // One name, one object: `landfall sql`, `runs show --entity` and the run history find facts and entities by name.
    const entity = entities.get(lower(fact.name));
    if (entity) add('name', `is the name of staging entity "${entity.name}"; a fact and an entity cannot share a name (ignoring case)`);
    checkOne(fact, connections, entities, add);
  }
  return issues;
}

function checkOne(fact: Fact, connections: ReadonlyMap<string, Connection>, entities: ReadonlyMap<string, StagingEntity>, add: (field: string, message: string) => void): void {
  const warehouse = connections.get(lower(fact.warehouse));
  if (!warehouse) add('warehouse', `no connection is named "${fact.warehouse}"`);
  else if (!factsRunOn(warehouse)) {
    add('warehouse', `connection "${warehouse.name}" is ${warehouse.kind}; facts run on a MariaDB, PostgreSQL or DuckDB warehouse`);
  } else if (fact.staging.engine !== 'InnoDB' && warehouse.kind !== 'mariadb') {
    add('staging.engine', `the staging engine is a MariaDB setting; remove it for ${warehouse.kind} warehouse "${warehouse.name}"`);
  }
  const columns = new Map(fact.columns.map((c) => [lower(c.name), c]));
  const typeOf = (column: string): ColumnType | undefined => {
    const found = columns.get(lower(column));
    const type = found ? parseColumnType(found.type) : undefined;
    return typeof type === 'object' ? type : undefined;
  };
  const names = new Set<string>();
  fact.columns.forEach((c, i) => {
    if (names.has(lower(c.name))) add(`columns[${i}].name`, `column "${c.name}" appears twice; column names must be unique (ignoring case)`);
    names.add(lower(c.name));
  });
  if (fact.source.kind === 'entity') {
    const entity = entities.get(lower(fact.source.entity));
    if (!entity) add('source.entity', `no staging entity is named "${fact.source.entity}"`);
    else {
      fact.columns.forEach((c, i) => {
        if (!entity.columns.some((e) => lower(e.name) === lower(c.name))) add(`columns[${i}].name`, `"${c.name}" is not a column of entity "${entity.name}", whose new rows feed this fact`);
      });
    }
  }
  // What the fact holds: a normalized column's id in place of its name.
  const factColumns = new Set(fact.columns.map((c) => lower(c.name)));
  const tables = new Set<string>([lower(fact.name)]);
  const table = (field: string, bare: string): void => {
    if (tables.has(lower(bare))) add(field, `"${bare}" is the name of another table of this fact; name each table once`);
    tables.add(lower(bare));
  };
  fact.normalizations.forEach((n, i) => {
    const field = `normalizations[${i}]`;
    const type = typeOf(n.column);
    const column = columns.get(lower(n.column));
    if (!column) add(`${field}.column`, `"${n.column}" is not a column of this fact`);
    else if (type?.kind !== 'string' || type.length === undefined || type.length > MAX_NORMALIZED_LENGTH) {
      add(`${field}.column`, `"${n.column}" is ${column.type}; a normalized column is text of at most ${MAX_NORMALIZED_LENGTH} characters, such as string(99), so its names can be indexed`);
    } else if (column.nullable) add(`${field}.column`, `"${n.column}" is nullable; a normalized name must be there in every row: set nullable to false`);
    if (factColumns.has(lower(n.id)) && lower(n.id) !== lower(n.column)) add(`${field}.id`, `"${n.id}" is already a column of this fact; name the id column apart`);
    factColumns.delete(lower(n.column));
    factColumns.add(lower(n.id));
    table(`${field}.table`, n.table);
  });
  for (const [index, n] of fact.normalizations.entries()) {
    if (fact.normalizations.findIndex((m) => lower(m.column) === lower(n.column)) !== index) add(`normalizations[${index}].column`, `"${n.column}" is normalized twice`);
  }
  const idColumns = new Set(fact.normalizations.map((n) => lower(n.id)));
  fact.summaries.forEach((s, i) => {
    const field = `summaries[${i}]`;
    table(`${field}.table`, s.table);
    const out = new Set<string>();
    const output = (f: string, name: string): void => {
      if (out.has(lower(name))) add(f, `"${name}" is a column of this summary twice; give one another name with "as"`);
      out.add(lower(name));
    };
    s.groupBy.forEach((g, j) => {
      const f = `${field}.groupBy[${j}]`;
      if (!factColumns.has(lower(g.column))) {
        add(`${f}.column`, `"${g.column}" is not a column of the fact${columns.has(lower(g.column)) ? ' (it is normalized: group by its id column)' : ''}`);
        return;
      }
      const type = idColumns.has(lower(g.column)) ? undefined : typeOf(g.column);
      if (g.bucket && (!type || !isTemporalType(type))) add(`${f}.bucket`, `"${g.column}" is not a date or datetime column; only those are cut into ${g.bucket}s`);
      if (!idColumns.has(lower(g.column)) && columns.get(lower(g.column))?.nullable) {
        add(`${f}.column`, `"${g.column}" is nullable; a summary's key must be there in every row: set nullable to false`);
      }
      output(`${f}.as`, g.as ?? g.column);
    });
    s.measures.forEach((m, j) => {
      const f = `${field}.measures[${j}]`;
      output(`${f}.as`, m.as);
      if (m.column === undefined) {
        if (m.function !== 'count') add(`${f}.column`, `${m.function} needs a column`);
        return;
      }
      if (!factColumns.has(lower(m.column))) {
        add(`${f}.column`, `"${m.column}" is not a column of the fact`);
        return;
      }
      const type = typeOf(m.column);
      if (m.function === 'sum' && (!type || !NUMERIC.has(type.kind))) add(`${f}.function`, `"${m.column}" is not a number column; sum adds numbers`);
    });
  });
}
