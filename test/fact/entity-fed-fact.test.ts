// A fact fed by an entity (seed 001, Case 1: an extract run by cron feeding the fact): each pass
// takes the persistent-staging versions written since the last pull, deletions left out, so rows
// reach the fact once however often it is processed.
import { afterEach, describe, expect, it } from 'vitest';
import { dialect } from '../../shared/sql/dialect.ts';
import { processFact } from '../../engine/fact/process-fact.ts';
import { expectConverged, freshWarehouse, pushedRows, requestsFact, type PushedRow, type WarehouseUnderTest } from './fact-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Versions of batch `batch` in the entity's persistent staging, as a run of it writes them. */
async function persist(w: WarehouseUnderTest, rows: readonly PushedRow[], batch: string, deleted = false): Promise<void> {
  const d = dialect(w.connection.kind as 'postgres');
  const values = rows.map((r) => `(${r.seq}, '${r.host}', TIMESTAMP '${r.at}', ${r.bytes}, ${batch}, ${deleted ? d.true : d.false})`).join(', ');
  await w.rows(`INSERT INTO ${d.table('psg', 'requests_source')} (seq, host_name, event_at, bytes, lf_batch_id, lf_is_deleted) VALUES ${values}`);
}

describe.each(['postgres', 'duckdb'] as const)('an entity-fed fact on %s', (kind) => {
  it('takes each batch of new versions once, deletions left out', async () => {
    const w = await freshWarehouse(kind, `entityfed_${kind}`);
    cleanups.push(() => w.drop());
    const d = dialect(kind);
    for (const s of d.createSchemas()) await w.rows(s);
    await w.rows(`CREATE TABLE ${d.table('psg', 'requests_source')} (seq BIGINT NOT NULL, host_name VARCHAR(99) NOT NULL, event_at TIMESTAMP NOT NULL, bytes INTEGER NOT NULL, note VARCHAR(20), lf_batch_id BIGINT NOT NULL, lf_is_deleted BOOLEAN NOT NULL)`);
    const fact = requestsFact({ source: { kind: 'entity', entity: 'requests_source' } });
    await persist(w, pushedRows(0, 200), '20261201000000001');
    expect((await processFact(fact, w.connection)).rows).toBe(200);
    expect((await processFact(fact, w.connection)).rows).toBe(0);
    await persist(w, pushedRows(200, 300), '20261201000000002');
    await persist(w, pushedRows(300, 310), '20261201000000002', true);
    expect((await processFact(fact, w.connection)).rows).toBe(100);
    await expectConverged(w, pushedRows(0, 300), expect);
  });
});
