import type { LandfallApi } from '../../shared/ipc/api.ts';
import type { QueryCache } from './data/query-cache.ts';
import { RUN_RESULT_PREFIXES } from './data/queries.ts';
import type { RunMonitor } from './features/run/run-monitor.ts';

/**
 * Wires the app's events to the renderer's stores: a changed project refetches every query; run
 * events feed the run monitor, and a finished run refreshes the history.
 */
export function connectEvents(api: LandfallApi, cache: QueryCache, monitor: RunMonitor): () => void {
  const off = [
    api.onProjectChanged(() => cache.invalidate()),
    api.onRunEvent((event) => {
      monitor.apply(event);
      if (event.type === 'run:finished') for (const prefix of RUN_RESULT_PREFIXES) cache.invalidate(prefix);
    }),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
