/**
 * The checks step: one query per data check of the entity, run on the staged change set after the
 * change set and before persist, inside the load. Each returns the check's failing rows (at most
 * `SHOWN_ROWS`), each with the number of failing rows as its last value; no row: the check passed.
 */
import { effectiveChecks, checkName, type DataCheck } from '../../model/data-checks.ts';
import { dialect } from '../dialect.ts';
import { bind, join, sql, type Statement } from '../statement.ts';
import { META, columnByName, keyColumns, tableName, typedColumns, type TypedColumn } from './columns.ts';
import { needsChangeSet, stagingHasOperation, type EntitySqlInput, type ExtractMode } from './entity-sql-input.ts';

/** How many failing rows a check's message shows. */
export const SHOWN_ROWS = 10;
/** The last value of each failing row: how many rows fail in all. */
export const FAILING = 'lf_failing';

/** A check's query and what its rows are. */
export interface CheckQuery {
  readonly check: DataCheck;
  readonly name: string;
  readonly statement: Statement;
  /** The names of a failing row's values (before the count); empty for a SQL check's own columns. */
  readonly columns: readonly string[];
}

/** What the step knows of the staging table when it runs. */
export interface CheckContext {
  readonly mode: ExtractMode;
  /** No current version in persistent staging: the staging table holds the staged rows, not a change set. */
  readonly persistentEmpty: boolean;
  /** Rows the extract delivered (landed). */
  readonly rows: number;
  /** Deletes the key sweep adds in persist: keys of current rows missing from this keys table. */
  readonly sweptKeys?: string | undefined;
}

/** The queries of the entity's checks, in the order declared (the default one last). */
export function dataCheckQueries(input: EntitySqlInput, context: CheckContext): CheckQuery[] {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const temp = tableName(input, 'temp');
  const psg = tableName(input, 'psg');
  const op = w.quote(META.operation);
  // The change set, or staged rows that flag their operation, say which rows are deletes.
  const changeSet = needsChangeSet(context.mode) && !context.persistentEmpty;
  const flagged = changeSet || stagingHasOperation(input, context.mode);
  const written = flagged ? `(SELECT * FROM ${temp} WHERE ${op} <> 'D')` : temp;
  const current = `(SELECT * FROM ${psg} WHERE ${w.quote(META.isCurrent)} = ${w.true} AND ${w.quote(META.isDeleted)} = ${w.false})`;
  const keyMatch = (a: string, b: string): string => keys.map((k) => `${a}.${w.quote(k.name)} = ${b}.${w.quote(k.name)}`).join(' AND ');
  const refs = (alias: string, list: readonly TypedColumn[]): string[] => list.map((c) => `${alias}.${w.quote(c.name)}`);
  const failing = `COUNT(*) OVER () AS ${w.quote(FAILING)}`;
  const first = (select: Statement): Statement => w.firstRows(select, SHOWN_ROWS);

  const query = (check: DataCheck): { statement: Statement; columns: readonly string[] } => {
    switch (check.kind) {
      case 'rowCount': {
        // A literal, not a parameter: PostgreSQL would type a bare parameter as text.
        const n = String(Math.trunc(context.rows));
        const bounds = [
          ...(check.min === undefined ? [] : [`r.${w.quote('rows_extracted')} < ${check.min}`]),
          ...(check.max === undefined ? [] : [`r.${w.quote('rows_extracted')} > ${check.max}`]),
        ];
        return { columns: ['rows extracted'], statement: sql`SELECT r.${w.quote('rows_extracted')}, 1 AS ${w.quote(FAILING)}\nFROM (SELECT ${n} AS ${w.quote('rows_extracted')}) AS r\nWHERE ${bounds.join(' OR ')}` };
      }
      case 'maxShare': {
        const closes = check.of === 'deleted'
          ? changeSet
            ? `(SELECT COUNT(*) FROM ${temp} WHERE ${op} = 'D')`
            // A staged delete (soft delete, change tracking) deletes only a key that has a current row.
            : flagged ? `(SELECT COUNT(*) FROM ${temp} AS s WHERE s.${op} = 'D' AND EXISTS (SELECT 1 FROM ${current} AS p WHERE ${keyMatch('p', 's')}))` : '0'
          : changeSet
            ? `(SELECT COUNT(*) FROM ${temp} WHERE ${op} IN ('U', 'D'))`
            : `(SELECT COUNT(*) FROM ${temp} AS s WHERE EXISTS (SELECT 1 FROM ${current} AS p WHERE ${keyMatch('p', 's')}))`;
        const swept = context.sweptKeys === undefined
          ? ''
          : ` + (SELECT COUNT(*) FROM ${current} AS p WHERE NOT EXISTS (SELECT 1 FROM ${context.sweptKeys} AS k WHERE ${keyMatch('k', 'p')}))`;
        const n = w.quote('affected');
        const of = w.quote('current_rows');
        // No row affected passes whatever the current rows are: tested first, so that PostgreSQL
        // never runs the count of every current row (its subquery runs when first needed).
        return {
          columns: [check.of === 'deleted' ? 'rows deleted' : 'rows changed', 'current rows'],
          statement: sql`SELECT c.${n}, c.${of}, 1 AS ${w.quote(FAILING)}
FROM (SELECT ${closes}${swept} AS ${n}, (SELECT COUNT(*) FROM ${current} AS p) AS ${of}) AS c
WHERE c.${n} > 0 AND c.${n} * 100 > c.${of} * ${String(check.percent)}`,
        };
      }
      case 'notNull': {
        const checked = check.columns.map((name) => columnByName(columns, name, input.entity.name));
        const shown = [...keys, ...checked.filter((c) => !keys.includes(c))];
        return {
          columns: shown.map((c) => c.name),
          statement: first(sql`SELECT ${[...refs('s', shown), failing].join(', ')}\nFROM ${written} AS s\nWHERE ${checked.map((c) => `s.${w.quote(c.name)} IS NULL`).join(' OR ')}`),
        };
      }
      case 'unique': {
        // The current rows after this run: the rows it writes, and the current rows it leaves alone.
        const checked = check.columns.map((name) => columnByName(columns, name, input.entity.name));
        const list = checked.map((c) => w.quote(c.name)).join(', ');
        const after = `(SELECT ${list} FROM ${written} AS s\n  UNION ALL\n  SELECT ${refs('p', checked).join(', ')} FROM ${current} AS p WHERE NOT EXISTS (SELECT 1 FROM ${temp} AS s WHERE ${keyMatch('s', 'p')}))`;
        return {
          columns: [...checked.map((c) => c.name), 'rows'],
          statement: first(sql`SELECT ${list}, COUNT(*) AS ${w.quote('copies')}, ${failing}\nFROM ${after} AS a\nGROUP BY ${list}\nHAVING COUNT(*) > 1`),
        };
      }
      case 'acceptedValues': {
        const column = columnByName(columns, check.column, input.entity.name);
        const ref = `s.${w.quote(column.name)}`;
        const text = column.type.kind === 'string' ? ref : w.hashText(ref, column.type);
        const values = join(check.values.map((value) => bind({ type: 'text', value })), ', ');
        const shown = [...keys, ...(keys.includes(column) ? [] : [column])];
        return {
          columns: shown.map((c) => c.name),
          statement: first(sql`SELECT ${[...refs('s', shown), failing].join(', ')}\nFROM ${written} AS s\nWHERE ${ref} IS NOT NULL AND ${text} NOT IN (${values})`),
        };
      }
      case 'sql': {
        const own = check.sql.trim().replace(/;\s*$/, '').replaceAll('{{staged}}', written).replaceAll('{{current}}', current);
        return { columns: [], statement: first(sql`SELECT q.*, ${failing}\nFROM (\n${own}\n) AS q`) };
      }
    }
  };
  return effectiveChecks(input.entity.checks, input.extract.pattern.kind).map((check) => ({ check, name: checkName(check), ...query(check) }));
}
