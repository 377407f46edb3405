/** Starting points for a new entity and a new extract, from what the project already has and the schema's defaults. */
import { defaultWarehouse, newExtract } from '../../../../shared/model/defaults.ts';
import type { ExtractInput, Project, StagingEntity } from '../../../../shared/model/schema.ts';

export function blankEntity(project: Project): StagingEntity {
  return {
    name: '',
    columns: [{ name: 'id', type: 'int', nullable: false }],
    businessKey: ['id'],
    warehouse: defaultWarehouse(project.connections)?.name ?? '',
    persistentStaging: { trackDeletes: true },
    duplicateKeys: { policy: 'fail' },
  };
}

/** A Full extract of the entity's table, fitted to its warehouse (lander, CSV NULL marker, compression). */
export function blankExtract(project: Project, entity: StagingEntity): ExtractInput {
  return newExtract(project, entity);
}
