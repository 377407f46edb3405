import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { NORMALIZED_ID_TYPES } from '../../../../shared/fact/fact-schema.ts';
import type { Fact } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { ChoiceField } from './choice-field.tsx';
import { RemoveCell } from './remove-cell.tsx';

type Normalization = Fact['normalizations'][number];

export interface NormalizationsGridProps {
  readonly fact: Fact;
  readonly issues: FieldIssues;
  readonly onChange: (fact: Fact) => void;
}

const ID_TYPES = NORMALIZED_ID_TYPES.map((t) => [t, t] as const);

/** Each normalization: the staging column holding names, the table (id, name) and the id that replaces it in the fact. */
export function NormalizationsGrid({ fact, issues, onChange }: NormalizationsGridProps) {
  const set = (index: number, change: Partial<Normalization>) => onChange({ ...fact, normalizations: fact.normalizations.map((n, i) => (i === index ? { ...n, ...change } : n)) });
  const columns = fact.columns.map((c) => [c.name, c.name] as const).filter(([name]) => name);
  const add = () => {
    const free = fact.columns.find((c) => c.type.startsWith('string') && !fact.normalizations.some((n) => n.column === c.name))?.name ?? '';
    onChange({ ...fact, normalizations: [...fact.normalizations, { column: free, table: free ? `${free}s` : '', id: free ? `${free}_id` : '', idType: 'int' }] });
  };
  return (
    <Box>
      {fact.normalizations.length ? (
        <Table size="small" aria-label="Normalizations" sx={{ border: 1, borderColor: 'divider' }}>
          <TableHead>
            <TableRow>
              <TableCell>Staging column</TableCell>
              <TableCell>Id table</TableCell>
              <TableCell>Id column</TableCell>
              <TableCell sx={{ width: 150 }}>Id type</TableCell>
              <TableCell sx={{ width: 48 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {fact.normalizations.map((n, index) => {
              const field = `normalizations[${index}]`;
              const label = `Normalization ${index + 1}`;
              return (
                <TableRow key={index}>
                  <TableCell>
                    <ChoiceField variant="standard" fullWidth value={n.column} choices={columns} onValueChange={(column) => set(index, { column })} slotProps={{ htmlInput: { 'aria-label': `${label} column` } }} {...issues.field(`${field}.column`)} />
                  </TableCell>
                  <TableCell>
                    <TextField variant="standard" fullWidth value={n.table} onChange={(event) => set(index, { table: event.target.value })} slotProps={{ htmlInput: { 'aria-label': `${label} table` } }} {...issues.field(`${field}.table`)} />
                  </TableCell>
                  <TableCell>
                    <TextField variant="standard" fullWidth value={n.id} onChange={(event) => set(index, { id: event.target.value })} slotProps={{ htmlInput: { 'aria-label': `${label} id column` } }} {...issues.field(`${field}.id`)} />
                  </TableCell>
                  <TableCell>
                    <ChoiceField variant="standard" fullWidth value={n.idType} choices={ID_TYPES} onValueChange={(idType) => set(index, { idType: idType as Normalization['idType'] })} slotProps={{ htmlInput: { 'aria-label': `${label} id type` } }} {...issues.field(`${field}.idType`)} />
                  </TableCell>
                  <RemoveCell label={`Remove normalization ${n.column || index + 1}`} onRemove={() => onChange({ ...fact, normalizations: fact.normalizations.filter((_, i) => i !== index) })} />
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No normalizations: the fact keeps the names as they arrive.
        </Typography>
      )}
      <Button startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={add}>
        Add normalization
      </Button>
    </Box>
  );
}
