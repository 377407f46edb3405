import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DriftReview } from '../../../../shared/ipc/contract.ts';
import { SCHEMA_DRIFT_POLICIES, type SchemaDriftPolicy } from '../../../../shared/model/schema.ts';
import { DRIFT_POLICY_LABELS } from '../../components/drift-policy-labels.ts';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';
import { useAction } from '../../components/use-action.ts';

function Sentences({ label, items }: { readonly label: string; readonly items: readonly string[] }) {
  if (!items.length) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        {label}
      </Typography>
      <List dense aria-label={label} sx={{ py: 0 }}>
        {items.map((item) => (
          <ListItem key={item} sx={{ py: 0.25, display: 'list-item', listStyleType: 'disc', ml: 3 }}>
            <Typography variant="body2">{item}</Typography>
          </ListItem>
        ))}
      </List>
    </>
  );
}

export interface DriftReviewDialogProps {
  readonly entityName: string;
  /** Closes the dialog; `done` says what was saved, and whether the entity now reads its source's columns. */
  readonly onClose: (done?: { readonly message: string; readonly applied: boolean }) => void;
}

/**
 * The schema drift an entity stopped on, read again from its source by main: the differences, what
 * applying them changes in the entity with the migration DDL the next run executes, and the
 * entity's policy to switch instead.
 */
export function DriftReviewDialog({ entityName, onClose }: DriftReviewDialogProps) {
  const [review, setReview] = useState<DriftReview | undefined>(undefined);
  const load = useAction(() => window.landfall.reviewDrift({ entityName }));
  const [policy, setPolicy] = useState<SchemaDriftPolicy | undefined>(undefined);
  const [issues, setIssues] = useState<readonly string[]>([]);
  const apply = useAction(async (change: { kind: 'columns' } | { kind: 'policy'; policy: SchemaDriftPolicy }) => {
    const saved = await window.landfall.applyDrift({ entityName, change });
    if (!saved.ok) setIssues(saved.issues.map((i) => i.message));
    return saved.ok ? saved.value : undefined;
  });
  const { run } = load;
  useEffect(() => {
    void run().then((found) => {
      if (!found) return;
      setReview(found);
      setPolicy(found.policy);
    });
  }, [run]);

  const appliable = review !== undefined && review.entityChanges.length > 0 && review.problems.length === 0;
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby="drift-review-title" maxWidth="md" fullWidth>
      <DialogTitle id="drift-review-title">Schema drift of {entityName}</DialogTitle>
      <DialogContent>
        {load.busy ? <LinearProgress aria-label="Reading the source's columns" /> : null}
        {load.error ? <Alert severity="error">{load.error}</Alert> : null}
        {review ? (
          <Stack sx={{ gap: 1.5 }}>
            <Typography variant="body2" color="text.secondary">
              The source ({review.source}) read just now, compared with what the extract reads.
            </Typography>
            {!review.breaking.length && !review.added.length ? <Alert severity="success">The source and the extract agree now: nothing differs.</Alert> : null}
            <Sentences label="Gone from the source" items={review.breaking} />
            <Sentences label="New in the source" items={review.added} />
            <Sentences label="Applying them changes the entity" items={review.entityChanges} />
            {review.problems.length ? (
              <Alert severity="warning" aria-label="Cannot be applied">
                Cannot be applied to the entity: {review.problems.join('; ')}
              </Alert>
            ) : null}
            {appliable ? (
              <>
                <Typography variant="subtitle2" component="h3">
                  Migration of persistent staging (the next run executes it; landfall migrate --dry-run prints the same)
                </Typography>
                {review.statements.length ? (
                  <LazySqlEditor label="Migration DDL" value={review.statements.map((s) => `${s};`).join('\n')} readOnly autoHeight height={160} wrap />
                ) : (
                  <Typography variant="body2">{review.note}</Typography>
                )}
                {review.statements.length ? <Typography variant="caption" color="text.secondary">{review.note}</Typography> : null}
              </>
            ) : null}
            <Stack direction="row" sx={{ gap: 2, alignItems: 'center', mt: 1 }}>
              <TextField select size="small" label="Schema drift policy" value={policy ?? review.policy} onChange={(event) => setPolicy(event.target.value as SchemaDriftPolicy)} sx={{ minWidth: 420 }}>
                {SCHEMA_DRIFT_POLICIES.map((p) => (
                  <MenuItem key={p} value={p}>
                    {DRIFT_POLICY_LABELS[p]}
                  </MenuItem>
                ))}
              </TextField>
              <Button
                variant="outlined"
                sx={{ flexShrink: 0 }}
                disabled={apply.busy || policy === undefined || policy === review.policy}
                onClick={() => {
                  if (policy) void apply.run({ kind: 'policy', policy }).then((done) => done && onClose({ message: `The policy of ${entityName} is now ${policy}.`, applied: false }));
                }}
              >
                Switch policy
              </Button>
            </Stack>
          </Stack>
        ) : null}
        {issues.length ? <Alert severity="error" sx={{ mt: 2 }}>{issues.join('; ')}</Alert> : null}
        {apply.error ? <Alert severity="error" sx={{ mt: 2 }}>{apply.error}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>Close</Button>
        <Button
          variant="contained"
          disabled={!appliable || apply.busy}
          onClick={() => {
            void apply.run({ kind: 'columns' }).then((done) => done && onClose({ message: `${entityName} now reads its source's columns: run it again to migrate and load them.`, applied: true }));
          }}
        >
          Apply to the entity
        </Button>
      </DialogActions>
    </Dialog>
  );
}
