import type { Locator, Page } from 'playwright-core';

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

  /**
   * The SQL as Monaco renders it: its view lines in order of their position (Monaco reuses line
   * elements, so the DOM order is not the text order). The preview grows with its text, so every
   * line is rendered.
   */
  async text(label: StepLabel = 'Extract'): Promise<string> {
    const lines = this.editor(label).locator('.view-lines .view-line');
    const rows = await lines.evaluateAll((elements) =>
      elements.map((element) => {
        const line = element as unknown as { style: { top: string }; textContent: string | null };
        return { top: Number.parseFloat(line.style.top) || 0, text: line.textContent ?? '' };
      }),
    );
    return rows
      .sort((a, b) => a.top - b.top)
      .map((row) => row.text.replace(/\u00a0/g, ' '))
      .join('\n');
  }
}
