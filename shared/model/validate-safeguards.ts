/**
 * The cross-object rules of an entity's delete detection, data checks and current table: the
 * columns they name exist, and what they ask for fits the entity's extract.
 */
import type { Extract, StagingEntity } from './schema.ts';
import type { ValidationIssue } from './validate.ts';

const lower = (text: string): string => text.toLowerCase();

/** Issues of an entity's soft delete, key sweep, checks and current table, given its extract. */
export function checkSafeguards(entity: StagingEntity, extract: Extract): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const object = `entity "${entity.name}"`;
  const add = (field: string, message: string): void => void issues.push({ object, field, message });
  const isColumn = (name: string): boolean => entity.columns.some((c) => lower(c.name) === lower(name));
  if (entity.softDelete && extract.source.kind === 'files') {
    add('softDelete', 'a soft delete condition is a source SQL expression, and a files source runs no query; remove it or read the files\' deleted rows as a column');
  }
  if (entity.keySweep && extract.pattern.kind !== 'incremental' && extract.pattern.kind !== 'changeTracking') {
    add('keySweep', `a key sweep finds deletes that Incremental and Change Tracking extracts miss; a ${extract.pattern.kind} extract ${extract.pattern.kind === 'multiWildCardFile' ? 'has no source table to sweep' : 'already compares every row'}, remove it`);
  }
  (entity.checks ?? []).forEach((check, index) => {
    const field = `checks[${index}]`;
    switch (check.kind) {
      case 'notNull':
      case 'unique':
        check.columns.forEach((column, at) => {
          if (!isColumn(column)) add(`${field}.columns[${at}]`, `"${column}" is not a column of this entity`);
        });
        break;
      case 'acceptedValues':
        if (!isColumn(check.column)) add(`${field}.column`, `"${check.column}" is not a column of this entity`);
        break;
      case 'rowCount':
        if (check.min !== undefined && check.max !== undefined && check.min > check.max) add(`${field}.min`, `min ${check.min} is more than max ${check.max}`);
        break;
      case 'maxShare':
      case 'sql':
        break;
    }
  });
  return issues;
}
