import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { field, PATIENCE_MS } from './ui.ts';

/** Run: the batch's settings, Run and Cancel, the live per-entity table, the log and the history. */
export class RunPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(): Promise<void> {
    await this.shell.go('Run');
  }

  get settings(): Locator {
    return this.page.getByRole('form', { name: 'Run settings' });
  }

  /** Leaves only these entities ticked. */
  async pickOnly(entities: readonly string[]): Promise<void> {
    const all = this.settings.getByRole('checkbox', { name: 'All entities' });
    if (await all.isChecked()) await all.uncheck();
    for (const name of entities) await this.settings.getByRole('checkbox', { name, exact: true }).check();
  }

  async setParallel(n: number): Promise<void> {
    await field(this.settings, 'Parallel entities').fill(String(n));
  }

  async run(): Promise<void> {
    await this.settings.getByRole('button', { name: 'Run', exact: true }).click();
    await this.page.getByRole('region', { name: 'Current run' }).waitFor();
  }

  async cancel(): Promise<void> {
    await this.settings.getByRole('button', { name: 'Cancel', exact: true }).click();
  }

  /** The run's overall status chip: starting, running, cancelling, succeeded, failed, cancelled. */
  async status(): Promise<string> {
    return (await this.page.getByRole('status', { name: 'Run status' }).innerText()).replace(/^Status\s*/, '').trim();
  }

  /** Waits until the run is over and returns how it ended. */
  async waitForEnd(timeout = PATIENCE_MS): Promise<string> {
    const chip = this.ended;
    await chip.waitFor({ timeout });
    return (await chip.innerText()).trim();
  }

  /** Runs only `entities` from the Run screen and returns how the run ended. */
  async runOnly(entities: readonly string[]): Promise<string> {
    await this.open();
    await this.pickOnly(entities);
    await this.run();
    return this.waitForEnd();
  }

  /** The run's status chip once the run is over. */
  private get ended(): Locator {
    return this.page.getByRole('status', { name: 'Run status' }).getByText(/^(succeeded|failed|cancelled)$/);
  }

  /** The live row of an entity. */
  row(entity: string): Locator {
    return this.page.getByRole('table', { name: 'Entities of the run' }).getByRole('row', { name: entity, exact: true });
  }

  async entityState(entity: string): Promise<string> {
    return (await this.row(entity).locator('td').nth(1).innerText()).trim();
  }

  async entityRows(entity: string): Promise<number> {
    return Number((await this.row(entity).locator('td').nth(3).innerText()).replace(/[^0-9]/g, ''));
  }

  /** Waits until an entity has read rows, or the run ended without (whatever comes first). */
  async waitForProgress(entity: string, timeout = PATIENCE_MS): Promise<void> {
    // The Rows cell (as `entityRows` reads it) once it shows a digit other than 0: "1,024", not "0".
    const rowsRead = this.row(entity).locator('td').nth(3).filter({ hasText: /[1-9]/ });
    await rowsRead.or(this.ended).first().waitFor({ timeout });
  }

  progress(entity: string): Locator {
    return this.page.getByRole('progressbar', { name: `Progress of ${entity}`, exact: true });
  }

  /** The caption under an entity's progress bar ("42% · extracting", "stopped while landing"). */
  async progressCaption(entity: string): Promise<string> {
    return (await this.row(entity).locator('td').nth(2).innerText()).trim();
  }

  get log(): Locator {
    return this.page.getByRole('log', { name: 'Run log' });
  }

  get history(): Locator {
    return this.page.getByRole('table', { name: 'Run history' });
  }

  /** History rows, newest first: their status chips. */
  async historyStatuses(): Promise<string[]> {
    const rows = await this.history.getByRole('row', { name: /^Run / }).all();
    return Promise.all(rows.map(async (row) => (await row.locator('td').nth(3).innerText()).trim()));
  }

  /** Expands a history run (newest first, 0-based) and returns its entity rows' texts. */
  async expandHistory(index = 0): Promise<Locator> {
    const row = this.history.getByRole('row', { name: /^Run / }).nth(index);
    await row.getByRole('button', { name: /^Show run/ }).click();
    return this.history.getByRole('table', { name: /^Entities of run / }).nth(0);
  }
}
