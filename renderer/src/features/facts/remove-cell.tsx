import IconButton from '@mui/material/IconButton';
import TableCell from '@mui/material/TableCell';
import DeleteIcon from '@mui/icons-material/Delete';

/** The last cell of an editable row: a bin button named after what it removes. */
export function RemoveCell({ label, onRemove }: { readonly label: string; readonly onRemove: () => void }) {
  return (
    <TableCell>
      <IconButton size="small" aria-label={label} onClick={onRemove}>
        <DeleteIcon fontSize="small" />
      </IconButton>
    </TableCell>
  );
}

