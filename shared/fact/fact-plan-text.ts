/**
 * A fact plan as text, for `landfall sql <project> <fact>` and the designer: each step under its
 * heading, its notes as comments, then its statements as they run (values as literals).
 */
import { dialect } from '../sql/dialect.ts';
import { preview } from '../sql/statement.ts';
import type { FactPlan, FactStepName } from './fact-plan.ts';

/** The plan's text; `steps` keeps only those steps. */
export function renderFactPlan(plan: FactPlan, steps?: readonly FactStepName[]): string {
  const d = dialect(plan.dialect);
  const out = [`-- fact ${JSON.stringify(plan.fact)} (${plan.dialect})`];
  for (const step of plan.steps) {
    if (steps && !steps.includes(step.name)) continue;
    out.push('', `-- ==== ${step.name}: warehouse (${plan.dialect}) ====`, ...step.notes.map((note) => `-- ${note}`), '');
    for (const statement of step.statements) out.push(`${preview(statement, d)};`, '');
  }
  return out.join('\n');
}
