/**
 * The percentage of an entity's progress, the one rule the run panel and `landfall run` share:
 * only where a total is known, and never 100 before the entity is done, since the estimate it
 * comes from (PostgreSQL's `reltuples`, MariaDB's `TABLE_ROWS`) can be lower than what is read.
 */
import type { ProgressTotal } from './engine.ts';

/** The highest percentage shown while an entity is still working. */
export const RUNNING_PERCENT_CAP = 99;

/**
 * The whole percentage of `total` that `rows` reached, capped at {@link RUNNING_PERCENT_CAP};
 * undefined when there is no total or it is zero (nothing to measure against: an empty table's
 * estimate says nothing about a table that filled since it was last analysed).
 */
export function progressPercent(rows: number, total: ProgressTotal | undefined): number | undefined {
  if (!total || !(total.expected > 0)) return undefined;
  const done = total.kind === 'rows' ? rows : total.read;
  return Math.min(RUNNING_PERCENT_CAP, Math.max(0, Math.floor((done / total.expected) * 100)));
}
