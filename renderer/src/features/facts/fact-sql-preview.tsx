import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { RequestArg } from '../../../../shared/ipc/contract.ts';
import { DIALECTS, type DialectName } from '../../../../shared/sql/dialect.ts';
import { IssueList } from '../../components/issue-list.tsx';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';
import { useQuery } from '../../data/use-query.ts';
import { factPreviewQuery } from './fact-preview-query.ts';

export interface FactSqlPreviewProps {
  /** The fact as typed (already debounced by the caller). */
  readonly request: Omit<RequestArg<'fact:preview'>, 'dialect'>;
}

/**
 * Every step of processing the fact (setup, swap, normalize, load…), read-only in Monaco, in its
 * warehouse's dialect or another: the very text `landfall sql <project> <fact>` prints.
 */
export function FactSqlPreview({ request }: FactSqlPreviewProps) {
  const [dialect, setDialect] = useState<DialectName | ''>('');
  const [wrap, setWrap] = useState(false);
  const preview = useQuery(factPreviewQuery({ ...request, ...(dialect ? { dialect } : {}) }));
  const result = preview.data;
  return (
    <Stack sx={{ gap: 1, minWidth: 0 }} aria-label="Fact SQL preview" role="region">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Box sx={{ flexGrow: 1 }} />
        <TextField select label="Dialect" value={dialect} onChange={(event) => setDialect(event.target.value as DialectName | '')} sx={{ width: 190 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
          <MenuItem value="">The warehouse’s</MenuItem>
          {DIALECTS.map((d) => (
            <MenuItem key={d} value={d}>
              {d}
            </MenuItem>
          ))}
        </TextField>
        <Button size="small" startIcon={<ContentCopyIcon />} disabled={!result?.ok} onClick={() => void (result?.ok && navigator.clipboard?.writeText(result.text))}>
          Copy
        </Button>
        <FormControlLabel control={<Switch size="small" checked={wrap} onChange={(event) => setWrap(event.target.checked)} />} label="Wrap" />
      </Stack>
      <Box sx={{ height: 4 }}>{preview.fetching ? <LinearProgress aria-label="Updating the fact SQL" /> : null}</Box>
      {preview.error ? <Alert severity="info">{preview.error.message}</Alert> : null}
      {result && !result.ok ? <IssueList issues={result.issues} title="The SQL appears when these are fixed" /> : null}
      {result?.ok ? <LazySqlEditor label="Fact SQL" value={result.text} readOnly autoHeight height={320} wrap={wrap} /> : null}
    </Stack>
  );
}
