import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.ts';
import { field } from './ui.ts';

/** Projects: new (empty or demo), open, recent. */
export class ProjectsPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  private get newCard(): Locator {
    return this.page.getByRole('region', { name: 'New project' });
  }

  /** Creates the demo project at `path`; the designer moves on to its entities. */
  async createDemo(path: string, name?: string): Promise<void> {
    await this.create(path, name, 'Create demo project');
  }

  async createEmpty(path: string, name?: string): Promise<void> {
    await this.create(path, name, 'Create empty project');
  }

  private async create(path: string, name: string | undefined, button: string): Promise<void> {
    await this.shell.go('Projects');
    await field(this.newCard, 'New project file').fill(path);
    if (name) await field(this.newCard, 'Project name').fill(name);
    await this.newCard.getByRole('button', { name: button }).click();
    await this.shell.title('Entities').waitFor();
  }

  async open(path: string): Promise<void> {
    await this.shell.go('Projects');
    const card = this.page.getByRole('region', { name: 'Open project' });
    await field(card, 'Project file to open').fill(path);
    await card.getByRole('button', { name: 'Open', exact: true }).click();
    await this.shell.title('Entities').waitFor();
  }

  /** The recent list's entry for a project name. */
  recent(name: string): Locator {
    return this.page.getByRole('list', { name: 'Recent projects' }).getByRole('button', { name });
  }
}
