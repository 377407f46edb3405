import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewPlan } from '../shared/plan/preview-plan.ts';
import { planStep } from '../shared/plan/run-plan.ts';
import { stepText } from '../shared/plan/statement-log.ts';
import { today } from '../shared/time.ts';
import { useDesigner } from './harness.ts';
import { EntitiesPage } from './pages/entities-page.ts';
import { ExtractPage } from './pages/extract-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';
import { SqlPreviewPage } from './pages/sql-preview-page.ts';

const designer = useDesigner();

async function demoProject(): Promise<EntitiesPage> {
  const { page, folder } = designer();
  await new ProjectsPage(page).createDemo(join(folder, 'sales.landfall'));
  return new EntitiesPage(page);
}

describe('designer: entities, extracts and the SQL preview', { timeout: 120_000 }, () => {
  it('imports an entity from a source table with its columns and types', async () => {
    const entities = await demoProject();
    await entities.importFromSource({ table: 'products' });

    await expect.poll(() => entities.names()).toContain('products');
    const columns = await entities.columns();
    expect(columns.map((c) => c.name)).toEqual(['product_id', 'sku', 'name', 'category', 'unit_price', 'created_at', 'modified_at']);
    expect(columns.find((c) => c.name === 'product_id')?.type).toBe('bigint');
    // The import notes read as sentences about the columns, not as field paths.
    const notes = await entities.importNotes();
    expect(notes).toContain('Column "unit_price" (declared NUMERIC): imported as decimal(9,2), not double, so amounts stay exact — the 120 sampled values have at most 2 decimal places and 3 digits before the point');
    expect(notes).not.toMatch(/columns\[\d+\]/);
    await designer().screenshot('imported columns');

    const saved = (await designer().handlers['project:current'](undefined))?.project;
    expect(saved?.entities.find((e) => e.name === 'products')?.columns.length).toBe(7);
    expect(saved?.extracts.find((x) => x.entity === 'products')?.source).toMatchObject({ kind: 'table', connection: 'sales', table: 'products' });

    await entities.search('prod');
    await expect.poll(() => entities.names()).toEqual(['product', 'products']);
  });

  it('sets an extract to Incremental with two change columns and the extract SQL follows', async () => {
    const { page } = designer();
    const entities = await demoProject();
    await entities.select('customer');
    await entities.tab('Extract');
    const extract = new ExtractPage(page);
    const preview = new SqlPreviewPage(page);
    await expect.poll(() => preview.text('Extract')).toContain('FROM "customers";');
    const full = await preview.text('Extract');
    expect(full).not.toContain('watermark');

    await extract.choosePattern('Incremental');
    await extract.setChangeColumn(1, 'modified_at');
    await extract.addChangeColumn();
    await extract.setChangeColumn(2, 'created_at');
    expect(await extract.changeColumns()).toEqual(['modified_at', 'created_at']);
    await expect.poll(() => preview.text('Extract')).toContain('-- no saved watermark yet: this first run extracts every row');
    await designer().screenshot('incremental with two change columns');

    await entities.save('customer');
    const project = (await designer().handlers['project:current'](undefined))!.project;
    expect(project.extracts.find((x) => x.entity === 'customer')?.pattern).toEqual({
      kind: 'incremental',
      changeColumns: [{ column: 'modified_at' }, { column: 'created_at' }],
      comparison: '>',
    });
    // The preview shows the very text `landfall sql` prints for the saved project.
    const { plan } = previewPlan(project, 'customer', { batchDate: today() });
    await expect.poll(() => preview.text('Extract')).toBe(stepText(planStep(plan, 'extract')!));

    // A first incremental run reads every row, so its change set is found by comparing with persistent staging.
    await entities.tab('SQL preview');
    await preview.step('Change set');
    await expect.poll(() => preview.text('Change set')).toBe(stepText(planStep(plan, 'changeSet')!));
    await designer().screenshot('change set in the SQL preview tab');
  });

  it('shows a broken field\'s error next to the field', async () => {
    const { page } = designer();
    const entities = await demoProject();
    await entities.select('product');
    await entities.tab('Extract');
    const extract = new ExtractPage(page);
    const preview = new SqlPreviewPage(page);
    expect(await extract.message('File size (MB)')).toContain('512 MB suits large tables');

    await extract.input('File size (MB)').fill('0');
    await expect.poll(() => extract.isInvalid('File size (MB)')).toBe(true);
    expect(await extract.message('File size (MB)')).toBe('must be at least 0.0625 MB (64 KiB); fractions such as 0.25 are fine');
    await extract.input('Table or view name').fill('');
    await expect.poll(() => extract.message('Table or view name')).toBe('must name the table or view');
    await page.getByRole('region', { name: 'SQL preview', exact: true }).getByText('The SQL appears when these are fixed').waitFor();
    await designer().screenshot('inline errors');

    await entities.editor('product').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => entities.editor('product').innerText()).toMatch(/2 problems/);
    const saved = (await designer().handlers['project:current'](undefined))!.project;
    expect(saved.extracts.find((x) => x.entity === 'product')?.fileSizeMb).toBe(128);

    await extract.input('File size (MB)').fill('512');
    await extract.input('Table or view name').fill('products');
    await expect.poll(() => extract.isInvalid('File size (MB)')).toBe(false);
    await expect.poll(() => preview.text('Extract')).toContain('FROM "products";');
  });

  it('edits a free query in Monaco and the preview wraps it', async () => {
    const { page } = designer();
    const entities = await demoProject();
    await entities.select('product');
    await entities.tab('Extract');
    const extract = new ExtractPage(page);
    const preview = new SqlPreviewPage(page);

    await extract.form.getByRole('radio', { name: 'Query' }).check();
    await extract.typeQuery('SELECT * FROM products WHERE unit_price > 10');
    await expect.poll(() => preview.text('Extract')).toMatch(/FROM \(\s*SELECT \* FROM products WHERE unit_price > 10\s*\)/);
    await designer().screenshot('free query');

    await entities.save('product');
    const saved = (await designer().handlers['project:current'](undefined))!.project;
    expect(saved.extracts.find((x) => x.entity === 'product')?.source).toEqual({ kind: 'query', connection: 'sales', sql: 'SELECT * FROM products WHERE unit_price > 10' });
  });
});
