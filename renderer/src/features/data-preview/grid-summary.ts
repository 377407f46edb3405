import type { DataGrid } from '../../../../shared/ipc/contract.ts';

/** One line over a grid: how many rows of what, whether there were more, and how long it took. */
export function gridSummary(grid: DataGrid): string {
  const rows = `${grid.rows.length} row${grid.rows.length === 1 ? '' : 's'}`;
  const more = grid.truncated ? ' (the first ones; there are more)' : '';
  return `${rows}${more} of ${grid.from}, read in ${grid.milliseconds} ms`;
}
