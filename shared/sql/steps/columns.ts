/**
 * The entity's columns as the warehouse builders see them: typed columns, business keys, the
 * metadata columns Landfall adds, table names, the key index and the row checksum.
 */
import { parseColumnType, type ColumnType } from '../../model/column-type.ts';
import type { Column, StagingEntity } from '../../model/schema.ts';
import { dialect, type Dialect, type KeyIndex, type WarehouseSchema } from '../dialect.ts';
import { sql, type Statement } from '../statement.ts';
import type { EntitySqlInput } from './entity-sql-input.ts';

/** Metadata columns Landfall adds to staging and persistent staging tables. */
export const META = {
  operation: 'lf_change_operation',
  rowHash: 'lf_row_hash',
  validFrom: 'lf_valid_from',
  validTo: 'lf_valid_to',
  isCurrent: 'lf_is_current',
  isDeleted: 'lf_is_deleted',
  batchId: 'lf_batch_id',
} as const;

export const CONTROL_TABLE = 'control_parameters';
/** Which row-hash scheme each entity's persistent staging holds (`Dialect.rowHashScheme`). */
export const HASH_SCHEME_TABLE = 'row_hash_schemes';
export const CHANGE_TRACKING_PARAMETER = 'change_tracking_version';

export interface TypedColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly column: Column;
}

export function typedColumns(entity: StagingEntity): TypedColumn[] {
  return entity.columns.map((column) => {
    const type = parseColumnType(column.type);
    if (typeof type === 'string') throw new Error(`entity "${entity.name}", column "${column.name}": ${type}`);
    return { name: column.name, type, column };
  });
}

export const lower = (text: string): string => text.toLowerCase();

export function keyColumns(entity: StagingEntity, columns: readonly TypedColumn[]): TypedColumn[] {
  return entity.businessKey.map((key) => {
    const column = columns.find((c) => lower(c.name) === lower(key));
    if (!column) throw new Error(`entity "${entity.name}": business key "${key}" is not a column`);
    return column;
  });
}

export function columnByName(columns: readonly TypedColumn[], name: string, entity: string): TypedColumn {
  const column = columns.find((c) => lower(c.name) === lower(name));
  if (!column) throw new Error(`entity "${entity}": "${name}" is not a column`);
  return column;
}

export function tableName(input: EntitySqlInput, schema: WarehouseSchema, suffix = ''): string {
  return dialect(input.warehouseDialect).table(schema, `${input.entity.name}${suffix}`);
}

/**
 * The key index of a warehouse table (with the current flag on persistent staging), where the
 * dialect keeps one (`Dialect.keyIndex`).
 */
export function keyIndexStatements(input: EntitySqlInput, schema: WarehouseSchema, withCurrent: boolean): Statement[] {
  const text = dialect(input.warehouseDialect).keyIndex(keyIndex(input, schema, withCurrent));
  return text === undefined ? [] : [sql`${text}`];
}

/**
 * Drops the key index `keyIndexStatements` makes, where the dialect builds it after a bulk insert
 * instead of maintaining it during one (`Dialect.dropKeyIndex`).
 */
export function dropKeyIndexStatements(input: EntitySqlInput, schema: WarehouseSchema, withCurrent: boolean): Statement[] {
  const text = dialect(input.warehouseDialect).dropKeyIndex?.(keyIndex(input, schema, withCurrent));
  return text === undefined ? [] : [sql`${text}`];
}

/** The key index of a warehouse table, as the dialect's index hooks see it. */
function keyIndex(input: EntitySqlInput, schema: WarehouseSchema, withCurrent: boolean): KeyIndex {
  const keys = keyColumns(input.entity, typedColumns(input.entity));
  return { schema, entity: input.entity.name, table: tableName(input, schema), keys, current: withCurrent ? META.isCurrent : undefined };
}

/**
 * The row checksum: the dialect's hash of the typed values (`Dialect.valuesHash`), or each column as unambiguous text (`N` for NULL, `V<length>:<text>` for a
 * value, so NULL and '' differ and no two rows can run together), concatenated in the entity's
 * column order and hashed.
 */
export function rowHash(w: Dialect, alias: string, columns: readonly TypedColumn[]): string {
  if (w.valuesHash) return w.valuesHash(columns.map((c) => `${alias}.${w.quote(c.name)}`));
  const parts = columns.map((c) => {
    const ref = `${alias}.${w.quote(c.name)}`;
    const text = w.hashText(ref, c.type);
    return `CASE WHEN ${ref} IS NULL THEN 'N' ELSE ${w.concat([`'V'`, w.length(text), `':'`, text])} END`;
  });
  const all = w.concat(parts);
  return w.hash(all) ?? all;
}

