/**
 * Read-only queries of an entity's persistent staging for the designer's Versions screen: what
 * each batch wrote, and every version of one business key. Pure builders, per warehouse dialect.
 */
import type { ColumnType } from '../../model/column-type.ts';
import type { StagingEntity } from '../../model/schema.ts';
import { dialect, type DialectName, type SqlValue } from '../dialect.ts';
import { bind, join, sql, type Statement } from '../statement.ts';
import { META, keyColumns, typedColumns } from './columns.ts';

/** How many batches the counts go back. */
export const BATCHES_SHOWN = 200;
/** How many versions of one key a timeline shows (the oldest ones first). */
export const VERSIONS_SHOWN = 500;

/**
 * Per batch, newest first: versions of keys seen before (changed), of new keys (inserted) and
 * versions that mark a key deleted. Columns: batch id, its first valid-from, inserted, changed, deleted.
 */
export function batchCountsStatement(entity: StagingEntity, warehouse: DialectName): Statement {
  const w = dialect(warehouse);
  const psg = w.table('psg', entity.name);
  const keys = keyColumns(entity, typedColumns(entity));
  const q = (alias: string, column: string): string => `${alias}.${w.quote(column)}`;
  const earlier = `EXISTS (SELECT 1 FROM ${psg} AS p WHERE ${keys.map((k) => `${q('p', k.name)} = ${q('v', k.name)}`).join(' AND ')} AND ${q('p', META.validFrom)} < ${q('v', META.validFrom)})`;
  const deleted = `${q('v', META.isDeleted)} = ${w.true}`;
  return sql`SELECT ${q('v', META.batchId)}, MIN(${q('v', META.validFrom)}),
       SUM(CASE WHEN ${deleted} THEN 0 WHEN ${earlier} THEN 0 ELSE 1 END),
       SUM(CASE WHEN ${deleted} THEN 0 WHEN ${earlier} THEN 1 ELSE 0 END),
       SUM(CASE WHEN ${deleted} THEN 1 ELSE 0 END)
FROM ${psg} AS v
GROUP BY ${q('v', META.batchId)}
ORDER BY ${q('v', META.batchId)} DESC
LIMIT ${String(BATCHES_SHOWN)}`;
}

const WHOLE = /^-?\d+$/;

/** A key value typed by the user, as the value its column compares with; an error names the column. */
export function keyValue(text: string, type: ColumnType, column: string): SqlValue {
  const value = text.trim();
  const bad = (what: string): never => {
    throw new Error(`business key column "${column}" is ${type.kind}: "${text}" is not ${what}`);
  };
  switch (type.kind) {
    case 'smallint':
    case 'int':
    case 'bigint':
      return WHOLE.test(value) ? { type: 'integer', value: BigInt(value) } : bad('a whole number');
    case 'decimal':
      return /^-?\d+(\.\d+)?$/.test(value) ? { type: 'decimal', value } : bad('a decimal number');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { type: 'date', value } : bad('a date (YYYY-MM-DD)');
    case 'datetime':
    case 'datetimeoffset':
      return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? { type: 'datetime', value: value.replace('T', ' ') } : bad('a datetime (YYYY-MM-DD HH:MM:SS)');
    case 'boolean':
      return /^(true|false)$/i.test(value) ? { type: 'boolean', value: value.toLowerCase() === 'true' } : bad('true or false');
    case 'float':
    case 'double':
      return Number.isFinite(Number(value)) && value !== '' ? { type: 'double', value: Number(value) } : bad('a number');
    case 'string':
    case 'time':
    case 'binary':
    case 'uuid':
      // Text as typed: a string key may hold leading or trailing spaces.
      return { type: 'text', value: text };
  }
}

/**
 * Every version of the business key `key` (values in business key order), oldest first. Columns: the
 * entity's columns, then valid from, valid to, current, deleted, batch id.
 */
export function keyTimelineStatement(entity: StagingEntity, warehouse: DialectName, key: readonly string[]): Statement {
  const w = dialect(warehouse);
  const columns = typedColumns(entity);
  const keys = keyColumns(entity, columns);
  if (key.length !== keys.length) throw new Error(`entity "${entity.name}" has a business key of ${keys.length} column${keys.length === 1 ? '' : 's'} (${keys.map((k) => k.name).join(', ')}): give ${keys.length} value${keys.length === 1 ? '' : 's'}, not ${key.length}`);
  const conditions = keys.map((k, i) => sql`${w.quote(k.name)} = ${bind(keyValue(key[i]!, k.type, k.name))}`);
  const list = [...columns.map((c) => w.quote(c.name)), ...[META.validFrom, META.validTo, META.isCurrent, META.isDeleted, META.batchId].map((m) => w.quote(m))];
  return sql`SELECT ${list.join(', ')}
FROM ${w.table('psg', entity.name)}
WHERE ${join(conditions, ' AND ')}
ORDER BY ${w.quote(META.validFrom)}, ${w.quote(META.batchId)}
LIMIT ${String(VERSIONS_SHOWN)}`;
}
