import { useCallback, useSyncExternalStore } from 'react';
import type { Query, QuerySnapshot } from './query-cache.ts';
import { useQueryCache } from './query-cache-context.ts';

/**
 * Watches a query in the cache and re-renders when its answer changes. The query object is
 * rebuilt on each render; its key (the request) is what identifies it, so the callbacks below
 * depend on the key alone.
 */
export function useQuery<T>(query: Query<T>): QuerySnapshot<T> {
  const cache = useQueryCache();
  const { key } = query;
  const subscribe = useCallback((listener: () => void) => cache.subscribe(query, listener), [cache, key]);
  const snapshot = useCallback(() => cache.snapshot(query), [cache, key]);
  return useSyncExternalStore(subscribe, snapshot);
}
