import { useEffect, useState } from 'react';

/**
 * The value as it was once it stopped changing for `ms`: the SQL preview follows typing without
 * asking the app on every key. Values are compared by their JSON, so rebuilt objects do not count.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const json = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
    // `json` stands for `value`: a new object with the same content does not restart the wait.
  }, [json, ms]);
  return settled;
}
