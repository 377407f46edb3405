import { useCallback, useRef, useState } from 'react';

export interface Action<A extends unknown[], R> {
  /** Runs the action; resolves with its result, or `undefined` when it failed (see `error`). */
  readonly run: (...args: A) => Promise<R | undefined>;
  readonly busy: boolean;
  /** The app's message for the last failure, shown as it said it. */
  readonly error: string | undefined;
}

/** A request the user starts (save, test, run): its busy flag and its error, for the button and an alert. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await latest.current(...args);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error };
}
