import type { Locator, Page } from 'playwright-core';
import { DataGridPart } from './data-grid.ts';
import { PATIENCE_MS } from './ui.ts';

/** The Data tab of the entity editor: source rows and landed rows. */
export class DataPreviewPage {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Data preview' });
  }

  async previewSource(): Promise<void> {
    await this.region.getByRole('button', { name: 'Preview source rows' }).click();
  }

  async previewLanded(): Promise<void> {
    await this.region.getByRole('button', { name: 'Preview landed files' }).click();
  }

  async cancel(): Promise<void> {
    await this.region.getByRole('button', { name: 'Cancel', exact: true }).click();
  }

  /** The grid once it is shown. */
  async grid(name: 'Source rows' | 'Landed rows'): Promise<DataGridPart> {
    const grid = this.region.getByRole('grid', { name });
    await grid.waitFor({ timeout: PATIENCE_MS });
    return new DataGridPart(grid);
  }

  async summary(): Promise<string> {
    return this.region.getByRole('status', { name: 'Preview summary' }).innerText();
  }

  /** The error the preview showed. */
  async error(): Promise<string> {
    const alert = this.region.getByRole('alert');
    await alert.waitFor({ timeout: PATIENCE_MS });
    return alert.innerText();
  }
}
