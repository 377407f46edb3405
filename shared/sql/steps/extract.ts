/** The extract step, on the source: the saved state read first, Change Tracking versions, the extract query. */
import { bind, join, sql, type Statement } from '../statement.ts';
import { dialect, type Dialect, type SqlValue } from '../dialect.ts';
import { splitQuery } from '../cte.ts';
import { comparedWatermark, watermarkValue } from '../watermark.ts';
import { CONTROL_TABLE, META, columnByName, keyColumns, lower, typedColumns, type TypedColumn } from './columns.ts';
import { changeTrackingKeySource } from '../../model/validate.ts';
import { dateWindow } from './date-window.ts';
import { extractMode, type EntitySqlInput, type ExtractMode, type RunState } from './entity-sql-input.ts';

function parameterValue(name: string, input: EntitySqlInput, state: RunState): SqlValue {
  switch (name) {
    case 'batch_date':
      return { type: 'date', value: state.batchDate };
    case 'batch_id':
      return { type: 'integer', value: state.batchId };
    case 'run_id':
      return { type: 'text', value: state.runId };
    case 'entity_name':
      return { type: 'text', value: input.entity.name };
    default: {
      const value = input.parameters[name];
      if (value === undefined) throw new Error(`entity "${input.entity.name}": @${name} is not a parameter of this project`);
      return { type: 'text', value };
    }
  }
}

/** A select-list item: the source expression named as the staging column. */
function selectItem(column: TypedColumn, input: EntitySqlInput, state: RunState, d: Dialect): Statement {
  return selected(sourceExpression(column, input, state, d), column, d);
}

/** A selected column under its name, in the form the source's driver hands over exactly (`exactRead`). */
function selected(expression: Statement, column: TypedColumn, d: Dialect): Statement {
  const read = d.exactRead?.(expression, column.type) ?? expression;
  const name = d.quote(column.name);
  return read.parts.length === 1 && read.parts[0] === name ? read : sql`${read} AS ${name}`;
}

/** The source expression of a staging column: its mapping, or the same-named source column. */
function sourceExpression(column: TypedColumn, input: EntitySqlInput, state: RunState, d: Dialect): Statement {
  const mapping = input.extract.mappings.find((m) => lower(m.column) === lower(column.name));
  if (!mapping) return sql`${d.quote(column.name)}`;
  const parameter = /^@(\w+)$/.exec(mapping.expression.trim());
  if (parameter) return sql`CAST(${bind(parameterValue(parameter[1]!, input, state))} AS ${d.castType(column.type)})`;
  return sql`${mapping.expression}`;
}

function sourceTable(input: EntitySqlInput, d: Dialect): string {
  const source = input.extract.source;
  if (source.kind !== 'table') throw new Error(`entity "${input.entity.name}": the source is not a table`);
  return source.schema ? `${d.quote(source.schema)}.${d.quote(source.table)}` : d.quote(source.table);
}

/** A soft delete condition read as the row's change operation: `D` where the source marked it deleted, else `otherwise`. */
function softDeleteOperation(input: EntitySqlInput, d: Dialect, otherwise: string): Statement | undefined {
  const soft = input.entity.softDelete;
  return soft ? sql`CASE WHEN (${soft.expression}) THEN 'D' ELSE ${otherwise} END AS ${d.quote(META.operation)}` : undefined;
}

/** Statement that reads this entity's saved parameters from the warehouse. */
export function readStateStatement(input: EntitySqlInput): Statement {
  const w = dialect(input.warehouseDialect);
  return sql`SELECT ${w.quote('parameter')}, ${w.quote('value')} FROM ${w.table('zdm', CONTROL_TABLE)} WHERE ${w.quote('entity')} = ${bind({ type: 'text', value: input.entity.name })}`;
}

/** Change Tracking: the current and minimum valid versions, captured before extracting. */
export function changeTrackingVersionsStatement(input: EntitySqlInput): Statement {
  const d = dialect('tsql');
  const table = sourceTable(input, d);
  return sql`SELECT CAST(CHANGE_TRACKING_CURRENT_VERSION() AS NVARCHAR(30)) AS current_version, CAST(CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(${d.literal({ type: 'text', value: table })})) AS NVARCHAR(30)) AS min_valid_version`;
}

/**
 * The extract query, for table/view and query sources. Files sources have none. `range` is one
 * more condition on the table's own rows (a parallel reader's `ctid` pages).
 */
export function extractStatement(input: EntitySqlInput, state: RunState, range?: Statement): { statement: Statement; mode: ExtractMode } {
  const mode = extractMode(input, state);
  if (mode === 'files' || input.sourceDialect === undefined) {
    throw new Error(`entity "${input.entity.name}" reads files: there is no extract query`);
  }
  const d = dialect(input.sourceDialect);
  const columns = typedColumns(input.entity);
  const source = input.extract.source;
  const select = columns.map((c) => selectItem(c, input, state, d));
  const softDelete = softDeleteOperation(input, d, `'U'`);
  if (softDelete && mode !== 'changes') select.push(softDelete);

  if (mode === 'changes') {
    // Keys come from CHANGETABLE, so deleted rows (absent from the table) still carry them.
    const keys = keyColumns(input.entity, columns);
    const ctKey = (k: TypedColumn): string => d.quote(`lf_ct_${k.name}`);
    const list = columns.map((c) =>
      keys.includes(c) ? selected(sql`${ctKey(c)}`, c, d) : selectItem(c, input, state, d),
    );
    const table = sourceTable(input, d);
    // CHANGETABLE names the key columns as the tracked table does: a mapped key is read by its source name.
    const keySource = (k: TypedColumn): string => {
      const mapping = input.extract.mappings.find((m) => lower(m.column) === lower(k.name));
      if (!mapping) return d.quote(k.name);
      const name = changeTrackingKeySource(mapping.expression);
      if (name === undefined) throw new Error(`entity "${input.entity.name}": business key column "${k.name}" must map straight to a key column of the tracked table for Change Tracking, not to an expression`);
      return d.quote(name);
    };
    const on = join(keys.map((k) => `src.${keySource(k)} = ct.${keySource(k)}`), ' AND ');
    // A row the source marked deleted (and still holds) is a delete whatever the change was.
    const operation = softDeleteOperation(input, d, `src.${d.quote(META.operation)}`) ?? sql`${d.quote(META.operation)}`;
    return {
      mode,
      statement: sql`SELECT ${join(list, ',\n       ')},\n       ${operation}
FROM (
  SELECT src.*, ct.SYS_CHANGE_OPERATION AS ${d.quote(META.operation)}, ${join(keys.map((k) => `ct.${keySource(k)} AS ${ctKey(k)}`), ', ')}
  FROM CHANGETABLE(CHANGES ${table}, ${bind({ type: 'integer', value: BigInt(state.changeTracking!.saved!) })}) AS ct
  LEFT OUTER JOIN ${table} AS src ON ${on}
) AS src`,
    };
  }

  let with_ = '';
  let from: string;
  if (source.kind === 'query') {
    const split = splitQuery(source.sql);
    if (split.ctes) with_ = `${split.recursive ? d.withRecursive : 'WITH'} ${split.ctes}\n`;
    from = `(\n${split.body}\n) AS src`;
  } else {
    from = sourceTable(input, d);
  }

  const conditions: Statement[] = [];
  const pattern = input.extract.pattern;
  if (mode === 'incremental' && pattern.kind === 'incremental') {
    const checks = pattern.changeColumns.map((change) => {
      const column = columnByName(columns, change.column, input.entity.name);
      const value = watermarkValue(
        state.watermarks[change.column]!,
        column.type,
        change.lookback === undefined ? undefined : { amount: change.lookback, unit: change.lookbackUnit },
        `entity "${input.entity.name}", change column "${change.column}"`,
      );
      const bound = bind(comparedWatermark(value, pattern.comparison, d));
      const watermark = column.type.kind === 'datetimeoffset' ? d.utcInstant(bound) : bound;
      return sql`(${sourceExpression(column, input, state, d)}) ${pattern.comparison} ${watermark}`;
    });
    // A row has changed when any of its change identifiers moved past its saved value.
    conditions.push(checks.length === 1 ? checks[0]! : sql`(${join(checks, '\n    OR ')})`);
  }
  if (mode === 'dateRange' && pattern.kind === 'dateRange') {
    const column = columnByName(columns, pattern.column, input.entity.name);
    conditions.push(dateWindow(sql`(${sourceExpression(column, input, state, d)})`, column.type, pattern.days, state.batchDate));
  }
  if (range) conditions.push(range);
  const where = conditions.length ? sql`\nWHERE ${join(conditions, '\n  AND ')}` : sql``;
  return { mode, statement: sql`${with_}SELECT ${join(select, ',\n       ')}\nFROM ${from}${where}` };
}

