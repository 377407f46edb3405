import type { FactPreviewResult, RequestArg } from '../../../../shared/ipc/contract.ts';
import type { Query } from '../../data/query-cache.ts';

/** A fact's plan text (or the draft's issues); keyed by the request, like the other queries. */
export function factPreviewQuery(arg: RequestArg<'fact:preview'>): Query<FactPreviewResult> {
  return { key: `fact:preview ${JSON.stringify(arg)}`, fetch: () => window.landfall.previewFact(arg) };
}
