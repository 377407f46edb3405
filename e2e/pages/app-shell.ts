import type { Locator, Page } from 'playwright-core';

export type Screen = 'Projects' | 'Connections' | 'Entities' | 'Facts' | 'Run' | 'Dashboard' | 'Lake' | 'Versions';

/** The frame around every screen: the drawer, the title and the open project's bar. */
export class AppShell {
  constructor(readonly page: Page) {}

  /** Opens a screen from the left drawer and waits for its title. */
  async go(screen: Screen): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen, exact: true }).click();
    await this.title(screen).waitFor();
  }

  title(screen: Screen): Locator {
    return this.page.getByRole('heading', { level: 1, name: screen, exact: true });
  }

  /** The bar naming the open project. */
  get openProject(): Locator {
    return this.page.getByRole('status', { name: 'Open project' });
  }
}
