import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { DataGridPart } from './data-grid.ts';
import { choose, PATIENCE_MS } from './ui.ts';

/** The lake browser: an entity's published sets, their files, a file opened as a grid. */
export class LakePage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(entity: string): Promise<void> {
    await this.shell.go('Lake');
    await choose(this.page, this.page, 'Entity', entity);
  }

  /** The file tables, one per set, Latest first. */
  fileTables(): Locator {
    return this.page.getByRole('table', { name: /^Files of / });
  }

  /** The set folders listed, Latest first. */
  async folders(expected: number): Promise<string[]> {
    const tables = this.fileTables();
    await tables.nth(expected - 1).waitFor({ timeout: PATIENCE_MS });
    const names = await Promise.all((await tables.all()).map((t) => t.getAttribute('aria-label')));
    return names.map((n) => (n ?? '').replace(/^Files of /, ''));
  }

  /** Opens the first file of the set in `folder` and returns its grid. */
  async openFirstFile(folder: string): Promise<DataGridPart> {
    await this.page.getByRole('table', { name: `Files of ${folder}` }).getByRole('button', { name: /^Open / }).first().click();
    const grid = this.page.getByRole('grid', { name: /^Rows of / });
    await grid.waitFor({ timeout: PATIENCE_MS });
    return new DataGridPart(grid);
  }
}
