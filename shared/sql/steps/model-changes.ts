/**
 * Model evolution: what differs between an entity's columns and the persistent staging table an
 * earlier run created for it, and whether each difference can be migrated. Pure: the engine reads
 * the table's columns (the model step), the run plan turns the changes into the migrate step's
 * statements, and a change that cannot be made stops the entity before anything lands.
 */
import { formatColumnType, parseColumnType, type ColumnType } from '../../model/column-type.ts';
import { dialect, type SqlValue } from '../dialect.ts';
import { META, lower, typedColumns, type TypedColumn } from './columns.ts';
import type { EntitySqlInput } from './entity-sql-input.ts';

/** What the model step found of persistent staging: its columns, and the entity's columns as the last run recorded them. */
export interface WarehouseModel {
  /** The table's columns in order (Landfall's `lf_` columns included); empty when it does not exist yet. */
  readonly columns: readonly { readonly name: string; readonly nullable: boolean; /** As the catalog spells it. */ readonly sqlType: string }[];
  /** The column types recorded in `zdm.entity_columns` by the last run, by column; absent for tables from before they were recorded. */
  readonly recorded?: readonly { readonly name: string; readonly type: string }[] | undefined;
  /** The business key persistent staging was built with, as the last run recorded it; absent for tables from before it was recorded. */
  readonly recordedKey?: readonly string[] | undefined;
}

/** One change persistent staging needs to hold the entity's columns. */
export type ModelChange =
  | { readonly kind: 'add'; readonly column: TypedColumn; readonly value: SqlValue | undefined }
  | { readonly kind: 'rename'; readonly from: string; readonly column: TypedColumn }
  | { readonly kind: 'widen'; readonly column: TypedColumn; readonly from: ColumnType }
  /** A column made nullable (`alter`: it is NOT NULL now), or no longer in the entity (`removed`: kept as history, nullable). */
  | { readonly kind: 'nullable'; readonly name: string; readonly type: ColumnType | undefined; readonly sqlType: string; readonly removed: boolean; readonly alter: boolean }
  /** The row-hash column still holds text from an earlier release where the hash is now a number (`Dialect.hashRetype`). */
  | { readonly kind: 'hashType'; readonly from: string; readonly to: string };

export interface ModelChanges {
  readonly changes: readonly ModelChange[];
  /** The differences that cannot be migrated, each with what to do. */
  readonly problems: readonly string[];
}

const LF_COLUMNS = new Set<string>(Object.values(META));

/** Whether every value of `from` fits `to` unchanged, so the column's type can be altered in place. */
export function widens(from: ColumnType, to: ColumnType): boolean {
  const rank = { smallint: 1, int: 2, bigint: 3 } as const;
  if (from.kind === 'smallint' || from.kind === 'int' || from.kind === 'bigint') {
    return (to.kind === 'smallint' || to.kind === 'int' || to.kind === 'bigint') && rank[to.kind] > rank[from.kind];
  }
  if (from.kind === 'float') return to.kind === 'double';
  if (from.kind === 'decimal') return to.kind === 'decimal' && to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale && (to.precision > from.precision || to.scale > from.scale);
  if (from.kind === 'string' || from.kind === 'binary') {
    return to.kind === from.kind && from.length !== undefined && (to.length === undefined || to.length > from.length);
  }
  return false;
}

/** A declared default as the value of its column's type, or why it is not one. */
export function defaultValue(text: string, type: ColumnType): SqlValue | string {
  const integer = /^-?\d+$/.test(text);
  switch (type.kind) {
    case 'smallint':
    case 'int':
    case 'bigint': return integer ? { type: 'integer', value: BigInt(text) } : `"${text}" is not a whole number`;
    case 'decimal': return /^-?\d+(\.\d+)?$/.test(text) ? { type: 'decimal', value: text } : `"${text}" is not a decimal number`;
    case 'float':
    case 'double': return Number.isFinite(Number(text)) && text.trim() !== '' ? { type: 'double', value: Number(text) } : `"${text}" is not a number`;
    case 'boolean': return text === 'true' || text === 'false' ? { type: 'boolean', value: text === 'true' } : `"${text}" is not true or false`;
    case 'date': return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { type: 'date', value: text } : `"${text}" is not a date (YYYY-MM-DD)`;
    case 'datetime': return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,7})?$/.test(text) ? { type: 'datetime', value: text } : `"${text}" is not a datetime (YYYY-MM-DD HH:MM:SS)`;
    case 'string': return type.length !== undefined && [...text].length > type.length ? `"${text}" is longer than ${type.length} characters` : { type: 'text', value: text };
    case 'time':
    case 'datetimeoffset':
    case 'binary':
    case 'uuid': return `a default for a ${type.kind} column is not supported; leave it out (the existing versions hold NULL)`;
  }
}

/**
 * The changes that make persistent staging hold the entity's columns: new columns added (NULL, or
 * the declared default, in the existing versions), declared renames, widened types, and columns no
 * longer in the entity kept as history (nullable, since new versions carry no value for them).
 */
export function modelChanges(input: EntitySqlInput, model: WarehouseModel): ModelChanges {
  const existing = model.columns.filter((c) => !LF_COLUMNS.has(lower(c.name)));
  if (!existing.length) return { changes: [], problems: [] };
  const columns = typedColumns(input.entity);
  const keys = new Set(input.entity.businessKey.map(lower));
  const byName = new Map(existing.map((c) => [lower(c.name), c]));
  const recorded = new Map((model.recorded ?? []).map((c) => [lower(c.name), c.type]));
  const changes: ModelChange[] = [];
  const problems: string[] = [];
  const keyChange = businessKeyChange(input, model);
  if (keyChange) problems.push(keyChange);
  const kept = new Set<string>();
  const retype = dialect(input.warehouseDialect).hashRetype;
  const hash = model.columns.find((c) => lower(c.name) === META.rowHash);
  if (retype && hash && hash.sqlType.toLowerCase() !== retype.catalogType.toLowerCase()) changes.push({ kind: 'hashType', from: hash.sqlType, to: retype.catalogType });
  for (const column of columns) {
    const name = lower(column.name);
    let found = byName.get(name);
    let recordedName = name;
    if (!found && column.column.renamedFrom !== undefined && byName.has(lower(column.column.renamedFrom))) {
      found = byName.get(lower(column.column.renamedFrom))!;
      recordedName = lower(column.column.renamedFrom);
      changes.push({ kind: 'rename', from: found.name, column });
    }
    if (!found) {
      if (keys.has(name)) {
        // A recorded key that changed says so once, with the old and new keys.
        if (!keyChange) problems.push(`column "${column.name}" is new and part of the business key, but the existing versions have no value for it: a new key cannot be added to existing history; load the entity under a new name`);
        continue;
      }
      const declared = column.column.default;
      const value = declared === undefined ? undefined : defaultValue(declared, column.type);
      if (typeof value === 'string') problems.push(`column "${column.name}": its default ${value}`);
      else if (!column.column.nullable && value === undefined) problems.push(`column "${column.name}" is new and NOT NULL, but the existing versions have no value for it: declare a default for it, or make it nullable`);
      else changes.push({ kind: 'add', column, value });
      continue;
    }
    kept.add(lower(found.name));
    const before = recorded.get(recordedName);
    const from = before === undefined ? undefined : parseColumnType(before);
    if (from !== undefined && typeof from !== 'string' && formatColumnType(from) !== formatColumnType(column.type)) {
      if (widens(from, column.type)) changes.push({ kind: 'widen', column, from });
      else {
        const narrower = from.kind === column.type.kind || widens(column.type, from);
        problems.push(narrower
          ? `column "${column.name}" is ${formatColumnType(from)} in persistent staging and ${formatColumnType(column.type)} in the entity: a narrower type cannot hold every existing version; keep ${formatColumnType(from)} or widen it`
          : `column "${column.name}" is ${formatColumnType(from)} in persistent staging and ${formatColumnType(column.type)} in the entity: its existing versions cannot be converted; keep ${formatColumnType(from)}, or add the new type as a new column`);
      }
    } else if (column.column.nullable && !keys.has(name) && !found.nullable) {
      changes.push({ kind: 'nullable', name: found.name, type: column.type, sqlType: found.sqlType, removed: false, alter: true });
    }
  }
  for (const column of existing) {
    if (kept.has(lower(column.name))) continue;
    const type = recorded.get(lower(column.name));
    // Reported once: by the run after the entity last had it (or the one that makes it nullable).
    if (column.nullable && type === undefined) continue;
    const parsed = type === undefined ? undefined : parseColumnType(type);
    changes.push({ kind: 'nullable', name: column.name, type: typeof parsed === 'string' ? undefined : parsed, sqlType: column.sqlType, removed: true, alter: !column.nullable });
  }
  return { changes, problems };
}

/**
 * Why persistent staging cannot take the entity's business key, or undefined: its versions are
 * identified by the key it was built with (recorded by the last run), and rows compared by another
 * key would match none of them. A key column declared `renamedFrom` its recorded name is the same key.
 */
function businessKeyChange(input: EntitySqlInput, model: WarehouseModel): string | undefined {
  if (!model.recordedKey?.length) return undefined;
  const renamed = new Map(input.entity.columns.filter((c) => c.renamedFrom !== undefined).map((c) => [lower(c.renamedFrom!), c.name]));
  const before = model.recordedKey.map((k) => renamed.get(lower(k)) ?? k);
  const now = input.entity.businessKey;
  const same = before.length === now.length && before.every((k) => now.some((n) => lower(n) === lower(k)));
  if (same) return undefined;
  const list = (key: readonly string[]): string => `(${key.join(', ')})`;
  const gone = model.recordedKey.filter((k) => !input.entity.columns.some((c) => lower(c.name) === lower(k)));
  return `the business key changed: persistent staging was built with the key ${list(model.recordedKey)}, the entity's key is now ${list(now)}; its versions are identified by the old key, so no row could be matched with them: load the entity under a new name (a new persistent staging), or keep the key ${list(model.recordedKey)}${gone.length ? `; if ${gone.map((g) => `"${g}"`).join(', ')} was renamed, declare the new column with renamedFrom: "${gone[0]}"` : ''}`;
}

/** What a change did, for the run's result and output. */
export function describeChange(change: ModelChange): string {
  switch (change.kind) {
    case 'add': return change.value === undefined
      ? `column "${change.column.name}" added to persistent staging (nullable ${formatColumnType(change.column.type)}); its existing versions hold NULL`
      : `column "${change.column.name}" added to persistent staging (${formatColumnType(change.column.type)}); its existing versions hold its default ${change.column.column.default ?? ''}`;
    case 'rename': return `column "${change.from}" renamed to "${change.column.name}" in persistent staging`;
    case 'widen': return `column "${change.column.name}" widened from ${formatColumnType(change.from)} to ${formatColumnType(change.column.type)} in persistent staging`;
    case 'nullable': return change.removed
      ? `column "${change.name}" is no longer in the entity: kept in persistent staging as history (now nullable), no longer hashed`
      : `column "${change.name}" made nullable in persistent staging`;
    case 'hashType': return `row-hash column "${META.rowHash}" converted from ${change.from} to ${change.to} in persistent staging (no version is rewritten)`;
  }
}
