import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';

export interface QueryEditorProps {
  readonly sql: string;
  readonly error: string | undefined;
  readonly onChange: (sql: string) => void;
}

/** The free query of a query source, in Monaco with SQL highlighting; its problem shown under it. */
export function QueryEditor({ sql, error, onChange }: QueryEditorProps) {
  return (
    <Box>
      <FormLabel sx={{ display: 'block', mb: 0.5, fontSize: 13 }}>Source query</FormLabel>
      <LazySqlEditor label="Source query" value={sql} onChange={onChange} height={200} invalid={error !== undefined} />
      <FormHelperText error={error !== undefined} role={error ? 'alert' : undefined}>
        {error ?? 'CTEs are allowed; the query is wrapped as a subquery and its CTEs hoisted'}
      </FormHelperText>
    </Box>
  );
}
