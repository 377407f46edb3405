/** The `landfall schedule` command tree: an Airflow DAG, or crontab lines and systemd units, for a project. */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { airflowDag } from '../shared/schedule/airflow-dag.ts';
import { cronSchedule } from '../shared/schedule/cron-schedule.ts';
import { cronProblem } from '../shared/schedule/cron-expression.ts';
import { batchDateProblem, today } from '../shared/time.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { CommandFailed } from './runs-command.ts';

interface Io {
  out(text: string): void;
}

function project(file: string): ReturnType<ProjectStore['getProject']> {
  if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
  const store = ProjectStore.open(file);
  try {
    return store.getProject();
  } finally {
    store.close();
  }
}

const cron = (text: string): string => {
  const why = cronProblem(text);
  if (why) throw new CommandFailed(`--schedule ${why}`);
  return text;
};

const whole = (name: string, min: number, max: number) => (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new CommandFailed(`${name} "${text}" must be a whole number from ${min} to ${max}`);
  return n;
};

/** Writes `text` to `output`, or prints it. */
function emit(io: Io, text: string, output: string | undefined, what: string): void {
  if (output === undefined) return io.out(text);
  writeFileSync(output, text);
  io.out(`wrote ${what} to ${output}\n`);
}

/** Adds `landfall schedule …` to the command line. */
export function addScheduleCommands(cli: Command, io: Io): void {
  const schedule = cli.command('schedule').description('run a project under a scheduler you already have: an Airflow DAG, or crontab lines and systemd units');
  schedule
    .command('airflow')
    .description('an Airflow DAG: one task per entity and per fact (after the entity feeding it), a pool of the project\'s parallel entities, retries with backoff, the batch date from the data interval')
    .argument('<file>', 'the project file')
    .option('-o, --output <dag.py>', 'write the DAG to this file instead of standard output')
    .option('--schedule <cron>', 'the cron expression (default: the project\'s batch.schedule)', cron)
    .option('--start-date <date>', 'the DAG\'s start_date, YYYY-MM-DD (default today; catchup is off)')
    .option('--operator <module.Class>', 'an operator taking bash_command, instead of BashOperator')
    .option('--landfall <command>', 'how the workers run Landfall', 'landfall')
    .option('--project-path <path>', 'the project file as the workers reach it (default: its absolute path here)')
    .option('--retries <n>', 'retries per task (exponential backoff from --retry-delay)', whole('--retries', 0, 20), 2)
    .option('--retry-delay <minutes>', 'the first retry\'s delay in minutes', whole('--retry-delay', 1, 1440), 5)
    .option('--compact', 'a compaction task (landfall compact --entities <e>) after each entity task whose files land in a lake')
    .action((file: string, options: { output?: string; schedule?: string; startDate?: string; operator?: string; landfall: string; projectPath?: string; retries: number; retryDelay: number; compact?: boolean }) => {
      const startDate = options.startDate ?? today();
      const why = batchDateProblem(startDate);
      if (why) throw new CommandFailed(`--start-date: ${why}`);
      const text = airflowDag(project(file), {
        projectPath: options.projectPath ?? resolve(file), schedule: options.schedule, startDate, landfall: options.landfall,
        operator: options.operator, retries: options.retries, retryDelayMinutes: options.retryDelay, compact: options.compact === true,
      });
      emit(io, text, options.output, 'the Airflow DAG');
    });
  schedule
    .command('cron')
    .description('crontab lines and a systemd service + timer pair (per shard with --shards)')
    .argument('<file>', 'the project file')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--schedule <cron>', 'the cron expression (default: the project\'s batch.schedule)', cron)
    .option('--shards <n>', 'runners to split the project over: one line and unit pair per shard (landfall run --shard K/N)', whole('--shards', 1, 1024), 1)
    .option('--landfall <command>', 'how the runners run Landfall (an absolute path suits cron\'s short PATH)', 'landfall')
    .option('--project-path <path>', 'the project file as the runners reach it (default: its absolute path here)')
    .option('--log-folder <dir>', 'where cron appends each run\'s output', '/var/log')
    .option('--compact', 'end each line and service by compacting the files of its entities (landfall compact --entities …)')
    .action((file: string, options: { output?: string; schedule?: string; shards: number; landfall: string; projectPath?: string; logFolder: string; compact?: boolean }) => {
      try {
        const text = cronSchedule(project(file), { projectPath: options.projectPath ?? resolve(file), schedule: options.schedule, landfall: options.landfall, shards: options.shards, logFolder: options.logFolder, compact: options.compact === true });
        emit(io, text, options.output, 'the crontab lines and systemd units');
      } catch (error) {
        if (error instanceof CommandFailed) throw error;
        throw new CommandFailed((error as Error).message);
      }
    });
}
