import type { Fact, Project } from '../../../../shared/model/schema.ts';
import { DEFAULT_BATCH_ROWS } from '../../../../shared/fact/fact-schema.ts';
import { factsRunOn } from '../../../../shared/fact/check-fact.ts';
import { connectionsFor } from '../../components/connection-picker.tsx';

/** A new fact's draft: the project's first warehouse, pushed rows, the schema's staging defaults. */
export function blankFact(project: Project): Fact {
  return {
    name: '',
    warehouse: connectionsFor('warehouse', project.connections).find(factsRunOn)?.name ?? '',
    columns: [{ name: '', type: 'string(100)', nullable: false }],
    source: { kind: 'push' },
    normalizations: [],
    summaries: [],
    staging: { mode: 'flipFlop', engine: 'InnoDB' },
    batchRows: DEFAULT_BATCH_ROWS,
  };
}

/** The columns a fact holds (what a summary groups and measures): a normalized column's id in place of its name. */
export function factColumnNames(fact: Fact): string[] {
  const normalized = new Map(fact.normalizations.map((n) => [n.column.toLowerCase(), n.id]));
  return fact.columns.map((c) => normalized.get(c.name.toLowerCase()) ?? c.name).filter(Boolean);
}
