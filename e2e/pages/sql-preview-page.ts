import type { Locator, Page } from 'playwright-core';
import { monacoText } from './ui.ts';

export type StepLabel = 'Extract' | 'Stage' | 'Change set' | 'Persistent staging';

/** The SQL preview: one tab per step, the step's SQL in a read-only Monaco editor. */
export class SqlPreviewPage {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'SQL preview', exact: true });
  }

  async step(label: StepLabel): Promise<void> {
    await this.region.getByRole('tablist', { name: 'Steps' }).getByRole('tab', { name: label, exact: true }).click();
    await this.editor(label).waitFor();
  }

  /** The Monaco editor of a step, named by its region's label. */
  editor(label: StepLabel): Locator {
    return this.region.getByRole('region', { name: `${label} SQL`, exact: true });
  }

  /** The SQL as Monaco renders it (every line: the preview grows with its text). */
  async text(label: StepLabel = 'Extract'): Promise<string> {
    return monacoText(this.editor(label));
  }
}
