import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import type { Connection, ExtractInput, StagingEntity } from '../../../../shared/model/schema.ts';
import { FormPart } from '../../components/form-part.tsx';
import type { FieldIssues } from '../../components/issues.ts';
import { LayoutSection } from './layout-section.tsx';
import { MappingsGrid } from './mappings-grid.tsx';
import { OutputSection } from './output-section.tsx';
import { PatternSection } from './pattern-section.tsx';
import { SourceSection } from './source-section.tsx';

export interface ExtractFormProps {
  readonly extract: ExtractInput;
  readonly entity: StagingEntity;
  readonly connections: readonly Connection[];
  readonly issues: FieldIssues;
  readonly onChange: (extract: ExtractInput) => void;
}

/** The entity's extract: source, pattern, mappings, and how the files are written and landed. */
export function ExtractForm({ extract, entity, connections, issues, onChange }: ExtractFormProps) {
  return (
    <Stack component="form" aria-label="Extract" sx={{ gap: 2.5 }} onSubmit={(event) => event.preventDefault()}>
      <FormPart title="Source">
        <SourceSection extract={extract} connections={connections} issues={issues} onChange={onChange} />
      </FormPart>
      <Divider />
      <FormPart title="Pattern">
        <PatternSection extract={extract} entity={entity} issues={issues} onChange={onChange} />
      </FormPart>
      <Divider />
      <FormPart title="Mappings">
        <MappingsGrid extract={extract} entity={entity} issues={issues} onChange={onChange} />
      </FormPart>
      <Divider />
      <FormPart title="Files and lander">
        <OutputSection extract={extract} connections={connections} issues={issues} onChange={onChange} />
      </FormPart>
      <Divider />
      <FormPart title="Reading and lake layout">
        <LayoutSection extract={extract} entity={entity} issues={issues} onChange={onChange} />
      </FormPart>
    </Stack>
  );
}
