import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatBytes, formatCount } from '../../components/format.ts';
import type { LiveEntity } from './run-monitor.ts';
import { progressBar } from './progress-bar.ts';
import { StateChip } from './state-chip.tsx';
import { ThroughputSparkline } from './throughput-sparkline.tsx';

export interface RunProgressTableProps {
  readonly entities: readonly LiveEntity[];
  /** Opens the drift review of an entity that stopped on a schema drift. */
  readonly onReviewDrift: (entity: string) => void;
  /** Entities whose drift was applied since the run: nothing is left to review until they run again. */
  readonly driftApplied: ReadonlySet<string>;
}

/** One row per entity of the running batch: state, progress, counts, throughput. */
export function RunProgressTable({ entities, onReviewDrift, driftApplied }: RunProgressTableProps) {
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
        {entities.map((entity) => {
          const bar = progressBar(entity);
          return (
          <TableRow key={entity.name} aria-label={entity.name}>
            <TableCell sx={{ fontWeight: 600 }}>
              {entity.name}
              {entity.error ? (
                <Typography variant="caption" color={entity.state === 'cancelled' ? 'warning.dark' : 'error'} component="div" sx={{ fontWeight: 400, maxWidth: 360, whiteSpace: 'pre-wrap' }}>
                  {entity.error}
                </Typography>
              ) : null}
              {entity.drift && !driftApplied.has(entity.name) ? (
                <Button size="small" variant="outlined" color="warning" sx={{ mt: 1, fontWeight: 500 }} onClick={() => onReviewDrift(entity.name)}>
                  Review schema drift
                </Button>
              ) : null}
            </TableCell>
            <TableCell>
              <StateChip state={entity.state} />
            </TableCell>
            <TableCell>
              {/* The caption under the bar, wrapping: "stopped before starting" no longer fits beside it at the panel's narrower widths. */}
              <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, minWidth: 120 }}>
                <LinearProgress
                  variant={bar.variant}
                  {...(bar.variant === 'determinate' ? { value: bar.value } : {})}
                  color={entity.state === 'failed' ? 'error' : entity.state === 'cancelled' ? 'warning' : entity.state === 'done' ? 'success' : 'primary'}
                  aria-label={`Progress of ${entity.name}`}
                  {...(bar.variant === 'determinate' && bar.detail ? { 'aria-valuetext': `${bar.value}%: ${bar.detail}` } : {})}
                  sx={{ height: 8, borderRadius: 4 }}
                />
                {bar.caption ? (
                  <Typography variant="caption" color="text.secondary" title={bar.variant === 'determinate' ? (bar.detail ?? bar.caption) : bar.caption} sx={{ lineHeight: 1.3, overflowWrap: 'anywhere' }}>
                    {bar.caption}
                  </Typography>
                ) : null}
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
          );
        })}
      </TableBody>
    </Table>
  );
}
