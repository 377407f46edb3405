/**
 * Data check results from the rows of their queries: whether the check passed, and the words of
 * its message with up to 10 failing rows. Shared by the engine (run results, errors) and whatever
 * shows a run's history.
 */
import type { CheckResult } from '../protocol/engine.ts';
import type { PlanCheck } from './run-plan.ts';

/** A value of a failing row as a message shows it. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `0x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A failing row (without its trailing count) as `(name = value, …)`, or `(value, …)` for a SQL check's own columns. */
function rowText(names: readonly string[], row: readonly unknown[]): string {
  return `(${row.map((value, i) => (names[i] === undefined ? shown(value) : `${names[i]} = ${shown(value)}`)).join(', ')})`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The result of a check whose query returned `rows` (each ending with the count of all failing rows). */
export function checkResult(check: PlanCheck, rows: readonly (readonly unknown[])[]): CheckResult {
  const base = { name: check.name, kind: check.kind, severity: check.severity };
  const [first] = rows;
  if (!first) return { ...base, passed: true };
  // A unique check's last value is a count, which drivers may give as text (bigint).
  const values = rows.map((row) => (check.kind === 'unique' ? [...row.slice(0, -2), Number(row[row.length - 2])] : row.slice(0, -1)));
  const number = (value: unknown): number => Number(value);
  switch (check.kind) {
    case 'rowCount': {
      const n = number(first[0]);
      const detail = check.min !== undefined && n < check.min
        ? `the extract delivered ${plural(n, 'row')}, fewer than the ${check.min} expected at least`
        : `the extract delivered ${plural(n, 'row')}, more than the ${check.max ?? '?'} expected at most`;
      return { ...base, passed: false, detail };
    }
    case 'maxShare': {
      const affected = number(first[0]);
      const current = number(first[1]);
      const share = current > 0 ? `${Math.round((affected / current) * 1000) / 10}%` : 'all';
      const verb = check.columns[0] === 'rows deleted' ? 'delete' : 'change';
      return { ...base, passed: false, detail: `the run would ${verb} ${affected} of ${plural(current, 'current row')} (${share}), more than the ${check.percent ?? '?'}% allowed` };
    }
    case 'notNull':
    case 'unique':
    case 'acceptedValues':
    case 'sql': {
      const failing = number(first[first.length - 1]);
      const texts = values.map((row) => rowText(check.columns, row));
      const what = check.kind === 'unique' ? 'repeated values' : check.kind === 'sql' ? 'rows returned' : 'failing rows';
      const more = failing > texts.length ? ` (the first ${texts.length})` : '';
      return { ...base, passed: false, detail: `${failing} ${what}${more}: ${texts.join(', ')}`, rows: texts };
    }
  }
}

/** The error of an entity stopped by a failing error check. */
export function checkFailure(entity: string, result: CheckResult): string {
  return `entity "${entity}": data check "${result.name}" failed: ${result.detail ?? ''} — nothing was committed`;
}

/** The warning of a failing warn check. */
export function checkWarning(entity: string, result: CheckResult): string {
  return `entity "${entity}": data check "${result.name}" (warn) failed: ${result.detail ?? ''}; the load goes on`;
}
