// The schema drift review in the run panel through the real handlers and engine: a run stopped by a
// source column that is gone (and one that is new), the review listing both with the entity change
// and the migration DDL, a policy switch, the change applied, and the rerun that loads.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useDesigner } from './harness.ts';
import { DriftReviewPage } from './pages/drift-review-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { RunPage } from './pages/run-page.ts';

const designer = useDesigner();

describe('designer: schema drift review', { timeout: 180_000 }, () => {
  it('shows the differences a run stopped on with the migration DDL, switches the policy and applies them', async () => {
    const { page, folder } = designer();
    await new ProjectsPage(page).createDemo(join(folder, 'sales.landfall'));
    const run = new RunPage(page);
    expect(await run.runOnly(['product'])).toBe('succeeded');

    const source = new Database(join(folder, 'sales-source.sqlite'));
    try {
      source.exec('ALTER TABLE products DROP COLUMN category; ALTER TABLE products ADD COLUMN weight_kg REAL');
    } finally {
      source.close();
    }
    expect(await run.runOnly(['product'])).toBe('failed');
    await designer().screenshot('run stopped on a drift');

    const review = new DriftReviewPage(page);
    await review.open('product');
    expect(await review.sentences('Gone from the source')).toEqual(['source column "category" is gone (entity column "category" reads it): restore it at the source, map "category" to another expression, or remove the column from the entity']);
    expect(await review.sentences('New in the source')).toEqual(['source column "weight_kg" is not read by the extract: add it to the entity to load it']);
    expect(await review.sentences('Applying them changes the entity')).toEqual(['column "weight_kg" (double, nullable) added to the entity: new in the source', 'column "category" removed from the entity: gone from the source']);
    await expect.poll(() => review.ddl.innerText()).toMatch(/ALTER\sTABLE\s"psg"\."product"\sADD\sCOLUMN\s"weight_kg"\sDOUBLE/);
    await expect.poll(() => review.ddl.innerText()).toMatch(/ALTER\sTABLE\s"psg"\."product"\sALTER\sCOLUMN\s"category"\sDROP\sNOT\sNULL/);
    await designer().screenshot('drift review');

    await review.switchPolicy('Fail: stop the entity on any difference');
    await expect.poll(() => review.saved.innerText()).toContain('The policy of product is now fail.');
    expect((await designer().handlers['project:current'](undefined))!.project.entities.find((e) => e.name === 'product')?.schemaDrift).toBe('fail');

    await review.open('product');
    await review.apply();
    await expect.poll(() => review.saved.innerText()).toContain('product now reads its source\'s columns: run it again to migrate and load them.');
    const saved = (await designer().handlers['project:current'](undefined))!.project.entities.find((e) => e.name === 'product')!;
    expect(saved.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['weight_kg']));
    expect(saved.columns.map((c) => c.name)).not.toContain('category');
    // Applied: nothing is left to review until the entity runs again.
    await run.row('product').getByRole('button', { name: 'Review schema drift' }).waitFor({ state: 'detached' });
    await designer().screenshot('drift applied');

    expect(await run.runOnly(['product'])).toBe('succeeded');
    await expect.poll(() => run.log.innerText()).toContain('schema change: column "weight_kg" added to persistent staging');
    await designer().screenshot('rerun after the drift');
  });
});
