import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { choose, field, named } from './ui.ts';

export type EditorTab = 'Columns' | 'Extract' | 'SQL preview' | 'Data';

/** Entities: the searchable list, Import from source, and the entity editor's tabs. */
export class EntitiesPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Entities' });
  }

  /** The names in the list, as shown. */
  async names(): Promise<string[]> {
    const items = await this.list.getByRole('button').all();
    return Promise.all(items.map(async (item) => (await item.locator('.MuiListItemText-primary').innerText()).trim()));
  }

  /** The text of the notes shown after an import (what was inferred, and why). */
  async importNotes(): Promise<string> {
    const notes = this.page.getByRole('alert', { name: 'Import notes' });
    await notes.waitFor();
    return notes.innerText();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search entities').fill(text);
  }

  /** Selects an entity and waits for its editor. */
  async select(name: string): Promise<void> {
    await this.list.getByRole('button', { name: named(name) }).click();
    await this.editor(name).waitFor();
  }

  editor(name: string): Locator {
    return this.page.getByRole('region', { name: `Entity ${name}`, exact: true });
  }

  async tab(tab: EditorTab): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Entity editor' }).getByRole('tab', { name: tab }).click();
    await this.page.getByRole('tabpanel', { name: tab }).waitFor();
  }

  /** Import from source: picks a table of a connection, optionally renames, and waits for the new entity's editor. */
  async importFromSource(options: { table: string; connection?: string; entityName?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Import from source' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Import from source' });
    if (options.connection) await choose(dialog, this.page, 'Source connection', options.connection);
    await dialog.getByRole('list', { name: 'Source tables' }).getByRole('button', { name: named(options.table) }).click();
    if (options.entityName) await field(dialog, 'Entity name').fill(options.entityName);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.editor(options.entityName ?? options.table).waitFor();
  }

  /** The columns grid: one row per column, name and type as typed in it. */
  async columns(): Promise<{ name: string; type: string }[]> {
    const grid = this.page.getByRole('table', { name: 'Columns' });
    const rows = await grid.locator('tbody tr').all();
    return Promise.all(
      rows.map(async (_row, index) => ({
        name: await grid.getByLabel(`Column ${index + 1} name`).inputValue(),
        type: await grid.getByLabel(`Column ${index + 1} type`).inputValue(),
      })),
    );
  }

  async save(name: string): Promise<void> {
    const editor = this.editor(name);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByText('Unsaved changes').waitFor({ state: 'detached' });
  }
}
