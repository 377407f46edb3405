import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { COMPRESSIONS, DEFAULT_FILE_SIZE_MB, LANDER_KINDS, type Connection, type ExtractInput } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { NumberField } from '../../components/number-field.tsx';

export interface OutputSectionProps {
  readonly extract: ExtractInput;
  readonly connections: readonly Connection[];
  readonly issues: FieldIssues;
  readonly onChange: (extract: ExtractInput) => void;
}

/** The size of a file that suits large tables better than the default. */
const LARGE_TABLE_FILE_SIZE_MB = 512;

const COMPRESSION_LABELS: Record<(typeof COMPRESSIONS)[number], string> = { none: 'None', gzip: 'gzip', zstd: 'Zstandard' };

/** How the rows are written and where they land: format, compression, file size and lander. */
export function OutputSection({ extract, connections, issues, onChange }: OutputSectionProps) {
  const format = extract.format ?? { kind: 'csv' as const };
  const landers = connections.filter((c) => LANDER_KINDS.includes(c.kind));
  const lander = extract.lander;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2, alignItems: 'start' }}>
      <TextField
        select
        label="Format"
        value={format.kind}
        onChange={(event) => onChange({ ...extract, format: event.target.value === 'parquet' ? { kind: 'parquet' } : { kind: 'csv' } })}
        {...issues.field('format.kind')}
      >
        <MenuItem value="csv">CSV</MenuItem>
        <MenuItem value="parquet">Parquet</MenuItem>
      </TextField>
      <TextField
        select
        label="Compression"
        value={extract.compression ?? 'zstd'}
        onChange={(event) => onChange({ ...extract, compression: event.target.value as (typeof COMPRESSIONS)[number] })}
        {...issues.field('compression')}
      >
        {COMPRESSIONS.map((c) => (
          <MenuItem key={c} value={c}>
            {COMPRESSION_LABELS[c]}
          </MenuItem>
        ))}
      </TextField>
      <NumberField
        label="File size (MB)"
        value={extract.fileSizeMb}
        onValueChange={(fileSizeMb) => onChange({ ...extract, fileSizeMb })}
        {...issues.field('fileSizeMb', `Default ${DEFAULT_FILE_SIZE_MB} MB; ${LARGE_TABLE_FILE_SIZE_MB} MB suits large tables`)}
      />
      {format.kind === 'csv' ? (
        <>
          <TextField label="Delimiter" value={format.delimiter ?? ','} onChange={(event) => onChange({ ...extract, format: { ...format, delimiter: event.target.value } })} {...issues.field('format.delimiter')} />
          <TextField label="Qualifier" value={format.qualifier ?? '"'} onChange={(event) => onChange({ ...extract, format: { ...format, qualifier: event.target.value } })} {...issues.field('format.qualifier')} />
          <TextField label="NULL marker" value={format.nullMarker ?? ''} onChange={(event) => onChange({ ...extract, format: { ...format, nullMarker: event.target.value } })} {...issues.field('format.nullMarker', 'Empty: NULL is an empty unquoted field')} />
          <FormControlLabel
            label="Header row"
            control={<Checkbox checked={format.header ?? true} onChange={(event) => onChange({ ...extract, format: { ...format, header: event.target.checked } })} />}
          />
        </>
      ) : null}
      <TextField
        select
        label="Lander"
        value={lander.connection}
        onChange={(event) => onChange({ ...extract, lander: { ...lander, connection: event.target.value } })}
        sx={{ gridColumn: 1 }}
        {...issues.field('lander.connection', 'Where the files land')}
      >
        {landers.map((c) => (
          <MenuItem key={c.name} value={c.name}>
            {c.name} ({c.kind})
          </MenuItem>
        ))}
        {lander.connection && !landers.some((c) => c.name === lander.connection) ? <MenuItem value={lander.connection}>{lander.connection} (not a lander)</MenuItem> : null}
      </TextField>
      <TextField label="Lander folder" value={lander.folder ?? ''} onChange={(event) => onChange({ ...extract, lander: { ...lander, folder: event.target.value } })} {...issues.field('lander.folder', 'Under the lander’s root')} />
      <NumberField
        label="Uploads at once"
        value={lander.concurrency}
        onValueChange={(concurrency) => onChange({ ...extract, lander: { ...lander, concurrency } })}
        {...issues.field('lander.concurrency')}
      />
    </Box>
  );
}
