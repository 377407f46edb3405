import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { MAX_PARALLEL_READS, PARTITION_GRANULARITIES, type ExtractInput, type StagingEntity } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { NumberField } from '../../components/number-field.tsx';

export interface LayoutSectionProps {
  readonly extract: ExtractInput;
  readonly entity: StagingEntity;
  readonly issues: FieldIssues;
  readonly onChange: (extract: ExtractInput) => void;
}

type Layout = NonNullable<ExtractInput['layout']>;
type PartitionKind = 'none' | NonNullable<Layout['partition']>['kind'];

/** The template the model's own message suggests for kept history. */
const HISTORY_EXAMPLE = '{entity}/History/{yyyy}/{mm}/{dd}/{run_id}/{partition}/{entity}_{first_row}';

/** The extract without `key` when `value` is undefined (the schema's strict objects keep no `undefined`). */
function withKey<K extends 'layout' | 'partitionColumn'>(extract: ExtractInput, key: K, value: ExtractInput[K] | undefined): ExtractInput {
  const { [key]: _dropped, ...rest } = extract;
  return (value === undefined ? rest : { ...rest, [key]: value }) as ExtractInput;
}

/** The layout with one part replaced; an empty layout is no layout. */
function withLayout(extract: ExtractInput, part: 'partition' | 'history', value: Layout[typeof part] | undefined): ExtractInput {
  const { [part]: _dropped, ...rest } = extract.layout ?? {};
  const next = (value === undefined ? rest : { ...rest, [part]: value }) as Layout;
  return withKey(extract, 'layout', Object.keys(next).length ? next : undefined);
}

/**
 * How the source is read and the lake laid out: parallel reads (and the column their ranges
 * split), partitioned folders, and the kept history with its retention. Problems appear at their
 * fields, from the model's own validation.
 */
export function LayoutSection({ extract, entity, issues, onChange }: LayoutSectionProps) {
  const partition = extract.layout?.partition;
  const kind: PartitionKind = partition?.kind ?? 'none';
  const history = extract.layout?.history;
  const columns = entity.columns.map((c) => c.name);
  const setHistory = (next: Partial<NonNullable<Layout['history']>>) => onChange(historyWith(extract, history, next));
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2, alignItems: 'start' }}>
      <NumberField
        label="Parallel reads"
        value={extract.parallelReads}
        onValueChange={(parallelReads) => onChange({ ...extract, parallelReads })}
        {...issues.field('parallelReads', `Connections reading at once, in one snapshot (PostgreSQL sources; 1 to ${MAX_PARALLEL_READS}; default 1)`)}
      />
      <TextField
        select
        label="Range column"
        value={extract.partitionColumn ?? ''}
        onChange={(event) => onChange(withKey(extract, 'partitionColumn', event.target.value || undefined))}
        // The empty choice shown as itself: without it the label sat in the field as a placeholder, cut off by the arrow.
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        {...issues.field('partitionColumn', 'The integer column the readers split; empty: the business key, or page ranges')}
      >
        <MenuItem value="">(default)</MenuItem>
        {columns.map((c) => (
          <MenuItem key={c} value={c}>
            {c}
          </MenuItem>
        ))}
      </TextField>
      <Box />
      <TextField
        select
        label="Partitioning"
        value={kind}
        onChange={(event) => {
          const next = event.target.value as PartitionKind;
          const column = partition?.column ?? '';
          onChange(withLayout(extract, 'partition', next === 'none' ? undefined : next === 'date' ? { kind: 'date', column, granularity: 'day' } : { kind: 'value', column }));
        }}
        {...issues.field('layout.partition.kind', 'Folders under each set: year=/month=/day= of a date column, or column=value; none: every file in the set\'s folder')}
      >
        <MenuItem value="none">None</MenuItem>
        <MenuItem value="date">By date</MenuItem>
        <MenuItem value="value">By value</MenuItem>
      </TextField>
      {partition ? (
        <TextField
          select
          label="Partition column"
          value={partition.column}
          onChange={(event) => onChange(withLayout(extract, 'partition', { ...partition, column: event.target.value }))}
          {...issues.field('layout.partition.column')}
        >
          {columns.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      {partition?.kind === 'date' ? (
        <TextField
          select
          label="Granularity"
          value={partition.granularity ?? 'day'}
          onChange={(event) => onChange(withLayout(extract, 'partition', { ...partition, granularity: event.target.value as (typeof PARTITION_GRANULARITIES)[number] }))}
          {...issues.field('layout.partition.granularity')}
        >
          {PARTITION_GRANULARITIES.map((g) => (
            <MenuItem key={g} value={g}>
              {g}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      <TextField
        label="Kept history path"
        value={history?.path ?? ''}
        placeholder={HISTORY_EXAMPLE}
        onChange={(event) => (event.target.value === '' && history?.keepRuns === undefined && history?.keepDays === undefined ? onChange(withLayout(extract, 'history', undefined)) : setHistory({ path: event.target.value }))}
        sx={{ gridColumn: '1 / -1' }}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        {...issues.field('layout.history.path', `Each committed run's files kept again under this template, e.g. ${HISTORY_EXAMPLE}; empty: no history`)}
      />
      {history ? (
        <>
          <NumberField label="Keep runs" value={history.keepRuns} onValueChange={(keepRuns) => setHistory({ keepRuns })} {...issues.field('layout.history.keepRuns', 'Empty: every run')} />
          <NumberField label="Keep days" value={history.keepDays} onValueChange={(keepDays) => setHistory({ keepDays })} {...issues.field('layout.history.keepDays', 'Empty: no age limit')} />
        </>
      ) : null}
    </Box>
  );
}

/** The extract with the history's fields replaced (a retention emptied is left out). */
function historyWith(extract: ExtractInput, history: Layout['history'], next: Partial<NonNullable<Layout['history']>>): ExtractInput {
  const merged = { path: '', ...history, ...next };
  const { keepRuns, keepDays, ...rest } = merged;
  return withLayout(extract, 'history', { ...rest, ...(keepRuns === undefined ? {} : { keepRuns }), ...(keepDays === undefined ? {} : { keepDays }) });
}
