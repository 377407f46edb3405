import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { isTemporalType, isWatermarkType, parseColumnType } from '../../../../shared/model/column-type.ts';
import { EXTRACT_PATTERNS, type ExtractInput, type ExtractPatternKind, type StagingEntity } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { NumberField } from '../../components/number-field.tsx';
import { IncrementalFields } from './incremental-fields.tsx';
import { PATTERN_DESCRIPTIONS, PATTERN_LABELS } from './pattern-labels.ts';

type Pattern = ExtractInput['pattern'];

export interface PatternSectionProps {
  readonly extract: ExtractInput;
  readonly entity: StagingEntity;
  readonly issues: FieldIssues;
  readonly onChange: (extract: ExtractInput) => void;
}

function columnsWhere(entity: StagingEntity, test: (type: Exclude<ReturnType<typeof parseColumnType>, string>) => boolean): string[] {
  return entity.columns.filter((c) => {
    const type = parseColumnType(c.type);
    return typeof type !== 'string' && test(type);
  }).map((c) => c.name);
}

/** The extract pattern and exactly the fields that pattern has. */
export function PatternSection({ extract, entity, issues, onChange }: PatternSectionProps) {
  const pattern = extract.pattern;
  const watermarkColumns = columnsWhere(entity, isWatermarkType);
  const dateColumns = columnsWhere(entity, isTemporalType);
  const setPattern = (next: Pattern) => onChange({ ...extract, pattern: next });

  const switchTo = (kind: ExtractPatternKind) => {
    switch (kind) {
      case 'incremental':
        return setPattern({ kind, changeColumns: [{ column: watermarkColumns[0] ?? '' }], comparison: '>' });
      case 'dateRange':
        return setPattern({ kind, column: dateColumns[0] ?? '', days: 30 });
      default:
        return setPattern({ kind });
    }
  };

  return (
    <Stack sx={{ gap: 2 }}>
      <TextField
        select
        label="Pattern"
        value={pattern.kind}
        onChange={(event) => switchTo(event.target.value as ExtractPatternKind)}
        {...issues.field('pattern.kind', PATTERN_DESCRIPTIONS[pattern.kind])}
      >
        {EXTRACT_PATTERNS.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {PATTERN_LABELS[kind]}
          </MenuItem>
        ))}
      </TextField>
      {pattern.kind === 'incremental' ? (
        <IncrementalFields pattern={pattern} columns={entity.columns.map((c) => c.name)} issues={issues} onChange={setPattern} />
      ) : null}
      {pattern.kind === 'dateRange' ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 2 }}>
          <TextField select label="Date column" value={pattern.column} onChange={(event) => setPattern({ ...pattern, column: event.target.value })} {...issues.field('pattern.column')}>
            {entity.columns.map((c) => (
              <MenuItem key={c.name} value={c.name}>
                {c.name} ({c.type})
              </MenuItem>
            ))}
          </TextField>
          <NumberField label="Days back" value={pattern.days} onValueChange={(days) => setPattern({ ...pattern, days: days as number })} {...issues.field('pattern.days', 'Batch date − days to batch date')} />
        </Box>
      ) : null}
    </Stack>
  );
}
