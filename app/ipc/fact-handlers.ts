/**
 * The designer's facts (seed 001): save, delete and the SQL preview of a fact. A draft is checked
 * as `landfall` checks the project (the fact's own fields, then its warehouse, source entity,
 * normalizations and summaries within the project), and the preview is the very text `landfall
 * sql <project> <fact>` prints.
 */
import { parseFact, validateProject, type Fact, type Project, type ValidationIssue } from '../../shared/model/index.ts';
import type { RequestResult, SaveResult, ValidArg } from '../../shared/ipc/contract.ts';
import { factPlanText } from '../../shared/fact/fact-plan-text.ts';
import type { ProjectStore } from '../store/project-store.ts';

/** The channels these handlers answer. */
export type FactChannel = 'fact:save' | 'fact:delete' | 'fact:preview';

/** What the fact handlers need of the app's handlers. */
export interface FactContext {
  readonly requireStore: () => ProjectStore;
  /** Writes to the open project and announces the change; invalid input becomes issues. */
  readonly saved: <T>(write: () => T) => SaveResult<T>;
  /** Deletes from the open project and announces the change. */
  readonly deleted: (remove: (open: ProjectStore) => void) => null;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const labelOf = (draft: unknown): string => (isObject(draft) && typeof draft.name === 'string' && draft.name ? `fact "${draft.name}"` : 'fact');

/** `project` with `fact` in place of the saved fact `savedName` (or added, for a new one). */
function withFact(project: Project, fact: Fact, savedName: string | undefined): Project {
  const others = project.facts.filter((f) => !same(f.name, savedName ?? fact.name));
  return { ...project, facts: [...others, fact] };
}

/** The issues of `fact` within `project`: the same checks `landfall` makes of the project file. */
function factIssues(project: Project, fact: Fact): ValidationIssue[] {
  const checked = validateProject(project);
  return checked.ok ? [] : checked.issues.filter((i) => i.object === `fact "${fact.name}"`);
}

/** Creates the handlers of {@link FactChannel}. */
export function createFactHandlers(context: FactContext): { [C in FactChannel]: (arg: ValidArg<C>) => Promise<RequestResult<C>> } {
  const { requireStore, saved, deleted } = context;
  return {
    async 'fact:save'({ fact, previousName }) {
      const open = requireStore();
      if (!isObject(fact)) return { ok: false, issues: [{ object: labelOf(fact), field: '', message: 'must be an object with the form\'s fields' }] };
      const parsed = parseFact(fact);
      if (!parsed.ok) return parsed;
      const object = `fact "${parsed.value.name}"`;
      const existing = open.getFact(parsed.value.name);
      // A new fact never replaces a saved one: only an edit (previousName) changes it.
      if (previousName === undefined && existing) {
        return { ok: false, issues: [{ object, field: 'name', message: `a fact named "${existing.name}" already exists; open it to change it, or give this one another name (names are unique, ignoring case)` }] };
      }
      if (previousName !== undefined && !open.getFact(previousName)) {
        return { ok: false, issues: [{ object, field: 'name', message: `no saved fact is named "${previousName}"; it may have been deleted` }] };
      }
      const renaming = previousName !== undefined && !same(previousName, parsed.value.name);
      if (renaming && existing) {
        return { ok: false, issues: [{ object, field: 'name', message: `another fact is named "${existing.name}"; names must be unique (ignoring case)` }] };
      }
      return saved(() => (renaming ? open.renameFact(previousName, parsed.value) : open.saveFact(parsed.value)));
    },

    async 'fact:delete'({ name }) {
      return deleted((open) => open.deleteFact(name));
    },

    async 'fact:preview'({ factName, fact, dialect }) {
      const project = requireStore().getProject();
      let candidate = project;
      let name = factName;
      if (fact !== undefined) {
        const parsed = parseFact(fact);
        if (!parsed.ok) return parsed;
        candidate = withFact(project, parsed.value, factName);
        name = parsed.value.name;
      }
      const drafted = candidate.facts.find((f) => same(f.name, name!));
      if (!drafted) throw new Error(`no fact is named "${name}"`);
      const issues = factIssues(candidate, drafted);
      if (issues.length) return { ok: false, issues };
      return { ok: true, text: factPlanText(candidate, drafted.name, dialect)! };
    },
  };
}
