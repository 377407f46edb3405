/**
 * `landfall state`: the project file's entities' saved state (app/state/saved-state.ts) read and
 * changed from the terminal, and its text.
 */
import type { JobSpec } from '../shared/protocol/engine.ts';
import { buildJobSpec } from '../app/run/job-spec.ts';
import { readStateOf, rollbackStateOf, setStateOf, type EntityState, type StateChange, type StateChangeOptions } from '../app/state/saved-state.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { CommandFailed } from './runs-command.ts';
import { terminalText } from './terminal-text.ts';

export type { EntityState } from '../app/state/saved-state.ts';

/** The job spec of the project's entities (all with an extract, or the one named), connections resolved. */
function specOf(file: string, entity: string | undefined): JobSpec {
  const store = ProjectStore.open(file);
  try {
    return buildJobSpec(store, file, entity === undefined ? {} : { entities: [entity] });
  } finally {
    store.close();
  }
}

/** `landfall state <file> [entity]`: every chosen entity's saved state. */
export function readState(file: string, entity: string | undefined): Promise<EntityState[]> {
  return readStateOf(specOf(file, entity));
}

/** The states as text: current values, then the ledger, oldest first. */
export function stateText(states: readonly EntityState[]): string {
  const lines: string[] = [];
  for (const state of states) {
    lines.push(`${terminalText(state.entity, { oneLine: true })} (warehouse ${state.warehouse}):`);
    if (!state.saved.length) lines.push('  saved: none (the next run extracts every row)');
    for (const s of state.saved) lines.push(`  saved: ${s.parameter} = ${s.value ?? 'NULL'}`);
    if (state.history.length) lines.push('  history:');
    for (const h of state.history) {
      lines.push(`    ${h.changedAt}  ${h.parameter}: ${h.oldValue ?? '(none)'} -> ${h.newValue ?? '(none)'}  by ${terminalText(h.changedBy, { oneLine: true })}${h.runId ? `${h.changedBy === 'run' ? ' ' : ', to run '}${h.runId}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The CLI's answer to a change: its message, and a refusal when it was only described (no `--yes`). */
function cliText(change: StateChange): string {
  if (!change.applied && change.changes.length) throw new CommandFailed(`${change.message}; add --yes to change it (the next run extracts from there)`);
  return `${change.message}\n`;
}

/** `landfall state set <file> <entity> <parameter> <value> --yes`. */
export async function setState(file: string, entity: string, parameter: string, value: string, options: StateChangeOptions): Promise<string> {
  return cliText(await setStateOf(specOf(file, entity), parameter, value, options));
}

/** `landfall state rollback <file> <entity> --to-run <id> --yes`. */
export async function rollbackState(file: string, entity: string, toRun: string, options: StateChangeOptions): Promise<string> {
  return cliText(await rollbackStateOf(specOf(file, entity), toRun, options, `\`landfall state ${file} ${entity}\``));
}
