import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { filesSourceDefaults } from '../../../../shared/model/defaults.ts';
import type { Connection, ExtractInput } from '../../../../shared/model/schema.ts';
import { ConnectionPicker, connectionsFor } from '../../components/connection-picker.tsx';
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
  const sqlConnections = connectionsFor('source', connections);
  const fileConnections = connectionsFor('fileSource', connections);
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
          source: filesSourceDefaults(fileConnections[0]?.name ?? '', '*.csv'),
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
      <ConnectionPicker
        role={source.kind === 'files' ? 'fileSource' : 'source'}
        label="Source connection"
        connections={connections}
        value={source.connection}
        onValueChange={(connection) => setSource({ ...source, connection })}
        {...connectionError}
      />

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
