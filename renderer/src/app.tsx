import { useEffect, useState } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import { currentProjectQuery } from './data/queries.ts';
import { useQuery } from './data/use-query.ts';
import { ConnectionsScreen } from './features/connections/connections-screen.tsx';
import { EntitiesScreen } from './features/entities/entities-screen.tsx';
import { FactsScreen } from './features/facts/facts-screen.tsx';
import { ProjectsScreen } from './features/projects/projects-screen.tsx';
import { RunScreen } from './features/run/run-screen.tsx';
import { DashboardScreen } from './features/dashboard/dashboard-screen.tsx';
import { LakeScreen } from './features/lake/lake-screen.tsx';
import { VersionsScreen } from './features/versions/versions-screen.tsx';
import type { ProjectInfo } from '../../shared/ipc/contract.ts';
import { useRunMonitor } from './features/run/run-monitor-context.ts';
import { DRAWER_WIDTH, NavDrawer } from './shell/nav-drawer.tsx';
import { SECTION_LABELS, type Section } from './shell/section.ts';

/** The screens of an open project, one per section (Projects is shown without one too). */
function SectionScreen({ section, info }: { readonly section: Exclude<Section, 'projects'>; readonly info: ProjectInfo }) {
  switch (section) {
    case 'connections':
      return <ConnectionsScreen info={info} />;
    case 'entities':
      return <EntitiesScreen key={info.path} info={info} />;
    case 'facts':
      return <FactsScreen key={info.path} info={info} />;
    case 'run':
      return <RunScreen info={info} />;
    case 'dashboard':
      return <DashboardScreen info={info} />;
    case 'lake':
      return <LakeScreen key={info.path} info={info} />;
    case 'versions':
      return <VersionsScreen key={info.path} info={info} />;
  }
}

/** The designer: the drawer, the open project's bar and the selected screen. */
export function App() {
  const current = useQuery(currentProjectQuery);
  const [section, setSection] = useState<Section>('projects');
  const info = current.data ?? null;
  const ready = !current.loading;

  // Another project: the last run panel belonged to the previous one.
  const monitor = useRunMonitor();
  const path = info?.path;
  useEffect(() => monitor.reset(), [monitor, path]);

  // Tests (and anything else driving the window) wait for this before acting.
  useEffect(() => {
    document.body.dataset.ready = ready ? 'true' : 'false';
  }, [ready]);

  // Closing the project leaves only the Projects screen usable.
  const shown: Section = info ? section : 'projects';

  return (
    <Box sx={{ display: 'flex', height: '100vh', overflow: 'hidden' }}>
      <NavDrawer section={shown} onSelect={setSection} projectOpen={info !== null} />
      <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <AppBar position="static" color="inherit" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar sx={{ gap: 2 }}>
            <Typography variant="h6" component="h1" sx={{ flexGrow: 0 }}>
              {SECTION_LABELS[shown]}
            </Typography>
            <Box sx={{ flexGrow: 1 }} />
            {info ? (
              <Box aria-label="Open project" role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
                <Typography variant="subtitle1" component="span" noWrap>
                  {info.name}
                </Typography>
                <Typography variant="body2" color="text.secondary" noWrap sx={{ maxWidth: 420 }} title={info.path}>
                  {info.path}
                </Typography>
                {info.issues.length > 0 ? (
                  <Chip color="warning" variant="outlined" label={`${info.issues.length} problem${info.issues.length === 1 ? '' : 's'}`} />
                ) : (
                  <Chip color="success" variant="outlined" label="Valid" />
                )}
              </Box>
            ) : (
              <Typography variant="body2" color="text.secondary">
                No project open
              </Typography>
            )}
          </Toolbar>
        </AppBar>
        {/* The screen scrolls under a fixed bar, as in a desktop app. */}
        <Box component="main" aria-busy={!ready} sx={{ p: 3, flexGrow: 1, minWidth: 0, overflow: 'auto', maxWidth: `calc(100vw - ${DRAWER_WIDTH}px)` }}>
          {current.error ? <Alert severity="error">{current.error.message}</Alert> : null}
          {!ready ? null : shown === 'projects' ? (
            <ProjectsScreen info={info} onOpened={() => setSection('entities')} />
          ) : !info ? null : (
            <SectionScreen section={shown} info={info} />
          )}
        </Box>
      </Box>
    </Box>
  );
}
