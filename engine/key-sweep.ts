/**
 * The key sweep's extract: the plan's `sweepKeys` query streamed from the source and landed as
 * the keys entity's own file set (`<entity>__keys/Latest`), with the entity's format and file size,
 * or, where the lander is a SQL Server warehouse, bulk copied into `temp.<entity>__keys` by the
 * plan's `sweepLand` statements.
 */
import { parquetSettings, type Connection } from '../shared/model/schema.ts';
import { csvLayout, type PlanStatement, type PlanStep } from '../shared/plan/run-plan.ts';
import { dialect } from '../shared/sql/dialect.ts';
import { parseColumnType, type ColumnType } from '../shared/model/column-type.ts';
import type { EntitySqlInput } from '../shared/sql/steps/entity-sql-input.ts';
import { compile } from '../shared/sql/statement.ts';
import { binaryTextFor } from '../shared/sql/steps/stage.ts';
import { aggregate } from './aggregate.ts';
import { openLander } from './connections.ts';
import { csvWriter } from './format/csv-writer.ts';
import type { FileColumn, FileFormatWriter, Row } from './format/file-builder.ts';
import type { Lander, LanderOptions } from './land/lander.ts';
import type { BulkLanding } from './land/sqlserver-lander.ts';
import type { Source } from './source/source.ts';

export interface LandedKeys {
  /** The keys' lander: restored or discarded with the entity's own when the load fails. */
  readonly lander: Lander;
  readonly rows: number;
}

/** Streams the keys query and lands its rows; the caller publishes with the entity's files. */
export async function landKeys(options: {
  readonly keys: EntitySqlInput;
  readonly step: PlanStep;
  readonly source: Source;
  readonly landerConnection: Connection;
  readonly landerOptions: Omit<LanderOptions, 'entityFolder'>;
  /** The plan's `sweepLand` step, where the lander is the warehouse (SQL Server's bulk copy into `temp.<entity>__keys`). */
  readonly bulk?: BulkLanding | undefined;
  readonly signal: AbortSignal;
  readonly executing: (step: PlanStep, item: PlanStatement) => void;
  readonly prepare: (columns: readonly FileColumn[]) => (batch: Row[], firstRow: number) => void;
}): Promise<LandedKeys> {
  const { keys, step, source, signal } = options;
  const extract = keys.extract;
  const folder = extract.lander.folder.replace(/^\/+|\/+$/g, '');
  const lander = await openLander(options.landerConnection, { ...options.landerOptions, entityFolder: `${folder ? `${folder}/` : ''}${keys.entity.name}` }, options.bulk);
  await lander.begin();
  const [item] = step.statements;
  options.executing(step, item!);
  const rows = source.stream(compile(item!.statement, dialect(step.dialect!)), signal) as AsyncIterable<Row[]>;
  const columns: FileColumn[] = keys.entity.columns.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType }));
  const writer: FileFormatWriter = extract.format.kind === 'parquet'
    // The keys' codec is the entity's, as the warehouse's stage reads both sets with one file format.
    ? (await import('./format/parquet-writer.ts')).parquetWriter(columns, { rows: 'values', compression: parquetSettings(extract.format).compression })
    : csvWriter(columns, { ...csvLayout(extract), compression: extract.compression, binary: binaryTextFor(keys.warehouseDialect) });
  const result = await aggregate(rows, {
    entity: keys.entity.name,
    limit: Math.floor(extract.fileSizeMb * 1024 * 1024),
    lander,
    concurrency: extract.lander.concurrency,
    signal,
    writer,
    prepare: options.prepare(columns),
    progress: () => undefined,
  });
  return { lander, rows: result.rows };
}
