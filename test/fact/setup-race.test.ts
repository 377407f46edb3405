// Pollers and processors start together (seed 001, Case 2): each creates the fact's tables if they
// are missing, at the same moment as the others. PostgreSQL's `CREATE … IF NOT EXISTS` is not
// atomic: a session that found the name free can fail when another commits the table first, on the
// catalog's unique index or with "type … already exists". Every starter must come through.
import { afterEach, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../engine/connections.ts';
import { setupFact } from '../../engine/fact/process-fact.ts';
import { freshWarehouse, requestsFact } from './fact-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe.each(['postgres', 'mariadb'] as const)('fact setup on %s', (kind) => {
  it('six starters at once create each fact\'s tables, every one of them succeeding, round after round', async () => {
    const w = await freshWarehouse(kind, `setuprace_${kind}`);
    cleanups.push(() => w.drop());
    const STARTERS = 6;
    const ROUNDS = 12;
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fact = requestsFact({ name: `race_${round}` });
      const warehouses = await Promise.all(Array.from({ length: STARTERS }, () => openWarehouse(w.connection)));
      try {
        const outcomes = await Promise.allSettled(warehouses.map((warehouse, poller) => setupFact(fact, warehouse, poller + 1)));
        for (const outcome of outcomes) if (outcome.status === 'rejected') failures.push(`round ${round}: ${String(outcome.reason)}`);
      } finally {
        await Promise.all(warehouses.map((warehouse) => warehouse.close()));
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
