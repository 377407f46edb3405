import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import { NumberField } from '../../components/number-field.tsx';
import { batchDateProblem, today } from '../../../../shared/time.ts';
import { useShortcut } from '../../components/use-shortcut.ts';

export interface RunRequest {
  readonly entities: string[];
  readonly batchDate: string;
  readonly parallel: number | undefined;
}

export interface RunFormProps {
  readonly info: ProjectInfo;
  readonly running: boolean;
  readonly cancelling: boolean;
  readonly onRun: (request: RunRequest) => void;
  readonly onCancel: () => void;
}

/** What to run: entities, batch date and how many at once; Run and Cancel. */
export function RunForm({ info, running, cancelling, onRun, onCancel }: RunFormProps) {
  const runnable = info.project.entities.filter((e) => info.project.extracts.some((x) => x.entity.toLowerCase() === e.name.toLowerCase())).map((e) => e.name);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(runnable));
  // The one "today" (local time), as `landfall run` and the SQL preview take it.
  const [batchDate, setBatchDate] = useState(() => today());
  const [parallel, setParallel] = useState<number | undefined>(info.project.batch.parallelEntities);
  const chosen = runnable.filter((name) => picked.has(name));
  const allPicked = chosen.length === runnable.length && runnable.length > 0;
  const parallelError = parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) ? 'between 1 and 64 entities at once' : undefined;
  const dateError = batchDateProblem(batchDate) === undefined ? undefined : 'a date is needed';
  const canRun = !running && chosen.length > 0 && parallelError === undefined && dateError === undefined;
  // Ctrl+Enter (⌘Enter) runs from anywhere on the screen, as the Run button would.
  useShortcut('enter', () => {
    if (canRun) onRun({ entities: chosen, batchDate, parallel });
  });

  return (
    <Stack sx={{ gap: 2 }} component="form" aria-label="Run settings" onSubmit={(event) => {
      event.preventDefault();
      if (!running) onRun({ entities: chosen, batchDate, parallel });
    }}>
      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
        <FormLabel component="legend" sx={{ mb: 0.5 }}>Entities</FormLabel>
        <FormControlLabel
          label="All entities"
          control={
            <Checkbox
              checked={allPicked}
              indeterminate={chosen.length > 0 && !allPicked}
              onChange={(event) => setPicked(new Set(event.target.checked ? runnable : []))}
            />
          }
        />
        <FormGroup row sx={{ pl: 3 }}>
          {runnable.map((name) => (
            <FormControlLabel
              key={name}
              label={name}
              control={
                <Checkbox
                  checked={picked.has(name)}
                  onChange={(event) => {
                    const next = new Set(picked);
                    if (event.target.checked) next.add(name);
                    else next.delete(name);
                    setPicked(next);
                  }}
                />
              }
            />
          ))}
        </FormGroup>
      </Box>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'flex-start' }}>
        <TextField
          label="Batch date"
          type="date"
          value={batchDate}
          onChange={(event) => setBatchDate(event.target.value)}
          error={dateError !== undefined}
          helperText={dateError ?? 'The effective date of the batch'}
          sx={{ width: 220 }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <NumberField
          label="Parallel entities"
          value={parallel}
          onValueChange={setParallel}
          error={parallelError !== undefined}
          helperText={parallelError ?? `Project default ${info.project.batch.parallelEntities}`}
          sx={{ width: 200 }}
        />
        <Box sx={{ flexGrow: 1 }} />
        <Button type="submit" variant="contained" size="large" startIcon={<PlayArrowIcon />} disabled={!canRun} title="Run (Ctrl+Enter)">
          Run
        </Button>
        <Button variant="outlined" color="warning" size="large" startIcon={<StopIcon />} disabled={!running || cancelling} onClick={onCancel}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </Button>
      </Stack>
    </Stack>
  );
}
