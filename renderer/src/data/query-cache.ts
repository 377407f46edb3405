/**
 * A small query cache: data from the app keyed by request, shared by every component that asks
 * for the same request, refetched when invalidated (on `project:changed`). Stale data stays on
 * screen while the refetch runs, so the designer does not flash.
 */

/** A request and how to make it; `key` names the request (channel and argument). */
export interface Query<T> {
  readonly key: string;
  readonly fetch: () => Promise<T>;
}

export interface QuerySnapshot<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  /** True until the first answer (or error) arrives. */
  readonly loading: boolean;
  /** True while a refetch runs. */
  readonly fetching: boolean;
}

interface Entry {
  fetch: () => Promise<unknown>;
  snapshot: QuerySnapshot<unknown>;
  listeners: Set<() => void>;
  /** Bumped on every fetch so an older answer never overwrites a newer one. */
  generation: number;
  stale: boolean;
  lastUsed: number;
}

const LOADING: QuerySnapshot<never> = Object.freeze({ data: undefined, error: undefined, loading: true, fetching: true });

/** Entries nobody watches are dropped beyond this many (previews are keyed by every draft typed). */
const MAX_IDLE_ENTRIES = 100;

export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;

  /** The current answer to a query; `LOADING` before it is first fetched. */
  snapshot<T>(query: Query<T>): QuerySnapshot<T> {
    return (this.entries.get(query.key)?.snapshot ?? LOADING) as QuerySnapshot<T>;
  }

  /** Watches a query: fetches it if it is missing or stale. Returns the unsubscribe function. */
  subscribe<T>(query: Query<T>, listener: () => void): () => void {
    const entry = this.entry(query);
    entry.listeners.add(listener);
    entry.lastUsed = ++this.clock;
    if (entry.stale) this.load(entry);
    return () => {
      entry.listeners.delete(listener);
      this.collect();
    };
  }

  /** Marks every query (or those whose key starts with `prefix`) stale and refetches the watched ones. */
  invalidate(prefix = ''): void {
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      entry.stale = true;
      if (entry.listeners.size > 0) this.load(entry);
    }
  }

  private entry(query: Query<unknown>): Entry {
    let entry = this.entries.get(query.key);
    if (!entry) {
      entry = { fetch: query.fetch, snapshot: LOADING, listeners: new Set(), generation: 0, stale: true, lastUsed: ++this.clock };
      this.entries.set(query.key, entry);
    }
    return entry;
  }

  private load(entry: Entry): void {
    entry.stale = false;
    const generation = ++entry.generation;
    this.update(entry, { ...entry.snapshot, fetching: true });
    void entry.fetch().then(
      (data) => {
        if (generation === entry.generation) this.update(entry, { data, error: undefined, loading: false, fetching: false });
      },
      (error: unknown) => {
        if (generation !== entry.generation) return;
        const asError = error instanceof Error ? error : new Error(String(error));
        // An answer to a request that failed is not kept: the next watcher asks again.
        entry.stale = true;
        this.update(entry, { data: entry.snapshot.data, error: asError, loading: false, fetching: false });
      },
    );
  }

  private update(entry: Entry, snapshot: QuerySnapshot<unknown>): void {
    entry.snapshot = Object.freeze(snapshot);
    for (const listener of [...entry.listeners]) listener();
  }

  private collect(): void {
    const idle = [...this.entries].filter(([, entry]) => entry.listeners.size === 0);
    if (idle.length <= MAX_IDLE_ENTRIES) return;
    idle.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key] of idle.slice(0, idle.length - MAX_IDLE_ENTRIES)) this.entries.delete(key);
  }
}
