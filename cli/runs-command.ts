/**
 * `landfall runs` and `landfall sql --run`: the run history of a project file, one run with its
 * entities and statement log, and a past run's plan rendered again from its own inputs.
 */
import type { Project } from '../shared/model/schema.ts';
import { planEntity, planSubject, type PlanStepName } from '../shared/plan/run-plan.ts';
import { inputLines, renderEntries, renderPlan } from '../shared/plan/statement-log.ts';
import type { RunEntityLog, RunRecord } from '../app/store/project-store.ts';
import type { EntityMetrics } from '../shared/run-metrics.ts';
import { terminalText } from './terminal-text.ts';

/** A failure the user can act on: printed as one message, exit 1. */
export class CommandFailed extends Error {}

const count = (n: number): string => n.toLocaleString('en-US');

function duration(startedAt: string | undefined, finishedAt: string | undefined): string {
  if (!startedAt || !finishedAt) return '';
  return `${((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000).toFixed(1)} s`;
}

/** The history as a table, newest first, with each run's totals: rows read, versions written, bytes landed, files. */
export function runsListText(runs: readonly RunRecord[]): string {
  if (!runs.length) return 'no runs yet\n';
  const rows = runs.map((run) => {
    const done = run.entities.filter((e) => e.status === 'done').length;
    const fact = run.entities.find((e) => e.object === 'fact');
    const sum = (of: (e: RunRecord['entities'][number]) => number): number => run.entities.reduce((total, e) => total + of(e), 0);
    return [
      run.id, run.status, run.batchDate, run.startedAt, duration(run.startedAt, run.finishedAt), fact ? `fact ${fact.entity}` : `${done}/${run.entities.length} entities`,
      count(sum((e) => e.rows)), count(sum((e) => e.inserted + e.updated + e.deleted)), count(sum((e) => e.bytes)), count(sum((e) => e.files)),
    ];
  });
  const header = ['run', 'status', 'batch date', 'started', 'took', 'done', 'rows read', 'written', 'bytes', 'files'];
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
export function runShowText(run: RunRecord, logs: readonly RunEntityLog[], options: { readonly sql?: boolean; readonly lastSuccess?: Readonly<Record<string, string>> }): string {
  const lines = [
    `run ${run.id}: ${run.status}, batch date ${run.batchDate}, started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt} (${duration(run.startedAt, run.finishedAt)})` : ''}`,
  ];
  if (run.error) lines.push(`  ${terminalText(run.error)}`);
  const shown = new Set(logs.map((l) => l.entity));
  for (const e of run.entities.filter((entity) => shown.has(entity.entity))) {
    const versions = e.status === 'done' ? `, +${e.inserted} new, ${e.updated} changed, ${e.deleted} deleted` : '';
    lines.push(`  ${e.entity}: ${e.status}${e.mode ? ` (${e.mode})` : ''}, ${count(e.rows)} rows, ${e.files} files, ${count(e.bytes)} bytes${versions}`);
    if (e.error) lines.push(`    ${terminalText(e.error)}`);
    if (e.metrics) lines.push(...metricsLines(e.metrics, run.startedAt, options.lastSuccess?.[e.entity.toLowerCase()]));
  }
  let text = `${lines.join('\n')}\n`;
  if (options.sql) {
    for (const log of logs) text += `\n${statementLogText(run, log)}`;
  }
  return text;
}

/** An entity's metrics, a few lines under its result; `previous` is the start of its last successful run before this one. */
export function metricsLines(m: EntityMetrics, startedAt: string, previous: string | undefined): string[] {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `    ${count(m.rowsRead)} rows read, ${count(m.rowsWritten)} versions written, ${count(m.rowsPerSecond)} rows/s; ${count(m.bytesLanded)} bytes landed in ${m.files} files`,
    `    file sizes min ${count(m.fileBytesMin)} / median ${count(m.fileBytesMedian)} / max ${count(m.fileBytesMax)} bytes, ${m.smallFiles} under ${count(m.smallFileBytes)} bytes; skew ${m.skew.toFixed(2)} (largest ÷ median rows per file)`,
    `    steps: extract ${s(m.steps.extract)}, land ${s(m.steps.land)}, stage ${s(m.steps.stage)}, change set ${s(m.steps.changeSet)}, persist ${s(m.steps.persist)}`,
  ];
  for (const w of m.watermarks) {
    lines.push(`    watermark ${w.parameter}: ${w.before ?? '(none)'} -> ${w.after ?? '(none)'}${w.lag === null ? '' : `, lag closed ${count(w.lag)} ${w.unit}`}`);
  }
  lines.push(`    since the last successful run: ${previous ? duration(previous, startedAt) : 'none before'}`);
  return lines;
}

/** The start of each entity's last successful run before `run`, by lower-case name, from the history. */
export function lastSuccesses(run: RunRecord, history: readonly RunRecord[]): Record<string, string> {
  const found: Record<string, string> = {};
  // Newest first: the first successful run of an entity older than this one is its last success.
  for (const earlier of history) {
    if (earlier.startedAt >= run.startedAt) continue;
    for (const e of earlier.entities) {
      const key = e.entity.toLowerCase();
      if (e.status === 'done' && found[key] === undefined) found[key] = earlier.startedAt;
    }
  }
  return found;
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
