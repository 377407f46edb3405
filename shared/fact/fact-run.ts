/**
 * The steps one processing pass of a fact executes, in order, as a pure function of what its
 * probes answered: the engine runs this sequence and nothing else, records each statement in the
 * statement log, and `landfall sql <project> <fact> --run <run-id>` renders it again from the
 * answers the run recorded, so the two compare byte for byte (promise 1, as for entities).
 *
 * A probe's answer only decides the steps after it, so the sequence made with more answers starts
 * with the sequence made with fewer: the engine runs up to the next probe, adds its answer, plans
 * again and goes on where it stopped.
 */
import type { Fact } from '../model/schema.ts';
import type { DialectName } from '../sql/dialect.ts';
import { dialect } from '../sql/dialect.ts';
import { preview } from '../sql/statement.ts';
import { factPlan, type FactStep, type FactStepName } from './fact-plan.ts';

/** What a processing pass's probes answered: the inputs its statements were made with. */
export interface FactRunInputs {
  /** An entity-fed fact: whether the entity's persistent staging existed (the entity had run). */
  readonly entityTable?: boolean | undefined;
  /** An entity-fed fact: the highest batch id there, as text; null when it held no rows. */
  readonly pullUpTo?: string | null | undefined;
  /** Flip-flop staging: whether a generation swapped in was left unprocessed by a stopped processor. */
  readonly pending?: boolean | undefined;
}

export type FactProbe = NonNullable<FactStep['probe']>;

export interface FactRunSteps {
  readonly steps: readonly FactStep[];
  /** The probe that ends `steps` and whose answer the rest needs; none when `steps` is the whole pass. */
  readonly next?: FactProbe;
}

/** One statement of a fact's statement log, as it ran (values as literals). */
export interface FactLogEntry {
  readonly step: FactStepName;
  readonly target: 'warehouse';
  readonly dialect: DialectName;
  readonly sql: string;
}

/** The steps of one processing pass of `fact` (not a poller's: see engine/fact/poll-things.ts) given the probes' answers so far. */
export function factRunSteps(fact: Fact, name: DialectName, inputs: FactRunInputs): FactRunSteps {
  const pick = (inputsOfPlan: Parameters<typeof factPlan>[2], names: readonly FactStepName[]): FactStep[] =>
    factPlan(fact, name, inputsOfPlan).steps.filter((s) => names.includes(s.name));
  const steps = pick({}, ['setup']);
  if (fact.source.kind === 'entity') {
    steps.push(...pick({}, ['entity']));
    if (inputs.entityTable === undefined) return { steps, next: 'entityTable' };
    if (inputs.entityTable) {
      steps.push(...pick({}, ['newRows']));
      if (inputs.pullUpTo === undefined) return { steps, next: 'pullUpTo' };
      if (inputs.pullUpTo !== null) steps.push(...pick({ pullUpTo: inputs.pullUpTo }, ['pull']));
    }
  }
  if (fact.staging.mode !== 'flipFlop') return { steps: [...steps, ...pick({}, ['count', 'normalize', 'load'])] };
  steps.push(...pick({}, ['state']));
  if (inputs.pending === undefined) return { steps, next: 'pending' };
  // A generation a stopped processor left is processed first; then Staging is swapped and processed.
  if (inputs.pending) steps.push(...pick({ pending: true }, ['count', 'normalize', 'load']));
  steps.push(...pick({ pending: false }, ['swap', 'count', 'normalize', 'load']));
  return { steps };
}

/** The log entry of a statement of a fact step. */
export function factLogEntry(step: FactStep, sql: string): FactLogEntry {
  return { step: step.name, target: 'warehouse', dialect: step.dialect, sql };
}

/** Every statement of a whole pass made with `inputs` (all its probes answered), as the engine logs them. */
export function factRunEntries(fact: Fact, name: DialectName, inputs: FactRunInputs): FactLogEntry[] {
  const { steps, next } = factRunSteps(fact, name, inputs);
  if (next) throw new Error(`fact "${fact.name}": the run's inputs do not say ${next}, so its statements cannot be made again`);
  const d = dialect(name);
  return steps.flatMap((step) => step.statements.map((statement) => factLogEntry(step, preview(statement, d))));
}

/** The header lines of a fact run's statement log: the fact, the run, and what its probes answered. */
export function factInputLines(fact: string, name: DialectName, runId: string, inputs: FactRunInputs | undefined): string[] {
  if (!inputs) return [`-- fact ${JSON.stringify(fact)} (${name})`, `-- run ${runId}: its inputs were not recorded (the run ended before the pass did)`];
  const answers = [
    ...(inputs.entityTable === undefined ? [] : [`entity's persistent staging ${inputs.entityTable ? 'exists' : 'missing'}`]),
    ...(inputs.pullUpTo === undefined ? [] : [`pulled up to batch ${inputs.pullUpTo ?? 'none (no rows)'}`]),
    ...(inputs.pending === undefined ? [] : [`a generation left unprocessed: ${inputs.pending ? 'yes' : 'no'}`]),
  ];
  return [`-- fact ${JSON.stringify(fact)} (${name})`, `-- run ${runId}; ${answers.length ? answers.join(', ') : 'no probes'}`];
}
