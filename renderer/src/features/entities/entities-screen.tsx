import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import SearchIcon from '@mui/icons-material/Search';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import type { ValidationIssue } from '../../../../shared/model/validate.ts';
import Alert from '@mui/material/Alert';
import { PATTERN_LABELS } from '../extract/pattern-labels.ts';
import { EntityEditor } from './entity-editor.tsx';
import { countOf } from '../../components/format.ts';
import { ImportEntityDialog } from './import-entity-dialog.tsx';

export interface EntitiesScreenProps {
  readonly info: ProjectInfo;
}

const lower = (text: string) => text.toLowerCase();

/** The staging entities: a searchable list beside the editor of the selected (or new) one. */
export function EntitiesScreen({ info }: EntitiesScreenProps) {
  const { entities, extracts } = info.project;
  // `null` is a new entity being written.
  const [selected, setSelected] = useState<string | null>(entities[0]?.name ?? null);
  const [search, setSearch] = useState('');
  const [importing, setImporting] = useState(false);
  const [notes, setNotes] = useState<{ entity: string; notes: readonly ValidationIssue[] } | undefined>(undefined);
  const entity = selected === null ? undefined : entities.find((e) => lower(e.name) === lower(selected));
  const extract = entity ? extracts.find((x) => lower(x.entity) === lower(entity.name)) : undefined;
  const shown = entities.filter((e) => lower(e.name).includes(lower(search.trim())) || (e.description ?? '').toLowerCase().includes(lower(search.trim())));
  const problems = (name: string) => info.issues.filter((i) => i.object === `entity "${name}"` || i.object === `extract of entity "${name}"`).length;

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '240px minmax(0, 1fr)', gap: 3, alignItems: 'start' }}>
      <Paper variant="outlined" sx={{ p: 1.5, position: 'sticky', top: 0 }}>
        <Stack sx={{ gap: 1.25 }}>
          <Button variant="contained" startIcon={<CloudDownloadIcon />} onClick={() => setImporting(true)}>
            Import from source
          </Button>
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setSelected(null)}>
            New entity
          </Button>
          <TextField
            label="Search entities"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
          />
        </Stack>
        {shown.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            {entities.length ? 'No entity matches.' : 'No entities yet: import one from a source table.'}
          </Typography>
        ) : null}
        <List dense aria-label="Entities" sx={{ mt: 1 }} disablePadding>
          {shown.map((item) => {
            const pattern = extracts.find((x) => lower(x.entity) === lower(item.name))?.pattern.kind;
            const count = problems(item.name);
            return (
              <ListItemButton key={item.name} selected={entity?.name === item.name} onClick={() => setSelected(item.name)} sx={{ borderRadius: 1 }}>
                <ListItemText primary={item.name} secondary={`${countOf(item.columns.length, 'column', 'columns')}${pattern ? ` · ${PATTERN_LABELS[pattern]}` : ' · no extract'}`} />
                {count ? <Chip color="error" variant="outlined" label={count} aria-label={`${count} problems`} /> : null}
              </ListItemButton>
            );
          })}
        </List>
      </Paper>
      <Stack sx={{ gap: 2, minWidth: 0 }}>
        {notes && entity?.name === notes.entity ? (
          <Alert severity="info" onClose={() => setNotes(undefined)} aria-label="Import notes">
            <strong>Imported {notes.entity}: check these</strong>
            {notes.notes.map((note) => (
              // The message names the column itself: a field path (columns[3].type) means nothing to a modeller.
              <div key={`${note.field}:${note.message}`}>{note.message}</div>
            ))}
          </Alert>
        ) : null}
        {selected !== null && !entity ? (
          <Typography color="text.secondary">Select an entity.</Typography>
        ) : (
          <EntityEditor
            key={entity?.name ?? 'new'}
            info={info}
            entity={entity}
            extract={extract}
            onSaved={(name) => setSelected(name)}
            onDeleted={() => setSelected(entities.find((e) => e.name !== entity?.name)?.name ?? null)}
          />
        )}
      </Stack>
      {importing ? (
        <ImportEntityDialog
          connections={info.project.connections}
          onClose={() => setImporting(false)}
          onImported={(name, found) => {
            setImporting(false);
            setSelected(name);
            setNotes(found.length ? { entity: name, notes: found } : undefined);
          }}
        />
      ) : null}
    </Box>
  );
}
