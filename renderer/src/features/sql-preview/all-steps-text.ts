import type { StepPreview } from '../../../../shared/ipc/contract.ts';
import { STEP_LABELS } from './step-labels.ts';

/** Every step's SQL in run order, each under a comment naming the step and where it runs: one text to paste. */
export function allStepsText(steps: readonly StepPreview[]): string {
  return steps.map((s) => `-- ${STEP_LABELS[s.step]} (${s.dialect ?? s.target})\n${s.text.trimEnd()}\n`).join('\n');
}
