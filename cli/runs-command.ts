/**
 * `landfall runs` and `landfall sql --run`: the run history of a project file, one run with its
 * entities and statement log, and a past run's plan rendered again from its own inputs.
 */
import type { Project } from '../shared/model/schema.ts';
import { planEntity, planSubject, type PlanStepName } from '../shared/plan/run-plan.ts';
import { inputLines, renderEntries, renderPlan } from '../shared/plan/statement-log.ts';
import type { RunEntityLog, RunRecord } from '../app/store/project-store.ts';
import { terminalText } from './terminal-text.ts';

/** A failure the user can act on: printed as one message, exit 1. */
export class CommandFailed extends Error {}

const count = (n: number): string => n.toLocaleString('en-US');

function duration(startedAt: string | undefined, finishedAt: string | undefined): string {
  if (!startedAt || !finishedAt) return '';
  return `${((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000).toFixed(1)} s`;
}

/** The history as a table, newest first. */
export function runsListText(runs: readonly RunRecord[]): string {
  if (!runs.length) return 'no runs yet\n';
  const rows = runs.map((run) => {
    const done = run.entities.filter((e) => e.status === 'done').length;
    return [run.id, run.status, run.batchDate, run.startedAt, duration(run.startedAt, run.finishedAt), `${done}/${run.entities.length} entities`];
  });
  const header = ['run', 'status', 'batch date', 'started', 'took', 'done'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** Finds an entity's log in a run, with an error that lists the run's entities. */
export function entityLog(run: RunRecord, logs: readonly RunEntityLog[], entity: string): RunEntityLog {
  const log = logs.find((l) => l.entity.toLowerCase() === entity.toLowerCase());
  if (!log) throw new CommandFailed(`run ${run.id} has no entity "${entity}"; it ran: ${logs.map((l) => l.entity).join(', ') || 'none'}`);
  return log;
}

/** One run: its status and entities, and with `sql` each entity's statement log. */
export function runShowText(run: RunRecord, logs: readonly RunEntityLog[], options: { readonly sql?: boolean }): string {
  const lines = [
    `run ${run.id}: ${run.status}, batch date ${run.batchDate}, started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt} (${duration(run.startedAt, run.finishedAt)})` : ''}`,
  ];
  if (run.error) lines.push(`  ${terminalText(run.error)}`);
  const shown = new Set(logs.map((l) => l.entity));
  for (const e of run.entities.filter((entity) => shown.has(entity.entity))) {
    const versions = e.status === 'done' ? `, +${e.inserted} new, ${e.updated} changed, ${e.deleted} deleted` : '';
    lines.push(`  ${e.entity}: ${e.status}${e.mode ? ` (${e.mode})` : ''}, ${count(e.rows)} rows, ${e.files} files, ${count(e.bytes)} bytes${versions}`);
    if (e.error) lines.push(`    ${terminalText(e.error)}`);
  }
  let text = `${lines.join('\n')}\n`;
  if (options.sql) {
    for (const log of logs) text += `\n${statementLogText(run, log)}`;
  }
  return text;
}

/** An entity's statement log as it ran: the inputs, then every statement executed, by step. */
export function statementLogText(run: RunRecord, log: RunEntityLog): string {
  const header = log.inputs ? inputLines(log.entity, log.inputs) : [`-- entity ${JSON.stringify(log.entity)}`, `-- run ${run.id}: its inputs were not recorded (the run ended before the entity finished)`];
  return renderEntries(header, log.statements);
}

/**
 * The plan of a past run of an entity, made again from the definition and inputs the run
 * recorded: byte for byte the statement log of a run that went to the end.
 */
export function runPlanText(project: Project, run: RunRecord, log: RunEntityLog, steps?: readonly PlanStepName[]): string {
  if (!log.definition || !log.inputs) throw new CommandFailed(`run ${run.id} recorded no inputs for entity "${log.entity}": it ended before the entity's run did`);
  const { entity, extract, parameters } = log.definition;
  const subject = planSubject({ entities: [entity], extracts: [extract], connections: project.connections, parameters }, entity.name);
  return renderPlan(planEntity(subject, log.inputs), { notes: false, ...(steps ? { steps } : {}) });
}
