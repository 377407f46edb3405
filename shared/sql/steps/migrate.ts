/**
 * The model and migrate steps: persistent staging's columns read before extracting, the DDL that
 * makes it hold the entity's columns (run in the load, and by `landfall migrate`), and the record
 * of the entity's column types the next run compares with.
 */
import { formatColumnType } from '../../model/column-type.ts';
import { dialect, insertedRows, type ColumnAlteration } from '../dialect.ts';
import { bind, sql, type Statement } from '../statement.ts';
import { META, tableName, typedColumns } from './columns.ts';
import type { EntitySqlInput, RunState } from './entity-sql-input.ts';
import { modelChanges, type ModelChange, type ModelChanges, type WarehouseModel } from './model-changes.ts';

/**
 * The entity's column types as the last run that loaded it declared them (positions 1, 2, …): what
 * the model step compares types with; and the business key persistent staging was built with, one
 * row per key column at positions -1, -2, … (type {@link KEY_ROW_TYPE}), so a changed key is
 * noticed before anything lands.
 */
export const MODEL_TABLE = 'entity_columns';

/** The `column_type` of a business key row of the model table. */
export const KEY_ROW_TYPE = 'business key';

/** The model step's reads: persistent staging's columns, whether the model table exists, and the entity's recorded columns. */
export function modelReadStatements(input: EntitySqlInput): Statement[] {
  const w = dialect(input.warehouseDialect);
  const model = w.table('zdm', MODEL_TABLE);
  return [
    w.tableColumns('psg', input.entity.name),
    w.tableExists('zdm', MODEL_TABLE),
    sql`SELECT ${w.quote('column_name')}, ${w.quote('column_type')}, ${w.quote('position')} FROM ${model} WHERE ${w.quote('entity')} = ${bind({ type: 'text', value: input.entity.name })} ORDER BY ${w.quote('position')}`,
  ];
}

/** The model table's columns, for setup. */
export function modelTableBody(input: EntitySqlInput): string {
  const w = dialect(input.warehouseDialect);
  return [
    `  ${w.quote('entity')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('position')} INTEGER NOT NULL`,
    `  ${w.quote('column_name')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('column_type')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('updated_at')} ${w.controlTimeType} NOT NULL`,
    ...(w.primaryKeys ? [`  PRIMARY KEY (${w.quote('entity')}, ${w.quote('position')})`] : []),
  ].join(',\n');
}

/** Replaces the entity's recorded column types with its current ones (in the persist transaction, or after `landfall migrate`). */
export function recordModelStatements(input: EntitySqlInput, state: Pick<RunState, 'batchTime'>): Statement[] {
  const w = dialect(input.warehouseDialect);
  const model = w.table('zdm', MODEL_TABLE);
  const entity = bind({ type: 'text', value: input.entity.name });
  const at = bind({ type: 'datetime', value: state.batchTime });
  const row = (position: number, name: string, type: string): Statement =>
    sql`${entity}, ${bind({ type: 'integer', value: BigInt(position) })}, ${bind({ type: 'text', value: name })}, ${bind({ type: 'text', value: type })}, ${at}`;
  const rows = [
    ...typedColumns(input.entity).map((c, i) => row(i + 1, c.name, formatColumnType(c.type))),
    ...input.entity.businessKey.map((k, i) => row(-(i + 1), k, KEY_ROW_TYPE)),
  ];
  return [
    sql`DELETE FROM ${model} WHERE ${w.quote('entity')} = ${entity}`,
    sql`INSERT INTO ${model} (${['entity', 'position', 'column_name', 'column_type', 'updated_at'].map((n) => w.quote(n)).join(', ')}) ${insertedRows(w, rows)}`,
  ];
}

/**
 * The row-hash scheme of persistent staging, with the columns it hashes (names and types in the
 * entity's order): a column added, removed, renamed or widened changes the scheme, so the persist
 * transaction computes the current versions' hashes again over the entity's columns before
 * comparing (see persist.ts) — an unchanged row makes no new version, and a removed column is no
 * longer hashed.
 */
export function hashScheme(input: EntitySqlInput): string {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity).map((c) => `${c.name.toLowerCase()}:${formatColumnType(c.type)}`).join(',');
  // A digest, not the list: the scheme column holds a few hundred characters, an entity's columns many more.
  return w.concat([w.rowHashScheme, w.literal({ type: 'text', value: `/columns:${digest(columns)}` })]);
}

/** FNV-1a, twice with different offsets, as 16 hex digits: tells column lists apart (not a security hash). */
function digest(text: string): string {
  const fnv = (offset: number): string => {
    let h = offset;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

/** The model step's answers as a model: persistent staging's columns, and the recorded types and key when the model table exists. */
export function warehouseModel(columns: readonly (readonly unknown[])[], recorded: readonly (readonly unknown[])[] | undefined): WarehouseModel {
  // Key rows sort first (negative positions, -1 the first key column): most negative first, so reversed.
  const keyRows = recorded?.filter((row) => Number(row[2]) < 0).reverse() ?? [];
  return {
    columns: columns.map((row) => ({ name: String(row[0]), nullable: String(row[1]).toUpperCase() === 'YES', sqlType: String(row[2]) })),
    ...(recorded ? { recorded: recorded.filter((row) => !(Number(row[2]) < 0)).map((row) => ({ name: String(row[0]), type: String(row[1]) })) } : {}),
    ...(keyRows.length ? { recordedKey: keyRows.map((row) => String(row[0])) } : {}),
  };
}

/** Why the entity stops before anything lands, when persistent staging cannot be migrated to its columns. */
export function migrationRefusal(input: EntitySqlInput, problems: readonly string[]): string {
  return [`entity "${input.entity.name}": its columns no longer match persistent staging ${tableName(input, 'psg')}; the run stopped before anything landed:`, ...problems.map((p) => `- ${p}`)].join('\n');
}

/** A column change as the dialect's ALTER describes it. */
function alteration(input: EntitySqlInput, change: Exclude<ModelChange, { kind: 'hashType' }>): ColumnAlteration {
  const w = dialect(input.warehouseDialect);
  switch (change.kind) {
    case 'add': return { kind: 'add', name: change.column.name, type: w.columnType(change.column.type), value: change.value === undefined ? undefined : w.literal(change.value) };
    case 'rename': return { kind: 'rename', from: change.from, to: change.column.name };
    case 'widen': return { kind: 'retype', name: change.column.name, type: w.columnType(change.column.type), nullable: change.column.column.nullable && !input.entity.businessKey.some((k) => k.toLowerCase() === change.column.name.toLowerCase()) };
    case 'nullable': return { kind: 'dropNotNull', name: change.name, type: change.type ? w.columnType(change.type) : change.sqlType };
  }
}

/** The DDL of one change, or undefined where the warehouse cannot make it in place. */
function changeStatement(input: EntitySqlInput, psg: string, change: ModelChange): string | undefined {
  if (change.kind !== 'hashType') return dialect(input.warehouseDialect).alterColumn(psg, alteration(input, change));
  return dialect(input.warehouseDialect).hashRetype?.statement(psg, META.rowHash);
}

export interface Migration extends ModelChanges {
  /** The DDL, in order: renames first, so a renamed column is altered under its new name. */
  readonly statements: readonly Statement[];
}

/** The changes persistent staging needs, their DDL, and what cannot be migrated. */
export function migration(input: EntitySqlInput, model: WarehouseModel): Migration {
  const found = modelChanges(input, model);
  const psg = tableName(input, 'psg');
  const problems = [...found.problems];
  const statements: Statement[] = [];
  const order = (change: ModelChange): number => (change.kind === 'rename' ? 0 : 1);
  for (const change of [...found.changes].sort((a, b) => order(a) - order(b))) {
    if (change.kind === 'nullable' && !change.alter) continue;
    const text = changeStatement(input, psg, change);
    if (text === undefined) problems.push(`${change.kind === 'widen' ? `column "${change.column.name}" cannot be widened` : `column "${change.kind === 'nullable' ? change.name : change.kind === 'hashType' ? META.rowHash : change.column.name}" cannot be changed`} in place on this warehouse: create the entity's persistent staging again`);
    else statements.push(sql`${text}`);
  }
  return { changes: found.changes, problems, statements };
}
