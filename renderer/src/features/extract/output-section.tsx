import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { csvFormatDefaults, extractDefaults } from '../../../../shared/model/defaults.ts';
import { COMPRESSIONS, DEFAULT_FILE_SIZE_MB, PARQUET_COMPRESSIONS, PARQUET_DICTIONARY, parquetSettings, type Connection, type ExtractInput, type ParquetCompression, type ParquetDictionary } from '../../../../shared/model/schema.ts';
import { formatCount } from '../../components/format.ts';
import { ConnectionPicker } from '../../components/connection-picker.tsx';
import { CsvFormatFields } from '../../components/csv-format-fields.tsx';
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

const DICTIONARY_LABELS: Record<ParquetDictionary, string> = { strings: 'Text', all: 'All', none: 'None' };

/** A format without the settings emptied in the form (the schema's strict objects keep no `undefined`). */
function withoutUndefined<T extends object>(format: T): T {
  return Object.fromEntries(Object.entries(format).filter(([, value]) => value !== undefined)) as T;
}

const COMPRESSION_LABELS: Record<(typeof COMPRESSIONS)[number], string> = { none: 'None', gzip: 'gzip', zstd: 'Zstandard' };
const PARQUET_COMPRESSION_LABELS: Record<ParquetCompression, string> = { zstd: 'Zstandard', snappy: 'Snappy', gzip: 'gzip', none: 'None' };

/** How the rows are written and where they land: format, compression, file size and lander. */
export function OutputSection({ extract, connections, issues, onChange }: OutputSectionProps) {
  const defaults = extractDefaults();
  const csv = csvFormatDefaults();
  // The defaults the model fills in, from the model (one owner of each default).
  const parquet = parquetSettings({ kind: 'parquet' });
  const format = extract.format ?? defaults.format;
  const lander = extract.lander;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2, alignItems: 'start' }}>
      <TextField
        select
        label="Format"
        value={format.kind}
        onChange={(event) => onChange({ ...extract, format: event.target.value === 'parquet' ? { kind: 'parquet' } : csv })}
        {...issues.field('format.kind')}
      >
        <MenuItem value="csv">CSV</MenuItem>
        <MenuItem value="parquet">Parquet</MenuItem>
      </TextField>
      {format.kind === 'parquet' ? (
        // A Parquet file's codec is its format's (Synapse reads Snappy and Gzip only); the extract's own is for CSV.
        <TextField
          select
          label="Compression"
          value={format.compression ?? parquet.compression}
          onChange={(event) => onChange({ ...extract, format: { ...format, compression: event.target.value as ParquetCompression } })}
          {...issues.field('format.compression', 'Zstandard by default; Snappy or gzip for Synapse')}
        >
          {PARQUET_COMPRESSIONS.map((c) => (
            <MenuItem key={c} value={c}>
              {PARQUET_COMPRESSION_LABELS[c]}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <TextField
          select
          label="Compression"
          value={extract.compression ?? defaults.compression}
          onChange={(event) => onChange({ ...extract, compression: event.target.value as (typeof COMPRESSIONS)[number] })}
          {...issues.field('compression')}
        >
          {COMPRESSIONS.map((c) => (
            <MenuItem key={c} value={c}>
              {COMPRESSION_LABELS[c]}
            </MenuItem>
          ))}
        </TextField>
      )}
      <NumberField
        label="File size (MB)"
        value={extract.fileSizeMb}
        onValueChange={(fileSizeMb) => onChange({ ...extract, fileSizeMb })}
        {...issues.field('fileSizeMb', `Default ${DEFAULT_FILE_SIZE_MB} MB; ${LARGE_TABLE_FILE_SIZE_MB} MB suits large tables`)}
      />
      {format.kind === 'csv' ? (
        <>
          <CsvFormatFields format={format} defaults={csv} path="format" headerLabel="Header row" issues={issues} onChange={(next) => onChange({ ...extract, format: next })} />
          <TextField label="NULL marker" value={format.nullMarker ?? csv.nullMarker} onChange={(event) => onChange({ ...extract, format: { ...format, nullMarker: event.target.value } })} {...issues.field('format.nullMarker', 'Empty: NULL is an empty unquoted field')} />
        </>
      ) : (
        <>
          <TextField
            select
            label="Dictionary"
            value={format.dictionary ?? parquet.dictionary}
            onChange={(event) => onChange({ ...extract, format: { ...format, dictionary: event.target.value as ParquetDictionary } })}
            {...issues.field('format.dictionary', 'Which columns are dictionary encoded: text columns (default), all or none')}
          >
            {PARQUET_DICTIONARY.map((d) => (
              <MenuItem key={d} value={d}>
                {DICTIONARY_LABELS[d]}
              </MenuItem>
            ))}
          </TextField>
          <NumberField
            label="Row group rows"
            value={format.rowGroupRows}
            onValueChange={(rowGroupRows) => onChange({ ...extract, format: withoutUndefined({ ...format, rowGroupRows }) })}
            {...issues.field('format.rowGroupRows', `Default ${formatCount(parquet.rowGroupRows)}`)}
          />
          <NumberField
            label="Row group MB"
            value={format.rowGroupMb}
            onValueChange={(rowGroupMb) => onChange({ ...extract, format: withoutUndefined({ ...format, rowGroupMb }) })}
            {...issues.field('format.rowGroupMb', 'Raw MB at which a row group is cut; empty: 32 MB or an eighth of the file size')}
          />
        </>
      )}
      <ConnectionPicker
        role="lander"
        label="Lander"
        connections={connections}
        value={lander.connection}
        onValueChange={(connection) => onChange({ ...extract, lander: { ...lander, connection } })}
        unusable="(not a lander)"
        sx={{ gridColumn: 1 }}
        {...issues.field('lander.connection', 'Where the files land')}
      />
      <TextField label="Lander folder" value={lander.folder ?? defaults.lander.folder} onChange={(event) => onChange({ ...extract, lander: { ...lander, folder: event.target.value } })} {...issues.field('lander.folder', 'Under the lander’s root')} />
      <NumberField
        label="Uploads at once"
        value={lander.concurrency}
        onValueChange={(concurrency) => onChange({ ...extract, lander: { ...lander, concurrency } })}
        {...issues.field('lander.concurrency')}
      />
    </Box>
  );
}
