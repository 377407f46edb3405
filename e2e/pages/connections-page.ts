import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { choose, field, named } from './ui.ts';

/** Connections: the list and the form of one connection, with Save and Test. */
export class ConnectionsPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Connection' });
  }

  /** The saved connections, by name. */
  get list(): Locator {
    return this.page.getByRole('list', { name: 'Connections' });
  }

  async open(): Promise<void> {
    await this.shell.go('Connections');
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'New connection' }).click();
    await this.page.getByRole('heading', { name: 'New connection' }).waitFor();
  }

  async setName(name: string): Promise<void> {
    await field(this.form, 'Name').fill(name);
  }

  /** Picks the kind by its label as the form lists it ("SQLite", "PostgreSQL", …). */
  async setKind(label: string): Promise<void> {
    await choose(this.form, this.page, 'Kind', label);
  }

  input(label: string): Locator {
    return field(this.form, label);
  }

  /** Presses Test and returns what the server answered (or its error), as the form shows it. */
  async test(): Promise<string> {
    const region = this.page.getByRole('region', { name: /^(New connection|Connection )/ });
    await region.getByRole('button', { name: 'Test', exact: true }).click();
    const result = this.page.getByRole('status', { name: 'Test result' });
    await result.waitFor();
    return result.innerText();
  }

  async save(): Promise<void> {
    const region = this.page.getByRole('region', { name: /^(New connection|Connection )/ });
    await region.getByRole('button', { name: 'Save', exact: true }).click();
  }

  entry(name: string): Locator {
    return this.list.getByRole('button', { name: named(name) });
  }
}
