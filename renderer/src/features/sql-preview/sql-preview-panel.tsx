import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { RequestArg } from '../../../../shared/ipc/contract.ts';
import { DIALECTS, type DialectName } from '../../../../shared/sql/dialect.ts';
import type { PlanStepName } from '../../../../shared/plan/run-plan.ts';
import Typography from '@mui/material/Typography';
import { IssueList } from '../../components/issue-list.tsx';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';
import { sqlPreviewQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { STEP_LABELS } from './step-labels.ts';
import { allStepsText } from './all-steps-text.ts';

export interface SqlPreviewPanelProps {
  /** The entity and extract as typed (unsaved drafts), already debounced by the caller, so the SQL follows the form. */
  readonly request: Omit<RequestArg<'sql:preview'>, 'dialect'>;
  /** Text the editors start with a little shorter in the side-by-side layout. */
  readonly minHeight?: number;
}

/** Milliseconds of quiet typing before the preview is recomputed. */
export const PREVIEW_DELAY_MS = 250;

/**
 * The SQL each step runs, read-only in Monaco, one tab per step, in the entity's dialect (or
 * another one chosen here): the same text `landfall sql` prints.
 */
export function SqlPreviewPanel({ request, minHeight = 160 }: SqlPreviewPanelProps) {
  const [step, setStep] = useState<PlanStepName>('extract');
  const [dialect, setDialect] = useState<DialectName | ''>('');
  // Long generated lines scroll sideways unless the modeller wants them wrapped, to read at a glance.
  const [wrap, setWrap] = useState(false);
  const preview = useQuery(sqlPreviewQuery({ ...request, ...(dialect ? { dialect } : {}) }));
  const result = preview.data;
  const steps = result?.ok ? result.steps : [];
  const shown = steps.find((s) => s.step === step);

  return (
    <Stack sx={{ gap: 1, minWidth: 0 }} aria-label="SQL preview" role="region">
      <Tabs value={shown ? step : false} onChange={(_event, value: PlanStepName) => setStep(value)} aria-label="Steps" variant="scrollable" scrollButtons="auto" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        {steps.map((s) => (
          <Tab key={s.step} value={s.step} label={STEP_LABELS[s.step]} />
        ))}
      </Tabs>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {shown ? <Chip variant="outlined" label={`${STEP_LABELS[shown.step]} · ${shown.dialect ?? shown.target}`} /> : null}
        <Box sx={{ flexGrow: 1 }} />
        <TextField
          select
          label="Dialect"
          value={dialect}
          onChange={(event) => setDialect(event.target.value as DialectName | '')}
          sx={{ width: 170 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">The entity’s</MenuItem>
          {DIALECTS.map((d) => (
            <MenuItem key={d} value={d}>
              {d}
            </MenuItem>
          ))}
        </TextField>
        <Button size="small" startIcon={<ContentCopyIcon />} disabled={!shown} onClick={() => void (shown && navigator.clipboard?.writeText(shown.text))}>
          Copy
        </Button>
        <Button size="small" startIcon={<ContentCopyIcon />} disabled={!steps.length} onClick={() => void navigator.clipboard?.writeText(allStepsText(steps))} sx={{ whiteSpace: 'nowrap' }}>
          Copy all steps
        </Button>
        <FormControlLabel control={<Switch size="small" checked={wrap} onChange={(event) => setWrap(event.target.checked)} />} label="Wrap" />
      </Stack>
      <Box sx={{ height: 4 }}>{preview.fetching ? <LinearProgress aria-label="Updating the SQL preview" /> : null}</Box>
      {preview.error ? <Alert severity="info">{preview.error.message}</Alert> : null}
      {result && !result.ok ? <IssueList issues={result.issues} title="The SQL appears when these are fixed" /> : null}
      {result?.ok ? (
        <Typography variant="caption" component="pre" aria-label="Preview inputs" sx={{ m: 0, color: 'text.secondary', whiteSpace: 'pre-wrap' }}>
          {result.inputs.map((line) => line.replace(/^-- /, '')).join('\n')}
        </Typography>
      ) : null}
      {shown ? <LazySqlEditor label={`${STEP_LABELS[shown.step]} SQL`} value={shown.text} readOnly autoHeight height={minHeight} wrap={wrap} /> : null}
    </Stack>
  );
}
