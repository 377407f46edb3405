import type { Step } from '../../../../shared/sql/entity-sql.ts';

export const STEP_LABELS: Record<Step, string> = {
  extract: 'Extract',
  stage: 'Stage',
  delta: 'Change set',
  persist: 'Persistent staging',
};
