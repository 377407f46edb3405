import { describe, expect, it } from 'vitest';
import type { RunEntityRecord, RunRecordView } from '../../../../shared/ipc/contract.ts';
import { isFactRecord, runObjectsText } from './run-objects.ts';

const record = (entity: string, status: string, object?: 'fact'): RunEntityRecord => ({ entity, ...(object ? { object } : {}), status, rows: 5, bytes: 0, files: 0, inserted: 5, updated: 0, deleted: 0 });
const run = (...entities: RunEntityRecord[]): RunRecordView => ({ id: 'r', batchDate: '', status: 'succeeded', startedAt: '2026-12-01T10:00:00Z', entities });

describe('what a run ran', () => {
  it('names a fact pass by its fact, and counts entities as before', () => {
    expect(runObjectsText(run(record('order_sales', 'done', 'fact')))).toBe('fact order_sales');
    expect(runObjectsText(run(record('customer', 'done'), record('product', 'failed')))).toBe('2 entities (1 failed)');
    expect(runObjectsText(run(record('customer', 'done'), record('order_sales', 'failed', 'fact')))).toBe('1 entity, 1 fact (1 failed)');
    expect(runObjectsText(run())).toBe('0 entities');
  });

  it('tells a fact row from an entity row', () => {
    expect(isFactRecord(record('order_sales', 'done', 'fact'))).toBe(true);
    expect(isFactRecord(record('customer', 'done'))).toBe(false);
  });
});
