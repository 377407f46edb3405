import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import type { BatchCounts, KeyVersion, ProjectInfo } from '../../../../shared/ipc/contract.ts';
import type { StagingEntity } from '../../../../shared/model/schema.ts';
import { EntitySelect } from '../../components/entity-select.tsx';
import { formatCount } from '../../components/format.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { useAction } from '../../components/use-action.ts';
import { batchCountsQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { WatermarksCard } from './watermarks-card.tsx';

const NO_BATCHES = { key: 'versions:batches none', fetch: () => Promise.resolve([] as BatchCounts[]) };

/** How many batches the chart shows (the newest; the table lists them all). */
const CHARTED_BATCHES = 30;

function BatchTable({ batches }: { readonly batches: readonly BatchCounts[] }) {
  const charted = batches.slice(0, CHARTED_BATCHES).reverse();
  return (
    <Stack sx={{ gap: 2 }}>
      <BarChart
        height={220}
        xAxis={[{ scaleType: 'band', data: charted.map((b) => b.validFrom.slice(0, 19)), label: 'batch (valid from)' }]}
        series={[
          { data: charted.map((b) => b.inserted), label: 'inserted', stack: 'all', color: '#2e7d32' },
          { data: charted.map((b) => b.changed), label: 'changed', stack: 'all', color: '#1565c0' },
          { data: charted.map((b) => b.deleted), label: 'deleted', stack: 'all', color: '#c62828' },
        ]}
      />
      <Table size="small" aria-label="Batches">
        <TableHead>
          <TableRow>
            <TableCell>Batch</TableCell>
            <TableCell>Valid from</TableCell>
            <TableCell align="right">Inserted</TableCell>
            <TableCell align="right">Changed</TableCell>
            <TableCell align="right">Deleted</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {batches.map((b) => (
            <TableRow key={b.batchId}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{b.batchId}</TableCell>
              <TableCell>{b.validFrom}</TableCell>
              <TableCell align="right">{formatCount(b.inserted)}</TableCell>
              <TableCell align="right">{formatCount(b.changed)}</TableCell>
              <TableCell align="right">{formatCount(b.deleted)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}

function stateOf(version: KeyVersion): { label: string; color: 'success' | 'default' | 'error' } {
  if (version.isDeleted) return { label: 'deleted', color: 'error' };
  return version.isCurrent ? { label: 'current', color: 'success' } : { label: 'closed', color: 'default' };
}

/** Every version of one key, oldest first; the values that changed from the version before stand out. */
function Timeline({ entity, versions }: { readonly entity: StagingEntity; readonly versions: readonly KeyVersion[] }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Version timeline">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Valid from</TableCell>
            <TableCell>Valid to</TableCell>
            <TableCell>Changed</TableCell>
            {entity.columns.map((c) => (
              <TableCell key={c.name}>{c.name}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {versions.map((v, index) => {
            const state = stateOf(v);
            return (
              <TableRow key={`${v.validFrom}-${v.batchId}`}>
                <TableCell>{index + 1}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" color={state.color} label={state.label} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{v.validFrom}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{v.validTo ?? '—'}</TableCell>
                <TableCell>{index === 0 ? 'first version' : v.changed.join(', ') || '—'}</TableCell>
                {entity.columns.map((c) => (
                  <TableCell key={c.name} aria-label={v.changed.includes(c.name) ? `${c.name} changed` : undefined} sx={v.changed.includes(c.name) ? { bgcolor: 'rgba(21,101,192,0.12)', fontWeight: 600 } : undefined}>
                    {v.values[c.name] ?? <Typography component="span" variant="body2" color="text.disabled" sx={{ fontStyle: 'italic' }}>NULL</Typography>}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * Persistent staging of one entity: what each batch wrote (new, changed and deleted keys), and the
 * version timeline of a business key the modeller types, and the watermarks the next run starts from.
 */
export function VersionsScreen({ info }: { readonly info: ProjectInfo }) {
  const entities = info.project.entities;
  const [name, setName] = useState(entities[0]?.name ?? '');
  const entity = entities.find((e) => e.name === name);
  const batches = useQuery(name ? batchCountsQuery(name) : NO_BATCHES);
  const [key, setKey] = useState<Record<string, string>>({});
  const [timeline, setTimeline] = useState<{ key: string; versions: KeyVersion[] } | undefined>(undefined);
  const show = useAction(async () => {
    if (!entity) return;
    const values = entity.businessKey.map((k) => key[k] ?? '');
    setTimeline({ key: values.join(', '), versions: await window.landfall.keyTimeline({ entityName: entity.name, key: values }) });
  });

  return (
    <Stack sx={{ gap: 2.5 }} role="region" aria-label="Versions">
      <EntitySelect entities={entities} value={name} onChange={(next) => {
        setName(next);
        setKey({});
        setTimeline(undefined);
      }} />
      {entity ? (
        <SectionCard title="Batches" subtitle={`What each run wrote to psg.${entity.name}: versions of new keys, of changed keys, and of deleted keys`}>
          {batches.fetching ? <LinearProgress aria-label="Reading persistent staging" /> : null}
          {batches.error ? <Alert severity="info">{batches.error.message}</Alert> : null}
          {batches.data?.length ? <BatchTable batches={batches.data} /> : batches.data && !batches.error ? <Typography color="text.secondary">No versions yet.</Typography> : null}
        </SectionCard>
      ) : null}
      {entity ? (
        <SectionCard title="Version timeline" subtitle="Every version of one business key, oldest first">
          <Stack component="form" direction="row" aria-label="Business key" sx={{ gap: 1.5, alignItems: 'flex-start', mb: 2 }} onSubmit={(event) => {
            event.preventDefault();
            void show.run();
          }}>
            {entity.businessKey.map((k) => (
              <TextField key={k} label={k} value={key[k] ?? ''} onChange={(event) => setKey({ ...key, [k]: event.target.value })} sx={{ width: 220 }} />
            ))}
            <Button type="submit" variant="contained" disabled={show.busy} sx={{ mt: 1, whiteSpace: 'nowrap' }}>
              Show versions
            </Button>
          </Stack>
          {show.error ? <Alert severity="error">{show.error}</Alert> : null}
          {timeline ? (
            timeline.versions.length ? (
              <Timeline entity={entity} versions={timeline.versions} />
            ) : (
              <Alert severity="info">No version of key {timeline.key} is in persistent staging.</Alert>
            )
          ) : null}
        </SectionCard>
      ) : null}
      {entity && info.project.extracts.some((x) => x.entity.toLowerCase() === entity.name.toLowerCase()) ? <WatermarksCard entityName={entity.name} /> : null}
    </Stack>
  );
}
