import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { DEFAULT_BATCH_ROWS, STAGING_ENGINES } from '../../../../shared/fact/fact-schema.ts';
import type { Connection, Fact, StagingEntity } from '../../../../shared/model/schema.ts';
import { factsRunOn } from '../../../../shared/fact/check-fact.ts';
import { ConnectionPicker } from '../../components/connection-picker.tsx';
import { FormPart } from '../../components/form-part.tsx';
import type { FieldIssues } from '../../components/issues.ts';
import { NumberField } from '../../components/number-field.tsx';
import { UnplacedIssues } from '../../components/unplaced-issues.tsx';
import { ChoiceField } from './choice-field.tsx';
import { FactColumnsGrid } from './fact-columns-grid.tsx';
import { NormalizationsGrid } from './normalizations-grid.tsx';
import { SummariesEditor } from './summaries-editor.tsx';

type Source = Fact['source'];

export interface FactFormProps {
  readonly fact: Fact;
  readonly connections: readonly Connection[];
  readonly entities: readonly StagingEntity[];
  readonly issues: FieldIssues;
  readonly onChange: (fact: Fact) => void;
}

const SOURCE_KINDS: Record<Source['kind'], string> = { push: 'Pushed rows (ingest, serve)', entity: 'An entity’s new rows', poll: 'Polled files' };
const STAGING_MODES: readonly (readonly [Fact['staging']['mode'], string])[] = [['flipFlop', 'Flip-flop (staging and process swapped)'], ['single', 'Single (one writer)']];
const ENGINES = STAGING_ENGINES.map((e) => [e, e] as const);

/** A new source of `kind`, keeping what the current one has of it. */
function sourceOf(kind: Source['kind'], current: Source, entities: readonly StagingEntity[]): Source {
  if (kind === current.kind) return current;
  switch (kind) {
    case 'push':
      return { kind };
    case 'entity':
      return { kind, entity: entities[0]?.name ?? '' };
    case 'poll':
      return { kind, folder: '', pattern: '*.csv', format: 'csv' };
  }
}

/** Where a fact's rows come from: pushed, an entity's new versions, or polled files. */
function SourceFields({ fact, entities, issues, onChange }: Omit<FactFormProps, 'connections'>) {
  const source = fact.source;
  const set = (next: Source) => onChange({ ...fact, source: next });
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
      <ChoiceField label="Source" value={source.kind} choices={Object.entries(SOURCE_KINDS)} onValueChange={(kind) => set(sourceOf(kind as Source['kind'], source, entities))} {...issues.field('source.kind')} />
      {source.kind === 'entity' ? (
        <ChoiceField label="Source entity" value={source.entity} choices={entities.map((e) => [e.name, e.name] as const)} onValueChange={(entity) => set({ ...source, entity })} {...issues.field('source.entity', 'Each run’s new persistent-staging versions feed the fact')} />
      ) : null}
      {source.kind === 'poll' ? (
        <>
          <TextField label="Folder to poll" value={source.folder} onChange={(event) => set({ ...source, folder: event.target.value })} {...issues.field('source.folder', 'Relative to the project file unless absolute')} />
          <TextField label="File pattern" value={source.pattern} onChange={(event) => set({ ...source, pattern: event.target.value })} {...issues.field('source.pattern', 'e.g. requests_*.csv; each file is one thing a poller claims')} />
          <ChoiceField label="File format" value={source.format} choices={[['csv', 'CSV'], ['ndjson', 'NDJSON']]} onValueChange={(format) => set({ ...source, format: format as 'csv' | 'ndjson' })} {...issues.field('source.format')} />
        </>
      ) : null}
    </Box>
  );
}

/** The whole definition of a fact as one form: its table, columns, source, normalizations, summaries and staging. */
export function FactForm({ fact, connections, entities, issues, onChange }: FactFormProps) {
  const staging = fact.staging;
  const mariadb = connections.find((c) => c.name.toLowerCase() === fact.warehouse.toLowerCase())?.kind === 'mariadb';
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <FormPart title="Fact table">
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <TextField label="Fact name" value={fact.name} onChange={(event) => onChange({ ...fact, name: event.target.value })} {...issues.field('name', 'The fact table; its staging is <name>__staging')} />
          <ConnectionPicker role="warehouse" label="Warehouse" connections={connections.filter(factsRunOn)} value={fact.warehouse} onValueChange={(warehouse) => onChange({ ...fact, warehouse })} unusable="(facts do not run there)" {...issues.field('warehouse', 'MariaDB, PostgreSQL or DuckDB')} />
          <TextField label="Description" value={fact.description ?? ''} onChange={(event) => onChange({ ...fact, description: event.target.value || undefined })} sx={{ gridColumn: '1 / -1' }} />
        </Box>
      </FormPart>
      <FormPart title="Columns">
        <FactColumnsGrid fact={fact} issues={issues} onChange={onChange} />
      </FormPart>
      <FormPart title="Source">
        <SourceFields fact={fact} entities={entities} issues={issues} onChange={onChange} />
      </FormPart>
      <FormPart title="Normalizations">
        <NormalizationsGrid fact={fact} issues={issues} onChange={onChange} />
      </FormPart>
      <FormPart title="Summaries">
        <SummariesEditor fact={fact} issues={issues} onChange={onChange} />
      </FormPart>
      <FormPart title="Staging">
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <ChoiceField label="Staging mode" value={staging.mode} choices={STAGING_MODES} onValueChange={(mode) => onChange({ ...fact, staging: { ...staging, mode: mode as Fact['staging']['mode'] } })} {...issues.field('staging.mode')} />
          <ChoiceField label="Staging engine" value={staging.engine} choices={ENGINES} onValueChange={(engine) => onChange({ ...fact, staging: { ...staging, engine: engine as Fact['staging']['engine'] } })} {...issues.field('staging.engine', mariadb ? 'InnoDB for several inserters; MEMORY or Aria for one' : 'A MariaDB setting: InnoDB elsewhere')} />
          <TextField label="Staging database" value={staging.database ?? ''} onChange={(event) => onChange({ ...fact, staging: { ...staging, database: event.target.value || undefined } })} {...issues.field('staging.database', 'Optional: a schema left out of replication')} />
          <NumberField label="Rows per insert" value={fact.batchRows} onValueChange={(batchRows) => onChange({ ...fact, batchRows: batchRows ?? DEFAULT_BATCH_ROWS })} {...issues.field('batchRows', '100 to 1000 rows per INSERT into staging')} />
        </Box>
      </FormPart>
      <UnplacedIssues issues={issues} title="Other problems of the fact" />
    </Box>
  );
}
