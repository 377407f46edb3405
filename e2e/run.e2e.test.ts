import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDesigner } from './harness.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { RunPage } from './pages/run-page.ts';
import { persistentStaging } from './support/warehouse.ts';

const designer = useDesigner();
const DEMO_ENTITIES = ['customer', 'product', 'sales_order', 'sales_order_line'];

async function demoRunPage(): Promise<RunPage> {
  const { page, folder } = designer();
  await new ProjectsPage(page).createDemo(join(folder, 'sales.landfall'));
  const run = new RunPage(page);
  await run.open();
  return run;
}

/** Rows a SQLite query makes up as it is read: long enough to cancel, without a large source file. */
const ENDLESS_CUSTOMERS = [
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000)',
  "SELECT i AS customer_id, 'Customer ' || i AS customer_name, 'c' || i || '@example.com' AS email, 'Utrecht' AS city, 'NL' AS country,",
  "       '2024-01-01 00:00:00' AS created_at, NULL AS modified_at",
  'FROM n',
].join('\n');

describe('designer: running the batch', { timeout: 120_000 }, () => {
  it('runs the demo batch and every entity reaches done', async () => {
    const run = await demoRunPage();
    await run.setParallel(2);
    await run.run();
    await designer().screenshot('run started');
    expect(await run.waitForEnd()).toBe('succeeded');

    for (const entity of DEMO_ENTITIES) {
      expect(await run.entityState(entity)).toBe('done');
      expect(await run.progress(entity).getAttribute('aria-valuenow')).toBe('100');
      expect(await run.entityRows(entity)).toBeGreaterThan(0);
    }
    await expect.poll(() => run.log.innerText()).toMatch(/customer/);
    await designer().screenshot('run done');
  });

  it('shows the run in the history with each entity\'s result', async () => {
    const run = await demoRunPage();
    await run.pickOnly(['customer', 'product']);
    await run.run();
    expect(await run.waitForEnd()).toBe('succeeded');

    // The history comes from the project file: it is there after leaving the screen and reopening the project.
    const { page, folder } = designer();
    await run.shell.go('Entities');
    await new ProjectsPage(page).open(join(folder, 'sales.landfall'));
    await run.open();
    await expect.poll(() => run.historyStatuses()).toEqual(['succeeded']);
    const entities = await run.expandHistory(0);
    await expect.poll(() => entities.innerText()).toMatch(/customer\s+done\s+full/);
    expect(await entities.innerText()).toMatch(/product\s+done\s+full/);
    expect(await entities.innerText()).not.toMatch(/sales_order/);
    await entities.scrollIntoViewIfNeeded();
    await designer().screenshot('history');
  });

  it('cancels a long run: cancelled, and nothing committed', async () => {
    const { folder, handlers } = designer();
    const run = await demoRunPage();
    const warehouse = join(folder, 'warehouse.duckdb');

    // A first, short run commits customer to persistent staging.
    await run.pickOnly(['customer']);
    await run.run();
    expect(await run.waitForEnd()).toBe('succeeded');
    const before = await persistentStaging(warehouse, 'customer');
    expect(before.rows).toBeGreaterThan(0);

    // Then customer's source becomes a query of 50 million rows.
    const saved = await handlers['extract:save']({
      extract: { entity: 'customer', source: { kind: 'query', connection: 'sales', sql: ENDLESS_CUSTOMERS }, pattern: { kind: 'full' }, lander: { connection: 'lake' }, fileSizeMb: 8 },
    });
    expect(saved.ok).toBe(true);

    await run.run();
    // Rows flow, and the run is still going (not failed) when Cancel is pressed.
    await run.waitForProgress('customer');
    expect(await run.status()).toBe('running');
    await designer().screenshot('long run going');
    await run.cancel();
    expect(await run.waitForEnd()).toBe('cancelled');
    expect(await run.entityState('customer')).toBe('cancelled');
    await expect.poll(() => run.historyStatuses()).toEqual(['cancelled', 'succeeded']);
    await designer().screenshot('cancelled');

    // Nothing committed: persistent staging holds exactly what the first run wrote.
    // (The engine process may still be closing the warehouse file: read it once it can be opened.)
    await expect.poll(() => persistentStaging(warehouse, 'customer').catch((error: unknown) => ({ error: String(error) })), { timeout: 30_000 }).toEqual(before);
  });
});
