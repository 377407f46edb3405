import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SourceTable } from '../../../../shared/ipc/contract.ts';
import { defaultLander, defaultWarehouse } from '../../../../shared/model/defaults.ts';
import type { Connection } from '../../../../shared/model/schema.ts';
import { ConnectionPicker, connectionsFor } from '../../components/connection-picker.tsx';
import { formatIssue, type ValidationIssue } from '../../../../shared/model/validate.ts';
import { useAction } from '../../components/use-action.ts';
import { sourceTablesQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';

export interface ImportEntityDialogProps {
  readonly connections: readonly Connection[];
  readonly onClose: () => void;
  /** The new entity's name and what the import could only guess (shown to the modeller to check). */
  readonly onImported: (entity: string, notes: readonly ValidationIssue[]) => void;
}

const tableKey = (table: SourceTable): string => (table.schema ? `${table.schema}.${table.name}` : table.name);

/** Import from source: pick a table or view of a connection; the entity gets its columns and types. */
export function ImportEntityDialog({ connections, onClose, onImported }: ImportEntityDialogProps) {
  const [source, setSource] = useState(connectionsFor('source', connections)[0]?.name ?? '');
  const [picked, setPicked] = useState<SourceTable | undefined>(undefined);
  const [entityName, setEntityName] = useState('');
  const [warehouse, setWarehouse] = useState(defaultWarehouse(connections)?.name ?? connectionsFor('warehouse', connections)[0]?.name ?? '');
  // The lander the warehouse's load reads from, until the modeller picks another.
  const fittingLander = (name: string): string => defaultLander(connections, connections.find((c) => c.name === name))?.name ?? '';
  const [lander, setLander] = useState(() => fittingLander(warehouse));
  const [filter, setFilter] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  const tables = useQuery(source ? sourceTablesQuery(source) : { key: 'connection:tables none', fetch: () => Promise.resolve([] as SourceTable[]) });
  const shown = (tables.data ?? []).filter((t) => tableKey(t).toLowerCase().includes(filter.toLowerCase()));

  const run = useAction(async () => {
    if (!picked) return;
    const result = await window.landfall.importEntity({
      connection: source,
      table: picked.name,
      warehouse,
      ...(picked.schema ? { schema: picked.schema } : {}),
      ...(lander ? { lander } : {}),
      ...(entityName.trim() ? { entityName: entityName.trim() } : {}),
    });
    if (!result.ok) {
      setProblems(result.issues.map(formatIssue));
      return;
    }
    setProblems([]);
    onImported(result.value.entity.name, result.value.notes);
  });

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="import-title">
      <DialogTitle id="import-title">Import from source</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2, pt: 1 }}>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2 }}>
            <ConnectionPicker role="source" label="Source connection" connections={connections} value={source} onValueChange={(name) => { setSource(name); setPicked(undefined); }} />
            <ConnectionPicker role="warehouse" label="Warehouse" connections={connections} value={warehouse} onValueChange={(name) => { setWarehouse(name); setLander(fittingLander(name)); }} />
            <ConnectionPicker role="lander" label="Lander" connections={connections} value={lander} onValueChange={setLander} />
          </Box>
          <TextField label="Filter tables" value={filter} onChange={(event) => setFilter(event.target.value)} />
          <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, height: 260, overflow: 'auto' }}>
            {tables.loading ? <LinearProgress aria-label="Reading the source's tables" /> : null}
            {tables.error ? <Alert severity="error">{tables.error.message}</Alert> : null}
            {tables.data && shown.length === 0 ? <Typography sx={{ p: 2 }} color="text.secondary">No tables or views.</Typography> : null}
            <List dense aria-label="Source tables" disablePadding>
              {shown.map((table) => (
                <ListItemButton
                  key={tableKey(table)}
                  selected={picked !== undefined && tableKey(picked) === tableKey(table)}
                  onClick={() => {
                    setPicked(table);
                    setEntityName(table.name);
                  }}
                >
                  <ListItemText primary={tableKey(table)} />
                  <Chip label={table.kind} variant="outlined" />
                </ListItemButton>
              ))}
            </List>
          </Box>
          <TextField label="Entity name" value={entityName} onChange={(event) => setEntityName(event.target.value)} helperText="Defaults to the table's name" disabled={!picked} />
          {problems.length ? (
            <Alert severity="error">
              {problems.map((p) => (
                <div key={p}>{p}</div>
              ))}
            </Alert>
          ) : null}
          {run.error ? <Alert severity="error">{run.error}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!picked || !warehouse || run.busy} onClick={() => void run.run()}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
