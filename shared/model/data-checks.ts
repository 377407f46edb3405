/**
 * Declarative data checks, run on the staged change set before the load commits. Severity `error`
 * fails the entity and commits nothing; `warn` only reports.
 */
import { z } from 'zod';

export const CHECK_SEVERITIES = ['error', 'warn'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

/** The share of current rows that a run may delete (or change) at most, for Full extracts unless declared. */
export const DEFAULT_MAX_DELETED_PERCENT = 50;

const common = {
  /** How messages and the run history name the check; a name made from its kind and columns by default. */
  name: z.string().min(1, 'must not be empty').max(128).optional(),
  severity: z.enum(CHECK_SEVERITIES, { error: 'severity must be error or warn' }).default('error'),
};
const columns = z.array(z.string().min(1)).min(1, 'name at least one column');

export const dataCheckSchema = z.discriminatedUnion('kind', [
  /** The rows the extract delivered, within bounds. */
  z.strictObject({ kind: z.literal('rowCount'), ...common, min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
    .refine((check) => check.min !== undefined || check.max !== undefined, 'give min, max or both'),
  /** At most `percent` % of the current rows deleted (or changed: updated or deleted) by this run. */
  z.strictObject({ kind: z.literal('maxShare'), ...common, of: z.enum(['deleted', 'changed'], { error: 'of must be deleted or changed' }), percent: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('notNull'), ...common, columns }),
  /** No two rows the run writes share these columns' values. */
  z.strictObject({ kind: z.literal('unique'), ...common, columns }),
  z.strictObject({ kind: z.literal('acceptedValues'), ...common, column: z.string().min(1), values: z.array(z.string()).min(1, 'list at least one value') }),
  /**
   * A query in the warehouse's SQL that returns the failing rows; `{{staged}}` names the rows the
   * run would write, `{{current}}` persistent staging's current versions.
   */
  z.strictObject({ kind: z.literal('sql'), ...common, name: z.string().min(1, 'a SQL check needs a name').max(128), sql: z.string().refine((text) => text.trim().length > 0, 'must not be empty') }),
], { error: 'check kind must be one of: rowCount, maxShare, notNull, unique, acceptedValues, sql' });

export type DataCheck = z.output<typeof dataCheckSchema>;
export type DataCheckKind = DataCheck['kind'];

/** The name a check goes by in messages and the history. */
export function checkName(check: DataCheck): string {
  if (check.name !== undefined) return check.name;
  switch (check.kind) {
    case 'rowCount': return `rowCount ${check.min ?? 0}..${check.max ?? '∞'}`;
    case 'maxShare': return `maxShare ${check.of} ${check.percent}%`;
    case 'notNull': return `notNull ${check.columns.join(', ')}`;
    case 'unique': return `unique ${check.columns.join(', ')}`;
    case 'acceptedValues': return `acceptedValues ${check.column}`;
    case 'sql': return check.name;
  }
}

/**
 * The checks a run makes: the declared ones, and for a Full extract the default that refuses to
 * delete more than half of the current rows (a source table emptied by mistake), unless the
 * entity declares a maxShare of deleted rows itself.
 */
export function effectiveChecks(declared: readonly DataCheck[] | undefined, pattern: string): DataCheck[] {
  const checks = [...(declared ?? [])];
  if (pattern === 'full' && !checks.some((c) => c.kind === 'maxShare' && c.of === 'deleted')) {
    checks.push({ kind: 'maxShare', name: `default: at most ${DEFAULT_MAX_DELETED_PERCENT}% of current rows deleted`, of: 'deleted', percent: DEFAULT_MAX_DELETED_PERCENT, severity: 'error' });
  }
  return checks;
}
