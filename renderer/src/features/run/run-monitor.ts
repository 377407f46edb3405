/**
 * The live state of the running batch, folded from the app's `run:event`s. A small store of its
 * own (not part of the query cache): it changes several times a second and outlives the Run
 * screen, so a run keeps being followed while the modeller edits entities.
 */
import type { EngineEvent, EntityState, LogLevel, ProgressTotal, RunStatus } from './engine-types.ts';

export interface ThroughputSample {
  /** Milliseconds since the entity started. */
  readonly t: number;
  readonly rowsPerSecond: number;
}

export interface LiveEntity {
  readonly name: string;
  readonly state: EntityState;
  /** The furthest step reached, kept when the entity then fails or is cancelled. */
  readonly reached: EntityState;
  readonly rows: number;
  readonly bytes: number;
  readonly files: number;
  readonly rowsPerSecond: number;
  readonly samples: readonly ThroughputSample[];
  /** What the progress is measured against, where the engine knows a total (a row estimate, the files' bytes). */
  readonly total?: ProgressTotal | undefined;
  readonly error?: string | undefined;
  /** The source's differences, when the entity stopped on a schema drift (the run panel offers a review). */
  readonly drift?: EntityDrift | undefined;
}

export type EntityDrift = NonNullable<Extract<EngineEvent, { type: 'run:finished' }>['result']['entities'][number]['drift']>;

export interface LogLine {
  readonly at: string;
  readonly level: LogLevel;
  readonly entity?: string | undefined;
  readonly message: string;
}

export type MonitorStatus = 'idle' | 'starting' | 'running' | 'cancelling' | RunStatus;

export interface RunMonitorState {
  readonly runId: string | undefined;
  readonly batchDate: string | undefined;
  readonly status: MonitorStatus;
  readonly entities: readonly LiveEntity[];
  readonly log: readonly LogLine[];
  readonly error: string | undefined;
}

const MAX_SAMPLES = 240;
const MAX_LOG_LINES = 1000;

const IDLE: RunMonitorState = { runId: undefined, batchDate: undefined, status: 'idle', entities: [], log: [], error: undefined };

const queued = (name: string): LiveEntity => ({ name, state: 'queued', reached: 'queued', rows: 0, bytes: 0, files: 0, rowsPerSecond: 0, samples: [] });

/** A failed or cancelled entity: its progress stays at the step it reached. */
export const stopped = (state: EntityState): boolean => state === 'failed' || state === 'cancelled';

/** A run under way (starting, running or cancelling): Run waits, and the state is kept. */
export const isActive = (status: MonitorStatus): boolean => status === 'starting' || status === 'running' || status === 'cancelling';

export class RunMonitor {
  private state: RunMonitorState = IDLE;
  private readonly listeners = new Set<() => void>();
  private readonly started = new Map<string, number>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RunMonitorState => this.state;

  /** Shown at once when Run is pressed, before the engine reports. */
  starting(entities: readonly string[], batchDate: string | undefined): void {
    this.started.clear();
    this.set({ ...IDLE, status: 'starting', batchDate, entities: entities.map(queued) });
  }

  /** The engine could not start: the app said why. */
  failedToStart(message: string): void {
    this.set({ ...this.state, status: 'failed', error: message });
  }

  /** The id `run:start` answered, in case no event named it yet. */
  accepted(runId: string): void {
    if (this.state.runId === undefined) this.set({ ...this.state, runId, status: this.state.status === 'starting' ? 'running' : this.state.status });
  }

  /** Forgets a finished run (another project was opened); a run still going is kept. */
  reset(): void {
    if (isActive(this.state.status)) return;
    this.started.clear();
    this.set(IDLE);
  }

  cancelling(): void {
    if (this.state.status === 'running' || this.state.status === 'starting') this.set({ ...this.state, status: 'cancelling' });
  }

  /** Folds one engine event into the state. */
  apply(event: EngineEvent): void {
    const state = this.state;
    if (event.type === 'run:started') {
      this.started.clear();
      const known = new Map(state.entities.map((e) => [e.name, e]));
      this.set({
        ...state,
        runId: event.runId,
        batchDate: event.batchDate,
        status: state.status === 'cancelling' ? 'cancelling' : 'running',
        entities: event.entities.map((name) => known.get(name) ?? queued(name)),
        error: undefined,
      });
      return;
    }
    const runId = event.type === 'run:finished' ? event.result.runId : event.runId;
    if (state.runId !== undefined && runId !== state.runId) return;
    switch (event.type) {
      case 'entity:state':
        this.patch(event.entity, (entity) => ({ ...entity, state: event.state, reached: stopped(event.state) ? entity.reached : event.state, error: event.error ?? entity.error }));
        return;
      case 'entity:progress': {
        const at = Date.parse(event.at);
        const first = this.started.get(event.entity) ?? at;
        this.started.set(event.entity, first);
        this.patch(event.entity, (entity) => ({
          ...entity,
          rows: event.rows,
          bytes: event.bytes,
          files: event.files,
          rowsPerSecond: event.rowsPerSecond,
          total: event.total,
          samples: [...entity.samples, { t: at - first, rowsPerSecond: event.rowsPerSecond }].slice(-MAX_SAMPLES),
        }));
        return;
      }
      case 'log':
        this.set({ ...state, log: [...state.log, { at: event.at, level: event.level, entity: event.entity, message: event.message }].slice(-MAX_LOG_LINES) });
        return;
      case 'run:finished': {
        const results = new Map(event.result.entities.map((r) => [r.entity, r]));
        const entities = state.entities.map((entity) => {
          const result = results.get(entity.name);
          if (!result) return entity.state === 'done' || entity.state === 'failed' ? entity : { ...entity, state: 'cancelled' as const };
          return { ...entity, state: result.status, reached: result.status === 'done' ? 'done' : entity.reached, rows: result.rows, bytes: result.bytes, files: result.files, error: result.error, drift: result.drift };
        });
        this.set({ ...state, runId: event.result.runId, status: event.result.status, entities, error: event.result.error });
        return;
      }
    }
  }

  private patch(name: string, change: (entity: LiveEntity) => LiveEntity): void {
    const entities = this.state.entities.some((e) => e.name === name) ? this.state.entities : [...this.state.entities, queued(name)];
    this.set({ ...this.state, entities: entities.map((e) => (e.name === name ? change(e) : e)) });
  }

  private set(state: RunMonitorState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}
