/**
 * The project document in its canonical form: defaults applied, named objects sorted by name,
 * object keys sorted, two-space indent and a final newline. Exporting the same project always
 * gives the same bytes, so project files diff cleanly in code review.
 */
import { validateProject, type Validated } from './validate.ts';
import type { Project } from './schema.ts';

const byName = (a: string, b: string): number => {
  const folded = a.toLowerCase().localeCompare(b.toLowerCase(), 'en');
  return folded !== 0 ? folded : a < b ? -1 : a > b ? 1 : 0;
};

/** Returns a copy with object keys sorted at every depth and undefined members dropped. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

/** Orders a project's collections; the order of columns, keys and mappings is meaningful and kept. */
export function sortProject(project: Project): Project {
  return {
    ...project,
    connections: [...project.connections].sort((a, b) => byName(a.name, b.name)),
    entities: [...project.entities].sort((a, b) => byName(a.name, b.name)),
    extracts: [...project.extracts].sort((a, b) => byName(a.entity, b.entity)),
    facts: [...project.facts].sort((a, b) => byName(a.name, b.name)),
  };
}

/** JSON text with sorted keys: the same value always gives the same text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** Serialises a validated project to its canonical JSON text. */
export function toCanonicalJson(project: Project): string {
  return `${JSON.stringify(sortKeys(sortProject(project)), null, 2)}\n`;
}

/** Parses and validates project JSON text; a syntax error is reported with its position. */
export function parseProjectJson(text: string, source = 'project document'): Validated<Project> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [{ object: source, field: '', message: `is not valid JSON (${(error as Error).message})` }],
    };
  }
  return validateProject(data);
}
