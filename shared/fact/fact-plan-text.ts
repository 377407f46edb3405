/**
 * A fact plan as text, for `landfall sql <project> <fact>` and the designer: each step under its
 * heading, its notes as comments, then its statements as they run (values as literals).
 */
import type { Project } from '../model/schema.ts';
import { dialect, dialectOf, type DialectName } from '../sql/dialect.ts';
import { preview } from '../sql/statement.ts';
import { factPlan, type FactPlan, type FactStepName } from './fact-plan.ts';

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

/**
 * The plan text of the project's fact `name` (in `chosen`, or its warehouse's dialect), or
 * undefined when `name` is no fact: what `landfall sql` prints and the designer's preview shows.
 */
export function factPlanText(project: Project, name: string, chosen?: DialectName): string | undefined {
  const fact = project.facts.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (!fact) return undefined;
  const warehouse = project.connections.find((c) => c.name.toLowerCase() === fact.warehouse.toLowerCase());
  const planned = chosen ?? (warehouse ? dialectOf(warehouse.kind) : undefined);
  if (!planned) throw new Error(`fact "${fact.name}": its warehouse "${fact.warehouse}" is not a connection of the project`);
  return renderFactPlan(factPlan(fact, planned));
}
