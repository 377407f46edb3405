import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import { formatIssue } from '../../../../shared/model/validate.ts';
import { PathField } from '../../components/path-field.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useAction } from '../../components/use-action.ts';
import { recentProjectsQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { formatTime } from '../../components/format.ts';

export interface ProjectsScreenProps {
  readonly info: ProjectInfo | null;
  /** After a project was created or opened: the designer moves on to its entities. */
  readonly onOpened: () => void;
}

/** New project (empty or the demo), open a project file, and the recent list. */
export function ProjectsScreen({ info, onOpened }: ProjectsScreenProps) {
  const recent = useQuery(recentProjectsQuery);
  const [newPath, setNewPath] = useState('');
  const [newName, setNewName] = useState('');
  const [openPath, setOpenPath] = useState('');
  // Whether each path was typed in its field (true) or filled in by the file dialog, which main remembers.
  const [newTyped, setNewTyped] = useState(true);
  const [openTyped, setOpenTyped] = useState(true);

  // The app emits `project:changed` before it answers, so the cache is already refetching
  // (connect-events.ts) by the time these resolve.
  const create = useAction(async (demo: boolean) => {
    await window.landfall.createProject({ path: newPath.trim(), demo, typed: newTyped, ...(newName.trim() ? { name: newName.trim() } : {}) });
    onOpened();
  });
  const open = useAction(async (path: string, typed?: boolean) => {
    await window.landfall.openProject({ path, typed: typed ?? false });
    onOpened();
  });
  const close = useAction(async () => {
    await window.landfall.closeProject();
  });

  return (
    <Stack sx={{ gap: 3, maxWidth: 1100 }}>
      {info ? (
        <SectionCard
          title="Current project"
          subtitle={info.path}
          actions={
            <Button variant="outlined" onClick={() => void close.run()} disabled={close.busy}>
              Close project
            </Button>
          }
        >
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mb: info.issues.length ? 2 : 0 }}>
            <Chip label={`${info.project.connections.length} connections`} />
            <Chip label={`${info.project.entities.length} entities`} />
            <Chip label={`${info.project.extracts.length} extracts`} />
            <Chip label={`${info.project.batch.parallelEntities} entities at once`} />
          </Stack>
          {info.issues.length ? (
            <Alert severity="warning" aria-label="Project problems">
              {info.issues.slice(0, 8).map((issue) => (
                <div key={formatIssue(issue)}>{formatIssue(issue)}</div>
              ))}
              {info.issues.length > 8 ? <div>… and {info.issues.length - 8} more</div> : null}
            </Alert>
          ) : null}
        </SectionCard>
      ) : null}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 3 }}>
        <SectionCard title="New project" subtitle="An empty project, or the sales demo with a SQLite source, a local lake and a DuckDB warehouse.">
          <Stack component="form" sx={{ gap: 2 }} onSubmit={(event) => event.preventDefault()}>
            <PathField
              label="New project file"
              purpose="newProject"
              browseLabel="Choose where…"
              value={newPath}
              onPathChange={(path, typed) => {
                setNewPath(path);
                setNewTyped(typed);
              }}
              placeholder="/home/me/landfall/sales.landfall"
              helperText="The demo's files are created beside it"
            />
            <TextField label="Project name" value={newName} onChange={(event) => setNewName(event.target.value)} placeholder="Sales demo" />
            {create.error ? <Alert severity="error">{create.error}</Alert> : null}
            <Stack direction="row" sx={{ gap: 1 }}>
              <Button variant="contained" disabled={!newPath.trim() || create.busy} onClick={() => void create.run(false)}>
                Create empty project
              </Button>
              <Button variant="outlined" disabled={!newPath.trim() || create.busy} onClick={() => void create.run(true)}>
                Create demo project
              </Button>
            </Stack>
          </Stack>
        </SectionCard>

        <SectionCard title="Open project" subtitle="A project is one file; its connections may point at files beside it.">
          <Stack component="form" sx={{ gap: 2 }} onSubmit={(event) => {
            event.preventDefault();
            void open.run(openPath.trim(), openTyped);
          }}>
            <PathField
              label="Project file to open"
              purpose="openProject"
              value={openPath}
              onPathChange={(path, typed) => {
                setOpenPath(path);
                setOpenTyped(typed);
              }}
              placeholder="/home/me/landfall/sales.landfall"
            />
            {open.error ? <Alert severity="error">{open.error}</Alert> : null}
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button type="submit" variant="contained" disabled={!openPath.trim() || open.busy}>
                Open
              </Button>
            </Box>
          </Stack>
        </SectionCard>
      </Box>

      <SectionCard title="Recent projects">
        {recent.error ? <Alert severity="error">{recent.error.message}</Alert> : null}
        {recent.data && recent.data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Projects you create or open appear here.
          </Typography>
        ) : null}
        <List dense aria-label="Recent projects" disablePadding>
          {(recent.data ?? []).map((project) => (
            <ListItemButton key={project.path} disabled={!project.exists || open.busy} onClick={() => void open.run(project.path)}>
              <ListItemText
                primary={project.name}
                secondary={`${project.path} · opened ${formatTime(project.openedAt)}`}
              />
              {!project.exists ? <Chip label="Missing" color="warning" variant="outlined" /> : null}
              {info?.path === project.path ? <Chip label="Open" color="primary" variant="outlined" /> : null}
            </ListItemButton>
          ))}
        </List>
      </SectionCard>
    </Stack>
  );
}
