/**
 * The `evolve` schema-drift policy, before a run: for each entity that declares it and reads a
 * table or view, the source's catalog is read and the entity evolved in the project — a source
 * column the extract does not read is added (nullable, its type mapped as the entity import maps
 * it), and a column whose source type widened is widened. The run then migrates persistent staging
 * to the evolved entity (its migrate step: ALTER TABLE … ADD COLUMN, the type altered) and loads
 * the new columns; a breaking change still stops the entity in the run's drift or model step.
 */
import { formatColumnType, parseColumnType, type ColumnType } from '../../shared/model/column-type.ts';
import type { StagingEntity } from '../../shared/model/schema.ts';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { widens } from '../../shared/sql/steps/model-changes.ts';
import { isSqlConnection, readTable } from '../catalog/source-catalog.ts';
import { landfallType } from '../catalog/source-types.ts';

export interface EvolvedEntity {
  readonly entity: StagingEntity;
  /** What changed, one sentence per column. */
  readonly changes: readonly string[];
}

const lower = (text: string): string => text.toLowerCase();

/** The spec with its `evolve` entities evolved, and each entity that changed (to save in the project). */
export async function evolveEntities(spec: JobSpec): Promise<{ spec: JobSpec; evolved: EvolvedEntity[] }> {
  const evolved: EvolvedEntity[] = [];
  const entities = [];
  for (const job of spec.entities) {
    const { entity, extract } = job;
    const connection = spec.connections.find((c) => lower(c.name) === lower(extract.source.connection));
    if (entity.schemaDrift !== 'evolve' || extract.source.kind !== 'table' || !connection || !isSqlConnection(connection)) {
      entities.push(job);
      continue;
    }
    const found = await readTable(connection, { schema: extract.source.schema, name: extract.source.table });
    const readBy = new Map<string, string>();
    for (const column of entity.columns) {
      const mapping = extract.mappings.find((m) => lower(m.column) === lower(column.name));
      const name = mapping ? mapping.expression.trim() : column.name;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) readBy.set(lower(name), column.name);
    }
    const changes: string[] = [];
    const columns = entity.columns.map((column) => {
      const source = found.columns.find((c) => lower(c.name) === lower(column.name) && readBy.get(lower(c.name)) === column.name);
      if (!source) return column;
      const mapped = parseColumnType(landfallType(connection.kind, source).type);
      const declared = parseColumnType(column.type) as ColumnType;
      if (typeof mapped === 'string' || !widens(declared, mapped)) return column;
      changes.push(`column "${column.name}" widened from ${formatColumnType(declared)} to ${formatColumnType(mapped)}: the source's type widened`);
      return { ...column, type: formatColumnType(mapped) };
    });
    for (const source of found.columns) {
      if (readBy.has(lower(source.name)) || entity.columns.some((c) => lower(c.name) === lower(source.name))) continue;
      const type = landfallType(connection.kind, source).type;
      columns.push({ name: source.name, type, nullable: true });
      changes.push(`column "${source.name}" (${type}, nullable) added to the entity: new in the source`);
    }
    if (!changes.length) {
      entities.push(job);
      continue;
    }
    const next = { ...entity, columns };
    evolved.push({ entity: next, changes });
    entities.push({ ...job, entity: next });
  }
  return { spec: { ...spec, entities }, evolved };
}
