import type { Locator } from 'playwright-core';

/** A read-only data grid (MUI's DataGrid): its column headers, row count and the visible cells. */
export class DataGridPart {
  constructor(readonly grid: Locator) {}

  /** Each column as its header shows it: "name type". */
  async headers(): Promise<string[]> {
    const headers = await this.grid.getByRole('columnheader').all();
    return Promise.all(headers.map(async (h) => (await h.innerText()).replace(/\s+/g, ' ').trim()));
  }

  /** Rows of data, as the grid declares them (it renders only those in view). */
  async rowCount(): Promise<number> {
    // aria-rowcount counts the header row too.
    return Number(await this.grid.getAttribute('aria-rowcount')) - 1;
  }

  /** The texts of the first data row in view. */
  async firstRow(): Promise<string[]> {
    const cells = await this.grid.getByRole('row').nth(1).getByRole('gridcell').all();
    return Promise.all(cells.map(async (c) => (await c.innerText()).trim()));
  }
}
