import type { Locator, Page } from 'playwright-core';
import { choose, field, fieldMessage } from './ui.ts';

/** The Extract tab of an entity: source, pattern, mappings, files and lander. */
export class ExtractPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Extract' });
  }

  input(label: string): Locator {
    return field(this.form, label);
  }

  async choosePattern(label: string): Promise<void> {
    await choose(this.form, this.page, 'Pattern', label);
  }

  async addChangeColumn(): Promise<void> {
    await this.form.getByRole('button', { name: 'Add change column' }).click();
  }

  /** Sets change column `n` (1-based) to a column of the entity. */
  async setChangeColumn(n: number, column: string): Promise<void> {
    await choose(this.form, this.page, `Change column ${n}`, column);
  }

  /** The change columns chosen, in order. */
  async changeColumns(): Promise<string[]> {
    const group = this.form.getByRole('group', { name: 'Change columns' });
    const boxes = await group.getByRole('combobox', { name: /^Change column \d+/ }).all();
    return Promise.all(boxes.map(async (box) => (await box.innerText()).trim()));
  }

  /** Replaces the free query in its Monaco editor, typed as a user types (Monaco reads keys through EditContext, not a textarea). */
  async typeQuery(sql: string): Promise<void> {
    const editor = this.form.getByRole('region', { name: 'Source query', exact: true });
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(sql);
  }

  /** The message under a field (its error, or its hint when valid). */
  async message(label: string): Promise<string> {
    return fieldMessage(this.input(label));
  }

  async isInvalid(label: string): Promise<boolean> {
    return (await this.input(label).getAttribute('aria-invalid')) === 'true';
  }
}
