import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { LOOKBACK_UNITS, type ExtractInput } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { NumberField } from '../../components/number-field.tsx';

type Incremental = Extract<ExtractInput['pattern'], { kind: 'incremental' }>;
type ChangeColumn = Incremental['changeColumns'][number];

export interface IncrementalFieldsProps {
  readonly pattern: Incremental;
  /** The entity's columns, to pick change columns from. */
  readonly columns: readonly string[];
  readonly issues: FieldIssues;
  readonly onChange: (pattern: Incremental) => void;
}

/** The Incremental pattern's fields: change columns with their lookback, and the comparison. */
export function IncrementalFields({ pattern, columns, issues, onChange }: IncrementalFieldsProps) {
  const setChange = (index: number, change: ChangeColumn) => onChange({ ...pattern, changeColumns: pattern.changeColumns.map((c, i) => (i === index ? change : c)) });
  const listError = issues.error('pattern.changeColumns');
  return (
    <Stack sx={{ gap: 1.5 }} role="group" aria-label="Change columns">
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ fontWeight: 600, flexGrow: 1 }}>
          Change columns
        </Typography>
        <Button size="small" startIcon={<AddIcon />} onClick={() => onChange({ ...pattern, changeColumns: [...pattern.changeColumns, { column: columns.find((c) => !pattern.changeColumns.some((x) => x.column === c)) ?? '' }] })}>
          Add change column
        </Button>
      </Stack>
      {pattern.changeColumns.map((change, index) => {
        const field = `pattern.changeColumns[${index}]`;
        return (
          <Box key={index} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: 1.5, alignItems: 'start', p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}>
            <TextField select sx={{ gridColumn: 'span 2' }} label={`Change column ${index + 1}`} value={change.column} onChange={(event) => setChange(index, { ...change, column: event.target.value })} {...issues.field(`${field}.column`)}>
              {columns.map((name) => (
                <MenuItem key={name} value={name}>
                  {name}
                </MenuItem>
              ))}
            </TextField>
            <IconButton aria-label={`Remove change column ${index + 1}`} onClick={() => onChange({ ...pattern, changeColumns: pattern.changeColumns.filter((_, i) => i !== index) })} sx={{ mt: 0.25 }}>
              <DeleteIcon fontSize="small" />
            </IconButton>
            <NumberField
              label={`Lookback ${index + 1}`}
              value={change.lookback}
              onValueChange={(lookback) => setChange(index, { ...change, lookback })}
              {...issues.field(`${field}.lookback`, 'Re-read late rows')}
            />
            <TextField
              select
              label={`Lookback unit ${index + 1}`}
              value={change.lookbackUnit ?? ''}
              onChange={(event) => setChange(index, { ...change, lookbackUnit: (event.target.value || undefined) as ChangeColumn['lookbackUnit'] })}
              {...issues.field(`${field}.lookbackUnit`)}
            >
              <MenuItem value="">
                <em>none (a number)</em>
              </MenuItem>
              {LOOKBACK_UNITS.map((unit) => (
                <MenuItem key={unit} value={unit}>
                  {unit}
                </MenuItem>
              ))}
            </TextField>
          </Box>
        );
      })}
      {listError ? (
        <Typography variant="caption" color="error" role="alert">
          {listError}
        </Typography>
      ) : null}
      <TextField select label="Comparison" value={pattern.comparison ?? '>'} onChange={(event) => onChange({ ...pattern, comparison: event.target.value as '>' | '>=' })} sx={{ maxWidth: 320 }}>
        <MenuItem value=">">&gt; saved value (rows changed since)</MenuItem>
        <MenuItem value=">=">&gt;= saved value (re-read the last instant)</MenuItem>
      </TextField>
    </Stack>
  );
}
