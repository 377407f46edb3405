import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import { ConnectionForm } from './connection-form.tsx';
import { describeKind } from '../../../../shared/model/connection-kinds.ts';

export interface ConnectionsScreenProps {
  readonly info: ProjectInfo;
}

/** The project's connections: a list beside the form of the selected (or new) one. */
export function ConnectionsScreen({ info }: ConnectionsScreenProps) {
  const connections = info.project.connections;
  // `null` is a new connection being written.
  const [selected, setSelected] = useState<string | null>(connections[0]?.name ?? null);
  const connection = selected === null ? undefined : connections.find((c) => c.name === selected);

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '300px minmax(0, 1fr)', gap: 3, alignItems: 'start' }}>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Button fullWidth variant="contained" startIcon={<AddIcon />} onClick={() => setSelected(null)} sx={{ mb: 1 }}>
          New connection
        </Button>
        {connections.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            No connections yet.
          </Typography>
        ) : null}
        <List dense aria-label="Connections" disablePadding>
          {connections.map((item) => (
            <ListItemButton key={item.name} selected={item.name === selected} onClick={() => setSelected(item.name)} sx={{ borderRadius: 1 }}>
              <ListItemText primary={item.name} secondary={item.description ?? describeKind(item.kind).label} />
              <Chip label={item.kind} variant="outlined" />
            </ListItemButton>
          ))}
        </List>
      </Paper>
      {selected !== null && !connection ? (
        <Typography color="text.secondary">Select a connection.</Typography>
      ) : (
        <ConnectionForm
          key={connection ? `${connection.name}:${JSON.stringify(connection)}` : 'new'}
          connection={connection}
          onSaved={(name) => setSelected(name)}
          onDeleted={() => setSelected(connections.find((c) => c.name !== selected)?.name ?? null)}
        />
      )}
    </Box>
  );
}
