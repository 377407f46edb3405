import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { EntityState } from './engine-types.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import { stopped, type LiveEntity } from './run-monitor.ts';
import { StateChip } from './state-chip.tsx';
import { ThroughputSparkline } from './throughput-sparkline.tsx';

/** How far through its steps an entity is: the engine reports steps, not a row total. */
const STEP_PROGRESS: Record<EntityState, number> = { queued: 0, extracting: 25, landing: 55, loading: 80, done: 100, failed: 0, cancelled: 0 };

/** A failed or cancelled entity's bar stays where it stopped. */
const progressOf = (entity: LiveEntity): number => STEP_PROGRESS[stopped(entity.state) ? entity.reached : entity.state];

export interface RunProgressTableProps {
  readonly entities: readonly LiveEntity[];
}

/** One row per entity of the running batch: state, progress, counts, throughput. */
export function RunProgressTable({ entities }: RunProgressTableProps) {
  return (
    <Table size="small" aria-label="Entities of the run">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>State</TableCell>
          <TableCell sx={{ width: '22%' }}>Progress</TableCell>
          <TableCell align="right">Rows</TableCell>
          <TableCell align="right">Bytes</TableCell>
          <TableCell align="right">Files</TableCell>
          <TableCell align="right">Rows/s</TableCell>
          <TableCell>Throughput</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entities.map((entity) => (
          <TableRow key={entity.name} aria-label={entity.name}>
            <TableCell sx={{ fontWeight: 600 }}>
              {entity.name}
              {entity.error ? (
                <Typography variant="caption" color={entity.state === 'cancelled' ? 'warning.dark' : 'error'} component="div" sx={{ fontWeight: 400, maxWidth: 360, whiteSpace: 'pre-wrap' }}>
                  {entity.error}
                </Typography>
              ) : null}
            </TableCell>
            <TableCell>
              <StateChip state={entity.state} />
            </TableCell>
            <TableCell>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <LinearProgress
                  variant="determinate"
                  value={progressOf(entity)}
                  color={entity.state === 'failed' ? 'error' : entity.state === 'cancelled' ? 'warning' : entity.state === 'done' ? 'success' : 'primary'}
                  aria-label={`Progress of ${entity.name}`}
                  sx={{ flexGrow: 1, height: 8, borderRadius: 4 }}
                />
                <Typography variant="caption" color="text.secondary" sx={{ width: 34, textAlign: 'right' }}>
                  {progressOf(entity)}%
                </Typography>
              </Box>
            </TableCell>
            <TableCell align="right">{formatCount(entity.rows)}</TableCell>
            <TableCell align="right">{formatBytes(entity.bytes)}</TableCell>
            <TableCell align="right">{formatCount(entity.files)}</TableCell>
            <TableCell align="right">{formatCount(entity.rowsPerSecond)}</TableCell>
            <TableCell>
              <ThroughputSparkline samples={entity.samples} label={`Throughput of ${entity.name}`} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
