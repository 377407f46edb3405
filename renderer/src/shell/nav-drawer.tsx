import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import CableIcon from '@mui/icons-material/Cable';
import TableChartIcon from '@mui/icons-material/TableChart';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import LandscapeIcon from '@mui/icons-material/Landscape';
import InsightsIcon from '@mui/icons-material/Insights';
import WavesIcon from '@mui/icons-material/Waves';
import HistoryIcon from '@mui/icons-material/History';
import FunctionsIcon from '@mui/icons-material/Functions';
import type { ReactNode } from 'react';
import { SECTION_LABELS, SECTIONS, type Section } from './section.ts';

export const DRAWER_WIDTH = 216;

const ICONS: Record<Section, ReactNode> = {
  projects: <FolderOpenIcon />,
  connections: <CableIcon />,
  entities: <TableChartIcon />,
  facts: <FunctionsIcon />,
  run: <PlayArrowIcon />,
  dashboard: <InsightsIcon />,
  lake: <WavesIcon />,
  versions: <HistoryIcon />,
};

export interface NavDrawerProps {
  readonly section: Section;
  readonly onSelect: (section: Section) => void;
  /** Only Projects is reachable without an open project. */
  readonly projectOpen: boolean;
}

/** The left drawer: one entry per screen. */
export function NavDrawer({ section, onSelect, projectOpen }: NavDrawerProps) {
  return (
    <Drawer
      variant="permanent"
      sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', bgcolor: '#14253d', color: '#dbe4f0', border: 0 } }}
    >
      <Toolbar sx={{ gap: 1 }}>
        <LandscapeIcon sx={{ color: '#7fb3ff' }} />
        <Typography variant="h6" component="div" sx={{ color: '#fff', letterSpacing: 0.3 }}>
          Landfall
        </Typography>
      </Toolbar>
      <Box component="nav" aria-label="Screens">
        <List>
          {SECTIONS.map((item) => (
            <ListItemButton
              key={item}
              selected={item === section}
              disabled={!projectOpen && item !== 'projects'}
              aria-current={item === section ? 'page' : undefined}
              onClick={() => onSelect(item)}
              sx={{
                mx: 1,
                borderRadius: 1,
                '&.Mui-selected, &.Mui-selected:hover': { bgcolor: 'rgba(127,179,255,0.18)', color: '#fff' },
                '& .MuiListItemIcon-root': { color: 'inherit', minWidth: 36 },
              }}
            >
              <ListItemIcon>{ICONS[item]}</ListItemIcon>
              <ListItemText primary={SECTION_LABELS[item]} />
            </ListItemButton>
          ))}
        </List>
      </Box>
    </Drawer>
  );
}
