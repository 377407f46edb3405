import type { Locator, Page } from 'playwright-core';
import { choose } from './ui.ts';

/** The schema drift review the run panel opens for an entity that stopped on a drift. */
export class DriftReviewPage {
  constructor(readonly page: Page) {}

  /** Opens the review from the entity's row in the current run. */
  async open(entity: string): Promise<void> {
    await this.page.getByRole('table', { name: 'Entities of the run' }).getByRole('row', { name: entity, exact: true }).getByRole('button', { name: 'Review schema drift' }).click();
    await this.dialog.getByRole('combobox', { name: /^Schema drift policy/ }).waitFor();
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Schema drift of / });
  }

  /** The sentences of one list: "Gone from the source", "New in the source", "Applying them changes the entity". */
  async sentences(list: string): Promise<string[]> {
    const items = this.dialog.getByRole('list', { name: list }).getByRole('listitem');
    return (await items.allInnerTexts()).map((t) => t.trim());
  }

  /** The migration DDL as the editor shows it. */
  get ddl(): Locator {
    return this.dialog.getByRole('region', { name: 'Migration DDL' });
  }

  async switchPolicy(option: string): Promise<void> {
    await choose(this.dialog, this.page, 'Schema drift policy', option);
    await this.dialog.getByRole('button', { name: 'Switch policy' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async apply(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Apply to the entity' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** The message the run panel shows once the review saved something. */
  get saved(): Locator {
    return this.page.getByRole('region', { name: 'Current run' }).getByRole('alert').filter({ hasText: /now/ });
  }
}
