/**
 * Keeps a run's history in the project file as its events arrive: the run and its entities when it
 * starts, each statement as the engine executes it (the statement log), the result at the end.
 * Used by `landfall run` and by the designer's run handler, wherever the engine runs.
 */
import type { EngineEvent, JobSpec } from '../../shared/protocol/engine.ts';
import type { ProjectStore } from '../store/project-store.ts';

/**
 * Records the start of `spec`'s run now and returns the listener that records the rest. A failure
 * to record goes to `onError` and never stops the run.
 */
export function recordRun(store: ProjectStore, spec: JobSpec, options: Record<string, unknown>, onError: (error: unknown) => void): (event: EngineEvent) => void {
  store.startRun(spec, options);
  return (event) => {
    try {
      if (event.type === 'entity:statement') store.recordStatement(event.runId, event.entity, event.entry, event.at);
      else if (event.type === 'run:finished') store.finishRun(event.result);
    } catch (error) {
      onError(error);
    }
  };
}
