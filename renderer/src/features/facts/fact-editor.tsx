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
import type { Fact } from '../../../../shared/model/schema.ts';
import { parseFact, type ValidationIssue } from '../../../../shared/model/validate.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FieldIssues, issuesOf, mergeIssues } from '../../components/issues.ts';
import { countOf } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import { useShortcut } from '../../components/use-shortcut.ts';
import { useQuery } from '../../data/use-query.ts';
import { PREVIEW_DELAY_MS } from '../sql-preview/sql-preview-panel.tsx';
import { blankFact } from './fact-defaults.ts';
import { FactForm } from './fact-form.tsx';
import { factPreviewQuery } from './fact-preview-query.ts';
import { FactSqlPreview } from './fact-sql-preview.tsx';

type FactTab = 'definition' | 'sql';
const TAB_LABELS: Record<FactTab, string> = { definition: 'Definition', sql: 'SQL preview' };

export interface FactEditorProps {
  readonly info: ProjectInfo;
  /** The saved fact; undefined for a new one. */
  readonly fact: Fact | undefined;
  readonly onSaved: (name: string) => void;
  readonly onDeleted: () => void;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * One fact edited as a draft. Problems show at their fields as the modeller types: the fact's own
 * rules at once, the rules across the project (its warehouse, entity, columns) from the app, which
 * checks the draft as `landfall` checks the project file.
 */
export function FactEditor({ info, fact, onSaved, onDeleted }: FactEditorProps) {
  const [tab, setTab] = useState<FactTab>('definition');
  const [draft, setDraft] = useState<Fact>(() => fact ?? blankFact(info.project));
  const [baseline, setBaseline] = useState<Fact>(() => fact ?? blankFact(info.project));
  const [saveIssues, setSaveIssues] = useState<readonly ValidationIssue[]>([]);
  const dirty = !same(baseline, draft);

  // Saved elsewhere while nothing here was changed: show the new version.
  useEffect(() => {
    if (dirty || !fact || same(baseline, fact)) return;
    setDraft(fact);
    setBaseline(fact);
    // Only a change of the saved version matters here.
  }, [JSON.stringify(fact)]);

  const edit = (next: Fact) => {
    setDraft(next);
    setSaveIssues([]);
  };
  const request = useMemo(() => ({ ...(fact ? { factName: fact.name } : {}), fact: draft }), [fact?.name, draft]);
  const settled = useDebounced(request, PREVIEW_DELAY_MS) ?? request;
  const preview = useQuery(factPreviewQuery(settled));
  const previewIssues = preview.data && !preview.data.ok ? preview.data.issues : [];
  const local = useMemo(() => {
    const parsed = parseFact(draft);
    return parsed.ok ? [] : parsed.issues;
  }, [draft]);
  // The project's saved problems matter only while the draft is still what was saved.
  const all = [...saveIssues, ...previewIssues, ...(dirty ? [] : info.issues)];
  const issues = new FieldIssues(mergeIssues(local, issuesOf(all, 'fact', draft.name)));
  const problemCount = issues.issues.length;

  const save = useAction(async () => {
    const saved = await window.landfall.saveFact({ fact: draft, ...(fact ? { previousName: fact.name } : {}) });
    if (!saved.ok) {
      setSaveIssues(saved.issues);
      setTab('definition');
      return;
    }
    setSaveIssues([]);
    setBaseline(draft);
    onSaved(saved.value.name);
  });
  useShortcut('s', () => {
    if (!save.busy && (dirty || fact === undefined)) void save.run();
  });
  const remove = useAction(async () => {
    if (!fact) return;
    await window.landfall.deleteFact({ name: fact.name });
    onDeleted();
  });
  const name = fact?.name ?? draft.name;
  const source = draft.source.kind === 'push' ? 'pushed rows' : draft.source.kind === 'entity' ? `entity ${draft.source.entity || '—'}` : `files ${draft.source.pattern || '—'}`;

  return (
    <Paper variant="outlined" component="section" aria-label={`Fact ${name || '(new)'}`} sx={{ minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, px: 2.5, pt: 2 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" noWrap>
            {name || 'New fact'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {countOf(draft.columns.length, 'column', 'columns')} · from {source} · {countOf(draft.normalizations.length, 'normalization', 'normalizations')} · {countOf(draft.summaries.length, 'summary', 'summaries')} · warehouse {draft.warehouse || '—'}
          </Typography>
        </Box>
        {dirty ? <Chip label="Unsaved changes" color="info" variant="outlined" /> : null}
        {problemCount ? <Chip label={countOf(problemCount, 'problem', 'problems')} color="error" variant="outlined" /> : null}
        {fact ? (
          <ConfirmButton color="error" title={`Delete fact ${fact.name}?`} message="Its tables already in the warehouse (fact, staging, summaries, normalization tables) are left alone." confirmLabel="Delete" onConfirm={() => void remove.run()}>
            Delete
          </ConfirmButton>
        ) : null}
        <Button variant="contained" startIcon={<SaveIcon />} disabled={save.busy || (!dirty && fact !== undefined)} onClick={() => void save.run()} title="Save (Ctrl+S)">
          Save
        </Button>
      </Stack>
      {save.error ? <Alert severity="error" sx={{ mx: 2.5, mt: 1.5 }}>{save.error}</Alert> : null}
      {remove.error ? <Alert severity="error" sx={{ mx: 2.5, mt: 1.5 }}>{remove.error}</Alert> : null}
      <Tabs value={tab} onChange={(_event, value: FactTab) => setTab(value)} aria-label="Fact editor" sx={{ px: 2.5, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="definition" label={TAB_LABELS.definition} />
        <Tab value="sql" label={TAB_LABELS.sql} />
      </Tabs>
      <Box sx={{ p: 2.5 }} role="tabpanel" aria-label={TAB_LABELS[tab]}>
        {tab === 'definition' ? <FactForm fact={draft} connections={info.project.connections} entities={info.project.entities} issues={issues} onChange={edit} /> : <FactSqlPreview request={settled} />}
      </Box>
    </Paper>
  );
}
