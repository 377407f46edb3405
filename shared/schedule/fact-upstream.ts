/**
 * Which scheduled entity each fact's processing follows: a fact fed by an entity's new versions is
 * processed after that entity's run, so the versions the run loaded are pulled in the same
 * schedule; a pushed or polled fact (or one fed by an entity that is not scheduled) has nothing to
 * wait for and is processed on every schedule by itself. A polled fact is processed as poller 1:
 * without `--poller`, `landfall process` would only pass over its (empty) shared staging and never
 * read the files; a poller polls until no unclaimed file is left, then exits.
 */
import type { Project } from '../model/schema.ts';

export interface ScheduledFact {
  readonly name: string;
  /** The scheduled entity (its name as the project spells it) whose run comes first; undefined: none. */
  readonly after: string | undefined;
  /** Options of `landfall process <project> <fact>` beyond the two: `--poller 1` for a polled fact. */
  readonly options: readonly string[];
}

/** The project's facts in order, each with the scheduled entity it follows, if any. */
export function scheduledFacts(project: Project, entities: readonly string[]): ScheduledFact[] {
  // Entity names are unique without regard to case, and a fact may spell its source either way.
  const byLower = new Map(entities.map((name) => [name.toLowerCase(), name]));
  return project.facts.map((fact) => ({
    name: fact.name,
    after: fact.source.kind === 'entity' ? byLower.get(fact.source.entity.toLowerCase()) : undefined,
    options: fact.source.kind === 'poll' ? ['--poller', '1'] : [],
  }));
}
