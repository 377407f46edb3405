import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { filesCsvFormatDefaults } from '../../../../shared/model/defaults.ts';
import type { ExtractInput } from '../../../../shared/model/schema.ts';
import { CsvFormatFields } from '../../components/csv-format-fields.tsx';
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
  const csv = filesCsvFormatDefaults();
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
        onChange={(event) => onChange({ ...source, format: event.target.value === 'parquet' ? { kind: 'parquet' } : csv })}
        {...issues.field('source.format.kind')}
      >
        <MenuItem value="csv">CSV</MenuItem>
        <MenuItem value="parquet">Parquet</MenuItem>
      </TextField>
      {format.kind === 'csv' ? (
        <>
          <TextField select label="Encoding" value={format.encoding ?? csv.encoding} onChange={(event) => onChange({ ...source, format: { ...format, encoding: event.target.value as 'utf8' } })}>
            <MenuItem value="utf8">UTF-8</MenuItem>
            <MenuItem value="latin1">Latin-1</MenuItem>
            <MenuItem value="utf16le">UTF-16 LE</MenuItem>
          </TextField>
          <CsvFormatFields format={format} defaults={csv} path="source.format" subject="File" headerLabel="Files have a header row" issues={issues} onChange={(next) => onChange({ ...source, format: next })} />
        </>
      ) : null}
    </Box>
  );
}
