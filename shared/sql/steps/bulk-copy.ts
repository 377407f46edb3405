/**
 * The SQL Server lander's bulk copy (seed 000, "Azure SQL Database/SQL Server"): each in-memory
 * file goes straight into `temp.<entity>` over the TDS bulk-load protocol, which the driver opens
 * with an `INSERT BULK` statement naming the columns it sends. The plan shows that statement as
 * the driver sends it; the lander runs it once per file, several files at once (a heap loaded
 * under TABLOCK takes bulk-update locks, which parallel bulk loads share).
 */
import type { ColumnType } from '../../model/column-type.ts';
import type { Compression } from '../../model/schema.ts';
import { dialect } from '../dialect.ts';
import type { CsvLayout } from '../stage-hook.ts';
import { sql, type Statement } from '../statement.ts';
import { META, tableName, typedColumns } from './columns.ts';
import { stagingHasOperation, type EntitySqlInput, type ExtractMode } from './entity-sql-input.ts';

/** How one column travels in the bulk load: as text the server converts to the column's type, or as bytes. */
export type BulkValue = 'text' | 'bytes';

export interface BulkCopyColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly sent: BulkValue;
  /** The type `INSERT BULK` declares for it. */
  readonly declared: string;
}

/** What the lander needs to bulk copy one landed CSV file into the staging table. */
export interface BulkCopyTarget {
  /** The staging table, qualified and quoted. */
  readonly table: string;
  /** Its bare name (the entity's), for the driver's checks. */
  readonly name: string;
  readonly columns: readonly BulkCopyColumn[];
  readonly csv: CsvLayout;
  readonly compression: Compression;
}

/**
 * Binary values are hex text in the file and sent as bytes (no implicit conversion turns text into
 * VARBINARY); everything else is sent as the file's text, which the server converts to the
 * column's type exactly as a CAST would — no value passes through a JavaScript number or Date.
 */
function sentAs(type: ColumnType): { sent: BulkValue; declared: string } {
  if (type.kind === 'binary') return { sent: 'bytes', declared: 'VARBINARY(MAX)' };
  if (type.kind === 'string') return { sent: 'text', declared: type.length !== undefined && type.length <= 4000 ? `NVARCHAR(${type.length})` : 'NVARCHAR(MAX)' };
  return { sent: 'text', declared: 'NVARCHAR(100)' };
}

/** The staging table's columns as the bulk load sends them, and the CSV layout the lander reads back. */
export function bulkCopyTarget(input: EntitySqlInput, mode: ExtractMode, csv: CsvLayout): BulkCopyTarget {
  const columns: BulkCopyColumn[] = typedColumns(input.entity).map((c) => ({ name: c.name, type: c.type, ...sentAs(c.type) }));
  if (stagingHasOperation(input, mode)) columns.push({ name: META.operation, type: { kind: 'string', length: 1 }, sent: 'text', declared: 'NVARCHAR(1)' });
  return { table: tableName(input, 'temp'), name: input.entity.name, columns, csv, compression: input.extract.compression };
}

/** The statement the driver opens each file's bulk load with (tedious: `insert bulk <table>(<columns>) with (…)`). */
export function bulkCopyStatement(input: EntitySqlInput, target: BulkCopyTarget): Statement {
  const w = dialect(input.warehouseDialect);
  const columns = target.columns.map((c) => `${w.quote(c.name)} ${c.declared}`).join(', ');
  return sql`INSERT BULK ${target.table} (${columns}) WITH (TABLOCK, KEEP_NULLS)`;
}
