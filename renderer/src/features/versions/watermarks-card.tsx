import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { LedgerChange, LedgerEntry } from '../../../../shared/ipc/contract.ts';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { useAction } from '../../components/use-action.ts';
import { LEDGER_PREFIX, sqlPreviewQuery, watermarkLedgerQuery } from '../../data/queries.ts';
import { useQueryCache } from '../../data/query-cache-context.ts';
import { useQuery } from '../../data/use-query.ts';
import { LedgerChangeDialog } from './ledger-change-dialog.tsx';

/** A change the user asked for, with main's unconfirmed answer, waiting in the confirmation dialog. */
interface Pending {
  readonly title: string;
  readonly confirmLabel: string;
  readonly proposal: LedgerChange;
  readonly confirm: () => Promise<LedgerChange>;
}

/** Who made a ledger row, as a person reads it. */
const byText = (entry: LedgerEntry): string => (entry.changedBy === 'run' ? 'a run' : entry.changedBy.replace(/^person:/, ''));

/** What a row did: a run saved it, a person set it, or a person rolled it back to a run's value. */
function howText(entry: LedgerEntry): string {
  if (entry.changedBy === 'run') return entry.runId ? `run ${entry.runId}` : 'a run';
  return entry.runId ? `rolled back to run ${entry.runId}` : 'set by hand';
}

/**
 * The entity's saved watermarks as the warehouse holds them, the extract the next run will use
 * with them, and their ledger; a value can be edited, or every value rolled back to where a run
 * left it, after a confirmation that shows the extract the next run will then use.
 */
export function WatermarksCard({ entityName }: { readonly entityName: string }) {
  const cache = useQueryCache();
  const ledger = useQuery(watermarkLedgerQuery(entityName));
  const saved: Record<string, string> = {};
  for (const s of ledger.data?.saved ?? []) if (s.value !== null) saved[s.parameter] = s.value;
  const next = useQuery(sqlPreviewQuery({ entityName, watermarks: saved }));
  const extract = next.data?.ok ? next.data.steps.find((s) => s.step === 'extract') : undefined;
  const [editing, setEditing] = useState<{ parameter: string; value: string } | undefined>(undefined);
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const ask = useAction(async (make: Omit<Pending, 'proposal'>, propose: () => Promise<LedgerChange>) => {
    setDone(undefined);
    setPending({ ...make, proposal: await propose() });
  });
  const history = [...(ledger.data?.history ?? [])].reverse();
  // One rollback per run: a run that saved several parameters has a row for each.
  const rollbackRows = new Set<LedgerEntry>();
  const seenRuns = new Set<string>();
  for (const entry of history) {
    if (entry.changedBy !== 'run' || !entry.runId || seenRuns.has(entry.runId)) continue;
    seenRuns.add(entry.runId);
    rollbackRows.add(entry);
  }

  const reviewEdit = (parameter: string, value: string): void => {
    void ask.run(
      {
        title: `Change the saved ${parameter} of ${entityName}?`,
        confirmLabel: 'Change watermark',
        confirm: () => window.landfall.setWatermark({ entityName, parameter, value, confirmed: true }),
      },
      () => window.landfall.setWatermark({ entityName, parameter, value, confirmed: false }),
    );
  };
  const reviewRollback = (runId: string): void => {
    void ask.run(
      {
        title: `Roll ${entityName} back to run ${runId}?`,
        confirmLabel: 'Roll back',
        confirm: () => window.landfall.rollbackWatermarks({ entityName, toRun: runId, confirmed: true }),
      },
      () => window.landfall.rollbackWatermarks({ entityName, toRun: runId, confirmed: false }),
    );
  };

  return (
    <SectionCard title="Saved watermarks" subtitle="What zdm.control_parameters holds for the entity now, the extract the next run will use with it, and the ledger of every change">
      {ledger.error ? <Alert severity="info">{ledger.error.message}</Alert> : null}
      {done ? <Alert severity="success" sx={{ mb: 2 }} onClose={() => setDone(undefined)}>{done}</Alert> : null}
      {ask.error ? <Alert severity="error" sx={{ mb: 2 }}>{ask.error}</Alert> : null}
      {ledger.data && !ledger.data.saved.length ? <Typography color="text.secondary" sx={{ mb: 2 }}>Nothing is saved yet: the next run reads everything its pattern selects.</Typography> : null}
      {ledger.data?.saved.length ? (
        <Table size="small" aria-label="Saved watermarks" sx={{ mb: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>Parameter</TableCell>
              <TableCell>Saved value</TableCell>
              <TableCell align="right">Change</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ledger.data.saved.map(({ parameter, value }) => (
              <TableRow key={parameter}>
                <TableCell>{parameter}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {editing?.parameter === parameter ? (
                    <TextField
                      size="small"
                      label={`New ${parameter}`}
                      value={editing.value}
                      onChange={(event) => setEditing({ parameter, value: event.target.value })}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter' && editing.value.trim()) reviewEdit(parameter, editing.value.trim());
                      }}
                      sx={{ minWidth: 260 }}
                    />
                  ) : (
                    value ?? '(none)'
                  )}
                </TableCell>
                <TableCell align="right">
                  {editing?.parameter === parameter ? (
                    <Stack direction="row" sx={{ gap: 1, justifyContent: 'flex-end' }}>
                      <Button size="small" onClick={() => setEditing(undefined)}>Cancel</Button>
                      <Button size="small" variant="contained" disabled={!editing.value.trim() || ask.busy} onClick={() => reviewEdit(parameter, editing.value.trim())}>
                        Review change
                      </Button>
                    </Stack>
                  ) : (
                    <Button size="small" aria-label={`Edit ${parameter}`} onClick={() => setEditing({ parameter, value: value ?? '' })}>
                      Edit
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {extract ? <LazySqlEditor label="Next extract SQL" value={extract.text} readOnly autoHeight height={120} wrap /> : null}
      {history.length ? (
        <>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 3, mb: 1 }}>
            History, newest first
          </Typography>
          <Table size="small" aria-label="Watermark history">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Parameter</TableCell>
                <TableCell>Old value</TableCell>
                <TableCell>New value</TableCell>
                <TableCell>How</TableCell>
                <TableCell>By</TableCell>
                <TableCell align="right">Roll back</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.map((entry, index) => (
                <TableRow key={`${entry.changedAt} ${entry.parameter} ${index}`}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{entry.changedAt.slice(0, 19)}</TableCell>
                  <TableCell>{entry.parameter}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{entry.oldValue ?? '(none)'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{entry.newValue ?? '(none)'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.8rem', wordBreak: 'break-all' }}>{howText(entry)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{byText(entry)}</TableCell>
                  <TableCell align="right">
                    {rollbackRows.has(entry) && entry.runId ? (
                      <Button size="small" sx={{ whiteSpace: 'nowrap' }} aria-label={`Roll back to run ${entry.runId}`} disabled={ask.busy} onClick={() => reviewRollback(entry.runId!)}>
                        Roll back here
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
      {pending ? (
        <LedgerChangeDialog
          entityName={entityName}
          proposal={pending.proposal}
          saved={saved}
          title={pending.title}
          confirmLabel={pending.confirmLabel}
          onConfirm={pending.confirm}
          onClose={(changed) => {
            setPending(undefined);
            if (!changed) return;
            setEditing(undefined);
            setDone(changed.message);
            cache.invalidate(LEDGER_PREFIX);
          }}
        />
      ) : null}
    </SectionCard>
  );
}
