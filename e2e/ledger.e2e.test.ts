// The watermark ledger in the designer through the real handlers and engine: the history a run
// wrote, a value of the wrong type refused, an edit confirmed after the dialog shows the extract the
// next run will use, a rollback to the first run's value, and a rerun from there.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useDesigner } from './harness.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { RunPage } from './pages/run-page.ts';

const designer = useDesigner();

describe('designer: watermark ledger', { timeout: 180_000 }, () => {
  it('shows the history, edits a watermark and rolls it back with a confirmation that shows the next extract, then reruns', async () => {
    const { page, folder } = designer();
    await new ProjectsPage(page).createDemo(join(folder, 'sales.landfall'));
    expect(await new RunPage(page).runOnly(['sales_order'])).toBe('succeeded');

    const ledger = new LedgerPage(page);
    await ledger.open('sales_order');
    const [first] = await ledger.history(1);
    expect(first).toMatchObject({ parameter: 'changed_at', oldValue: '(none)', by: 'a run' });
    const runId = first!.how.replace(/^run /, '');
    const saved = first!.newValue;
    expect(await ledger.versions.watermarks()).toEqual({ changed_at: saved });
    await ledger.reveal();
    await designer().screenshot('ledger after the first run');

    // A value that is not a date and time is refused by main before any dialog.
    await ledger.edit('changed_at', 'yesterday');
    expect(await ledger.error()).toContain('entity "sales_order": changed_at "yesterday" must be a date and time YYYY-MM-DD HH:MM:SS');
    await ledger.reveal();
    await designer().screenshot('wrong value refused');

    // The confirmation names the change and shows the next extract with the new value (less the hour of lookback).
    await ledger.retype('changed_at', '2026-01-15 08:30:00');
    expect(await ledger.proposedChanges()).toEqual([['changed_at', saved, '2026-01-15 08:30:00']]);
    await expect.poll(() => ledger.dialogExtract.innerText()).toMatch(/>\s'2026-01-15\s07:30:00/);
    await designer().screenshot('confirm the edit');
    const person = userInfo().username;
    expect(await ledger.confirm('Change watermark')).toContain(`recorded in zdm.control_parameter_history by person:${person}`);
    const edited = await ledger.history(2);
    expect(edited[0]).toMatchObject({ parameter: 'changed_at', oldValue: saved, how: 'set by hand', by: person });
    expect((await ledger.versions.watermarks()).changed_at).toMatch(/^2026-01-15 08:30:00/);
    await expect.poll(() => ledger.versions.nextExtract.innerText()).toMatch(/>\s'2026-01-15\s07:30:00/);
    await ledger.reveal();
    await designer().screenshot('edited');

    await ledger.rollBack(runId);
    expect((await ledger.proposedChanges())[0]?.[2]).toBe(saved);
    await designer().screenshot('confirm the rollback');
    expect(await ledger.confirm('Roll back')).toContain('changed changed_at');
    const rolledBack = await ledger.history(3);
    expect(rolledBack[0]).toMatchObject({ newValue: saved, how: `rolled back to run ${runId}`, by: person });
    expect(await ledger.versions.watermarks()).toEqual({ changed_at: saved });
    await ledger.reveal();
    await designer().screenshot('rolled back');

    // The next run starts from the rolled-back value and saves its own: an order changed since, the
    // day after the saved value (the demo's rows end the day before it was made: no fixed date).
    const changed = `${new Date(Date.parse(`${saved.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)} 10:00:00`;
    const source = new Database(join(folder, 'sales-source.sqlite'));
    try {
      source.prepare('UPDATE orders SET modified_at = ? WHERE order_id = (SELECT MIN(order_id) FROM orders)').run(changed);
    } finally {
      source.close();
    }
    expect(await new RunPage(page).runOnly(['sales_order'])).toBe('succeeded');
    await ledger.open('sales_order');
    const rerun = await ledger.history(4);
    expect(rerun[0]).toMatchObject({ oldValue: saved, newValue: changed, by: 'a run' });
    await ledger.reveal();
    await designer().screenshot('rerun after the rollback');
  });
});
