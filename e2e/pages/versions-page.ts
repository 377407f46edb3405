import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { choose, field, PATIENCE_MS } from './ui.ts';

/** Versions: an entity's batches and the version timeline of a business key. */
export class VersionsPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(entity: string): Promise<void> {
    await this.shell.go('Versions');
    await choose(this.page, this.page, 'Entity', entity);
  }

  get batches(): Locator {
    return this.page.getByRole('table', { name: 'Batches' });
  }

  /** Batch rows, newest first, as [inserted, changed, deleted]. */
  async batchCounts(expected: number): Promise<number[][]> {
    const rows = this.batches.locator('tbody tr');
    await rows.nth(expected - 1).waitFor({ timeout: PATIENCE_MS });
    return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allInnerTexts()).slice(2).map((t) => Number(t.replace(/\D/g, '')))));
  }

  /** Types the key (one value per key column) and shows its versions. */
  async showKey(values: Record<string, string>): Promise<Locator> {
    const form = this.page.getByRole('form', { name: 'Business key' });
    for (const [column, value] of Object.entries(values)) await field(form, column).fill(value);
    await form.getByRole('button', { name: 'Show versions' }).click();
    const timeline = this.page.getByRole('table', { name: 'Version timeline' });
    await timeline.waitFor({ timeout: PATIENCE_MS });
    return timeline;
  }

  /** The saved watermarks table: parameter → value. */
  async watermarks(): Promise<Record<string, string>> {
    const table = this.page.getByRole('table', { name: 'Saved watermarks' });
    await table.waitFor({ timeout: PATIENCE_MS });
    const rows = await table.locator('tbody tr').all();
    return Object.fromEntries(await Promise.all(rows.map(async (row) => (await row.locator('td').allInnerTexts()).map((t) => t.trim()) as [string, string])));
  }

  /** The region of the extract the next run will use. */
  get nextExtract(): Locator {
    return this.page.getByRole('region', { name: 'Next extract SQL' });
  }
}
