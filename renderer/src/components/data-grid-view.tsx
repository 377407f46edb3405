import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { DataGrid as GridData } from '../../../shared/ipc/contract.ts';

export interface DataGridViewProps {
  /** Names the grid for screen readers and tests. */
  readonly label: string;
  readonly data: GridData;
  readonly height?: number;
}

/** A row of the grid: its number, then each value under its column's index. */
type GridRow = { readonly id: number } & Record<string, string | null | number>;

/** A column header of two lines: the name, and its type under it in a smaller face. */
function Header({ name, type }: { readonly name: string; readonly type: string }) {
  return (
    <Box sx={{ lineHeight: 1.2, overflow: 'hidden' }}>
      <Typography variant="body2" component="div" sx={{ fontWeight: 600 }} noWrap>
        {name}
      </Typography>
      <Typography variant="caption" component="div" color="text.secondary" noWrap>
        {type}
      </Typography>
    </Box>
  );
}

/**
 * Rows read from a source, a landed file or a table, read-only, in MUI's virtualised grid (only the
 * rows and columns in view are in the page): each column headed by its name and type, NULL shown
 * apart from the empty string.
 */
export function DataGridView({ label, data, height = 440 }: DataGridViewProps) {
  const columns = useMemo(
    () =>
      data.columns.map(
        (column, index): GridColDef<GridRow> => ({
          field: `c${index}`,
          headerName: `${column.name} (${column.type})`,
          description: `${column.name}: ${column.type}`,
          // Dates with times need room to be read whole; other values wrap into the cell's ellipsis.
          minWidth: /date|time/i.test(column.type) ? 180 : 110,
          flex: 1,
          sortable: true,
          renderHeader: () => <Header name={column.name} type={column.type} />,
          renderCell: (params) =>
            params.value === null ? (
              <Typography component="span" variant="body2" color="text.disabled" sx={{ fontStyle: 'italic' }}>
                NULL
              </Typography>
            ) : (
              String(params.value)
            ),
        }),
      ),
    [data.columns],
  );
  const rows = useMemo(() => data.rows.map((values, id) => Object.fromEntries([['id', id], ...values.map((value, i) => [`c${i}`, value])]) as GridRow), [data.rows]);
  return (
    <Box sx={{ height, minWidth: 0 }}>
      <DataGrid
        aria-label={label}
        rows={rows}
        columns={columns}
        density="compact"
        columnHeaderHeight={52}
        disableRowSelectionOnClick
        disableColumnMenu
        hideFooter={rows.length <= 100}
        sx={{ bgcolor: 'background.paper', '& .MuiDataGrid-columnHeaderTitleContainerContent': { overflow: 'hidden' } }}
      />
    </Box>
  );
}
