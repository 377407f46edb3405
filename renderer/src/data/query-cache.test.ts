// The designer's query cache, in Node: no DOM is involved, only requests, answers and listeners.
import { describe, expect, it } from 'vitest';
import { QueryCache, type Query } from './query-cache.ts';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** A query whose answers the test hands out one by one, counting the fetches. */
function controlled<T>(key: string): Query<T> & { readonly pending: Deferred<T>[] } {
  const pending: Deferred<T>[] = [];
  return {
    key,
    pending,
    fetch: () => {
      const next = deferred<T>();
      pending.push(next);
      return next.promise;
    },
  };
}

/** Lets the cache see settled fetches (their `then` callbacks run on the microtask queue). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueryCache', () => {
  it('is loading before the first answer, fetches once for every watcher of a key, and tells each of them', async () => {
    const cache = new QueryCache();
    const query = controlled<string>('connection:list');
    expect(cache.snapshot(query)).toEqual({ data: undefined, error: undefined, loading: true, fetching: true });
    let seenA = 0;
    let seenB = 0;
    cache.subscribe(query, () => seenA++);
    cache.subscribe(query, () => seenB++);
    expect(query.pending).toHaveLength(1);
    query.pending[0]!.resolve('answer');
    await settle();
    expect(cache.snapshot(query)).toEqual({ data: 'answer', error: undefined, loading: false, fetching: false });
    expect(Object.isFrozen(cache.snapshot(query))).toBe(true);
    // The first watcher also heard the fetch start; the second joined the fetch already running.
    expect([seenA, seenB]).toEqual([2, 1]);
  });

  it('keeps the stale answer on screen while an invalidated query refetches', async () => {
    const cache = new QueryCache();
    const query = controlled<number>('entity:list');
    cache.subscribe(query, () => undefined);
    query.pending[0]!.resolve(1);
    await settle();
    cache.invalidate();
    expect(query.pending).toHaveLength(2);
    expect(cache.snapshot(query)).toEqual({ data: 1, error: undefined, loading: false, fetching: true });
    query.pending[1]!.resolve(2);
    await settle();
    expect(cache.snapshot(query)).toMatchObject({ data: 2, fetching: false });
  });

  it('invalidates only the keys that start with the prefix, and refetches unwatched ones when next watched', async () => {
    const cache = new QueryCache();
    const entities = controlled<string>('entity:list');
    const connections = controlled<string>('connection:list');
    const unsubscribe = cache.subscribe(entities, () => undefined);
    cache.subscribe(connections, () => undefined);
    entities.pending[0]!.resolve('e1');
    connections.pending[0]!.resolve('c1');
    await settle();
    unsubscribe();

    cache.invalidate('connection:');
    expect(connections.pending).toHaveLength(2);
    cache.invalidate('entity:');
    // Nobody watches entities: no request now, the old answer still shown, a fetch on the next watch.
    expect(entities.pending).toHaveLength(1);
    expect(cache.snapshot(entities).data).toBe('e1');
    cache.subscribe(entities, () => undefined);
    expect(entities.pending).toHaveLength(2);
    // A fresh entry is not refetched on a second watch.
    cache.subscribe(connections, () => undefined);
    expect(connections.pending).toHaveLength(2);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const cache = new QueryCache();
    const query = controlled<string>('sql:preview');
    cache.subscribe(query, () => undefined);
    cache.invalidate();
    const [older, newer] = query.pending;
    newer!.resolve('newer');
    await settle();
    older!.resolve('older');
    await settle();
    expect(cache.snapshot(query)).toMatchObject({ data: 'newer', fetching: false });
  });

  it('shows an error with the last answer kept, and asks again on the next watch', async () => {
    const cache = new QueryCache();
    const query = controlled<string>('project:current');
    const unsubscribe = cache.subscribe(query, () => undefined);
    query.pending[0]!.resolve('first');
    await settle();
    cache.invalidate();
    query.pending[1]!.reject('the store is closed');
    await settle();
    const failed = cache.snapshot(query);
    expect(failed).toMatchObject({ data: 'first', loading: false, fetching: false });
    expect(failed.error).toBeInstanceOf(Error);
    expect(failed.error?.message).toBe('the store is closed');
    unsubscribe();
    cache.subscribe(query, () => undefined);
    expect(query.pending).toHaveLength(3);
  });

  it('stops telling a listener that unsubscribed', async () => {
    const cache = new QueryCache();
    const query = controlled<string>('connection:list');
    let seen = 0;
    const unsubscribe = cache.subscribe(query, () => seen++);
    expect(seen).toBe(1);
    unsubscribe();
    query.pending[0]!.resolve('late');
    await settle();
    expect(seen).toBe(1);
  });

  it('drops the least recently watched idle entries beyond a hundred', async () => {
    const cache = new QueryCache();
    const queries = Array.from({ length: 102 }, (_, i) => controlled<number>(`sql:preview:${i}`));
    for (const [i, query] of queries.entries()) {
      const unsubscribe = cache.subscribe(query, () => undefined);
      query.pending[0]!.resolve(i);
      await settle();
      unsubscribe();
    }
    // The two oldest were forgotten; the hundred newest still answer without a fetch.
    expect(cache.snapshot(queries[0]!).loading).toBe(true);
    expect(cache.snapshot(queries[1]!).loading).toBe(true);
    expect(cache.snapshot(queries[2]!).data).toBe(2);
    expect(cache.snapshot(queries[101]!).data).toBe(101);
  });
});
