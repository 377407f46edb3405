/**
 * `landfall compact`: each entity's small files merged into files of about a target size (see
 * `compact-entity.ts`), under the entity's run lock, so that a compaction never races a run of the
 * same entity (on this machine or another of the warehouse): while a run holds it the entity is
 * refused, with the holder named, and the other entities go on.
 */
import { parseColumnType, type ColumnType } from '../shared/model/column-type.ts';
import { parquetSettings, type Connection } from '../shared/model/schema.ts';
import type { JobEntity, JobSpec } from '../shared/protocol/engine.ts';
import { csvLayout } from '../shared/plan/run-plan.ts';
import { META } from '../shared/sql/steps/columns.ts';
import { compactEntity, type SetCompaction } from './compact-entity.ts';
import type { MergeFormat } from './compact-merge.ts';
import { dictionaryFlags } from './format/parquet-writer.ts';
import { lakePath } from './land/lake-path.ts';
import { isLakeStoreConnection, openLakeStore } from './land/lake-stores.ts';
import { acquireRunLock, LockHeld } from './run-lock.ts';

export interface CompactOptions {
  /** Target file size in MB; default (and most) the extract's file size. */
  readonly targetMb?: number | undefined;
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** One entity's outcome: its sets compacted (or planned), or why it was not. */
export interface EntityCompaction {
  readonly entity: string;
  readonly sets: readonly SetCompaction[];
  readonly error?: string;
}

const byName = (connections: readonly Connection[], name: string): Connection | undefined => connections.find((c) => c.name.toLowerCase() === name.toLowerCase());

/** How the entity's files were written, for merging them. */
function mergeFormat(job: JobEntity): MergeFormat {
  const { extract, entity } = job;
  if (extract.format.kind === 'csv') {
    const layout = csvLayout(extract);
    return { kind: 'csv', compression: extract.compression, header: layout.header, qualifier: layout.qualifier };
  }
  const { dictionary, rowGroupRows } = parquetSettings(extract.format);
  // The change-operation column a run may add is text, like the entity's string columns.
  const columns = [...entity.columns.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType })), { name: META.operation, type: { kind: 'string', length: 1 } as ColumnType }];
  const flags = dictionaryFlags(columns, dictionary);
  return { kind: 'parquet', encoding: { rowGroupRows, dictionaryColumns: columns.filter((_, i) => flags[i]).map((c) => c.name) } };
}

async function compactOne(spec: JobSpec, job: JobEntity, options: CompactOptions): Promise<EntityCompaction> {
  const name = job.entity.name;
  const lander = byName(spec.connections, job.extract.lander.connection);
  const warehouse = byName(spec.connections, job.entity.warehouse);
  if (!lander || !isLakeStoreConnection(lander)) {
    return { entity: name, sets: [], error: `entity "${name}": its files land ${lander ? `by ${lander.kind} bulk copy, not in a lake` : 'nowhere known'}: nothing to compact` };
  }
  if (!warehouse) return { entity: name, sets: [], error: `entity "${name}": its warehouse "${job.entity.warehouse}" is not a connection of the project` };
  const limitBytes = Math.floor(job.extract.fileSizeMb * 1024 * 1024);
  const targetBytes = options.targetMb === undefined ? limitBytes : Math.floor(options.targetMb * 1024 * 1024);
  const folder = lakePath(job.extract.lander.folder);
  let lock;
  try {
    lock = await acquireRunLock(spec.runId, [{ warehouse, entities: [name] }], {
      signal: options.signal,
      onRetry: (attempt, of, delayMs, error) => options.log(`taking the run lock of entity "${name}" failed (${error instanceof Error ? error.message : String(error)}); attempt ${attempt} of ${of} in ${delayMs} ms`),
    });
  } catch (error) {
    const why = error instanceof LockHeld ? `${error.message}; compact it once that run has ended` : `taking its run lock failed: ${error instanceof Error ? error.message : String(error)}`;
    return { entity: name, sets: [], error: `entity "${name}" not compacted: ${why}` };
  }
  try {
    const store = await openLakeStore(lander);
    const sets = await compactEntity({
      store,
      entityFolder: lakePath(folder, name),
      historyBase: job.extract.layout?.history ? folder : undefined,
      format: mergeFormat(job),
      targetBytes,
      limitBytes,
      dryRun: options.dryRun,
      signal: options.signal,
      log: (line) => options.log(`entity "${name}": ${line}`),
    });
    return { entity: name, sets };
  } catch (error) {
    return { entity: name, sets: [], error: `entity "${name}" not compacted: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await lock.release();
  }
}

/** Compacts every entity of the spec, one after the other (each under its own run lock). */
export async function compactEntities(spec: JobSpec, options: CompactOptions): Promise<EntityCompaction[]> {
  const results: EntityCompaction[] = [];
  for (const job of spec.entities) results.push(await compactOne(spec, job, options));
  return results;
}
