import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { BUILTIN_PARAMETERS, type ExtractInput, type StagingEntity } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';

export interface MappingsGridProps {
  readonly extract: ExtractInput;
  readonly entity: StagingEntity;
  readonly issues: FieldIssues;
  readonly onChange: (extract: ExtractInput) => void;
}

/** Column mappings: a staging column filled from a source expression or an `@parameter`. */
export function MappingsGrid({ extract, entity, issues, onChange }: MappingsGridProps) {
  const mappings = extract.mappings ?? [];
  const setMappings = (next: typeof mappings) => onChange({ ...extract, mappings: next });
  const unmapped = entity.columns.map((c) => c.name).filter((name) => !mappings.some((m) => m.column === name));
  const listError = issues.error('mappings');
  return (
    <Stack sx={{ gap: 1 }}>
      {mappings.length ? (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label="Mappings">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '35%' }}>Staging column</TableCell>
                <TableCell>Source expression</TableCell>
                <TableCell sx={{ width: 48 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {mappings.map((mapping, index) => (
                <TableRow key={index}>
                  <TableCell>
                    <TextField
                      select
                      variant="standard"
                      value={mapping.column}
                      onChange={(event) => setMappings(mappings.map((m, i) => (i === index ? { ...m, column: event.target.value } : m)))}
                      slotProps={{ htmlInput: { 'aria-label': `Mapping ${index + 1} column` } }}
                      {...issues.field(`mappings[${index}].column`)}
                    >
                      {entity.columns.map((c) => (
                        <MenuItem key={c.name} value={c.name}>
                          {c.name}
                        </MenuItem>
                      ))}
                      {entity.columns.some((c) => c.name === mapping.column) ? null : <MenuItem value={mapping.column}>{mapping.column || '(none)'}</MenuItem>}
                    </TextField>
                  </TableCell>
                  <TableCell>
                    <TextField
                      variant="standard"
                      value={mapping.expression}
                      onChange={(event) => setMappings(mappings.map((m, i) => (i === index ? { ...m, expression: event.target.value } : m)))}
                      slotProps={{ htmlInput: { 'aria-label': `Mapping ${index + 1} expression`, spellCheck: false, style: { fontFamily: 'monospace' } } }}
                      {...issues.field(`mappings[${index}].expression`)}
                    />
                  </TableCell>
                  <TableCell>
                    <IconButton size="small" aria-label={`Remove mapping ${index + 1}`} onClick={() => setMappings(mappings.filter((_, i) => i !== index))}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 2 }}>
        <Typography variant="caption" color="text.secondary" sx={{ flexGrow: 1 }}>
          Columns not listed are read from the source column of the same name. Parameters: {BUILTIN_PARAMETERS.map((p) => `@${p}`).join(', ')}.
        </Typography>
        <Button size="small" startIcon={<AddIcon />} sx={{ flexShrink: 0 }} disabled={unmapped.length === 0} onClick={() => setMappings([...mappings, { column: unmapped[0] ?? '', expression: unmapped[0] ?? '' }])}>
          Add mapping
        </Button>
      </Stack>
      {listError ? (
        <Typography variant="caption" color="error" role="alert">
          {listError}
        </Typography>
      ) : null}
    </Stack>
  );
}
