/** Starting points for a new entity and a new extract, from what the project already has. */
import {
  DEFAULT_FILE_SIZE_MB,
  LANDER_KINDS,
  SQL_SOURCE_KINDS,
  WAREHOUSE_KINDS,
  type ExtractInput,
  type Project,
  type StagingEntity,
} from '../../../../shared/model/schema.ts';

export function blankEntity(project: Project): StagingEntity {
  return {
    name: '',
    columns: [{ name: 'id', type: 'int', nullable: false }],
    businessKey: ['id'],
    warehouse: project.connections.find((c) => WAREHOUSE_KINDS.includes(c.kind) && c.kind !== 'sqlite')?.name ?? '',
    persistentStaging: { trackDeletes: true },
    duplicateKeys: { policy: 'fail' },
  };
}

export function blankExtract(project: Project, entity: StagingEntity): ExtractInput {
  return {
    entity: entity.name,
    source: { kind: 'table', connection: project.connections.find((c) => SQL_SOURCE_KINDS.includes(c.kind))?.name ?? '', table: entity.name },
    pattern: { kind: 'full' },
    mappings: [],
    format: { kind: 'parquet' },
    compression: 'zstd',
    fileSizeMb: DEFAULT_FILE_SIZE_MB,
    lander: { connection: project.connections.find((c) => LANDER_KINDS.includes(c.kind))?.name ?? '', folder: '', concurrency: 4 },
  };
}
