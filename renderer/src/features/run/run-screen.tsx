import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { DriftReviewDialog } from './drift-review-dialog.tsx';
import { RunForm, type RunRequest } from './run-form.tsx';
import { RunHistory } from './run-history.tsx';
import { RunLog } from './run-log.tsx';
import { isActive } from './run-monitor.ts';
import { useRunMonitor, useRunState } from './run-monitor-context.ts';
import { RunProgressTable } from './run-progress-table.tsx';
import { StateChip } from './state-chip.tsx';

export interface RunScreenProps {
  readonly info: ProjectInfo;
}

/** Run the batch and follow it: per-entity progress, throughput, the log; and past runs. */
export function RunScreen({ info }: RunScreenProps) {
  const monitor = useRunMonitor();
  const run = useRunState();
  const running = isActive(run.status);
  const [reviewing, setReviewing] = useState<string | undefined>(undefined);
  const [reviewed, setReviewed] = useState<string | undefined>(undefined);
  const [applied, setApplied] = useState<ReadonlySet<string>>(new Set());

  const start = (request: RunRequest) => {
    setReviewed(undefined);
    setApplied(new Set());
    monitor.starting(request.entities, request.batchDate);
    window.landfall
      .startRun({ entities: request.entities, batchDate: request.batchDate, ...(request.parallel !== undefined ? { parallel: request.parallel } : {}) })
      .then(({ runId }) => monitor.accepted(runId))
      .catch((error: unknown) => monitor.failedToStart(error instanceof Error ? error.message : String(error)));
  };
  const cancel = () => {
    if (!run.runId) return;
    monitor.cancelling();
    window.landfall.cancelRun({ runId: run.runId }).catch((error: unknown) => monitor.failedToStart(error instanceof Error ? error.message : String(error)));
  };

  return (
    <Stack sx={{ gap: 3 }}>
      <SectionCard title="Run the batch" subtitle="Extract, land, load staging and persistent staging for the chosen entities.">
        <RunForm info={info} running={running} cancelling={run.status === 'cancelling'} onRun={start} onCancel={cancel} />
      </SectionCard>
      {run.status !== 'idle' ? (
        <SectionCard
          title="Current run"
          subtitle={run.runId ? `Run ${run.runId} · batch date ${run.batchDate ?? ''}` : 'Starting the engine…'}
          actions={
            <Stack direction="row" role="status" aria-label="Run status" sx={{ alignItems: 'center', gap: 1 }}>
              <Typography variant="body2" color="text.secondary">
                Status
              </Typography>
              <StateChip state={run.status} />
            </Stack>
          }
        >
          <Stack sx={{ gap: 2 }}>
            {run.error ? <Alert severity="error">{run.error}</Alert> : null}
            {reviewed ? <Alert severity="success" onClose={() => setReviewed(undefined)}>{reviewed}</Alert> : null}
            <RunProgressTable entities={run.entities} onReviewDrift={setReviewing} driftApplied={applied} />
            <RunLog lines={run.log} />
          </Stack>
        </SectionCard>
      ) : null}
      {reviewing ? (
        <DriftReviewDialog
          entityName={reviewing}
          onClose={(done) => {
            setReviewing(undefined);
            if (!done) return;
            setReviewed(done.message);
            if (done.applied) setApplied(new Set(applied).add(reviewing));
          }}
        />
      ) : null}
      <SectionCard title="Run history">
        <RunHistory />
      </SectionCard>
    </Stack>
  );
}
