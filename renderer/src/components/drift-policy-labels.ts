import type { SchemaDriftPolicy } from '../../../shared/model/schema.ts';

/** What each `schemaDrift` policy does, as the entity editor and the drift review offer them. */
export const DRIFT_POLICY_LABELS: Record<SchemaDriftPolicy, string> = {
  warn: 'Warn: report new source columns, load the rest',
  fail: 'Fail: stop the entity on any difference',
  evolve: 'Evolve: add new source columns to the entity before each run',
  ignore: 'Ignore: say nothing of new source columns',
};
