import { describe, expect, it } from 'vitest';
import type { RunRecordView } from '../../../../shared/ipc/contract.ts';
import type { EntityMetrics } from '../../../../shared/run-metrics.ts';
import { entityHistory, entityOverview, lagText, MIN_RATE_ROWS } from './dashboard-model.ts';

const record = (entity: string, status: string, rows: number, startedAt?: string, finishedAt?: string, metrics?: EntityMetrics) => ({ entity, status, rows, bytes: rows * 10, files: 1, inserted: rows, updated: 0, deleted: 0, startedAt, finishedAt, metrics });
const STEPS = { extract: 700, land: 300, stage: 200, changeSet: 100, persist: 50 };
const METRICS: EntityMetrics = {
  rowsRead: 500, rowsPerSecond: 500, bytesLanded: 5000, files: 1, fileBytesMin: 5000, fileBytesMedian: 5000, fileBytesMax: 5000, smallFiles: 1, smallFileBytes: 1000, skew: 1,
  steps: STEPS, rowsWritten: 500, watermarks: [{ parameter: 'changed_at', before: '2026-02-28 10:00:00', after: '2026-03-01 04:00:00', lag: 64_800, unit: 'seconds' }],
};

// Newest first, as run:history answers.
const RUNS: RunRecordView[] = [
  { id: 'r3', batchDate: '2026-03-03', status: 'failed', startedAt: '2026-03-03T10:00:00.000Z', finishedAt: '2026-03-03T10:00:05.000Z', entities: [record('Customer', 'failed', 0, '2026-03-03T10:00:00.000Z', '2026-03-03T10:00:01.000Z')] },
  { id: 'r2', batchDate: '2026-03-02', status: 'killed', startedAt: '2026-03-02T10:00:00.000Z', entities: [record('customer', 'killed', 10)] },
  { id: 'r1', batchDate: '2026-03-01', status: 'succeeded', startedAt: '2026-03-01T10:00:00.000Z', finishedAt: '2026-03-01T10:00:04.000Z', entities: [record('customer', 'done', 500, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:02.000Z', METRICS), record('product', 'done', 20, undefined, undefined)] },
];

describe('dashboard model', () => {
  it('gives each entity its last result, runs and failures, ignoring case; an entity never run has none', () => {
    const overview = entityOverview(RUNS, ['customer', 'product', 'sales_order']);
    expect(overview[0]).toMatchObject({ entity: 'customer', runs: 3, failures: 1, last: { runId: 'r3', status: 'failed', durationMs: 1000, rowsPerSecond: null } });
    // No times of its own: the run's start and end stand in; 20 rows are too few to make a rate of.
    expect(overview[1]).toMatchObject({ runs: 1, last: { runId: 'r1', durationMs: 4000, rowsPerSecond: null } });
    expect(overview[2]).toEqual({ entity: 'sales_order', last: undefined, runs: 0, failures: 0 });
  });

  it('lists an entity\'s runs oldest first with rows, duration and rows/s; a run without an end has no duration', () => {
    const history = entityHistory(RUNS, 'customer');
    expect(history.map((r) => r.runId)).toEqual(['r1', 'r2', 'r3']);
    expect(history[0]).toMatchObject({ rows: 500, durationMs: 2000, rowsPerSecond: 250 });
    expect(history[1]).toMatchObject({ rows: 10, durationMs: null, rowsPerSecond: null });
  });

  it('gives no rate for a run of a few rows, where the duration is the run\'s fixed cost', () => {
    const one: RunRecordView[] = [{ id: 'r1', batchDate: '2026-03-01', status: 'succeeded', startedAt: '2026-03-01T10:00:00.000Z', finishedAt: '2026-03-01T10:00:03.000Z', entities: [record('orders', 'done', 1, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.740Z'), record('lines', 'done', MIN_RATE_ROWS, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:02.000Z')] }];
    expect(entityOverview(one, ['orders', 'lines']).map((o) => o.last?.rowsPerSecond)).toEqual([null, MIN_RATE_ROWS / 2]);
  });

  it('keeps each run\'s step times and watermark lag from its metrics; a run without metrics has none', () => {
    const history = entityHistory(RUNS, 'customer');
    expect(history[0]).toMatchObject({ steps: STEPS, watermarks: METRICS.watermarks });
    expect(history[2]).toMatchObject({ steps: null, watermarks: [] });
  });

  it('says a lag in its unit: days for dates, the largest fitting unit for seconds, the number for versions', () => {
    expect(lagText(METRICS.watermarks[0]!)).toBe('changed_at +18 h');
    expect(lagText({ parameter: 'changed_at', before: null, after: '2026-03-01 04:00:00', lag: null, unit: 'seconds' })).toBe('changed_at: 2026-03-01 04:00:00');
    expect(lagText({ parameter: 'order_date', before: '2026-03-01', after: '2026-03-04', lag: 3, unit: 'days' })).toBe('order_date +3 d');
    expect(lagText({ parameter: 'changed_at', before: 'a', after: 'b', lag: 90, unit: 'seconds' })).toBe('changed_at +1.5 min');
    expect(lagText({ parameter: 'ct_version', before: '10', after: '42', lag: 32, unit: 'units' })).toBe('ct_version +32');
  });
});
