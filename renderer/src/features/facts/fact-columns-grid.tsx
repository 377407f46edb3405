import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import type { Column, Fact } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { ListIssue } from './list-issue.tsx';
import { RemoveCell } from './remove-cell.tsx';

export interface FactColumnsGridProps {
  readonly fact: Fact;
  readonly issues: FieldIssues;
  readonly onChange: (fact: Fact) => void;
}

/** The columns of a row as it arrives in staging: name, type, nullable. */
export function FactColumnsGrid({ fact, issues, onChange }: FactColumnsGridProps) {
  const setColumn = (index: number, change: Partial<Column>) => onChange({ ...fact, columns: fact.columns.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  return (
    <Box>
      <Table size="small" aria-label="Fact columns" sx={{ border: 1, borderColor: 'divider' }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '40%' }}>Name</TableCell>
            <TableCell sx={{ width: '34%' }}>Type</TableCell>
            <TableCell sx={{ width: 90 }}>Nullable</TableCell>
            <TableCell sx={{ width: 48 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {fact.columns.map((column, index) => (
            <TableRow key={index}>
              <TableCell>
                <TextField variant="standard" fullWidth value={column.name} onChange={(event) => setColumn(index, { name: event.target.value })} slotProps={{ htmlInput: { 'aria-label': `Fact column ${index + 1} name` } }} {...issues.field(`columns[${index}].name`)} />
              </TableCell>
              <TableCell>
                <TextField variant="standard" fullWidth value={column.type} onChange={(event) => setColumn(index, { type: event.target.value })} slotProps={{ htmlInput: { 'aria-label': `Fact column ${index + 1} type` } }} {...issues.field(`columns[${index}].type`)} />
              </TableCell>
              <TableCell>
                <Checkbox checked={column.nullable} onChange={(event) => setColumn(index, { nullable: event.target.checked })} slotProps={{ input: { 'aria-label': `Fact column ${index + 1} nullable` } }} />
              </TableCell>
              <RemoveCell label={`Remove fact column ${column.name || index + 1}`} onRemove={() => onChange({ ...fact, columns: fact.columns.filter((_, i) => i !== index) })} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ListIssue message={issues.error('columns')} />
      <Button startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => onChange({ ...fact, columns: [...fact.columns, { name: '', type: 'string(100)', nullable: false }] })}>
        Add column
      </Button>
    </Box>
  );
}
