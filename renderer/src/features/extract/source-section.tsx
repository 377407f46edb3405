import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { FILE_SOURCE_KINDS, SQL_SOURCE_KINDS, type Connection, type ExtractInput } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { FilesSourceFields } from './files-source-fields.tsx';
import { QueryEditor } from './query-editor.tsx';

type Source = ExtractInput['source'];
type SourceKind = Source['kind'];

export interface SourceSectionProps {
  readonly extract: ExtractInput;
  readonly connections: readonly Connection[];
  readonly issues: FieldIssues;
  readonly onChange: (extract: ExtractInput) => void;
}

const KIND_LABELS: Record<SourceKind, string> = { table: 'Table or view', query: 'Query', files: 'Files' };

/** Where the rows come from: a table or view, a free query (Monaco), or files matching a pattern. */
export function SourceSection({ extract, connections, issues, onChange }: SourceSectionProps) {
  const source = extract.source;
  const sqlConnections = connections.filter((c) => SQL_SOURCE_KINDS.includes(c.kind));
  const fileConnections = connections.filter((c) => FILE_SOURCE_KINDS.includes(c.kind));
  const choices = source.kind === 'files' ? fileConnections : sqlConnections;
  const setSource = (next: Source) => onChange({ ...extract, source: next });

  const switchKind = (kind: SourceKind) => {
    if (kind === source.kind) return;
    const sqlConnection = source.kind !== 'files' ? source.connection : (sqlConnections[0]?.name ?? '');
    switch (kind) {
      case 'table':
        onChange({ ...extract, source: { kind, connection: sqlConnection, table: '' }, pattern: extract.pattern.kind === 'multiWildCardFile' ? { kind: 'full' } : extract.pattern });
        return;
      case 'query':
        onChange({
          ...extract,
          source: { kind, connection: sqlConnection, sql: source.kind === 'table' && source.table ? `SELECT *\nFROM ${source.table}` : 'SELECT *\nFROM ' },
          pattern: extract.pattern.kind === 'multiWildCardFile' || extract.pattern.kind === 'changeTracking' ? { kind: 'full' } : extract.pattern,
        });
        return;
      case 'files':
        onChange({
          ...extract,
          source: { kind, connection: fileConnections[0]?.name ?? '', folder: '', pattern: '*.csv', archiveFolder: 'archive', parallelFiles: 4, format: { kind: 'csv' } },
          pattern: { kind: 'multiWildCardFile' },
        });
        return;
    }
  };

  const connectionError = issues.field('source.connection');
  return (
    <Stack sx={{ gap: 2 }}>
      <FormControl>
        <FormLabel id="source-kind-label">Source kind</FormLabel>
        <RadioGroup row aria-labelledby="source-kind-label" value={source.kind} onChange={(event) => switchKind(event.target.value as SourceKind)}>
          {(Object.keys(KIND_LABELS) as SourceKind[]).map((kind) => (
            <FormControlLabel key={kind} value={kind} control={<Radio size="small" />} label={KIND_LABELS[kind]} />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField select label="Source connection" value={source.connection} onChange={(event) => setSource({ ...source, connection: event.target.value })} {...connectionError}>
        {choices.map((c) => (
          <MenuItem key={c.name} value={c.name}>
            {c.name} ({c.kind})
          </MenuItem>
        ))}
        {source.connection && !choices.some((c) => c.name === source.connection) ? <MenuItem value={source.connection}>{source.connection} (not usable)</MenuItem> : null}
      </TextField>

      {source.kind === 'table' ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 2 }}>
          <TextField label="Schema" value={source.schema ?? ''} onChange={(event) => setSource({ ...source, schema: event.target.value || undefined })} {...issues.field('source.schema', 'Optional')} />
          <TextField label="Table or view name" value={source.table} onChange={(event) => setSource({ ...source, table: event.target.value })} {...issues.field('source.table')} />
        </Box>
      ) : null}

      {source.kind === 'query' ? <QueryEditor sql={source.sql} error={issues.error('source.sql')} onChange={(sql) => setSource({ ...source, sql })} /> : null}

      {source.kind === 'files' ? <FilesSourceFields source={source} issues={issues} onChange={setSource} /> : null}
    </Stack>
  );
}
