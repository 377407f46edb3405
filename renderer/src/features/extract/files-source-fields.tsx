import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { ExtractInput } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { NumberField } from '../../components/number-field.tsx';

type FilesSource = Extract<ExtractInput['source'], { kind: 'files' }>;

export interface FilesSourceFieldsProps {
  readonly source: FilesSource;
  readonly issues: FieldIssues;
  readonly onChange: (source: FilesSource) => void;
}

/** A files source (Multi Wild Card File): where the files are, which match, and how they are written. */
export function FilesSourceFields({ source, issues, onChange }: FilesSourceFieldsProps) {
  const format = source.format;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
      <TextField label="Folder" value={source.folder ?? ''} onChange={(event) => onChange({ ...source, folder: event.target.value })} {...issues.field('source.folder', 'Relative to the connection')} />
      <TextField label="File pattern" value={source.pattern} onChange={(event) => onChange({ ...source, pattern: event.target.value })} {...issues.field('source.pattern', 'Wild cards, e.g. payroll_*.csv')} />
      <TextField label="Archive folder" value={source.archiveFolder ?? ''} onChange={(event) => onChange({ ...source, archiveFolder: event.target.value })} {...issues.field('source.archiveFolder', 'Read files move here afterwards')} />
      <NumberField label="Files in parallel" value={source.parallelFiles} onValueChange={(parallelFiles) => onChange({ ...source, parallelFiles })} {...issues.field('source.parallelFiles')} />
      <TextField
        select
        label="File format"
        value={format.kind}
        onChange={(event) => onChange({ ...source, format: event.target.value === 'parquet' ? { kind: 'parquet' } : { kind: 'csv' } })}
        {...issues.field('source.format.kind')}
      >
        <MenuItem value="csv">CSV</MenuItem>
        <MenuItem value="parquet">Parquet</MenuItem>
      </TextField>
      {format.kind === 'csv' ? (
        <>
          <TextField select label="Encoding" value={format.encoding ?? 'utf8'} onChange={(event) => onChange({ ...source, format: { ...format, encoding: event.target.value as 'utf8' } })}>
            <MenuItem value="utf8">UTF-8</MenuItem>
            <MenuItem value="latin1">Latin-1</MenuItem>
            <MenuItem value="utf16le">UTF-16 LE</MenuItem>
          </TextField>
          <TextField label="File delimiter" value={format.delimiter ?? ','} onChange={(event) => onChange({ ...source, format: { ...format, delimiter: event.target.value } })} {...issues.field('source.format.delimiter')} />
          <TextField label="File qualifier" value={format.qualifier ?? '"'} onChange={(event) => onChange({ ...source, format: { ...format, qualifier: event.target.value } })} {...issues.field('source.format.qualifier')} />
          <FormControlLabel
            label="Files have a header row"
            control={<Checkbox checked={format.header ?? true} onChange={(event) => onChange({ ...source, format: { ...format, header: event.target.checked } })} />}
          />
        </>
      ) : null}
    </Box>
  );
}
