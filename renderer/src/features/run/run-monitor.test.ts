// The live run state, folded from engine events in Node: the Run screen only renders what this holds.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './engine-types.ts';
import { RunMonitor, isActive, stopped } from './run-monitor.ts';

const RUN = 'run-1';
const AT = '2026-06-30T10:00:00.000Z';
const at = (ms: number): string => new Date(Date.parse(AT) + ms).toISOString();

const started = (entities: string[], runId = RUN): EngineEvent => ({ type: 'run:started', runId, batchId: '7', batchDate: '2026-06-30', entities, at: AT });
const state = (entity: string, value: Extract<EngineEvent, { type: 'entity:state' }>['state'], error?: string): EngineEvent =>
  error === undefined ? { type: 'entity:state', runId: RUN, entity, state: value, at: AT } : { type: 'entity:state', runId: RUN, entity, state: value, error, at: AT };
const progress = (entity: string, ms: number, rows: number, runId = RUN): EngineEvent =>
  ({ type: 'entity:progress', runId, entity, rows, bytes: rows * 10, files: Math.floor(rows / 1000), rowsPerSecond: rows / 2, at: at(ms) });

/** A monitor with a listener that counts notifications. */
function watched(): { monitor: RunMonitor; notified: () => number } {
  const monitor = new RunMonitor();
  let count = 0;
  monitor.subscribe(() => count++);
  return { monitor, notified: () => count };
}

describe('RunMonitor', () => {
  it('shows the chosen entities queued when Run is pressed, then the run id the app answered', () => {
    const { monitor, notified } = watched();
    expect(monitor.getSnapshot()).toMatchObject({ status: 'idle', runId: undefined, entities: [] });
    monitor.starting(['customer', 'sales_order'], '2026-06-30');
    expect(monitor.getSnapshot()).toMatchObject({ status: 'starting', batchDate: '2026-06-30' });
    expect(monitor.getSnapshot().entities.map((e) => [e.name, e.state, e.rows])).toEqual([['customer', 'queued', 0], ['sales_order', 'queued', 0]]);
    monitor.accepted(RUN);
    expect(monitor.getSnapshot()).toMatchObject({ status: 'running', runId: RUN });
    // A later answer does not replace the id the run already has.
    monitor.accepted('other');
    expect(monitor.getSnapshot().runId).toBe(RUN);
    expect(notified()).toBe(2);
  });

  it('takes the entity list from run:started, keeping what it knew and a cancel already asked for', () => {
    const { monitor } = watched();
    monitor.starting(['a'], undefined);
    monitor.apply(progress('a', 0, 5, 'run-0'));
    monitor.cancelling();
    monitor.apply(started(['a', 'b']));
    const snapshot = monitor.getSnapshot();
    expect(snapshot).toMatchObject({ runId: RUN, batchDate: '2026-06-30', status: 'cancelling' });
    expect(snapshot.entities.map((e) => [e.name, e.rows])).toEqual([['a', 5], ['b', 0]]);
  });

  it('keeps the furthest step an entity reached when it then fails, with its error', () => {
    const { monitor } = watched();
    monitor.apply(started(['a']));
    monitor.apply(state('a', 'extracting'));
    monitor.apply(state('a', 'loading'));
    monitor.apply(state('a', 'failed', 'the warehouse went away'));
    expect(monitor.getSnapshot().entities[0]).toMatchObject({ state: 'failed', reached: 'loading', error: 'the warehouse went away' });
    expect(stopped('failed') && stopped('cancelled') && !stopped('loading')).toBe(true);
  });

  it('records progress and a throughput sample per report, timed from the entity\'s first report, the newest 240 kept', () => {
    const { monitor } = watched();
    monitor.apply(started(['a']));
    for (let i = 0; i < 250; i++) monitor.apply(progress('a', 1000 + i * 250, (i + 1) * 100));
    const entity = monitor.getSnapshot().entities[0]!;
    expect(entity).toMatchObject({ rows: 25_000, bytes: 250_000, files: 25, rowsPerSecond: 12_500 });
    expect(entity.samples).toHaveLength(240);
    expect(entity.samples[0]).toEqual({ t: 10 * 250, rowsPerSecond: 550 });
    expect(entity.samples.at(-1)).toEqual({ t: 249 * 250, rowsPerSecond: 12_500 });
  });

  it('adds an entity it hears of that run:started did not name', () => {
    const { monitor } = watched();
    monitor.apply(started(['a']));
    monitor.apply(progress('b', 0, 3));
    expect(monitor.getSnapshot().entities.map((e) => [e.name, e.rows])).toEqual([['a', 0], ['b', 3]]);
  });

  it('ignores the events of another run', () => {
    const { monitor, notified } = watched();
    monitor.apply(started(['a']));
    const before = monitor.getSnapshot();
    monitor.apply(progress('a', 0, 99, 'run-2'));
    monitor.apply({ type: 'log', runId: 'run-2', level: 'info', message: 'not ours', at: AT });
    expect(monitor.getSnapshot()).toBe(before);
    expect(notified()).toBe(1);
  });

  it('keeps the newest thousand log lines', () => {
    const { monitor } = watched();
    monitor.apply(started(['a']));
    for (let i = 0; i < 1005; i++) monitor.apply({ type: 'log', runId: RUN, level: i % 2 ? 'warn' : 'info', entity: 'a', message: `line ${i}`, at: AT });
    const log = monitor.getSnapshot().log;
    expect(log).toHaveLength(1000);
    expect(log[0]).toEqual({ at: AT, level: 'warn', entity: 'a', message: 'line 5' });
    expect(log.at(-1)?.message).toBe('line 1004');
  });

  it('ends with the run\'s result: each entity\'s totals, and entities without a result cancelled unless they had ended', () => {
    const { monitor } = watched();
    monitor.apply(started(['done', 'failed', 'cut', 'never']));
    monitor.apply(state('done', 'loading'));
    monitor.apply(state('failed', 'failed', 'bad row'));
    monitor.apply(state('cut', 'extracting'));
    monitor.apply({
      type: 'run:finished',
      at: AT,
      result: {
        runId: RUN, status: 'cancelled', startedAt: AT, finishedAt: AT, error: 'cancelled by the user',
        entities: [{ entity: 'done', status: 'done', rows: 10, bytes: 100, files: 1, startedAt: AT, finishedAt: AT }],
      },
    });
    const snapshot = monitor.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'cancelled', error: 'cancelled by the user' });
    expect(snapshot.entities.map((e) => [e.name, e.state, e.reached, e.rows])).toEqual([
      ['done', 'done', 'done', 10],
      ['failed', 'failed', 'queued', 0],
      ['cut', 'cancelled', 'extracting', 0],
      ['never', 'cancelled', 'queued', 0],
    ]);
    expect(isActive(snapshot.status)).toBe(false);
  });

  it('keeps the drift an entity stopped on, for the run panel\'s review', () => {
    const { monitor } = watched();
    monitor.apply(started(['product', 'customer']));
    const drift = { breaking: [], added: ['source column "weight_kg" is not read by the extract: add it to the entity to load it'] };
    monitor.apply({
      type: 'run:finished',
      at: AT,
      result: {
        runId: RUN, status: 'failed', startedAt: AT, finishedAt: AT,
        entities: [
          { entity: 'product', status: 'failed', rows: 0, bytes: 0, files: 0, startedAt: AT, finishedAt: AT, error: 'entity "product": source table products changed', drift },
          { entity: 'customer', status: 'done', rows: 5, bytes: 50, files: 1, startedAt: AT, finishedAt: AT },
        ],
      },
    });
    expect(monitor.getSnapshot().entities.map((e) => [e.name, e.drift])).toEqual([['product', drift], ['customer', undefined]]);
  });

  it('forgets a finished run on reset but keeps one still going', () => {
    const { monitor } = watched();
    monitor.starting(['a'], undefined);
    monitor.apply(started(['a']));
    monitor.reset();
    expect(monitor.getSnapshot()).toMatchObject({ status: 'running', runId: RUN });
    monitor.failedToStart('the engine could not start');
    expect(monitor.getSnapshot()).toMatchObject({ status: 'failed', error: 'the engine could not start' });
    monitor.reset();
    expect(monitor.getSnapshot()).toEqual({ runId: undefined, batchDate: undefined, status: 'idle', entities: [], log: [], error: undefined });
  });

  it('is cancelling only from a run starting or running', () => {
    const { monitor } = watched();
    monitor.cancelling();
    expect(monitor.getSnapshot().status).toBe('idle');
    monitor.starting(['a'], undefined);
    monitor.cancelling();
    expect(monitor.getSnapshot().status).toBe('cancelling');
    expect(isActive('starting') && isActive('running') && isActive('cancelling') && !isActive('idle')).toBe(true);
  });

  it('stops telling a listener that unsubscribed', () => {
    const monitor = new RunMonitor();
    let count = 0;
    const unsubscribe = monitor.subscribe(() => count++);
    monitor.starting(['a'], undefined);
    unsubscribe();
    monitor.accepted(RUN);
    expect(count).toBe(1);
  });
});
