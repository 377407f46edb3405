import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import TableViewIcon from '@mui/icons-material/TableView';
import FolderZipIcon from '@mui/icons-material/FolderZip';
import type { DataGrid, RequestArg } from '../../../../shared/ipc/contract.ts';
import { DataGridView } from '../../components/data-grid-view.tsx';
import { gridSummary } from './grid-summary.ts';

export interface DataPreviewPanelProps {
  /** The entity and extract as typed (unsaved drafts): the source preview reads what they say. */
  readonly request: Omit<RequestArg<'sql:preview'>, 'dialect' | 'watermarks'> | undefined;
  /** The saved entity, whose landed files can be read; undefined before it is saved. */
  readonly savedName: string | undefined;
}

type Shown = { readonly what: 'source' | 'landed'; readonly grid: DataGrid };

/**
 * The data the modeller is modelling: the first rows the extract query reads (the drafts as typed,
 * a query's @parameters bound to the SQL preview's sample values; Cancel stops it on the server),
 * or the first rows of the entity's landed Latest files, read with DuckDB.
 */
export function DataPreviewPanel({ request, savedName }: DataPreviewPanelProps) {
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'source' | 'landed' | undefined>(undefined);
  const running = useRef<string | undefined>(undefined);

  const load = async (what: Shown['what'], read: () => Promise<DataGrid>) => {
    setBusy(what);
    setError(undefined);
    try {
      setShown({ what, grid: await read() });
    } catch (caught) {
      setShown(undefined);
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      running.current = undefined;
      setBusy(undefined);
    }
  };
  const previewSource = () => {
    if (!request) return;
    const previewId = crypto.randomUUID();
    running.current = previewId;
    void load('source', () => window.landfall.previewSource({ entityName: request.entityName, entity: request.entity, extract: request.extract, ...(request.batchDate ? { batchDate: request.batchDate } : {}), previewId }));
  };
  const cancel = () => {
    if (running.current) void window.landfall.cancelPreview({ previewId: running.current });
  };

  return (
    <Stack sx={{ gap: 1.5, minWidth: 0 }} role="region" aria-label="Data preview">
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="outlined" startIcon={<TableViewIcon />} disabled={!request || busy !== undefined} onClick={previewSource}>
          Preview source rows
        </Button>
        <Button variant="outlined" startIcon={<FolderZipIcon />} disabled={!savedName || busy !== undefined} onClick={() => savedName && void load('landed', () => window.landfall.previewLanded({ entityName: savedName }))}>
          Preview landed files
        </Button>
        {busy === 'source' ? (
          <Button color="warning" onClick={cancel}>
            Cancel
          </Button>
        ) : null}
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1, minWidth: 200 }}>
          Read-only: at most 100 rows, a source for at most 30 seconds.
        </Typography>
      </Stack>
      {busy ? <LinearProgress aria-label={busy === 'source' ? 'Reading the source' : 'Reading the landed files'} /> : null}
      {error ? <Alert severity="error">{error}</Alert> : null}
      {shown ? (
        <>
          <Typography variant="body2" role="status" aria-label="Preview summary">
            {gridSummary(shown.grid)}
          </Typography>
          <DataGridView label={shown.what === 'source' ? 'Source rows' : 'Landed rows'} data={shown.grid} />
        </>
      ) : null}
    </Stack>
  );
}
