/**
 * The open project with an entity's unsaved drafts standing in for the saved objects they edit,
 * as the SQL preview and the data preview see it.
 */
import { parseEntity, parseExtract, type Project, type ValidationIssue, type Validated } from '../../shared/model/index.ts';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export type DraftProject = { readonly ok: true; readonly project: Project; readonly name: string } | { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * `project` with the drafts (as typed, unvalidated) in place of the entity saved as `entityName`
 * and its extract; the issues of a draft that does not parse. `name` is the draft's own name.
 */
export function draftProject(project: Project, entityName: string, entity: unknown, extract: unknown): DraftProject {
  const issues: ValidationIssue[] = [];
  const draft = <T>(value: unknown, parse: (input: unknown) => Validated<T>): T | undefined => {
    if (value === undefined) return undefined;
    const parsed = parse(value);
    if (!parsed.ok) issues.push(...parsed.issues);
    return parsed.ok ? parsed.value : undefined;
  };
  const draftEntity = draft(entity, parseEntity);
  const draftExtract = draft(extract, parseExtract);
  if (issues.length) return { ok: false, issues };
  // The drafts stand in for the saved objects they edit (matched by the saved name).
  const name = draftEntity?.name ?? entityName;
  return {
    ok: true,
    name,
    project: {
      ...project,
      entities: draftEntity ? [...project.entities.filter((e) => !same(e.name, entityName)), draftEntity] : project.entities,
      extracts: draftExtract
        ? [...project.extracts.filter((x) => !same(x.entity, entityName) && !same(x.entity, name)), { ...draftExtract, entity: name }]
        : project.extracts.map((x) => (same(x.entity, entityName) ? { ...x, entity: name } : x)),
    },
  };
}
