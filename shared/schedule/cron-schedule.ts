/**
 * `landfall schedule cron`: crontab lines and a systemd service + timer pair that run a project on
 * its cron schedule — one line (or unit pair) per shard when the project is split over runners.
 */
import type { Project } from '../model/schema.ts';
import { airflowKey } from './airflow-dag.ts';
import { onCalendar } from './cron-expression.ts';

export interface CronOptions {
  readonly projectPath: string;
  readonly schedule?: string | undefined;
  /** The command that runs Landfall (an absolute path is best under cron's short PATH). */
  readonly landfall: string;
  /** Runners the project is split over (`--shard K/N` on each); 1: no shards. */
  readonly shards: number;
  /** Where each run's output is appended. */
  readonly logFolder: string;
}

/** A word quoted for sh (and for cron, which hands the line to sh; `%` is cron's newline, so escaped). */
const sh = (word: string): string => (/^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const cronWord = (word: string): string => sh(word).replace(/%/g, '\\%');
/** A word quoted for a systemd `ExecStart=` line (double quotes; `$`, `%`, `\` and `"` escaped). */
const unitWord = (word: string): string => (/^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `"${word.replace(/[\\"]/g, '\\$&').replace(/\$/g, '$$$$').replace(/%/g, '%%')}"`);

/** The crontab lines and systemd units of a project. Throws when it has no schedule or the schedule has no timer form. */
export function cronSchedule(project: Project, options: CronOptions): string {
  const schedule = options.schedule ?? project.batch.schedule;
  if (!schedule) throw new Error(`project "${project.name}" has no schedule: set batch.schedule (a cron expression such as "0 2 * * *") or pass --schedule`);
  const calendar = onCalendar(schedule);
  const unit = `landfall-${airflowKey(project.name).toLowerCase()}`;
  const shards = Array.from({ length: options.shards }, (_, i) => (options.shards > 1 ? { suffix: `-${i + 1}`, args: ['--shard', `${i + 1}/${options.shards}`] } : { suffix: '', args: [] }));
  const command = (args: readonly string[]): string[] => [...options.landfall.split(/\s+/).filter(Boolean), 'run', options.projectPath, ...args];
  const out = [
    `# Landfall project ${JSON.stringify(project.name)}: runs ${JSON.stringify(schedule)}, written by \`landfall schedule cron\`.`,
    '# The batch date is the day of the run (the runner\'s local date); an entity already running elsewhere is refused by its warehouse lock.',
    '',
    `# ---- crontab (crontab -e)${options.shards > 1 ? `: one line on each of the ${options.shards} runners` : ''}`,
    ...shards.map((s) => `${schedule} ${command(s.args).map(cronWord).join(' ')} >> ${cronWord(`${options.logFolder}/${unit}${s.suffix}.log`)} 2>&1`),
  ];
  for (const s of shards) {
    out.push(
      '',
      `# ---- /etc/systemd/system/${unit}${s.suffix}.service`,
      '[Unit]',
      `Description=Landfall run of ${project.name}${s.suffix ? ` (shard ${s.args[1]})` : ''}`,
      'Wants=network-online.target',
      'After=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      `ExecStart=${command(s.args).map(unitWord).join(' ')}`,
      '',
      `# ---- /etc/systemd/system/${unit}${s.suffix}.timer`,
      '[Unit]',
      `Description=Schedule of the Landfall run of ${project.name}${s.suffix ? ` (shard ${s.args[1]})` : ''}`,
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
  out.push('', `# systemctl daemon-reload && systemctl enable --now ${shards.map((s) => `${unit}${s.suffix}.timer`).join(' ')}`, '');
  return out.join('\n');
}
