/**
 * Which scheduled entity each fact's processing follows: a fact fed by an entity's new versions is
 * processed after that entity's run, so the versions the run loaded are pulled in the same
 * schedule; a pushed or polled fact (or one fed by an entity that is not scheduled) has nothing to
 * wait for and is processed on every schedule by itself.
 */
import type { Project } from '../model/schema.ts';

export interface ScheduledFact {
  readonly name: string;
  /** The scheduled entity (its name as the project spells it) whose run comes first; undefined: none. */
  readonly after: string | undefined;
}

/** The project's facts in order, each with the scheduled entity it follows, if any. */
export function scheduledFacts(project: Project, entities: readonly string[]): ScheduledFact[] {
  // Entity names are unique without regard to case, and a fact may spell its source either way.
  const byLower = new Map(entities.map((name) => [name.toLowerCase(), name]));
  return project.facts.map((fact) => ({
    name: fact.name,
    after: fact.source.kind === 'entity' ? byLower.get(fact.source.entity.toLowerCase()) : undefined,
  }));
}
