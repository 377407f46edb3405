import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
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
import { COLUMN_TYPE_SPELLINGS } from '../../../../shared/model/column-type.ts';
import type { Column, Connection, StagingEntity } from '../../../../shared/model/schema.ts';
import { ConnectionPicker } from '../../components/connection-picker.tsx';
import type { FieldIssues } from '../../components/issues.ts';

export interface ColumnsEditorProps {
  readonly entity: StagingEntity;
  readonly connections: readonly Connection[];
  readonly issues: FieldIssues;
  readonly onChange: (entity: StagingEntity) => void;
}

const TYPE_SUGGESTIONS = COLUMN_TYPE_SPELLINGS.map((spelling) => spelling.replace('(p,s)', '(18,2)').replace('(n)', '(100)'));

/** The entity's name, warehouse, business key and its columns as a grid. */
export function ColumnsEditor({ entity, connections, issues, onChange }: ColumnsEditorProps) {
  const setColumn = (index: number, change: Partial<Column>) =>
    onChange({ ...entity, columns: entity.columns.map((column, i) => (i === index ? { ...column, ...change } : column)) });
  const renameColumn = (index: number, name: string) => {
    const old = entity.columns[index]?.name;
    // The business key follows a renamed column.
    onChange({
      ...entity,
      columns: entity.columns.map((column, i) => (i === index ? { ...column, name } : column)),
      businessKey: entity.businessKey.map((key) => (key === old ? name : key)),
    });
  };
  const columnNames = entity.columns.map((c) => c.name).filter(Boolean);

  return (
    <Stack sx={{ gap: 2.5 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        <TextField label="Entity name" value={entity.name} onChange={(event) => onChange({ ...entity, name: event.target.value })} {...issues.field('name')} />
        <ConnectionPicker
          role="warehouse"
          label="Warehouse"
          connections={connections}
          value={entity.warehouse}
          onValueChange={(warehouse) => onChange({ ...entity, warehouse })}
          unusable="(missing)"
          {...issues.field('warehouse', 'Holds staging and persistent staging')}
        />
        <TextField label="Description" value={entity.description ?? ''} onChange={(event) => onChange({ ...entity, description: event.target.value || undefined })} sx={{ gridColumn: '1 / -1' }} />
        <Autocomplete
          multiple
          options={columnNames}
          value={entity.businessKey}
          onChange={(_event, value) => onChange({ ...entity, businessKey: value })}
          sx={{ gridColumn: '1 / -1' }}
          renderInput={(params) => {
            const message = issues.error('businessKey') ?? entity.businessKey.map((_, index) => issues.error(`businessKey[${index}]`)).find(Boolean);
            return <TextField {...params} label="Business key" error={message !== undefined} helperText={message ?? 'The columns that identify a row'} />;
          }}
        />
      </Box>

      <Box>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ flexGrow: 1 }}>
            Columns
          </Typography>
          <Button startIcon={<AddIcon />} onClick={() => onChange({ ...entity, columns: [...entity.columns, { name: '', type: 'string(100)', nullable: true }] })}>
            Add column
          </Button>
        </Stack>
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label="Columns">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '34%' }}>Name</TableCell>
                <TableCell sx={{ width: '26%' }}>Type</TableCell>
                <TableCell sx={{ width: 90 }}>Nullable</TableCell>
                <TableCell>Description</TableCell>
                <TableCell sx={{ width: 48 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {entity.columns.map((column, index) => (
                <TableRow key={index}>
                  <TableCell>
                    <TextField
                      variant="standard"
                      value={column.name}
                      onChange={(event) => renameColumn(index, event.target.value)}
                      slotProps={{ htmlInput: { 'aria-label': `Column ${index + 1} name` } }}
                      {...issues.field(`columns[${index}].name`)}
                    />
                  </TableCell>
                  <TableCell>
                    <Autocomplete
                      freeSolo
                      disableClearable
                      options={TYPE_SUGGESTIONS}
                      value={column.type}
                      onInputChange={(_event, value) => setColumn(index, { type: value })}
                      renderInput={(params) => (
                        <TextField
                          {...params}
                          variant="standard"
                          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'aria-label': `Column ${index + 1} type` } }}
                          {...issues.field(`columns[${index}].type`)}
                        />
                      )}
                    />
                  </TableCell>
                  <TableCell>
                    <Checkbox
                      checked={column.nullable}
                      onChange={(event) => setColumn(index, { nullable: event.target.checked })}
                      slotProps={{ input: { 'aria-label': `Column ${index + 1} nullable` } }}
                    />
                  </TableCell>
                  <TableCell>
                    <TextField
                      variant="standard"
                      value={column.description ?? ''}
                      onChange={(event) => setColumn(index, { description: event.target.value || undefined })}
                      slotProps={{ htmlInput: { 'aria-label': `Column ${index + 1} description` } }}
                    />
                  </TableCell>
                  <TableCell>
                    <IconButton
                      aria-label={`Remove column ${column.name || index + 1}`}
                      size="small"
                      onClick={() =>
                        onChange({ ...entity, columns: entity.columns.filter((_, i) => i !== index), businessKey: entity.businessKey.filter((key) => key !== column.name) })
                      }
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {issues.error('columns') ? (
          <Typography color="error" variant="caption" role="alert">
            {issues.error('columns')}
          </Typography>
        ) : null}
      </Box>
    </Stack>
  );
}
