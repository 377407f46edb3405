import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { LedgerChange } from '../../../../shared/ipc/contract.ts';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';
import { useAction } from '../../components/use-action.ts';
import { sqlPreviewQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';

export interface LedgerChangeDialogProps {
  readonly entityName: string;
  /** What the change would do, as main answered it unconfirmed. */
  readonly proposal: LedgerChange;
  /** The saved values now, which the change overlays for the next run's extract. */
  readonly saved: Readonly<Record<string, string>>;
  readonly title: string;
  readonly confirmLabel: string;
  /** Makes the change for real; resolves with main's answer. */
  readonly onConfirm: () => Promise<LedgerChange>;
  readonly onClose: (done?: LedgerChange) => void;
}

/**
 * Asks before a saved watermark is changed by hand: the old and new values, and the extract SQL
 * the next run will send with them (the plan rendered with those saved values).
 */
export function LedgerChangeDialog({ entityName, proposal, saved, title, confirmLabel, onConfirm, onClose }: LedgerChangeDialogProps) {
  const watermarks: Record<string, string> = { ...saved };
  for (const [parameter, value] of Object.entries(proposal.values)) {
    if (value === null) delete watermarks[parameter];
    else watermarks[parameter] = value;
  }
  const next = useQuery(sqlPreviewQuery({ entityName, watermarks }));
  const extract = next.data?.ok ? next.data.steps.find((s) => s.step === 'extract') : undefined;
  const confirm = useAction(onConfirm);
  const nothing = !proposal.changes.length;
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby="ledger-change-title" maxWidth="md" fullWidth>
      <DialogTitle id="ledger-change-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {nothing
            ? 'Nothing changes: every value is already saved.'
            : 'The next run extracts what comes after the new value. The change is made while no run holds the entity, and recorded in the ledger under your name.'}
        </DialogContentText>
        {proposal.changes.length ? (
          <Table size="small" aria-label="Watermark changes" sx={{ mb: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>Parameter</TableCell>
                <TableCell>Saved now</TableCell>
                <TableCell>After the change</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {proposal.changes.map((c) => (
                <TableRow key={c.parameter}>
                  <TableCell>{c.parameter}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{c.from ?? '(none)'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{c.to ?? '(none)'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {next.data && !next.data.ok ? <Alert severity="warning">{next.data.issues.map((i) => i.message).join('; ')}</Alert> : null}
        {next.error ? <Alert severity="warning">{next.error.message}</Alert> : null}
        {extract ? (
          <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
            Extract SQL of the next run, with {nothing ? 'these values' : 'the new values'}
          </Typography>
        ) : null}
        {extract ? <LazySqlEditor label="Extract SQL of the next run" value={extract.text} readOnly autoHeight height={160} wrap /> : null}
        {confirm.error ? <Alert severity="error" sx={{ mt: 2 }}>{confirm.error}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>Cancel</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={nothing || confirm.busy}
          onClick={() => {
            void confirm.run().then((done) => done && onClose(done));
          }}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
