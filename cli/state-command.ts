/** The `landfall state` command tree: show, set and rollback of an entity's saved state. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readState, rollbackState, setState, stateText } from './saved-state.ts';
import { CommandFailed } from './runs-command.ts';

interface Io {
  out(text: string): void;
}

const projectFile = (file: string): string => {
  if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
  return file;
};

/** Adds `landfall state …` to the command line. */
export function addStateCommands(cli: Command, io: Io): void {
  const state = cli
    .command('state')
    .description('saved watermarks and change tracking versions in the warehouse, with their ledger; `state set` and `state rollback` change them');
  state
    .command('show', { isDefault: true })
    .description('the saved values of every entity (or one) and their history, oldest first')
    .argument('<file>', 'the project file')
    .argument('[entity]', 'only this entity')
    .option('--json', 'print the state as JSON')
    .action(async (file: string, entity: string | undefined, options: { json?: boolean }) => {
      const states = await readState(projectFile(file), entity);
      io.out(options.json ? `${JSON.stringify(states, null, 2)}\n` : stateText(states));
    });
  state
    .command('set')
    .description('set a saved value (refused while the entity is being run; recorded in the ledger)')
    .argument('<file>', 'the project file')
    .argument('<entity>', 'the staging entity')
    .argument('<parameter>', 'a change column of its incremental extract, or change_tracking_version')
    .argument('<value>', 'the new value: the next run extracts what comes after it')
    .option('--yes', 'make the change (without it, only say what would change)')
    .option('--by <name>', 'who the ledger names (default: the operating system user)')
    .action(async (file: string, entity: string, parameter: string, value: string, options: { yes?: boolean; by?: string }) => {
      io.out(await setState(projectFile(file), entity, parameter, value, { yes: options.yes ?? false, ...(options.by ? { by: options.by } : {}) }));
    });
  state
    .command('rollback')
    .description('put the saved values back to where a past run left them (refused while the entity is being run; recorded in the ledger)')
    .argument('<file>', 'the project file')
    .argument('<entity>', 'the staging entity')
    .requiredOption('--to-run <run-id>', 'the run whose end state to go back to')
    .option('--yes', 'make the change (without it, only say what would change)')
    .option('--by <name>', 'who the ledger names (default: the operating system user)')
    .action(async (file: string, entity: string, options: { toRun: string; yes?: boolean; by?: string }) => {
      io.out(await rollbackState(projectFile(file), entity, options.toRun, { yes: options.yes ?? false, ...(options.by ? { by: options.by } : {}) }));
    });
}
