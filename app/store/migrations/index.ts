import initial from './0001-initial.ts';
import runResults from './0002-run-results.ts';
import statementLog from './0003-statement-log.ts';
import facts from './0004-facts.ts';

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
  { version: 4, name: 'facts', sql: facts },
];
