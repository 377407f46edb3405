/**
 * `landfall schedule cron`: crontab lines and a systemd service + timer pair that run a project on
 * its cron schedule — one line (or unit pair) per shard when the project is split over runners.
 * Facts are processed (`landfall process <project> <fact>`, once) in the same line or service after
 * the run of the shard holding the entity that feeds them; pushed and polled facts, which wait for
 * no run, get a line and unit pair of their own. With `--compact`, each line and service ends by
 * compacting the files of its shard's entities.
 */
import type { Project } from '../model/schema.ts';
import { inShard } from '../shard.ts';
import { airflowKey, scheduledEntities } from './airflow-dag.ts';
import { compactedEntities } from './compacted-entities.ts';
import { onCalendar } from './cron-expression.ts';
import { scheduledFacts, type ScheduledFact } from './fact-upstream.ts';

export interface CronOptions {
  readonly projectPath: string;
  readonly schedule?: string | undefined;
  /** The command that runs Landfall (an absolute path is best under cron's short PATH). */
  readonly landfall: string;
  /** Runners the project is split over (`--shard K/N` on each); 1: no shards. */
  readonly shards: number;
  /** Where each run's output is appended. */
  readonly logFolder: string;
  /** `landfall compact <project> --entities …` after each shard's run (and its facts), for its entities whose files land in a lake. */
  readonly compact?: boolean | undefined;
}

/** A word quoted for sh (and for cron, which hands the line to sh; `%` is cron's newline, so escaped). */
const sh = (word: string): string => (/^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const cronWord = (word: string): string => sh(word).replace(/%/g, '\\%');
/** A word quoted for a systemd `ExecStart=` line (double quotes; `$`, `%`, `\` and `"` escaped). */
const unitWord = (word: string): string => (/^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `"${word.replace(/[\\"]/g, '\\$&').replace(/\$/g, '$$$$').replace(/%/g, '%%')}"`);

/** One runner's share: a crontab line and a systemd service + timer pair running `commands` in turn. */
interface Job {
  /** Appended to the unit and log names: `-K` for shard K, `-facts` for the facts that wait for no run. */
  readonly suffix: string;
  /** What the job does, for the units' descriptions. */
  readonly what: string;
  /** Command words, each command after the one before it succeeded. */
  readonly commands: readonly (readonly string[])[];
}

/** The crontab lines and systemd units of a project. Throws when it has no schedule or the schedule has no timer form. */
export function cronSchedule(project: Project, options: CronOptions): string {
  const schedule = options.schedule ?? project.batch.schedule;
  if (!schedule) throw new Error(`project "${project.name}" has no schedule: set batch.schedule (a cron expression such as "0 2 * * *") or pass --schedule`);
  const calendar = onCalendar(schedule);
  const unit = `landfall-${airflowKey(project.name).toLowerCase()}`;
  const landfall = options.landfall.split(/\s+/).filter(Boolean);
  const scheduled = scheduledEntities(project);
  const facts = scheduledFacts(project, scheduled);
  const process = (fact: ScheduledFact): string[] => [...landfall, 'process', options.projectPath, fact.name, ...fact.options];
  // A project of facts only has no run to schedule (`landfall run` would refuse it each time).
  const runs = scheduled.length || !facts.length ? options.shards : 0;
  const jobs: Job[] = Array.from({ length: runs }, (_, i): Job => {
    const shard = { index: i + 1, count: options.shards };
    const sharded = options.shards > 1;
    // A fact fed by an entity follows the run of the shard that holds the entity, so it pulls what that run loaded.
    const following = facts.filter((f) => f.after !== undefined && (!sharded || inShard(f.after, shard)));
    // Last, so a compaction that fails holds back no fact; after a failed run it waits for the next schedule.
    const compacted = options.compact ? compactedEntities(project, scheduled.filter((name) => !sharded || inShard(name, shard))) : [];
    const compact = compacted.length ? [[...landfall, 'compact', options.projectPath, '--entities', ...compacted]] : [];
    return {
      suffix: sharded ? `-${shard.index}` : '',
      what: `run of ${project.name}${sharded ? ` (shard ${shard.index}/${shard.count})` : ''}`,
      commands: [[...landfall, 'run', options.projectPath, ...(sharded ? ['--shard', `${shard.index}/${shard.count}`] : [])], ...following.map(process), ...compact],
    };
  });
  const alone = facts.filter((f) => f.after === undefined);
  if (alone.length) jobs.push({ suffix: '-facts', what: `fact processing of ${project.name}`, commands: alone.map(process) });
  const log = (job: Job): string => cronWord(`${options.logFolder}/${unit}${job.suffix}.log`);
  const runners = options.shards > 1 ? `: one line on each of the ${options.shards} runners${alone.length ? ', and the -facts line on one of them' : ''}` : '';
  const out = [
    `# Landfall project ${JSON.stringify(project.name)}: runs ${JSON.stringify(schedule)}, written by \`landfall schedule cron\`.`,
    '# The batch date is the day of the run (the runner\'s local date); an entity already running elsewhere is refused by its warehouse lock.',
    ...(facts.length
      ? [
          '# Facts: one fed by an entity is processed after the run of the shard holding the entity; pushed and polled ones by a line of their own.',
          '# In a line (and a service) each command runs once the one before it succeeded; what a failure skips runs on the next schedule, which pulls all new versions.',
        ]
      : []),
    '',
    `# ---- crontab (crontab -e)${runners}`,
    ...jobs.map((job) => `${schedule} ${job.commands.map((words) => `${words.map(cronWord).join(' ')} >> ${log(job)} 2>&1`).join(' && ')}`),
  ];
  for (const job of jobs) {
    out.push(
      '',
      `# ---- /etc/systemd/system/${unit}${job.suffix}.service`,
      '[Unit]',
      `Description=Landfall ${job.what}`,
      'Wants=network-online.target',
      'After=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      // A oneshot service runs its ExecStart= lines in turn and stops at the first that fails, as && does in the crontab line.
      ...job.commands.map((words) => `ExecStart=${words.map(unitWord).join(' ')}`),
      '',
      `# ---- /etc/systemd/system/${unit}${job.suffix}.timer`,
      '[Unit]',
      `Description=Schedule of the Landfall ${job.what}`,
      '',
      '[Timer]',
      `OnCalendar=${calendar}`,
      // A run missed while the machine was off runs when it is back, once.
      'Persistent=true',
      '',
      '[Install]',
      'WantedBy=timers.target',
    );
  }
  out.push('', `# systemctl daemon-reload && systemctl enable --now ${jobs.map((job) => `${unit}${job.suffix}.timer`).join(' ')}`, '');
  return out.join('\n');
}
