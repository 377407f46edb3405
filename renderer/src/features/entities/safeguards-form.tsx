import { useEffect, useState } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SCHEMA_DRIFT_POLICIES, type SchemaDriftPolicy, type StagingEntity } from '../../../../shared/model/schema.ts';
import { DRIFT_POLICY_LABELS } from '../../components/drift-policy-labels.ts';
import { WEEKDAYS, type KeySweepSchedule, type Weekday } from '../../../../shared/model/delete-detection.ts';
import type { DataCheck } from '../../../../shared/model/data-checks.ts';
import type { FieldIssues } from '../../components/issues.ts';

export interface SafeguardsFormProps {
  readonly entity: StagingEntity;
  readonly issues: FieldIssues;
  readonly onChange: (next: StagingEntity) => void;
}

type SweepKind = 'none' | KeySweepSchedule['kind'];

/** Drops an optional field when its value is undefined (the schema's strict objects keep no `undefined`). */
function withField<K extends 'softDelete' | 'keySweep' | 'checks' | 'currentTable' | 'schemaDrift'>(entity: StagingEntity, key: K, value: StagingEntity[K] | undefined): StagingEntity {
  const { [key]: _dropped, ...rest } = entity;
  return (value === undefined ? rest : { ...rest, [key]: value }) as StagingEntity;
}

/**
 * Drift, deletes, checks and publishing of one entity, compactly: the schema drift policy, the soft delete condition, the key
 * sweep's schedule, the data checks (as JSON, checked by the model like every other field) and
 * the published current table.
 */
export function SafeguardsForm({ entity, issues, onChange }: SafeguardsFormProps) {
  const sweep = entity.keySweep?.schedule;
  const sweepKind: SweepKind = sweep?.kind ?? 'none';
  const checksText = entity.checks ? JSON.stringify(entity.checks, null, 2) : '';
  const [checksDraft, setChecksDraft] = useState(checksText);
  const [checksError, setChecksError] = useState<string | undefined>();
  // A saved or reloaded entity replaces what was typed.
  useEffect(() => setChecksDraft(checksText), [checksText]);
  const setSweep = (schedule: KeySweepSchedule | undefined) => onChange(withField(entity, 'keySweep', schedule ? { schedule } : undefined));
  const commitChecks = () => {
    if (!checksDraft.trim()) {
      setChecksError(undefined);
      onChange(withField(entity, 'checks', undefined));
      return;
    }
    try {
      const parsed = JSON.parse(checksDraft) as unknown;
      if (!Array.isArray(parsed)) throw new Error('give a JSON list of checks: [{ "kind": "notNull", "columns": ["name"] }]');
      setChecksError(undefined);
      onChange(withField(entity, 'checks', parsed as DataCheck[]));
    } catch (error) {
      setChecksError((error as Error).message);
    }
  };
  return (
    <Stack component="section" aria-label="Deletes, checks and publishing" sx={{ gap: 1.5, mt: 3, maxWidth: 720 }}>
      <Typography variant="subtitle1" component="h3">Deletes, checks and publishing</Typography>
      <TextField
        select size="small" label="Schema drift policy" value={entity.schemaDrift ?? 'warn'}
        onChange={(event) => onChange(withField(entity, 'schemaDrift', event.target.value as SchemaDriftPolicy))}
        {...issues.field('schemaDrift', 'When the source table\'s columns change; a column the extract reads that is gone always stops the entity')}
      >
        {SCHEMA_DRIFT_POLICIES.map((p) => <MenuItem key={p} value={p}>{DRIFT_POLICY_LABELS[p]}</MenuItem>)}
      </TextField>
      <TextField
        size="small" label="Soft delete condition" placeholder="is_deleted = 1"
        value={entity.softDelete?.expression ?? ''}
        onChange={(event) => onChange(withField(entity, 'softDelete', event.target.value ? { expression: event.target.value } : undefined))}
        {...issues.field('softDelete.expression', 'a source SQL condition: rows it holds for become delete versions')}
      />
      <Stack direction="row" sx={{ gap: 1.5 }}>
        <TextField
          select size="small" label="Key sweep" value={sweepKind} sx={{ minWidth: 200 }}
          onChange={(event) => {
            const kind = event.target.value as SweepKind;
            setSweep(kind === 'none' ? undefined : kind === 'everyRun' ? { kind } : kind === 'everyNRuns' ? { kind, runs: 7 } : { kind, day: 'sunday' });
          }}
          {...issues.field('keySweep', 'Incremental and Change Tracking: find hard deletes')}
        >
          <MenuItem value="none">None</MenuItem>
          <MenuItem value="everyRun">Every run</MenuItem>
          <MenuItem value="everyNRuns">Every N runs</MenuItem>
          <MenuItem value="weekday">On a weekday</MenuItem>
        </TextField>
        {sweep?.kind === 'everyNRuns' ? (
          <TextField size="small" type="number" label="Runs" value={sweep.runs} onChange={(event) => setSweep({ kind: 'everyNRuns', runs: Number(event.target.value) })} {...issues.field('keySweep.schedule.runs')} />
        ) : null}
        {sweep?.kind === 'weekday' ? (
          <TextField select size="small" label="Day" value={sweep.day} sx={{ minWidth: 140 }} onChange={(event) => setSweep({ kind: 'weekday', day: event.target.value as Weekday })}>
            {WEEKDAYS.map((day) => <MenuItem key={day} value={day}>{day}</MenuItem>)}
          </TextField>
        ) : null}
      </Stack>
      <TextField
        size="small" multiline minRows={2} label="Data checks (JSON)" placeholder='[{ "kind": "notNull", "columns": ["name"] }]'
        value={checksDraft} onChange={(event) => setChecksDraft(event.target.value)} onBlur={commitChecks}
        error={checksError !== undefined || issues.error('checks') !== undefined}
        helperText={checksError ?? issues.error('checks') ?? 'rowCount, maxShare, notNull, unique, acceptedValues, sql; Full extracts refuse to delete more than 50% of current rows unless a maxShare of deleted is given'}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
      />
      <Stack direction="row" sx={{ gap: 1.5, alignItems: 'center' }}>
        <FormControlLabel
          control={<Switch checked={entity.currentTable !== undefined} onChange={(event) => onChange(withField(entity, 'currentTable', event.target.checked ? {} : undefined))} />}
          label="Publish the current table"
        />
        {entity.currentTable ? (
          <TextField
            size="small" label="Table in cur" placeholder={entity.name}
            value={entity.currentTable.table ?? ''}
            onChange={(event) => onChange(withField(entity, 'currentTable', event.target.value ? { table: event.target.value } : {}))}
            {...issues.field('currentTable.table')}
          />
        ) : null}
      </Stack>
    </Stack>
  );
}
