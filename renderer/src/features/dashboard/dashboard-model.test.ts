import { describe, expect, it } from 'vitest';
import type { RunRecordView } from '../../../../shared/ipc/contract.ts';
import { entityHistory, entityOverview } from './dashboard-model.ts';

const record = (entity: string, status: string, rows: number, startedAt?: string, finishedAt?: string) => ({ entity, status, rows, bytes: rows * 10, files: 1, inserted: rows, updated: 0, deleted: 0, startedAt, finishedAt });

// Newest first, as run:history answers.
const RUNS: RunRecordView[] = [
  { id: 'r3', batchDate: '2026-03-03', status: 'failed', startedAt: '2026-03-03T10:00:00.000Z', finishedAt: '2026-03-03T10:00:05.000Z', entities: [record('Customer', 'failed', 0, '2026-03-03T10:00:00.000Z', '2026-03-03T10:00:01.000Z')] },
  { id: 'r2', batchDate: '2026-03-02', status: 'killed', startedAt: '2026-03-02T10:00:00.000Z', entities: [record('customer', 'killed', 10)] },
  { id: 'r1', batchDate: '2026-03-01', status: 'succeeded', startedAt: '2026-03-01T10:00:00.000Z', finishedAt: '2026-03-01T10:00:04.000Z', entities: [record('customer', 'done', 500, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:02.000Z'), record('product', 'done', 20, undefined, undefined)] },
];

describe('dashboard model', () => {
  it('gives each entity its last result, runs and failures, ignoring case; an entity never run has none', () => {
    const overview = entityOverview(RUNS, ['customer', 'product', 'sales_order']);
    expect(overview[0]).toMatchObject({ entity: 'customer', runs: 3, failures: 1, last: { runId: 'r3', status: 'failed', durationMs: 1000, rowsPerSecond: 0 } });
    // No times of its own: the run's start and end stand in.
    expect(overview[1]).toMatchObject({ runs: 1, last: { runId: 'r1', durationMs: 4000, rowsPerSecond: 5 } });
    expect(overview[2]).toEqual({ entity: 'sales_order', last: undefined, runs: 0, failures: 0 });
  });

  it('lists an entity\'s runs oldest first with rows, duration and rows/s; a run without an end has no duration', () => {
    const history = entityHistory(RUNS, 'customer');
    expect(history.map((r) => r.runId)).toEqual(['r1', 'r2', 'r3']);
    expect(history[0]).toMatchObject({ rows: 500, durationMs: 2000, rowsPerSecond: 250 });
    expect(history[1]).toMatchObject({ rows: 10, durationMs: null, rowsPerSecond: null });
  });
});
