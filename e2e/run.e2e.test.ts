import { join } from 'node:path';
import Database from 'better-sqlite3';
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

/** Rows of the counted table: several seconds of reading, so the bar is seen part of the way. */
const BIG_ROWS = 1_500_000;

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

  it('shows a percentage for a table the source counted, and none for a query', async () => {
    const { folder, handlers } = designer();
    const run = await demoRunPage();
    // A customers table large enough to be watched while it is read: SQLite's COUNT(*) is its estimate.
    const source = new Database(join(folder, 'sales-source.sqlite'));
    try {
      source.exec(`CREATE TABLE customers_big AS ${ENDLESS_CUSTOMERS.replace('50000000', String(BIG_ROWS))}`);
    } finally {
      source.close();
    }
    const saved = await handlers['extract:save']({
      extract: { entity: 'customer', source: { kind: 'table', connection: 'sales', table: 'customers_big' }, pattern: { kind: 'full' }, lander: { connection: 'lake' }, fileSizeMb: 8 },
    });
    expect(saved.ok).toBe(true);
    await run.pickOnly(['customer']);
    await run.run();
    // A determinate bar, part of the way: a share of the counted rows, and the caption says so.
    await expect.poll(async () => Number(await run.progress('customer').getAttribute('aria-valuenow') ?? 'NaN'), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const value = Number(await run.progress('customer').getAttribute('aria-valuenow'));
    expect(value).toBeLessThan(100);
    expect(await run.progressCaption('customer')).toMatch(/^\d{1,2}% · (extracting|landing|loading)$/);
    expect(await run.progress('customer').getAttribute('aria-valuetext')).toMatch(new RegExp(`of about ${BIG_ROWS.toLocaleString('en-US')} rows read`));
    await designer().screenshot('determinate progress');
    await run.cancel();
    expect(await run.waitForEnd()).toBe('cancelled');

    // A free query has no estimate: the bar moves without a number.
    const query = await handlers['extract:save']({
      extract: { entity: 'customer', source: { kind: 'query', connection: 'sales', sql: ENDLESS_CUSTOMERS }, pattern: { kind: 'full' }, lander: { connection: 'lake' }, fileSizeMb: 8 },
    });
    expect(query.ok).toBe(true);
    await run.run();
    await run.waitForProgress('customer');
    expect(await run.progress('customer').getAttribute('aria-valuenow')).toBeNull();
    expect(await run.progressCaption('customer')).toBe('extracting');
    await designer().screenshot('indeterminate progress');
    await run.cancel();
    expect(await run.waitForEnd()).toBe('cancelled');
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
