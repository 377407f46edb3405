import { useState } from 'react';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import type { RunRecordView } from '../../../../shared/ipc/contract.ts';
import { formatBytes, formatCount, formatDuration, formatTime } from '../../components/format.ts';
import { StateChip } from './state-chip.tsx';
import { isFactRecord, runObjectsText } from './run-objects.ts';
import Chip from '@mui/material/Chip';

const COLUMNS = 7;

/** One past run, with its entities' results and errors when expanded. */
export function RunHistoryRow({ run }: { readonly run: RunRecordView }) {
  const [open, setOpen] = useState(false);
  const rows = run.entities.reduce((sum, e) => sum + e.rows, 0);
  return (
    <>
      <TableRow aria-label={`Run ${run.id}`} sx={{ '& > td': { borderBottom: open ? 0 : undefined } }}>
        <TableCell sx={{ width: 48 }}>
          <IconButton size="small" aria-label={open ? `Hide run ${run.id}` : `Show run ${run.id}`} aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? <KeyboardArrowUpIcon fontSize="small" /> : <KeyboardArrowDownIcon fontSize="small" />}
          </IconButton>
        </TableCell>
        <TableCell>{formatTime(run.startedAt)}</TableCell>
        <TableCell>{run.batchDate || '—'}</TableCell>
        <TableCell>
          <StateChip state={run.status} />
        </TableCell>
        <TableCell align="right">{runObjectsText(run)}</TableCell>
        <TableCell align="right">{formatCount(rows)}</TableCell>
        <TableCell align="right">{formatDuration(run.startedAt, run.finishedAt)}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={COLUMNS} sx={{ py: 0 }}>
          <Collapse in={open} unmountOnExit>
            <Box sx={{ py: 1.5, pl: 6 }}>
              {run.error ? (
                <Typography color="error" variant="body2" sx={{ mb: 1 }}>
                  {run.error}
                </Typography>
              ) : null}
              <Table size="small" aria-label={`Entities of run ${run.id}`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Entity / fact</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell>Mode</TableCell>
                    <TableCell align="right">Rows</TableCell>
                    <TableCell align="right">Bytes</TableCell>
                    <TableCell align="right">Files</TableCell>
                    <TableCell align="right">Inserted / updated / deleted</TableCell>
                    <TableCell>Error</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {run.entities.map((e) => isFactRecord(e) ? (
                    // A fact's pass processes staged rows: no files, bytes or versions of its own.
                    <TableRow key={`fact ${e.entity}`} aria-label={`fact ${e.entity} in run ${run.id}`}>
                      <TableCell>
                        {e.entity} <Chip size="small" variant="outlined" label="fact" />
                      </TableCell>
                      <TableCell>
                        <StateChip state={e.status} />
                      </TableCell>
                      <TableCell>processed</TableCell>
                      <TableCell align="right">{formatCount(e.rows)}</TableCell>
                      <TableCell align="right">—</TableCell>
                      <TableCell align="right">—</TableCell>
                      <TableCell align="right">{formatCount(e.inserted)} into the fact</TableCell>
                      <TableCell sx={{ color: 'error.main', maxWidth: 360, whiteSpace: 'pre-wrap' }}>{e.error ?? ''}</TableCell>
                    </TableRow>
                  ) : (
                    <TableRow key={e.entity} aria-label={`${e.entity} in run ${run.id}`}>
                      <TableCell>{e.entity}</TableCell>
                      <TableCell>
                        <StateChip state={e.status} />
                      </TableCell>
                      <TableCell>{e.mode ?? ''}</TableCell>
                      <TableCell align="right">{formatCount(e.rows)}</TableCell>
                      <TableCell align="right">{formatBytes(e.bytes)}</TableCell>
                      <TableCell align="right">{formatCount(e.files)}</TableCell>
                      <TableCell align="right">
                        {formatCount(e.inserted)} / {formatCount(e.updated)} / {formatCount(e.deleted)}
                      </TableCell>
                      <TableCell sx={{ color: 'error.main', maxWidth: 360, whiteSpace: 'pre-wrap' }}>{e.error ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}
