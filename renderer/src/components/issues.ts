/**
 * Placing validation issues next to their fields. Issues come from the shared validators (as
 * the modeller types) and from the app (on save and preview); each names its object and field.
 */
import type { ValidationIssue } from '../../../shared/model/validate.ts';

export type IssueSubject = 'connection' | 'entity' | 'extract of entity' | 'fact';

/**
 * The issues about one object: `entity "customer"`, or the bare `entity` the validators name a
 * draft without a name by.
 */
export function issuesOf(issues: readonly ValidationIssue[], subject: IssueSubject, name: string): ValidationIssue[] {
  const named = `${subject} "${name}"`;
  return issues.filter((issue) => issue.object === named || issue.object === subject || (subject === 'extract of entity' && issue.object === 'extract'));
}

/** Merges issue lists, dropping repeats (the same problem found here and by the app). */
export function mergeIssues(...lists: ReadonlyArray<readonly ValidationIssue[]>): ValidationIssue[] {
  const seen = new Set<string>();
  const merged: ValidationIssue[] = [];
  for (const issue of lists.flat()) {
    const key = `${issue.field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(issue);
  }
  return merged;
}

/** Looks up field errors by path and remembers which fields showed one, for the summary. */
export class FieldIssues {
  private readonly shown = new Set<ValidationIssue>();
  constructor(readonly issues: readonly ValidationIssue[]) {}

  /** The message for exactly this field, if any. */
  error(field: string): string | undefined {
    const found = this.issues.filter((issue) => issue.field === field);
    for (const issue of found) this.shown.add(issue);
    return found.length ? found.map((issue) => issue.message).join('; ') : undefined;
  }

  /** Props for a TextField: `error` and the message as helper text (or the hint when valid). */
  field(field: string, hint?: string): { error: boolean; helperText: string | undefined } {
    const message = this.error(field);
    return { error: message !== undefined, helperText: message ?? hint };
  }

  /** Issues that no field showed: shown together, so none is lost. */
  rest(): ValidationIssue[] {
    return this.issues.filter((issue) => !this.shown.has(issue));
  }
}
