import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import { formatCount, formatTime } from '../../components/format.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { runHistoryQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { StateChip } from '../run/state-chip.tsx';
import { entityHistory, entityOverview, lagText, TIMED_STEPS, type EntityRun } from './dashboard-model.ts';

function seconds(ms: number | null): string {
  return ms === null ? '—' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One chart over the entity's past runs. */
function RunChart({ title, runs, value, unit }: { readonly title: string; readonly runs: readonly EntityRun[]; readonly value: (run: EntityRun) => number | null; readonly unit: string }) {
  return (
    <Box role="figure" aria-label={title} sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2">{title}</Typography>
      <LineChart
        height={200}
        // Run numbers on the axis (dates do not fit under a small chart); the tooltip names the run's start.
        xAxis={[{ scaleType: 'point', ...runAxis(runs) }]}
        yAxis={[{ width: 64, min: 0 }]}
        series={[{ data: runs.map(value), label: unit, showMark: true, connectNulls: false }]}
        hideLegend
        margin={{ right: 16 }}
      />
    </Box>
  );
}

/** The run's number on the chart axis, and in the tooltip its start too. */
const runAxis = (runs: readonly EntityRun[]) => ({
  data: runs.map((_r, i) => i + 1),
  label: 'run',
  valueFormatter: (n: number, context: { location: string }) => (context.location === 'tooltip' ? `run ${n}, ${formatTime(runs[n - 1]?.startedAt)}` : String(n)),
});

/** Seconds in each step of each run, stacked: where a run's time went. */
function StepTimesChart({ runs }: { readonly runs: readonly EntityRun[] }) {
  return (
    <Box role="figure" aria-label="Time per step (s)" sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2">Time per step (s)</Typography>
      <BarChart
        height={220}
        xAxis={[{ scaleType: 'band', ...runAxis(runs) }]}
        yAxis={[{ width: 64, min: 0 }]}
        series={TIMED_STEPS.map(({ step, label }) => ({ data: runs.map((r) => (r.steps ? r.steps[step] / 1000 : null)), label, stack: 'steps' }))}
        margin={{ right: 16 }}
      />
    </Box>
  );
}

/** A lag as charted: seconds in hours (a day's lag in seconds makes an axis nobody reads), days and numbers as they are. */
const CHART_UNIT: Record<string, { readonly label: string; readonly per: number }> = { seconds: { label: 'hours', per: 3600 }, days: { label: 'days', per: 1 } };

/** How far each run moved each watermark, in the watermark's own unit. */
function WatermarkLagChart({ runs }: { readonly runs: readonly EntityRun[] }) {
  const parameters = [...new Map(runs.flatMap((r) => r.watermarks.map((w) => [w.parameter, CHART_UNIT[w.unit] ?? { label: w.unit, per: 1 }] as const))).entries()];
  if (!parameters.length) return null;
  const series = parameters.map(([parameter, unit]) => ({
    data: runs.map((r) => {
      const lag = r.watermarks.find((w) => w.parameter === parameter)?.lag;
      return lag === undefined || lag === null ? null : Math.round((lag / unit.per) * 100) / 100;
    }),
    label: `${parameter} (${unit.label})`,
    showMark: true,
    connectNulls: false,
  }));
  // From 0 (or below, for a watermark that went back): one repeated value otherwise makes an axis of one unreadable tick.
  const lowest = Math.min(0, ...series.flatMap((s) => s.data.filter((v): v is number => v !== null)));
  return (
    <Box role="figure" aria-label="Watermark lag" sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2">Watermark lag (how far each run moved it)</Typography>
      <LineChart
        height={220}
        xAxis={[{ scaleType: 'point', ...runAxis(runs) }]}
        yAxis={[{ width: 64, min: lowest }]}
        series={series}
        margin={{ right: 16 }}
      />
    </Box>
  );
}

/**
 * The project at a glance, from the run history: every entity's last status, rows and duration,
 * and for the entity picked its rows, duration and rows/s over past runs.
 */
export function DashboardScreen({ info }: { readonly info: ProjectInfo }) {
  const history = useQuery(runHistoryQuery);
  const runs = history.data ?? [];
  const names = info.project.entities.map((e) => e.name);
  const overview = entityOverview(runs, names);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const chosen = picked ?? overview.find((o) => o.last)?.entity;
  const series = chosen ? entityHistory(runs, chosen) : [];

  return (
    <Stack sx={{ gap: 2.5 }} role="region" aria-label="Run dashboard">
      {history.error ? <Alert severity="error">{history.error.message}</Alert> : null}
      <SectionCard title="Entities" subtitle={`The last result of each entity over the ${runs.length} most recent run${runs.length === 1 ? '' : 's'}; pick one to chart its runs`}>
        <Table size="small" aria-label="Entity overview">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Last status</TableCell>
              <TableCell>Last run</TableCell>
              <TableCell>Batch date</TableCell>
              <TableCell align="right">Rows</TableCell>
              <TableCell align="right">Duration</TableCell>
              <TableCell align="right">Rows/s</TableCell>
              <TableCell align="right">Runs (failed)</TableCell>
              <TableCell>Watermark lag</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {overview.map((o) => (
              <TableRow key={o.entity} hover selected={o.entity === chosen} onClick={() => setPicked(o.entity)} sx={{ cursor: 'pointer' }} aria-label={o.entity}>
                <TableCell>{o.entity}</TableCell>
                <TableCell>{o.last ? <StateChip state={o.last.status} /> : <Typography variant="body2" color="text.secondary">never run</Typography>}</TableCell>
                <TableCell>{o.last ? formatTime(o.last.startedAt) : '—'}</TableCell>
                <TableCell>{o.last?.batchDate ?? '—'}</TableCell>
                <TableCell align="right">{o.last ? formatCount(o.last.rows) : '—'}</TableCell>
                <TableCell align="right">{o.last ? seconds(o.last.durationMs) : '—'}</TableCell>
                <TableCell align="right">{o.last?.rowsPerSecond != null ? formatCount(o.last.rowsPerSecond) : '—'}</TableCell>
                <TableCell align="right">{o.runs ? `${o.runs} (${o.failures})` : '—'}</TableCell>
                <TableCell>{o.last?.watermarks.length ? o.last.watermarks.map(lagText).join(', ') : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </SectionCard>
      {chosen && series.length ? (
        <SectionCard title={`Runs of ${chosen}`} subtitle={`${series.length} run${series.length === 1 ? '' : 's'}, oldest first`}>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 2 }}>
            <RunChart title="Rows" runs={series} value={(r) => r.rows} unit="rows" />
            <RunChart title="Duration (s)" runs={series} value={(r) => (r.durationMs === null ? null : r.durationMs / 1000)} unit="seconds" />
            <RunChart title="Rows per second" runs={series} value={(r) => r.rowsPerSecond} unit="rows/s" />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 2, mt: 2 }}>
            <StepTimesChart runs={series} />
            <WatermarkLagChart runs={series} />
          </Box>
        </SectionCard>
      ) : null}
      {!runs.length && !history.loading ? <Alert severity="info">No run is recorded yet: run the batch from the Run screen.</Alert> : null}
    </Stack>
  );
}
