import initial from './0001-initial.ts';
import runResults from './0002-run-results.ts';
import statementLog from './0003-statement-log.ts';
import runMetrics from './0004-run-metrics.ts';
import schemaChanges from './0005-schema-changes.ts';
import checkResults from './0006-check-results.ts';
import facts from './0007-facts.ts';
import factRuns from './0008-fact-runs.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, in order. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'run-results', sql: runResults },
  { version: 3, name: 'statement-log', sql: statementLog },
  { version: 4, name: 'run-metrics', sql: runMetrics },
  { version: 5, name: 'schema-changes', sql: schemaChanges },
  { version: 6, name: 'check-results', sql: checkResults },
  { version: 7, name: 'facts', sql: facts },
  { version: 8, name: 'fact-runs', sql: factRuns },
];
