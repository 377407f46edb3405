import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { choose, field, fieldMessage, monacoText, named } from './ui.ts';

export type FactTab = 'Definition' | 'SQL preview';

/** Facts: the list, the fact editor's definition form and its SQL preview. */
export class FactsPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Facts' });
  }

  /** Opens the Facts screen from the drawer. */
  async open(): Promise<void> {
    await this.shell.go('Facts');
  }

  async names(): Promise<string[]> {
    const items = await this.list.getByRole('button').all();
    return Promise.all(items.map(async (item) => (await item.locator('.MuiListItemText-primary').innerText()).trim()));
  }

  async select(name: string): Promise<void> {
    await this.list.getByRole('button', { name: named(name) }).click();
    await this.editor(name).waitFor();
  }

  editor(name: string): Locator {
    return this.page.getByRole('region', { name: `Fact ${name}`, exact: true });
  }

  async tab(tab: FactTab): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Fact editor' }).getByRole('tab', { name: tab }).click();
    await this.page.getByRole('tabpanel', { name: tab }).waitFor();
  }

  /** Types `value` into the text field labelled `label`. */
  async fill(label: string, value: string): Promise<void> {
    await field(this.page, label).fill(value);
  }

  /** Picks `option` in the select labelled `label`. */
  async choose(label: string, option: string): Promise<void> {
    await choose(this.page, this.page, label, option);
  }

  /** Scrolls the field labelled `label` to the middle of the screen, for a screenshot that shows it and its message. */
  async reveal(label: string): Promise<void> {
    await field(this.page, label).evaluate((element) => (element as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'center' }));
  }

  /** The message under the text field labelled `label` (its error, or its hint). */
  async message(label: string): Promise<string> {
    return fieldMessage(field(this.page, label));
  }

  /** Whether the text field labelled `label` shows an error. */
  async invalid(label: string): Promise<boolean> {
    return (await field(this.page, label).getAttribute('aria-invalid')) === 'true';
  }

  /** The problem count chip of the editor ('' when none). */
  async problems(name: string): Promise<string> {
    const chip = this.editor(name).getByText(/^\d+ problems?$/);
    return (await chip.count()) ? chip.innerText() : '';
  }

  get preview(): Locator {
    return this.page.getByRole('region', { name: 'Fact SQL preview', exact: true });
  }

  /** The fact's SQL as Monaco renders it. */
  async sql(): Promise<string> {
    return monacoText(this.preview.getByRole('region', { name: 'Fact SQL', exact: true }));
  }

  async save(name: string): Promise<void> {
    const editor = this.editor(name);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByText('Unsaved changes').waitFor({ state: 'detached' });
  }
}
