import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DataGrid, LakeSetView, ProjectInfo } from '../../../../shared/ipc/contract.ts';
import { DataGridView } from '../../components/data-grid-view.tsx';
import { EntitySelect } from '../../components/entity-select.tsx';
import { formatBytes, formatCount, formatTime } from '../../components/format.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { useAction } from '../../components/use-action.ts';
import { lakeSetsQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { gridSummary } from '../data-preview/grid-summary.ts';

const NO_SETS = { key: 'lake:sets none', fetch: () => Promise.resolve([] as LakeSetView[]) };

/** A set's title: Latest, or the archived set's publish time. */
function setTitle(set: LakeSetView): string {
  const when = set.publishedAt ? formatTime(set.publishedAt) : '';
  return set.kind === 'latest' ? `Latest${when ? ` · published ${when}` : ''}` : `Archived · published ${when || set.folder}`;
}

/** One published set: its files with partition, rows and size, each openable as a grid. */
function LakeSet({ set, onOpen, opening }: { readonly set: LakeSetView; readonly onOpen: (path: string) => void; readonly opening: boolean }) {
  const rows = set.files.reduce((sum, f) => sum + f.rows, 0);
  const bytes = set.files.reduce((sum, f) => sum + f.bytes, 0);
  return (
    <SectionCard title={setTitle(set)} subtitle={`${set.folder} · run ${set.runId ?? 'unknown'} · ${set.files.length} file${set.files.length === 1 ? '' : 's'}, ${formatCount(rows)} rows, ${formatBytes(bytes)}`}>
      <Table size="small" aria-label={`Files of ${set.folder}`}>
        <TableHead>
          <TableRow>
            <TableCell>File</TableCell>
            <TableCell>Partition</TableCell>
            <TableCell align="right">Rows</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {set.files.map((file) => (
            <TableRow key={file.path}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{file.name}</TableCell>
              <TableCell>{file.partition || '—'}</TableCell>
              <TableCell align="right">{formatCount(file.rows)}</TableCell>
              <TableCell align="right">{formatBytes(file.bytes)}</TableCell>
              <TableCell align="right">
                <Button size="small" disabled={opening} onClick={() => onOpen(file.path)} aria-label={`Open ${file.path}`}>
                  Open
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}

/**
 * The lake browser: per entity, the published `Latest` set and the archived sets with their files
 * (sizes and row counts from each set's manifest); a file opens as a grid, read with DuckDB.
 */
export function LakeScreen({ info }: { readonly info: ProjectInfo }) {
  const landed = info.project.entities.filter((e) => info.project.extracts.some((x) => x.entity.toLowerCase() === e.name.toLowerCase()));
  const [entity, setEntity] = useState(landed[0]?.name ?? '');
  const sets = useQuery(entity ? lakeSetsQuery(entity) : NO_SETS);
  const [opened, setOpened] = useState<{ path: string; grid: DataGrid } | undefined>(undefined);
  const open = useAction(async (path: string) => {
    setOpened({ path, grid: await window.landfall.readLakeFile({ entityName: entity, path }) });
  });

  return (
    <Stack sx={{ gap: 2.5 }} role="region" aria-label="Lake browser">
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center' }}>
        <EntitySelect entities={landed} value={entity} onChange={(name) => {
          setEntity(name);
          setOpened(undefined);
        }} />
        {sets.data ? <Chip variant="outlined" label={`${sets.data.length} set${sets.data.length === 1 ? '' : 's'}`} /> : null}
      </Stack>
      {sets.fetching ? <LinearProgress aria-label="Reading the lake" /> : null}
      {sets.error ? <Alert severity="error">{sets.error.message}</Alert> : null}
      {sets.data && !sets.data.length && entity ? <Alert severity="info">Nothing of entity {entity} is published yet: run it, and its Latest set appears here.</Alert> : null}
      {open.error ? <Alert severity="error">{open.error}</Alert> : null}
      {open.busy ? <LinearProgress aria-label="Reading the file" /> : null}
      {opened ? (
        <SectionCard title={`File ${opened.path}`} subtitle={gridSummary(opened.grid)} actions={<Button onClick={() => setOpened(undefined)}>Close</Button>}>
          <DataGridView label={`Rows of ${opened.path}`} data={opened.grid} />
        </SectionCard>
      ) : null}
      {(sets.data ?? []).map((set) => (
        <LakeSet key={set.folder} set={set} opening={open.busy} onOpen={(path) => void open.run(path)} />
      ))}
      {!landed.length ? <Typography color="text.secondary">No entity has an extract yet: nothing lands in the lake.</Typography> : null}
    </Stack>
  );
}
