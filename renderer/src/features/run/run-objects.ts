import type { RunEntityRecord, RunRecordView } from '../../../../shared/ipc/contract.ts';
import { countOf } from '../../components/format.ts';

/** Whether a run's row is a fact's processing pass (`landfall process`), not an entity's load. */
export const isFactRecord = (record: RunEntityRecord): boolean => record.object === 'fact';

/** What a run ran, in words: "3 entities (1 failed)", "fact order_sales", or both counted. */
export function runObjectsText(run: RunRecordView): string {
  const facts = run.entities.filter(isFactRecord);
  const entities = run.entities.length - facts.length;
  const failed = run.entities.filter((e) => e.status === 'failed').length;
  const parts = [
    ...(entities || !facts.length ? [countOf(entities, 'entity', 'entities')] : []),
    ...(facts.length === 1 && !entities ? [`fact ${facts[0]!.entity}`] : facts.length ? [countOf(facts.length, 'fact', 'facts')] : []),
  ];
  return `${parts.join(', ')}${failed ? ` (${failed} failed)` : ''}`;
}
