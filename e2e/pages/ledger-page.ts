import type { Locator, Page } from 'playwright-core';
import { VersionsPage } from './versions-page.ts';
import { PATIENCE_MS } from './ui.ts';

/** One row of the watermark history as the page shows it. */
export interface HistoryRow {
  readonly when: string;
  readonly parameter: string;
  readonly oldValue: string;
  readonly newValue: string;
  readonly how: string;
  readonly by: string;
}

/** The watermark ledger of the Versions screen: saved values, their history, edit and roll back. */
export class LedgerPage {
  readonly versions: VersionsPage;
  constructor(readonly page: Page) {
    this.versions = new VersionsPage(page);
  }

  open(entity: string): Promise<void> {
    return this.versions.open(entity);
  }

  get card(): Locator {
    return this.page.getByRole('region', { name: 'Saved watermarks' });
  }

  /** Scrolls the history into view (the screen scrolls inside its own panel, which a full-page shot does not unroll). */
  async reveal(): Promise<void> {
    await this.page.getByRole('table', { name: 'Watermark history' }).scrollIntoViewIfNeeded();
  }

  /** The history table's rows, newest first, once there are `expected` of them. */
  async history(expected: number): Promise<HistoryRow[]> {
    const rows = this.page.getByRole('table', { name: 'Watermark history' }).locator('tbody tr');
    await rows.nth(expected - 1).waitFor({ timeout: PATIENCE_MS });
    await rows.nth(expected).waitFor({ state: 'detached', timeout: PATIENCE_MS });
    return Promise.all((await rows.all()).map(async (row) => {
      const [when = '', parameter = '', oldValue = '', newValue = '', how = '', by = ''] = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
      return { when, parameter, oldValue, newValue, how, by };
    }));
  }

  /** Types a new value for `parameter` and asks for the change: the confirmation dialog, or an error in the card. */
  async edit(parameter: string, value: string): Promise<void> {
    await this.card.getByRole('button', { name: `Edit ${parameter}` }).click();
    await this.retype(parameter, value);
  }

  /** Types another value into the open edit of `parameter` (after a refusal) and asks again. */
  async retype(parameter: string, value: string): Promise<void> {
    await this.card.getByLabel(`New ${parameter}`, { exact: true }).fill(value);
    await this.card.getByRole('button', { name: 'Review change' }).click();
  }

  /** Asks to roll every saved value back to where run `runId` left it. */
  async rollBack(runId: string): Promise<void> {
    await this.card.getByRole('button', { name: `Roll back to run ${runId}` }).click();
  }

  /** The open confirmation dialog. */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The confirmation's changes as [parameter, saved now, after] rows. */
  async proposedChanges(): Promise<string[][]> {
    const table = this.dialog.getByRole('table', { name: 'Watermark changes' });
    await table.waitFor({ timeout: PATIENCE_MS });
    return Promise.all((await table.locator('tbody tr').all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((t) => t.trim())));
  }

  /** The extract SQL the confirmation shows for the next run. */
  get dialogExtract(): Locator {
    return this.dialog.getByRole('region', { name: 'Extract SQL of the next run' });
  }

  /** Confirms with the button named `label` and waits for the dialog to close; returns the card's message. */
  async confirm(label: string): Promise<string> {
    await this.dialog.getByRole('button', { name: label }).click();
    await this.dialog.waitFor({ state: 'detached', timeout: PATIENCE_MS });
    const alert = this.card.getByRole('alert');
    await alert.waitFor({ timeout: PATIENCE_MS });
    return alert.innerText();
  }

  /** The error the card shows. */
  async error(): Promise<string> {
    const alert = this.card.getByRole('alert');
    await alert.waitFor({ timeout: PATIENCE_MS });
    return alert.innerText();
  }
}
