// The designer's watermark ledger through the real gate (dispatch) and handlers, on the demo's
// DuckDB warehouse after a real run: the history the run wrote, a set and a rollback that only say
// what they would do until confirmed, a value of the wrong type and a held run lock refused (nothing
// written), and a confirmed change recorded as the operating system's user, whose value the next
// extract then uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { acquireRunLock } from '../../engine/run-lock.ts';
import { designerHandlers } from '../../test/ipc/designer-handlers.ts';

describe('watermark ledger: history, set and rollback', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-ledger-'));
  const { handlers, call, runEntities } = designerHandlers(dir);
  const runSalesOrder = (): Promise<string> => runEntities(['sales_order']);
  const nextExtract = async (watermarks: Record<string, string>): Promise<string> => {
    const preview = await call('sql:preview', { entityName: 'sales_order', watermarks });
    return preview.ok ? preview.steps.find((s) => s.step === 'extract')!.text : '';
  };
  const person = `person:${userInfo().username}`;

  beforeAll(async () => {
    await call('project:create', { path: join(dir, 'demo.landfall'), demo: true, typed: true });
  });
  afterAll(async () => {
    await handlers.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the ledger, changes a watermark only when confirmed and not while the entity is run, and rolls it back', async () => {
    // Before the first run the warehouse holds nothing: an empty history, and nothing to change.
    await expect(call('ledger:history', { entityName: 'sales_order' })).resolves.toMatchObject({ entity: 'sales_order', saved: [], history: [] });
    await expect(call('ledger:set', { entityName: 'sales_order', parameter: 'changed_at', value: '2026-01-01 00:00:00', confirmed: true })).rejects.toThrow('entity "sales_order" has no saved state yet');

    const first = await runSalesOrder();
    const afterRun = await call('ledger:history', { entityName: 'sales_order' });
    expect(afterRun.saved).toHaveLength(1);
    const saved = afterRun.saved[0]!.value!;
    expect(afterRun.saved[0]).toMatchObject({ parameter: 'changed_at' });
    expect(afterRun.history).toEqual([expect.objectContaining({ parameter: 'changed_at', oldValue: null, newValue: saved, runId: first, changedBy: 'run' })]);

    // The gate refuses a request the contract does not allow, before any handler runs.
    await expect(call('ledger:set', { entityName: 'sales_order', parameter: 'changed_at', value: '2026-01-01' } as never)).rejects.toThrow('ledger:set: invalid argument: confirmed:');
    // A value that is not a date and time, and a parameter the extract does not save, are refused.
    await expect(call('ledger:set', { entityName: 'sales_order', parameter: 'changed_at', value: 'yesterday', confirmed: true })).rejects.toThrow('entity "sales_order": changed_at "yesterday" must be a date and time YYYY-MM-DD HH:MM:SS');
    await expect(call('ledger:set', { entityName: 'sales_order', parameter: 'order_date', value: '2026-01-01', confirmed: true })).rejects.toThrow('entity "sales_order" saves only changed_at, not "order_date"');

    // Unconfirmed: what would change, and nothing written.
    const wanted = '2026-01-15 08:30:00';
    const asked = await call('ledger:set', { entityName: 'sales_order', parameter: 'changed_at', value: wanted, confirmed: false });
    expect(asked).toMatchObject({ applied: false, changes: [{ parameter: 'changed_at', from: saved, to: wanted }], values: { changed_at: wanted } });
    expect(asked.message).toBe(`entity "sales_order": would change changed_at: ${saved} -> ${wanted}`);
    expect((await call('ledger:history', { entityName: 'sales_order' })).history).toHaveLength(1);

    // While a run holds the entity's lock (taken here as a run would), the change is refused.
    const warehouse = { name: 'warehouse', kind: 'duckdb', path: join(dir, 'warehouse.duckdb') } as const;
    const held = await acquireRunLock('a-run-in-progress', [{ warehouse, entities: ['sales_order'] }], { signal: new AbortController().signal, onRetry: () => undefined });
    try {
      await expect(call('ledger:set', { entityName: 'sales_order', parameter: 'changed_at', value: wanted, confirmed: true })).rejects.toThrow(/entity "sales_order" is being run \(.*\); its saved state was not changed/);
    } finally {
      await held.release();
    }
    expect((await call('ledger:history', { entityName: 'sales_order' })).saved).toEqual([{ parameter: 'changed_at', value: saved }]);

    // Confirmed: changed and recorded as the person, and the next extract starts from the new value.
    const set = await call('ledger:set', { entityName: 'sales_order', parameter: 'changed_at', value: wanted, confirmed: true });
    expect(set).toMatchObject({ applied: true, message: `entity "sales_order": changed changed_at: ${saved} -> ${wanted}; recorded in zdm.control_parameter_history by ${person}` });
    const afterSet = await call('ledger:history', { entityName: 'sales_order' });
    expect(afterSet.saved).toEqual([{ parameter: 'changed_at', value: expect.stringMatching(/^2026-01-15 08:30:00/) }]);
    expect(afterSet.history.at(-1)).toMatchObject({ parameter: 'changed_at', oldValue: saved, runId: null, changedBy: person });
    expect(await nextExtract({ changed_at: afterSet.saved[0]!.value! })).toContain("> '2026-01-15 07:30:00");

    // Rollback to the first run: unconfirmed it names the run's value; confirmed it puts it back.
    await expect(call('ledger:rollback', { entityName: 'sales_order', toRun: 'no-such-run', confirmed: true })).rejects.toThrow('entity "sales_order": run no-such-run left nothing of it in the warehouse (no metrics or ledger row); the ledger shows its history');
    const back = await call('ledger:rollback', { entityName: 'sales_order', toRun: first, confirmed: false });
    expect(back).toMatchObject({ applied: false, values: { changed_at: saved }, changes: [{ parameter: 'changed_at', to: saved }] });
    await expect(call('ledger:rollback', { entityName: 'sales_order', toRun: first, confirmed: true })).resolves.toMatchObject({ applied: true });
    const afterRollback = await call('ledger:history', { entityName: 'sales_order' });
    expect(afterRollback.saved).toEqual([{ parameter: 'changed_at', value: saved }]);
    expect(afterRollback.history.at(-1)).toMatchObject({ newValue: saved, runId: first, changedBy: person });
    await expect(call('ledger:rollback', { entityName: 'sales_order', toRun: first, confirmed: true })).resolves.toMatchObject({ applied: false, changes: [] });
  });
});
