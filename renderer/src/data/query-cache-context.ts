import { createContext, useContext } from 'react';
import type { QueryCache } from './query-cache.ts';

export const QueryCacheContext = createContext<QueryCache | null>(null);

/** The designer's query cache, provided once at the root. */
export function useQueryCache(): QueryCache {
  const cache = useContext(QueryCacheContext);
  if (!cache) throw new Error('useQueryCache needs a QueryCacheContext provider');
  return cache;
}
