/** The setup step: schemas, the persistent staging table and the control tables. */
import { dialect, type Dialect } from '../dialect.ts';
import { join, sql, type Statement } from '../statement.ts';
import { CONTROL_TABLE, HASH_SCHEME_TABLE, META, keyColumns, keyIndexStatements, tableName, typedColumns, type TypedColumn } from './columns.ts';
import type { EntitySqlInput } from './entity-sql-input.ts';
import { ENTITY_RUN_LOG_TABLE, LEDGER_TABLE, RUN_LOG_TABLE, WATERMARK_LOG_TABLE, runLogSetupStatements } from './run-log.ts';
import { MODEL_TABLE, modelTableBody } from './migrate.ts';

/** Column definitions of a Landfall table: the entity's columns, keys NOT NULL. */
export function columnDefinitions(w: Dialect, columns: readonly TypedColumn[], keys: readonly TypedColumn[]): string[] {
  return columns.map((c) => `  ${w.quote(c.name)} ${w.columnType(c.type)}${c.column.nullable && !keys.includes(c) ? ' NULL' : ' NOT NULL'}`);
}

/** Schemas, the persistent staging table, the control-parameters, row-hash-scheme and entity-columns tables, created if missing. */
export function setupStatements(input: EntitySqlInput, options: { readonly keyIndex: boolean } = { keyIndex: true }): Statement[] {
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const psg = tableName(input, 'psg');
  const meta = [
    `  ${w.quote(META.rowHash)} ${w.hashType} NOT NULL`,
    `  ${w.quote(META.validFrom)} ${w.controlTimeType} NOT NULL`,
    `  ${w.quote(META.validTo)} ${w.controlTimeType} NULL`,
    `  ${w.quote(META.isCurrent)} ${w.flagType} NOT NULL`,
    `  ${w.quote(META.isDeleted)} ${w.flagType} NOT NULL`,
    `  ${w.quote(META.batchId)} BIGINT NOT NULL`,
  ];
  const control = w.table('zdm', CONTROL_TABLE);
  const controlBody = [
    `  ${w.quote('entity')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('parameter')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('value')} ${w.controlTextType} NULL`,
    `  ${w.quote('updated_at')} ${w.controlTimeType} NOT NULL`,
    ...(w.primaryKeys ? [`  PRIMARY KEY (${w.quote('entity')}, ${w.quote('parameter')})`] : []),
  ].join(',\n');
  const schemes = w.table('zdm', HASH_SCHEME_TABLE);
  const schemesBody = [
    `  ${w.quote('entity')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('scheme')} ${w.controlTextType} NOT NULL`,
    `  ${w.quote('updated_at')} ${w.controlTimeType} NOT NULL`,
    ...(w.primaryKeys ? [`  PRIMARY KEY (${w.quote('entity')})`] : []),
  ].join(',\n');
  return [
    ...w.createSchemas().map((text) => sql`${text}`),
    sql`${w.createTableIfMissing(psg, [...columnDefinitions(w, columns, keys), ...meta].join(',\n'), w.tableOptions('persistent', input.entity.distribution))}`,
    sql`${w.createTableIfMissing(control, controlBody, w.tableOptions('control', input.entity.distribution))}`,
    sql`${w.createTableIfMissing(schemes, schemesBody, w.tableOptions('control', input.entity.distribution))}`,
    ...runLogSetupStatements(input),
    sql`${w.createTableIfMissing(w.table('zdm', MODEL_TABLE), modelTableBody(input), w.tableOptions('control', input.entity.distribution))}`,
    // Left to the migrate step when a key column is renamed there: the index names the new name.
    ...(options.keyIndex ? keyIndexStatements(input, 'psg', true) : []),
  ];
}


/** The zdm tables every entity's setup creates if missing, shared by all entities of the warehouse. */
export const SHARED_TABLES: readonly string[] = [CONTROL_TABLE, HASH_SCHEME_TABLE, LEDGER_TABLE, RUN_LOG_TABLE, ENTITY_RUN_LOG_TABLE, WATERMARK_LOG_TABLE, MODEL_TABLE];

/**
 * How many of the shared zdm tables exist (one row, one count). Where setup runs in the load's
 * transaction, an entity that would create one must take the first-setup lock: two transactions
 * creating the same table cannot both commit (PostgreSQL's duplicate pg_type row, DuckDB's write
 * conflict), also when the warehouse has the control table but not the tables added after it.
 */
export function sharedTablesStatement(input: EntitySqlInput): Statement {
  const w = dialect(input.warehouseDialect);
  return sql`SELECT COUNT(*) FROM (${join(SHARED_TABLES.map((table) => w.tableExists('zdm', table)), '\nUNION ALL ')}) AS present`;
}
