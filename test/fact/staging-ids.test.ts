// The ids in staging start as 0, not NULL (an in-place update for InnoDB when normalize sets them:
// the ids' UPDATE of 30,000 rows went from 0.7–1.1 s to 0.1–0.2 s), and the fact refuses an id
// that normalize did not set, as it refused a NULL before, on every fact warehouse.
import { afterEach, describe, expect, it } from 'vitest';
import { setupFact } from '../../engine/fact/process-fact.ts';
import { FACT_WAREHOUSES, freshWarehouse, openFor, requestsFact } from './fact-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(FACT_WAREHOUSES)('staging ids on %s', (kind) => {
  it('start as 0 in staging, and the fact refuses a row whose id is still 0', async () => {
    const w = await freshWarehouse(kind, `stagingids_${kind}`);
    cleanups.push(() => w.drop());
    const fact = requestsFact({ staging: { mode: 'single' } });
    const warehouse = await openFor(w);
    try {
      await setupFact(fact, warehouse);
    } finally {
      await warehouse.close();
    }
    const q = (name: string): string => (kind === 'mariadb' ? `\`${name}\`` : `"${name}"`);
    await w.rows(`INSERT INTO ${q('requests__staging')} (${q('seq')}, ${q('host_name')}, ${q('event_at')}, ${q('bytes')}) VALUES (1, 'a', TIMESTAMP '2026-11-01 10:00:00', 5)`);
    expect(await w.rows(`SELECT ${q('host_id')} FROM ${q('requests__staging')}`)).toEqual([['0']]);
    await expect(w.rows(`INSERT INTO ${q('requests')} (${q('seq')}, ${q('host_id')}, ${q('event_at')}, ${q('bytes')}) SELECT ${q('seq')}, ${q('host_id')}, ${q('event_at')}, ${q('bytes')} FROM ${q('requests__staging')}`)).rejects.toThrow(/check|constraint/i);
    expect(await w.rows(`SELECT COUNT(*) FROM ${q('requests')}`)).toEqual([['0']]);
  });
});
