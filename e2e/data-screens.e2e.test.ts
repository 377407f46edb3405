// The designer's data screens through the real handlers and engine: the data preview of the
// extract editor (source rows, landed files), two runs with a source change in between, the lake
// browser, a changed key's version timeline, the run dashboard, and the everyday shortcuts.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useDesigner } from './harness.ts';
import { DashboardPage } from './pages/dashboard-page.ts';
import { DataPreviewPage } from './pages/data-preview-page.ts';
import { EntitiesPage } from './pages/entities-page.ts';
import { LakePage } from './pages/lake-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { RunPage } from './pages/run-page.ts';
import { SqlPreviewPage } from './pages/sql-preview-page.ts';
import { VersionsPage } from './pages/versions-page.ts';
import { field } from './pages/ui.ts';

const designer = useDesigner();

async function demo(): Promise<string> {
  const { page, folder } = designer();
  await new ProjectsPage(page).createDemo(join(folder, 'sales.landfall'));
  return folder;
}

async function runOnly(entities: string[]): Promise<void> {
  expect(await new RunPage(designer().page).runOnly(entities)).toBe('succeeded');
}

describe('designer: data preview, lake, versions and dashboard', { timeout: 180_000 }, () => {
  it('previews an extract\'s source rows with their types, and its landed files once it has run', async () => {
    await demo();
    const { page } = designer();
    const entities = new EntitiesPage(page);
    await entities.shell.go('Entities');
    await entities.select('product');
    await entities.tab('Data');
    const data = new DataPreviewPage(page);

    await data.previewSource();
    const source = await data.grid('Source rows');
    expect(await source.headers()).toContain('source_system string(20)');
    expect(await source.rowCount()).toBeGreaterThan(0);
    // The @source_system mapping is bound to the project's parameter, as the run binds it.
    expect(await source.firstRow()).toContain('demo-sales');
    expect(await data.summary()).toMatch(/^\d+ rows? (\(the first ones; there are more\) )?of products on sqlite connection "sales", read in \d+ ms$/);
    await designer().screenshot('source rows');

    await data.previewLanded();
    expect(await data.error()).toContain('entity "product" has no published Latest set in lander "lake" yet: run it first');

    await runOnly(['product']);
    await entities.shell.go('Entities');
    await entities.select('product');
    await entities.tab('Data');
    await data.previewLanded();
    const landed = await data.grid('Landed rows');
    expect(await landed.headers()).toContain('unit_price decimal(10,2)');
    expect(await data.summary()).toMatch(/of product\/Latest \(1 file\) on lander "lake"/);
    await designer().screenshot('landed rows');
  });

  it('walks through two runs with a source change: the lake\'s sets, the changed key\'s versions and the dashboard', async () => {
    const folder = await demo();
    const { page } = designer();
    await runOnly(['customer', 'sales_order']);
    const source = new Database(join(folder, 'sales-source.sqlite'));
    try {
      source.prepare("UPDATE customers SET city = 'Zwolle', modified_at = '2026-03-31 10:00:00' WHERE customer_id = 3").run();
    } finally {
      source.close();
    }
    await runOnly(['customer']);
    await designer().screenshot('two runs');

    const lake = new LakePage(page);
    await lake.open('customer');
    const folders = await lake.folders(2);
    expect(folders[0]).toBe('customer/Latest');
    expect(folders[1]).toMatch(/^customer\/Archive\//);
    const grid = await lake.openFirstFile('customer/Latest');
    expect(await grid.rowCount()).toBe(100);
    expect((await grid.headers())[0]).toMatch(/^customer_id INTEGER/);
    await designer().screenshot('lake browser');

    const versions = new VersionsPage(page);
    await versions.open('customer');
    expect(await versions.batchCounts(2)).toEqual([[0, 1, 0], [500, 0, 0]]);
    const timeline = await versions.showKey({ customer_id: '3' });
    const rows = timeline.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toMatch(/current/);
    expect(await rows.nth(1).innerText()).toMatch(/city, modified_at/);
    await expect.poll(() => timeline.getByRole('cell', { name: 'city changed' }).innerText()).toBe('Zwolle');
    await designer().screenshot('version timeline');

    await versions.open('sales_order');
    const saved = await versions.watermarks();
    expect(Object.keys(saved)).toEqual(['changed_at']);
    await expect.poll(() => versions.nextExtract.innerText()).toMatch(/WHERE/);
    await versions.nextExtract.scrollIntoViewIfNeeded();
    await designer().screenshot('saved watermarks');

    const dashboard = new DashboardPage(page);
    await dashboard.open();
    const customer = await dashboard.overview('customer');
    expect(customer[1]).toBe('done');
    expect(customer[4]).toBe('500');
    expect(customer[7]).toBe('2 (0)');
    // The Run screen keeps the entities ticked before, so the second run took sales_order along.
    expect((await dashboard.overview('sales_order'))[7]).toBe('2 (0)');
    expect((await dashboard.overview('product'))[1]).toBe('never run');
    await dashboard.pick('customer');
    for (const title of ['Rows', 'Duration (s)', 'Rows per second'] as const) await dashboard.chart(title).locator('svg').first().waitFor();
    await designer().screenshot('dashboard');
  });

  it('saves with Ctrl+S, runs with Ctrl+Enter, and copies every step of the SQL preview', async () => {
    await demo();
    const { page, handlers } = designer();
    const entities = new EntitiesPage(page);
    await entities.shell.go('Entities');
    await entities.select('customer');
    await field(page, 'Description').fill('Customers of the sales system');
    await entities.editor('customer').getByText('Unsaved changes').waitFor();
    await page.keyboard.press('Control+s');
    await entities.editor('customer').getByText('Unsaved changes').waitFor({ state: 'detached' });
    const saved = (await handlers['project:current'](undefined))!.project.entities.find((e) => e.name === 'customer');
    expect(saved?.description).toBe('Customers of the sales system');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await entities.tab('SQL preview');
    const preview = new SqlPreviewPage(page);
    await preview.editor('Extract').waitFor();
    await preview.region.getByRole('button', { name: 'Copy all steps' }).click();
    const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(copied).toMatch(/^-- Saved state \(duckdb\)\n/);
    expect(copied).toContain('-- Extract (sqlite)\nSELECT');
    expect(copied).toContain('-- Persistent staging (duckdb)');
    await preview.region.getByLabel('Wrap').check();
    await designer().screenshot('sql preview wrapped');

    const run = new RunPage(page);
    await run.open();
    await run.pickOnly(['customer']);
    await page.keyboard.press('Control+Enter');
    expect(await run.waitForEnd()).toBe('succeeded');
  });
});
