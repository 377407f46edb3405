// The walk-through, from nothing, through the real handlers and engine: a new empty project,
// a SQLite source (chosen in the file dialog), a DuckDB warehouse and a lake folder, two entities
// imported, the source rows previewed, one extract made incremental with Parquet settings (a bad
// value refused at its field), two runs with a source change between them, the lake browser, the
// changed key's version timeline, the ledger, a watermark rolled back and the rerun, and the
// dashboard's step times and watermark lag — a screenshot at each step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useDesigner } from './harness.ts';
import { ConnectionsPage } from './pages/connections-page.ts';
import { DashboardPage } from './pages/dashboard-page.ts';
import { DataPreviewPage } from './pages/data-preview-page.ts';
import { EntitiesPage } from './pages/entities-page.ts';
import { ExtractPage } from './pages/extract-page.ts';
import { LakePage } from './pages/lake-page.ts';
import { LedgerPage } from './pages/ledger-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { RunPage } from './pages/run-page.ts';
import { VersionsPage } from './pages/versions-page.ts';
import { choose } from './pages/ui.ts';

const designer = useDesigner();

const CUSTOMERS = 60;
const ORDERS = 120;

/** A small shop database: customers and their orders, each row with the time it last changed. */
function makeSource(file: string): void {
  const db = new Database(file);
  try {
    db.exec(`
      CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, modified_at TEXT NOT NULL);
      CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, amount TEXT NOT NULL, modified_at TEXT NOT NULL);`);
    const customer = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?)');
    const order = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let id = 1; id <= CUSTOMERS; id++) customer.run(id, `Customer ${id}`, ['Utrecht', 'Leiden', 'Delft'][id % 3], `2026-03-01 08:${String(id % 60).padStart(2, '0')}:00`);
      for (let id = 1; id <= ORDERS; id++) order.run(id, 1 + (id % CUSTOMERS), `${(id * 7) % 200}.${String(id % 100).padStart(2, '0')}`, `2026-03-01 09:${String(id % 60).padStart(2, '0')}:00`);
    })();
  } finally {
    db.close();
  }
}

describe('designer: the walk-through of a new project', { timeout: 300_000 }, () => {
  it('creates a project, adds a source, imports two entities, previews, runs twice, browses lake, versions and ledger, rolls back and reruns', async () => {
    const { page, folder } = designer();
    const shop = join(folder, 'source', 'shop.sqlite');
    mkdirSync(join(folder, 'source'));
    makeSource(shop);
    const home = join(folder, 'walk');
    mkdirSync(join(home, 'lake'), { recursive: true });

    // 1. A new empty project.
    await new ProjectsPage(page).createEmpty(join(home, 'walk.landfall'), 'Walk-through');
    await designer().screenshot('new empty project');

    // 2. The source (chosen in the file dialog), the warehouse (typed) and the lake (chosen).
    const connections = new ConnectionsPage(page);
    await connections.open();
    await connections.startNew();
    await connections.setName('shop');
    await connections.setKind('SQLite');
    designer().dialogAnswers.push(shop);
    await connections.form.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => connections.input('Database file').inputValue()).toBe(shop);
    expect(await connections.test()).toMatch(/^Connected in \d+ ms: SQLite 3\./);
    await designer().screenshot('source connection tested');
    await connections.save();
    await connections.entry('shop').waitFor();
    await connections.startNew();
    await connections.setName('warehouse');
    await connections.setKind('DuckDB');
    await connections.input('Database file').fill(join(home, 'warehouse.duckdb'));
    await connections.save();
    await connections.entry('warehouse').waitFor();
    await connections.startNew();
    await connections.setName('lake');
    await connections.setKind('Local folder');
    designer().dialogAnswers.push(join(home, 'lake'));
    await connections.form.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => connections.input('Folder').inputValue()).toBe(join(home, 'lake'));
    await connections.save();
    await connections.entry('lake').waitFor();
    await designer().screenshot('three connections');

    // 3. Two entities imported from the source.
    const entities = new EntitiesPage(page);
    await entities.shell.go('Entities');
    await entities.importFromSource({ table: 'customers', connection: 'shop (sqlite)' });
    await entities.importFromSource({ table: 'orders', connection: 'shop (sqlite)' });
    await expect.poll(() => entities.names()).toEqual(['customers', 'orders']);
    const imported = (await designer().handlers['project:current'](undefined))!.project;
    expect(imported.entities.find((e) => e.name === 'orders')).toMatchObject({ businessKey: ['order_id'], warehouse: 'warehouse' });
    expect(imported.entities.find((e) => e.name === 'orders')!.columns.find((c) => c.name === 'modified_at')?.type).toBe('datetime');
    await designer().screenshot('two entities imported');

    // 4. The source rows previewed.
    await entities.select('customers');
    await entities.tab('Data');
    const data = new DataPreviewPage(page);
    await data.previewSource();
    const rows = await data.grid('Source rows');
    expect(await rows.rowCount()).toBe(CUSTOMERS);
    expect(await data.summary()).toMatch(new RegExp(`^${CUSTOMERS} rows of customers on sqlite connection "shop", read in \\d+ ms$`));
    await designer().screenshot('source rows previewed');

    // 5. Orders made incremental on modified_at, written as Parquet with row groups of 50 rows;
    //    parallel reads from SQLite are refused at their field.
    await entities.select('orders');
    await entities.tab('Extract');
    const extract = new ExtractPage(page);
    await extract.choosePattern('Incremental');
    await extract.setChangeColumn(1, 'modified_at');
    await choose(extract.form, page, 'Format', 'Parquet');
    await extract.input('Row group rows').fill('50');
    await choose(extract.form, page, 'Dictionary', 'All');
    // A Parquet file's codec is its format's: Snappy, as a Synapse warehouse would need.
    await choose(extract.form, page, 'Compression', 'Snappy');
    await extract.input('Parallel reads').fill('99');
    await expect.poll(() => extract.message('Parallel reads')).toBe('must be at most 16 connections');
    // In range, but SQLite has no snapshot to share: the save is refused, and the field says why.
    await extract.input('Parallel reads').fill('4');
    await expect.poll(() => extract.isInvalid('Parallel reads')).toBe(false);
    await entities.editor('orders').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => extract.isInvalid('Parallel reads')).toBe(true);
    expect(await extract.message('Parallel reads')).toMatch(/set parallelReads to 1 for sqlite source "shop"$/);
    await extract.input('Parallel reads').scrollIntoViewIfNeeded();
    await designer().screenshot('parallel reads refused at the field');
    await extract.input('Parallel reads').fill('1');
    await expect.poll(() => extract.isInvalid('Parallel reads')).toBe(false);
    await entities.save('orders');
    const incremental = (await designer().handlers['project:current'](undefined))!.project.extracts.find((x) => x.entity === 'orders')!;
    expect(incremental).toMatchObject({ pattern: { kind: 'incremental', changeColumns: [{ column: 'modified_at' }] }, format: { kind: 'parquet', rowGroupRows: 50, dictionary: 'all', compression: 'snappy' }, parallelReads: 1 });
    await designer().screenshot('orders incremental as parquet');

    // 6. Two runs with a source change in between.
    const run = new RunPage(page);
    expect(await run.runOnly(['customers', 'orders'])).toBe('succeeded');
    expect(await run.entityRows('orders')).toBe(ORDERS);
    await designer().screenshot('first run');
    const source = new Database(shop);
    try {
      source.prepare("UPDATE customers SET city = 'Zwolle', modified_at = '2026-03-02 10:00:00' WHERE customer_id = 3").run();
      source.prepare("UPDATE orders SET amount = '999.99', modified_at = '2026-03-02 10:00:00' WHERE order_id = 5").run();
    } finally {
      source.close();
    }
    expect(await run.runOnly(['customers', 'orders'])).toBe('succeeded');
    // Incremental: only the changed order is read.
    expect(await run.entityRows('orders')).toBe(1);
    await designer().screenshot('second run');

    // 7. The lake browser: Latest and the archived first set.
    const lake = new LakePage(page);
    await lake.open('orders');
    const folders = await lake.folders(2);
    expect(folders[0]).toBe('orders/Latest');
    expect(folders[1]).toMatch(/^orders\/Archive\//);
    const latest = await lake.openFirstFile('orders/Latest');
    expect(await latest.rowCount()).toBe(1);
    await designer().screenshot('lake browser');

    // 8. The version timeline of the changed key.
    const versions = new VersionsPage(page);
    await versions.open('customers');
    expect(await versions.batchCounts(2)).toEqual([[0, 1, 0], [CUSTOMERS, 0, 0]]);
    const timeline = await versions.showKey({ customer_id: '3' });
    await expect.poll(() => timeline.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => timeline.getByRole('cell', { name: 'city changed' }).innerText()).toBe('Zwolle');
    await designer().screenshot('version timeline of customer 3');

    // 9. The ledger: two runs saved modified_at; roll back to the first and rerun.
    const ledger = new LedgerPage(page);
    await ledger.open('orders');
    const history = await ledger.history(2);
    expect(history[0]).toMatchObject({ parameter: 'modified_at', newValue: '2026-03-02 10:00:00', by: 'a run' });
    const firstRun = history[1]!.how.replace(/^run /, '');
    const firstValue = history[1]!.newValue;
    await ledger.reveal();
    await designer().screenshot('ledger after two runs');
    await ledger.rollBack(firstRun);
    expect(await ledger.proposedChanges()).toEqual([['modified_at', '2026-03-02 10:00:00', firstValue]]);
    await designer().screenshot('confirm the rollback');
    expect(await ledger.confirm('Roll back')).toContain('changed modified_at');
    expect((await ledger.history(3))[0]).toMatchObject({ newValue: firstValue, how: `rolled back to run ${firstRun}` });
    await ledger.reveal();
    await designer().screenshot('rolled back');

    expect(await run.runOnly(['orders'])).toBe('succeeded');
    // From the first run's watermark again: the changed order is read once more, and saves the later value.
    expect(await run.entityRows('orders')).toBe(1);
    await ledger.open('orders');
    expect((await ledger.history(4))[0]).toMatchObject({ oldValue: firstValue, newValue: '2026-03-02 10:00:00', by: 'a run' });
    await ledger.reveal();
    await designer().screenshot('rerun after the rollback');

    // 10. The dashboard: the last results with the watermark lag, and orders' time per step.
    const dashboard = new DashboardPage(page);
    await dashboard.open();
    const overview = await dashboard.overview('orders');
    expect(overview[7]).toBe('3 (0)');
    expect(overview[8]).toMatch(/^modified_at \+\d/);
    // The rerun read one row: too few for a rate, so no made-up rows/s.
    expect(overview[4]).toBe('1');
    expect(overview[6]).toBe('—');
    await dashboard.pick('orders');
    for (const title of ['Rows', 'Duration (s)', 'Rows per second', 'Time per step (s)', 'Watermark lag'] as const) await dashboard.chart(title).locator('svg').first().waitFor();
    await designer().screenshot('dashboard');
  });
});
