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
import { countOf } from '../../components/format.ts';
import { FactEditor } from './fact-editor.tsx';

export interface FactsScreenProps {
  readonly info: ProjectInfo;
}

const lower = (text: string) => text.toLowerCase();

/** The project's facts (seed 001): the list beside the editor of the selected (or new) one. */
export function FactsScreen({ info }: FactsScreenProps) {
  const { facts } = info.project;
  // `null` is a new fact being written.
  const [selected, setSelected] = useState<string | null>(facts[0]?.name ?? null);
  const fact = selected === null ? undefined : facts.find((f) => lower(f.name) === lower(selected));
  const problems = (name: string) => info.issues.filter((i) => i.object === `fact "${name}"`).length;

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '240px minmax(0, 1fr)', gap: 3, alignItems: 'start' }}>
      <Paper variant="outlined" sx={{ p: 1.5, position: 'sticky', top: 0 }}>
        <Button variant="outlined" fullWidth startIcon={<AddIcon />} onClick={() => setSelected(null)}>
          New fact
        </Button>
        {facts.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            No facts yet: a fact takes pushed rows or an entity’s new rows through staging.
          </Typography>
        ) : null}
        <List dense aria-label="Facts" sx={{ mt: 1 }} disablePadding>
          {facts.map((item) => {
            const count = problems(item.name);
            return (
              <ListItemButton key={item.name} selected={fact?.name === item.name} onClick={() => setSelected(item.name)} sx={{ borderRadius: 1 }}>
                <ListItemText primary={item.name} secondary={`${countOf(item.columns.length, 'column', 'columns')} · ${countOf(item.summaries.length, 'summary', 'summaries')}`} />
                {count ? <Chip color="error" variant="outlined" label={count} aria-label={`${count} problems`} /> : null}
              </ListItemButton>
            );
          })}
        </List>
      </Paper>
      {selected !== null && !fact ? (
        <Typography color="text.secondary">Select a fact.</Typography>
      ) : (
        <FactEditor
          key={fact?.name ?? 'new'}
          info={info}
          fact={fact}
          onSaved={(name) => setSelected(name)}
          onDeleted={() => setSelected(facts.find((f) => f.name !== fact?.name)?.name ?? null)}
        />
      )}
    </Box>
  );
}
