/**
 * The current table step: `cur.<entity>`, the current and not deleted rows of persistent staging
 * without the `lf_` columns, published with every load so that a reader sees the table of the last
 * load or of the one before, never an empty or half-filled one. Where the warehouse can rename
 * tables at once and its DDL is not transactional (MariaDB, Synapse) a new table is built and
 * swapped in by renames after the commit; elsewhere the table's rows are replaced in the load's
 * transaction, which readers see as one change when it commits.
 */
import type { StagingEntity } from '../../model/schema.ts';
import { dialect } from '../dialect.ts';
import { sql, type Statement } from '../statement.ts';
import { META, keyColumns, tableName, typedColumns } from './columns.ts';
import type { EntitySqlInput } from './entity-sql-input.ts';
import { columnDefinitions } from './setup.ts';

/** The bare name of an entity's current table in the `cur` schema. */
export function currentTableName(entity: StagingEntity): string {
  return entity.currentTable?.table ?? entity.name;
}

/** How the table is published: its statements in setup, in the load's transaction before COMMIT, or after the commit. */
export interface CurrentTableStatements {
  readonly swap: boolean;
  readonly setup: readonly Statement[];
  readonly inTransaction: readonly Statement[];
  readonly afterCommit: readonly Statement[];
}

/** The statements that publish an entity's current table; none when it publishes none. */
export function currentTableStatements(input: EntitySqlInput): CurrentTableStatements {
  const none = { swap: false, setup: [], inTransaction: [], afterCommit: [] };
  if (!input.entity.currentTable) return none;
  const w = dialect(input.warehouseDialect);
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const name = currentTableName(input.entity);
  const live = w.table('cur', name);
  const names = columns.map((c) => w.quote(c.name)).join(', ');
  const rows = sql`SELECT ${names}\nFROM ${tableName(input, 'psg')}\nWHERE ${w.quote(META.isCurrent)} = ${w.true} AND ${w.quote(META.isDeleted)} = ${w.false}`;
  const create = sql`${w.createTableIfMissing(live, columnDefinitions(w, columns, keys).join(',\n'), w.tableOptions('persistent', input.entity.distribution))}`;
  const schema = w.createSchemas(['cur']).map((text) => sql`${text}`);
  if (!w.renameTables || w.transactionalDdl) {
    return { ...none, setup: [...schema, create], inTransaction: [sql`DELETE FROM ${live}`, sql`INSERT INTO ${live} (${names})\n${rows}`] };
  }
  const fresh = w.table('cur', `${name}__new`);
  const old = w.table('cur', `${name}__old`);
  return {
    ...none,
    swap: true,
    afterCommit: [
      ...schema,
      sql`${w.dropTableIfExists(fresh)}`,
      w.createTableAs(fresh, rows, input.entity.distribution),
      // Only the first publish finds no table to swap out: it is created empty first.
      create,
      sql`${w.dropTableIfExists(old)}`,
      ...w.renameTables([{ from: live, schema: 'cur', to: `${name}__old` }, { from: fresh, schema: 'cur', to: name }]).map((text) => sql`${text}`),
      sql`${w.dropTableIfExists(old)}`,
    ],
  };
}
