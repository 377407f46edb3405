import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDesigner } from './harness.ts';
import { FactsPage } from './pages/facts-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { RunPage } from './pages/run-page.ts';
import { REPO } from './support/repo.ts';

const designer = useDesigner();

/** `landfall` as a user runs it on the same project file. */
function landfall(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [join(REPO, 'bin', 'landfall.js'), ...args], { cwd: REPO, encoding: 'utf8', input });
}

/** Three order lines as `landfall ingest --format ndjson` reads them. */
const LINES = [1, 2, 3].map((n) => JSON.stringify({ order_id: 9000 + n, line_number: 1, order_date: '2026-11-30', customer_name: `Customer ${n % 2}`, product_name: 'Widget', quantity: n, amount: `${n}.50` })).join('\n');

describe('designer: facts', { timeout: 180_000 }, () => {
  it('edits the demo fact\'s summary, shows a bad value at its field, previews the SQL landfall sql prints, saves, and lists its run', async () => {
    const { page, folder, handlers } = designer();
    const file = join(folder, 'sales.landfall');
    await new ProjectsPage(page).createDemo(file);
    const facts = new FactsPage(page);
    await facts.open();
    expect(await facts.names()).toEqual(['order_sales']);
    await facts.select('order_sales');
    expect(await facts.problems('order_sales')).toBe('');
    await designer().screenshot('demo fact');

    // A summary table named like a table the fact already has: the project check's message, at the field.
    await facts.fill('Summary 1 table', 'product_names');
    await expect.poll(() => facts.message('Summary 1 table')).toBe('"product_names" is the name of another table of this fact; name each table once');
    expect(await facts.invalid('Summary 1 table')).toBe(true);
    await expect.poll(() => facts.problems('order_sales')).toBe('1 problem');
    await facts.reveal('Summary 1 table');
    await designer().screenshot('bad summary table');

    // Per customer instead of per product, by day.
    await facts.fill('Summary 1 table', 'daily_customer_sales');
    await facts.choose('Summary 1 group by 2 column', 'customer_key');
    await facts.choose('Summary 1 group by 1 bucket', 'cut to the day');
    await expect.poll(() => facts.message('Summary 1 table')).toBe('Upserted from staging on each pass');
    expect(await facts.problems('order_sales')).toBe('');

    await facts.tab('SQL preview');
    await expect.poll(() => facts.sql()).toContain('CREATE TABLE IF NOT EXISTS "daily_customer_sales"');
    await designer().screenshot('fact sql preview');

    await facts.save('order_sales');
    const saved = (await handlers['project:current'](undefined))!.project.facts[0]!;
    expect(saved.summaries[0]).toMatchObject({ table: 'daily_customer_sales', groupBy: [{ column: 'order_date', bucket: 'day' }, { column: 'customer_key' }] });
    // What the preview shows is what `landfall sql <project> <fact>` prints for the saved project.
    const cli = landfall(['sql', file, 'order_sales']);
    expect(cli.stderr).toBe('');
    expect(await facts.sql()).toBe(cli.stdout);

    // A processing pass is a run of the fact in the history: named as a fact, with its rows.
    const pushed = landfall(['ingest', file, 'order_sales', '--format', 'ndjson'], `${LINES}\n`);
    expect(pushed.stderr).toBe('');
    const processed = landfall(['process', file, 'order_sales']);
    expect(processed.stderr).toBe('');
    expect(processed.status).toBe(0);
    const run = new RunPage(page);
    await facts.shell.go('Run');
    await expect.poll(() => run.history.getByRole('row', { name: /^Run / }).count()).toBe(1);
    await expect(run.history.getByRole('row', { name: /^Run / }).first().innerText()).resolves.toContain('fact order_sales');
    const table = await run.expandHistory(0);
    const row = table.getByRole('row', { name: /^fact order_sales in run / });
    await expect(row.innerText()).resolves.toMatch(/order_sales\s+fact\s+done\s+processed\s+3\s+—\s+—\s+3 into the fact/);
    await designer().screenshot('fact run in history');
  });

  it('adds a fact, refuses a bad rows-per-insert at its field, saves it and deletes it', async () => {
    const { page, folder, handlers } = designer();
    await new ProjectsPage(page).createDemo(join(folder, 'sales.landfall'));
    const facts = new FactsPage(page);
    await facts.open();
    await page.getByRole('button', { name: 'New fact' }).click();
    await facts.editor('(new)').waitFor();
    await facts.fill('Fact name', 'page_views');
    await facts.fill('Fact column 1 name', 'host_name');
    await facts.fill('Rows per insert', '50');
    await expect.poll(() => facts.message('Rows per insert')).toBe('must be at least 100 rows');
    await facts.fill('Rows per insert', '200');
    await expect.poll(() => facts.message('Rows per insert')).toBe('100 to 1000 rows per INSERT into staging');
    // A new fact starts on a warehouse facts run on (the demo's DuckDB one, not its SQLite source).
    await expect.poll(() => facts.problems('page_views')).toBe('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await facts.editor('page_views').waitFor();
    await expect.poll(() => facts.names()).toEqual(['order_sales', 'page_views']);
    const saved = (await handlers['project:current'](undefined))!.project.facts.find((f) => f.name === 'page_views');
    expect(saved).toMatchObject({ warehouse: 'warehouse', columns: [{ name: 'host_name', type: 'string(100)', nullable: false }], source: { kind: 'push' }, batchRows: 200 });
    await designer().screenshot('new fact saved');

    await facts.editor('page_views').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete fact page_views?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => facts.names()).toEqual(['order_sales']);
    expect((await handlers['project:current'](undefined))!.project.facts.map((f) => f.name)).toEqual(['order_sales']);
  });
});
