import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RunMonitor, RunMonitorState } from './run-monitor.ts';

export const RunMonitorContext = createContext<RunMonitor | null>(null);

export function useRunMonitor(): RunMonitor {
  const monitor = useContext(RunMonitorContext);
  if (!monitor) throw new Error('useRunMonitor needs a RunMonitorContext provider');
  return monitor;
}

/** The live run, re-rendering on every event. */
export function useRunState(): RunMonitorState {
  const monitor = useRunMonitor();
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}
