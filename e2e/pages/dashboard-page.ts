import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';

/** The run dashboard: the entity overview and the charts of the entity picked. */
export class DashboardPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(): Promise<void> {
    await this.shell.go('Dashboard');
  }

  /** An entity's overview row: its cells' texts. */
  async overview(entity: string): Promise<string[]> {
    const row = this.page.getByRole('table', { name: 'Entity overview' }).getByRole('row', { name: entity, exact: true });
    return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
  }

  async pick(entity: string): Promise<void> {
    await this.page.getByRole('table', { name: 'Entity overview' }).getByRole('row', { name: entity, exact: true }).click();
    await this.page.getByRole('heading', { name: `Runs of ${entity}` }).waitFor();
  }

  chart(title: 'Rows' | 'Duration (s)' | 'Rows per second' | 'Time per step (s)' | 'Watermark lag'): Locator {
    return this.page.getByRole('figure', { name: title });
  }
}
