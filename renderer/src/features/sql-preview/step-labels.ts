import type { PlanStepName } from '../../../../shared/plan/run-plan.ts';

/** Tab labels of the run plan's steps. */
export const STEP_LABELS: Record<PlanStepName, string> = {
  setup: 'Set up',
  readState: 'Saved state',
  model: 'Columns',
  drift: 'Source columns',
  changeTracking: 'Versions',
  estimate: 'Row estimate',
  partition: 'Partitions',
  sourceTypes: 'Source types',
  extract: 'Extract',
  sweepKeys: 'Key sweep',
  land: 'Land',
  sweepLand: 'Land keys',
  publish: 'Publish',
  migrate: 'Migrate',
  stage: 'Stage',
  changeSet: 'Change set',
  check: 'Check',
  checks: 'Data checks',
  currentTable: 'Current table',
  persist: 'Persistent staging',
  counts: 'Counts',
};
