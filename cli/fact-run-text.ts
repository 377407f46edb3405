/**
 * What `landfall runs show` and `landfall sql --run` print of a fact's processing run: its result,
 * its statement log as it ran, and the pass made again from the fact and probe answers it
 * recorded (byte for byte the log of a pass that went to the end).
 */
import type { FactRunLog, RunRecord } from '../app/store/project-store.ts';
import { factInputLines, factRunEntries } from '../shared/fact/fact-run.ts';
import { renderEntries } from '../shared/plan/statement-log.ts';
import { CommandFailed } from './runs-command.ts';
import { terminalText } from './terminal-text.ts';

const count = (n: number): string => n.toLocaleString('en-US');

/** A fact run's statement log: the fact and its probes' answers, then every statement executed, by step. */
export function factLogText(run: RunRecord, log: FactRunLog): string {
  return renderEntries(factInputLines(log.fact, log.dialect ?? 'duckdb', run.id, log.inputs), log.statements);
}

/** One fact run: its status, the rows it copied to the fact, and with `sql` its statement log. */
export function factRunShowText(run: RunRecord, log: FactRunLog, sql: boolean): string {
  const e = run.entities.find((r) => r.object === 'fact');
  const took = run.finishedAt ? `, finished ${run.finishedAt} (${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s)` : '';
  const lines = [`run ${run.id}: ${run.status}, fact ${log.fact}, started ${run.startedAt}${took}`];
  if (e) lines.push(`  ${log.fact} (fact): ${e.status}, ${count(e.rows)} rows processed into the fact`);
  if (run.error) lines.push(`  ${terminalText(run.error)}`);
  let text = `${lines.join('\n')}\n`;
  if (sql) text += `\n${factLogText(run, log)}`;
  return text;
}

/** The statements of a past fact run made again from the fact and the answers it recorded. */
export function factRunPlanText(run: RunRecord, log: FactRunLog): string {
  if (!log.definition || !log.dialect || !log.inputs) throw new CommandFailed(`run ${run.id} recorded no inputs for fact "${log.fact}": it ended before its pass did, or it was a poller's`);
  return renderEntries(factInputLines(log.fact, log.dialect, run.id, log.inputs), factRunEntries(log.definition, log.dialect, log.inputs));
}
