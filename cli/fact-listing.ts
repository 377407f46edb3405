/** What `landfall list` and `landfall sql` show of a project's facts. */
import type { Project } from '../shared/model/schema.ts';
import { DEMO_FACT, fillDemoFact } from '../app/demo/demo-fact.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { factRunPlanText } from './fact-run-text.ts';
import { CommandFailed } from './runs-command.ts';

/** The "Facts:" lines of the listing (none for a project without facts): source, normalizations, summaries, staging mode. */
export function factListing(project: Project): string[] {
  if (!project.facts.length) return [];
  const lines = ['', 'Facts:'];
  const width = Math.max(4, ...project.facts.map((f) => f.name.length));
  for (const fact of project.facts) {
    const source = fact.source.kind === 'push' ? 'pushed rows' : fact.source.kind === 'entity' ? `entity ${fact.source.entity}` : `polled files ${fact.source.pattern}`;
    const normalized = fact.normalizations.map((n) => `${n.column}→${n.table}.${n.id}`).join(', ') || 'no normalizations';
    const summaries = fact.summaries.map((s) => s.table).join(', ') || 'no summaries';
    lines.push(`  ${fact.name.padEnd(width)}  ${String(fact.columns.length).padStart(3)} columns  → ${fact.warehouse}  from ${source}; ${normalized}; summaries ${summaries}; ${fact.staging.mode} staging`);
  }
  return lines;
}

/**
 * `landfall sql <file> <fact> --run <run-id>` when `name` is a fact of the project: that run's
 * pass made again from its recorded inputs; undefined when `name` is no fact.
 */
export function factRunText(store: ProjectStore, file: string, runId: string, name: string): string | undefined {
  if (!store.getProject().facts.some((f) => f.name.toLowerCase() === name.toLowerCase())) return undefined;
  const run = store.getRun(runId);
  if (!run) throw new CommandFailed(`${file} has no run ${runId}; \`landfall runs ${file}\` lists them`);
  const log = store.factRunLog(runId);
  if (!log || log.fact.toLowerCase() !== name.toLowerCase()) throw new CommandFailed(`run ${runId} is not a run of fact "${name}"; \`landfall runs ${file}\` lists the runs`);
  return factRunPlanText(run, log);
}

/** `landfall demo`'s last line: the demo fact filled from the sample orders and processed. */
export async function demoFactText(file: string): Promise<string> {
  const store = ProjectStore.open(file);
  try {
    if (!store.getFact(DEMO_FACT)) return '';
    const { pushed, processed } = await fillDemoFact(store, file);
    return `fact ${DEMO_FACT}: ${pushed.toLocaleString('en-US')} order lines pushed, ${processed.toLocaleString('en-US')} processed into the fact and its daily summary\n`;
  } finally {
    store.close();
  }
}
