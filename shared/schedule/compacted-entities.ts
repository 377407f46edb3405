/**
 * Which scheduled entities get a compaction task (`landfall schedule … --compact`): those whose
 * files land in a lake. An entity bulk-copied into its warehouse (the SQL Server lander) keeps no
 * files, and `landfall compact` would refuse it on every schedule.
 */
import { describeKind } from '../model/connection-kinds.ts';
import type { Project } from '../model/schema.ts';

/** The scheduled entities (in the order given) whose extract lands files in a lake connection. */
export function compactedEntities(project: Project, entities: readonly string[]): string[] {
  return entities.filter((name) => {
    const extract = project.extracts.find((x) => x.entity.toLowerCase() === name.toLowerCase());
    const lander = extract && project.connections.find((c) => c.name.toLowerCase() === extract.lander.connection.toLowerCase());
    // A lake is a lander that is no database: a database lander is the warehouse bulk copying into itself.
    return lander !== undefined && describeKind(lander.kind).lander && describeKind(lander.kind).warehouse === undefined;
  });
}
