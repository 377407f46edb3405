import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import SaveIcon from '@mui/icons-material/Save';
import type { ProjectInfo } from '../../../../shared/ipc/contract.ts';
import type { Extract, ExtractInput, StagingEntity } from '../../../../shared/model/schema.ts';
import { parseEntity, parseExtract, type ValidationIssue } from '../../../../shared/model/validate.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FieldIssues, issuesOf, mergeIssues } from '../../components/issues.ts';
import { UnplacedIssues } from '../../components/unplaced-issues.tsx';
import { useAction } from '../../components/use-action.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import { sqlPreviewQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { ExtractForm } from '../extract/extract-form.tsx';
import { PREVIEW_DELAY_MS, SqlPreviewPanel } from '../sql-preview/sql-preview-panel.tsx';
import { DataPreviewPanel } from '../data-preview/data-preview-panel.tsx';
import { useShortcut } from '../../components/use-shortcut.ts';
import { ColumnsEditor } from './columns-editor.tsx';
import { SafeguardsForm } from './safeguards-form.tsx';
import { countOf } from '../../components/format.ts';
import { blankEntity, blankExtract } from './entity-defaults.ts';

type EditorTab = 'columns' | 'extract' | 'sql' | 'data';

const TAB_LABELS: Record<EditorTab, string> = { columns: 'Columns', extract: 'Extract', sql: 'SQL preview', data: 'Data' };

export interface EntityEditorProps {
  readonly info: ProjectInfo;
  /** The saved entity and its extract; undefined for a new entity. */
  readonly entity: StagingEntity | undefined;
  readonly extract: Extract | undefined;
  readonly onSaved: (name: string) => void;
  readonly onDeleted: () => void;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One entity and its extract, edited as drafts: the columns grid, the extract form with the SQL
 * beside it, and the SQL preview. Problems show next to their fields as the modeller types.
 */
export function EntityEditor({ info, entity, extract, onSaved, onDeleted }: EntityEditorProps) {
  const [tab, setTab] = useState<EditorTab>('columns');
  const [entityDraft, setEntityDraft] = useState<StagingEntity>(() => entity ?? blankEntity(info.project));
  const [extractDraft, setExtractDraft] = useState<ExtractInput | undefined>(extract);
  const [baseline, setBaseline] = useState<{ entity: StagingEntity; extract: ExtractInput | undefined }>(() => ({ entity: entity ?? blankEntity(info.project), extract }));
  const [saveIssues, setSaveIssues] = useState<readonly ValidationIssue[]>([]);
  const dirty = !same(baseline.entity, entityDraft) || !same(baseline.extract, extractDraft);

  // Saved elsewhere (another window, an import) while nothing here was changed: show the new version.
  useEffect(() => {
    if (dirty || !entity) return;
    if (!same(baseline.entity, entity) || !same(baseline.extract, extract)) {
      setEntityDraft(entity);
      setExtractDraft(extract);
      setBaseline({ entity, extract });
    }
    // Only a change of the saved version matters here.
  }, [JSON.stringify(entity), JSON.stringify(extract)]);

  const editEntity = (next: StagingEntity) => {
    setEntityDraft(next);
    setSaveIssues([]);
  };
  const editExtract = (next: ExtractInput) => {
    setExtractDraft(next);
    setSaveIssues([]);
  };

  const entityName = entity?.name ?? entityDraft.name;
  const previewRequest = useMemo(
    () => (extractDraft && entityName ? { entityName, entity: entityDraft, extract: { ...extractDraft, entity: entityDraft.name } } : undefined),
    [entityName, entityDraft, extractDraft],
  );
  // The app validates the drafts within the project (references, pattern rules) while previewing.
  // Debounced once, here: the preview panels get the settled request too (the current one until a
  // first request has settled, e.g. just after Add an extract, so a panel appears at once as before).
  const settledRequest = useDebounced(previewRequest, PREVIEW_DELAY_MS);
  const panelRequest = previewRequest ? (settledRequest ?? previewRequest) : undefined;
  const preview = useQuery(settledRequest ? sqlPreviewQuery(settledRequest) : NO_PREVIEW);
  const previewIssues = preview.data && !preview.data.ok ? preview.data.issues : [];

  const localEntity = useMemo(() => {
    const parsed = parseEntity(entityDraft);
    return parsed.ok ? [] : parsed.issues;
  }, [entityDraft]);
  const localExtract = useMemo(() => {
    if (!extractDraft) return [];
    const parsed = parseExtract({ ...extractDraft, entity: entityDraft.name || 'entity' });
    return parsed.ok ? [] : parsed.issues;
  }, [extractDraft, entityDraft.name]);
  // The project's saved problems matter only while the draft is still what was saved.
  const savedIssues = dirty ? [] : info.issues;
  const all = [...saveIssues, ...previewIssues, ...savedIssues];
  const entityIssues = new FieldIssues(mergeIssues(localEntity, issuesOf(all, 'entity', entityDraft.name)));
  const extractIssues = new FieldIssues(mergeIssues(localExtract, issuesOf(all, 'extract of entity', entityDraft.name)));
  const problemCount = entityIssues.issues.length + extractIssues.issues.length;

  const save = useAction(async () => {
    const saved = await window.landfall.saveEntity({ entity: entityDraft, ...(entity ? { previousName: entity.name } : {}) });
    if (!saved.ok) {
      setSaveIssues(saved.issues);
      setTab('columns');
      return;
    }
    if (extractDraft) {
      const savedExtract = await window.landfall.saveExtract({ extract: { ...extractDraft, entity: saved.value.name } });
      if (!savedExtract.ok) {
        setSaveIssues(savedExtract.issues);
        setBaseline({ entity: entityDraft, extract: baseline.extract });
        if (tab === 'columns') setTab('extract');
        return;
      }
    }
    setSaveIssues([]);
    setBaseline({ entity: entityDraft, extract: extractDraft });
    onSaved(saved.value.name);
  });
  // Ctrl+S (⌘S) saves, as in any editor; the browser's own "save page" would be of no use here.
  useShortcut('s', () => {
    if (!save.busy && (dirty || entity === undefined)) void save.run();
  });
  const remove = useAction(async () => {
    if (!entity) return;
    await window.landfall.deleteEntity({ name: entity.name });
    onDeleted();
  });

  const extractPanel = extractDraft ? (
    <ExtractForm extract={extractDraft} entity={entityDraft} connections={info.project.connections} issues={extractIssues} onChange={editExtract} />
  ) : (
    <Stack sx={{ alignItems: 'flex-start', gap: 1.5, py: 2 }}>
      <Typography color="text.secondary">This entity has no extract yet: nothing fills it.</Typography>
      <Button variant="outlined" onClick={() => editExtract(blankExtract(info.project, entityDraft))}>
        Add an extract
      </Button>
    </Stack>
  );

  return (
    <Paper variant="outlined" component="section" aria-label={`Entity ${entityName || '(new)'}`} sx={{ minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, px: 2.5, pt: 2 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" noWrap>
            {entityName || 'New entity'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {countOf(entityDraft.columns.length, 'column', 'columns')} · key {entityDraft.businessKey.join(', ') || '—'} · warehouse {entityDraft.warehouse || '—'}
          </Typography>
        </Box>
        {dirty ? <Chip label="Unsaved changes" color="info" variant="outlined" /> : null}
        {problemCount ? <Chip label={`${problemCount} problem${problemCount === 1 ? '' : 's'}`} color="error" variant="outlined" /> : null}
        {entity ? (
          <ConfirmButton color="error" title={`Delete entity ${entity.name}?`} message="Its extract is deleted with it. Tables already in the warehouse are left alone." confirmLabel="Delete" onConfirm={() => void remove.run()}>
            Delete
          </ConfirmButton>
        ) : null}
        <Button variant="contained" startIcon={<SaveIcon />} disabled={save.busy || (!dirty && entity !== undefined)} onClick={() => void save.run()} title="Save (Ctrl+S)">
          Save
        </Button>
      </Stack>
      {save.error ? <Alert severity="error" sx={{ mx: 2.5, mt: 1.5 }}>{save.error}</Alert> : null}
      {remove.error ? <Alert severity="error" sx={{ mx: 2.5, mt: 1.5 }}>{remove.error}</Alert> : null}
      <Tabs value={tab} onChange={(_event, value: EditorTab) => setTab(value)} aria-label="Entity editor" sx={{ px: 2.5, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="columns" label="Columns" />
        <Tab value="extract" label="Extract" />
        <Tab value="sql" label="SQL preview" disabled={!extractDraft} />
        <Tab value="data" label="Data" disabled={!extractDraft} />
      </Tabs>
      <Box sx={{ p: 2.5 }} role="tabpanel" aria-label={TAB_LABELS[tab]}>
        {tab === 'columns' ? (
          <>
            <ColumnsEditor entity={entityDraft} connections={info.project.connections} issues={entityIssues} onChange={editEntity} />
            <SafeguardsForm entity={entityDraft} issues={entityIssues} onChange={editEntity} />
            <UnplacedIssues issues={entityIssues} title="Other problems of the entity" />
          </>
        ) : null}
        {tab === 'extract' ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(400px, 5fr) minmax(0, 6fr)' }, gap: 3, alignItems: 'start' }}>
            <Box sx={{ minWidth: 0 }}>
              {extractPanel}
              <UnplacedIssues issues={extractIssues} title="Other problems of the extract" />
            </Box>
            {panelRequest ? (
              <Box sx={{ position: 'sticky', top: 0, minWidth: 0 }}>
                <SqlPreviewPanel request={panelRequest} />
              </Box>
            ) : null}
          </Box>
        ) : null}
        {tab === 'sql' && panelRequest ? <SqlPreviewPanel request={panelRequest} minHeight={320} /> : null}
        {tab === 'data' ? <DataPreviewPanel request={previewRequest} savedName={entity?.name} /> : null}
      </Box>
    </Paper>
  );
}

const NO_PREVIEW = { key: 'sql:preview none', fetch: () => Promise.resolve({ ok: true as const, inputs: [], steps: [] }) };
