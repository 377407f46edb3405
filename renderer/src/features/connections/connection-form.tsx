import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import NetworkCheckIcon from '@mui/icons-material/NetworkCheck';
import SaveIcon from '@mui/icons-material/Save';
import type { ConnectionTestResult } from '../../../../shared/ipc/contract.ts';
import { CONNECTION_KINDS, describeKind, isConnectionKind } from '../../../../shared/model/connection-kinds.ts';
import type { Connection } from '../../../../shared/model/schema.ts';
import { parseConnection, type ValidationIssue } from '../../../../shared/model/validate.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { PathField } from '../../components/path-field.tsx';
import { IssueList } from '../../components/issue-list.tsx';
import { FieldIssues, issuesOf, mergeIssues } from '../../components/issues.ts';
import { SectionCard } from '../../components/section-card.tsx';
import { useAction } from '../../components/use-action.ts';
import { defaultOf, emptyValues, forValidation, isShown, kindOf, savedSecretsOf, toRequest, valuesOf, type ConnectionFormValues, type FormValue } from './connection-draft.ts';
import { KIND_FIELDS } from './connection-fields.ts';

export interface ConnectionFormProps {
  /** The saved connection, or undefined for a new one. */
  readonly connection: Connection | undefined;
  readonly onSaved: (name: string) => void;
  readonly onDeleted: () => void;
}

/** Create or edit one connection: the fields its kind needs, Save, and Test against the server. */
export function ConnectionForm({ connection, onSaved, onDeleted }: ConnectionFormProps) {
  const [values, setValues] = useState<ConnectionFormValues>(() => (connection ? valuesOf(connection) : emptyValues('sqlite')));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saveIssues, setSaveIssues] = useState<readonly ValidationIssue[]>([]);
  const [tested, setTested] = useState<ConnectionTestResult | undefined>(undefined);
  const savedSecrets = useMemo(() => savedSecretsOf(connection), [connection]);
  const kind = kindOf(values);
  const request = useMemo(() => toRequest(values, savedSecrets), [values, savedSecrets]);

  const local = useMemo(() => {
    const parsed = parseConnection(forValidation(request));
    return parsed.ok ? [] : parsed.issues;
  }, [request]);
  // Before the first Save, only fields the modeller has touched show their problems.
  const visible = mergeIssues(local, issuesOf(saveIssues, 'connection', String(values.name ?? ''))).filter((issue) => submitted || touched.has(issue.field.split('.')[0] ?? '') || touched.has(issue.field));
  const fields = new FieldIssues(visible);

  const set = (path: string, value: FormValue) => {
    setValues((current) => (path === 'kind' && typeof value === 'string' && isConnectionKind(value) ? { ...emptyValues(value, String(current.name ?? '')), description: current.description ?? '' } : { ...current, [path]: value }));
    setTouched((current) => new Set(current).add(path));
    setSaveIssues([]);
    setTested(undefined);
  };

  const save = useAction(async () => {
    setSubmitted(true);
    // The form's path is the one the user typed in its field (main confirms one it does not know).
    const result = await window.landfall.saveConnection({ ...request, typed: true, ...(connection ? { previousName: connection.name } : {}) });
    if (!result.ok) {
      setSaveIssues(result.issues);
      return;
    }
    setSaveIssues([]);
    onSaved(result.value.name);
  });
  const test = useAction(async () => {
    setTested(undefined);
    // The form's path is the one the user typed in its field.
    setTested(await window.landfall.testConnection({ ...request, typed: true }));
  });
  const remove = useAction(async () => {
    if (!connection) return;
    await window.landfall.deleteConnection({ name: connection.name });
    onDeleted();
  });

  return (
    <SectionCard
      title={connection ? `Connection ${connection.name}` : 'New connection'}
      subtitle={describeKind(kind).label}
      actions={
        <>
          <Button variant="outlined" startIcon={<NetworkCheckIcon />} onClick={() => void test.run()} disabled={test.busy}>
            {test.busy ? 'Testing…' : 'Test'}
          </Button>
          <Button variant="contained" startIcon={<SaveIcon />} onClick={() => void save.run()} disabled={save.busy}>
            Save
          </Button>
        </>
      }
    >
      <Stack
        component="form"
        aria-label="Connection"
        sx={{ gap: 2 }}
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <TextField label="Name" value={values.name ?? ''} onChange={(event) => set('name', event.target.value)} {...fields.field('name')} />
          <TextField select label="Kind" value={kind} onChange={(event) => set('kind', event.target.value)} {...fields.field('kind')}>
            {CONNECTION_KINDS.map((option) => (
              <MenuItem key={option} value={option}>
                {describeKind(option).label}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <TextField label="Description" value={values.description ?? ''} onChange={(event) => set('description', event.target.value)} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, alignItems: 'start' }}>
          {KIND_FIELDS[kind].filter((field) => isShown(field, values)).map((field) => {
            const value = values[field.path];
            switch (field.type) {
              case 'boolean':
                return (
                  <FormControlLabel
                    key={field.path}
                    label={field.label}
                    control={<Checkbox checked={value === true} onChange={(event) => set(field.path, event.target.checked)} />}
                  />
                );
              case 'select':
                return (
                  <TextField key={field.path} select label={field.label} value={String(value ?? defaultOf(kind, field))} onChange={(event) => set(field.path, event.target.value)} {...fields.field(field.path)}>
                    {field.options.map((option) => (
                      <MenuItem key={option.value} value={option.value}>
                        {option.label}
                      </MenuItem>
                    ))}
                  </TextField>
                );
              case 'secret':
                return (
                  <TextField
                    key={field.path}
                    label={field.label}
                    type="password"
                    autoComplete="off"
                    value={String(value ?? '')}
                    onChange={(event) => set(field.path, event.target.value)}
                    {...fields.field(field.path, savedSecrets[field.path] ? 'Saved encrypted; leave empty to keep it' : 'Encrypted by the app, or write ${env:NAME}')}
                  />
                );
              case 'number':
                return (
                  <TextField key={field.path} label={field.label} type="number" value={String(value ?? '')} onChange={(event) => set(field.path, event.target.value)} {...fields.field(field.path, field.hint)} />
                );
              case 'text':
                return (
                  <TextField key={field.path} label={field.label} value={String(value ?? '')} onChange={(event) => set(field.path, event.target.value)} {...fields.field(field.path, field.hint)} />
                );
              case 'path':
                return (
                  <PathField key={field.path} label={field.label} purpose={field.pick} value={String(value ?? '')} onPathChange={(path) => set(field.path, path)} {...fields.field(field.path, field.hint)} sx={{ gridColumn: '1 / -1' }} />
                );
            }
          })}
        </Box>
        <IssueList issues={fields.rest()} />
        {save.error ? <Alert severity="error">{save.error}</Alert> : null}
        {test.error ? <Alert severity="error">{test.error}</Alert> : null}
        {tested ? (
          <Alert role="status" aria-label="Test result" severity={tested.ok ? 'success' : 'error'}>
            {tested.ok ? `Connected in ${tested.milliseconds} ms: ` : `Could not connect (${tested.milliseconds} ms): `}
            {tested.message}
          </Alert>
        ) : null}
        {connection ? (
          <Box>
            <ConfirmButton
              color="error"
              title={`Delete connection ${connection.name}?`}
              message="Entities and extracts that use it will show a problem until they use another connection."
              confirmLabel="Delete"
              onConfirm={() => void remove.run()}
            >
              Delete connection
            </ConfirmButton>
            {remove.error ? <Alert severity="error">{remove.error}</Alert> : null}
          </Box>
        ) : null}
      </Stack>
    </SectionCard>
  );
}
