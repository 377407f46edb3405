/**
 * The statement log and the text of a plan: one entry per statement, rendered with its values as
 * literals exactly as the preview shows them. The engine appends an entry for every statement it
 * executes; `landfall sql --run` turns the plan of that run's inputs into entries with the same
 * function, and both print through `renderEntries`, so the two can be compared byte for byte.
 */
import { dialect, type DialectName } from '../sql/dialect.ts';
import { preview } from '../sql/statement.ts';
import { partitionLine } from '../sql/steps/partition.ts';
import type { EntityPlan, PlanStatement, PlanStep, PlanStepName, PlanTarget, RunInputs, SampleInputs } from './run-plan.ts';

export interface LogEntry {
  readonly step: PlanStepName;
  readonly target: PlanTarget;
  readonly dialect: DialectName;
  /** The statement as it ran, values as literals; a file-fed statement starts with a `-- file:` line. */
  readonly sql: string;
}

/** The log entry of one statement of a step (which must have a dialect: lake steps run no SQL). */
export function logEntry(step: PlanStep, item: PlanStatement): LogEntry {
  if (!step.dialect) throw new Error(`the ${step.name} step runs no SQL`);
  // JSON quoting keeps a path with a line break inside the comment.
  const file = item.file === undefined ? '' : `-- file: ${JSON.stringify(item.file)}\n`;
  return { step: step.name, target: step.target, dialect: step.dialect, sql: `${file}${preview(item.statement, dialect(step.dialect))}` };
}

/** Every statement of a plan, as the engine logs it when it runs the whole plan. */
export function planEntries(plan: EntityPlan): LogEntry[] {
  return plan.steps.flatMap((step) => step.statements.map((item) => logEntry(step, item)));
}

/** The header lines that say with which inputs a plan was made; samples are marked. */
export function inputLines(entity: string, inputs: RunInputs, samples: SampleInputs = new Set()): string[] {
  const mark = (key: keyof RunInputs): string => (samples.has(key) ? ' (sample)' : '');
  const watermarks = Object.entries(inputs.watermarks).sort(([a], [b]) => a.localeCompare(b));
  const ct = inputs.changeTracking;
  return [
    `-- entity ${JSON.stringify(entity)}`,
    `-- run ${inputs.runId}${mark('runId')}, batch date ${inputs.batchDate}${mark('batchDate')}, batch id ${inputs.batchId}${mark('batchId')}, started ${inputs.startedAt} UTC${mark('startedAt')}`,
    `-- saved watermarks${mark('watermarks')}: ${watermarks.length ? watermarks.map(([column, value]) => `${column} = ${JSON.stringify(value)}`).join(', ') : 'none'}`,
    ...(ct ? [`-- change tracking versions${mark('changeTracking')}: saved ${ct.saved ?? 'none'}, current ${ct.current}, minimum valid ${ct.minValid ?? 'none'}`] : []),
    ...(inputs.partitions ? [`-- partition bounds${mark('partitions')}: ${partitionLine(inputs.partitions)}`] : []),
    ...(inputs.sourceTypes ? [`-- source column types: ${inputs.sourceTypes.map((t) => `${t.name} ${t.type}`).join(', ')}`] : []),
    `-- landed files${mark('files')}: ${inputs.files.length}`,
    ...(inputs.metrics ? [`-- load metrics${mark('metrics')}: ${inputs.metrics.rowsRead} rows read, ${inputs.metrics.files} files, ${inputs.metrics.bytesLanded} bytes${inputs.runRow ? '; writes the run\'s row of zdm.run_log' : ''}`] : []),
  ];
}

const heading = (step: { readonly name: string; readonly target: string; readonly dialect?: string | undefined }): string =>
  `-- ==== ${step.name}: ${step.target}${step.dialect ? ` (${step.dialect})` : ''} ====`;

/** The text of a statement log (an entity's, or a fact's: shared/fact/fact-run.ts): header lines, then each step's statements under its heading. */
export function renderEntries(header: readonly string[], entries: readonly { readonly step: string; readonly target: string; readonly dialect: string; readonly sql: string }[]): string {
  const out: string[] = [...header];
  let last: string | undefined;
  for (const entry of entries) {
    if (entry.step !== last) {
      out.push('', heading({ name: entry.step, target: entry.target, dialect: entry.dialect }));
      last = entry.step;
    }
    out.push(`${entry.sql};`, '');
  }
  if (out[out.length - 1] !== '') out.push('');
  return out.join('\n');
}

/** One step as the designer shows it: its notes as comments, then its statements. */
export function stepText(step: PlanStep): string {
  const notes = step.notes.map((note) => `-- ${note}`);
  const statements = step.statements.map((item) => `${logEntry(step, item).sql};`);
  return [...notes, ...(notes.length && statements.length ? [''] : []), ...statements.join('\n\n').split('\n')].join('\n').trimEnd();
}

/**
 * A plan as `landfall sql` prints it for a preview: the inputs (samples marked), then every step
 * with its notes and statements. With `notes: false` it is the text of the statement log the
 * engine would write running this plan to the end.
 */
export function renderPlan(plan: EntityPlan, options: { readonly samples?: SampleInputs; readonly notes?: boolean; readonly steps?: readonly PlanStepName[] } = {}): string {
  const header = inputLines(plan.entity, plan.inputs, options.samples);
  const chosen = options.steps ? plan.steps.filter((s) => options.steps!.includes(s.name)) : plan.steps;
  if (options.notes === false) return renderEntries(header, chosen.flatMap((step) => step.statements.map((item) => logEntry(step, item))));
  const out = [...header];
  for (const step of chosen) out.push('', heading(step), stepText(step), '');
  return out.join('\n');
}
