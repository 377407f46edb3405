/**
 * The fields each connection kind needs, as the form shows them. Paths are the model's field
 * paths (`credential.key`), so validation issues land next to the right input. Defaults are not
 * written here: the form starts from the schema's (`connectionDefaults`), and the kind's label
 * and secret fields come from its descriptor.
 */
import type { ConnectionKind } from '../../../../shared/model/schema.ts';

export type FieldSpec =
  | { readonly path: string; readonly label: string; readonly type: 'text'; readonly hint?: string; readonly required?: boolean }
  | { readonly path: string; readonly label: string; readonly type: 'number'; readonly hint?: string }
  /** A file or folder on this machine: typed, or chosen with the native dialog. */
  | { readonly path: string; readonly label: string; readonly type: 'path'; readonly pick: 'file' | 'folder'; readonly hint?: string; readonly required?: boolean }
  | { readonly path: string; readonly label: string; readonly type: 'boolean' }
  /** A choice; where the schema has no default, the form starts at the first option. */
  | { readonly path: string; readonly label: string; readonly type: 'select'; readonly options: readonly { value: string; label: string }[] }
  /** Typed in the form, encrypted by the app; a `${env:NAME}` reference is kept as written. */
  | { readonly path: string; readonly label: string; readonly type: 'secret'; readonly hint?: string; readonly showWhen?: { path: string; equals: string } };

const sqlServer: readonly FieldSpec[] = [
  { path: 'host', label: 'Host', type: 'text', required: true, hint: 'e.g. myserver.database.windows.net' },
  { path: 'port', label: 'Port', type: 'number' },
  { path: 'database', label: 'Database', type: 'text', required: true },
  {
    path: 'authentication', label: 'Authentication', type: 'select',
    options: [{ value: 'sql', label: 'SQL login' }, { value: 'azure-default', label: 'Microsoft Entra (default credential)' }],
  },
  { path: 'user', label: 'User', type: 'text' },
  { path: 'password', label: 'Password', type: 'secret', showWhen: { path: 'authentication', equals: 'sql' } },
  { path: 'encrypt', label: 'Encrypt', type: 'boolean' },
  { path: 'trustServerCertificate', label: 'Trust server certificate', type: 'boolean' },
];

export const KIND_FIELDS: Record<ConnectionKind, readonly FieldSpec[]> = {
  sqlserver: sqlServer,
  azuresql: sqlServer,
  synapse: sqlServer,
  postgres: [
    { path: 'host', label: 'Host', type: 'text', required: true },
    { path: 'port', label: 'Port', type: 'number' },
    { path: 'database', label: 'Database', type: 'text', required: true },
    { path: 'user', label: 'User', type: 'text', required: true },
    { path: 'password', label: 'Password', type: 'secret' },
    { path: 'ssl', label: 'Use SSL', type: 'boolean' },
  ],
  mariadb: [
    { path: 'host', label: 'Host', type: 'text', required: true },
    { path: 'port', label: 'Port', type: 'number' },
    { path: 'database', label: 'Database', type: 'text', required: true },
    { path: 'user', label: 'User', type: 'text', required: true },
    { path: 'password', label: 'Password', type: 'secret' },
  ],
  sqlite: [{ path: 'path', label: 'Database file', type: 'path', pick: 'file', required: true, hint: 'Relative paths are relative to the project file' }],
  duckdb: [{ path: 'path', label: 'Database file', type: 'path', pick: 'file', required: true, hint: 'Relative paths are relative to the project file' }],
  localfs: [{ path: 'path', label: 'Folder', type: 'path', pick: 'folder', required: true, hint: 'Relative paths are relative to the project file' }],
  adls: [
    { path: 'account', label: 'Storage account', type: 'text', required: true },
    { path: 'fileSystem', label: 'File system (container)', type: 'text', required: true },
    { path: 'directory', label: 'Directory', type: 'text' },
    { path: 'hierarchicalNamespace', label: 'Hierarchical namespace', type: 'boolean' },
    { path: 'endpoint', label: 'Endpoint', type: 'text', hint: 'Leave empty for https://<account>.dfs.core.windows.net' },
    {
      path: 'credential.kind', label: 'Credential', type: 'select',
      options: [
        { value: 'accountKey', label: 'Account key' },
        { value: 'sas', label: 'SAS token' },
        { value: 'connectionString', label: 'Connection string' },
        { value: 'azure-default', label: 'Microsoft Entra (default credential)' },
      ],
    },
    { path: 'credential.key', label: 'Account key', type: 'secret', showWhen: { path: 'credential.kind', equals: 'accountKey' } },
    { path: 'credential.token', label: 'SAS token', type: 'secret', showWhen: { path: 'credential.kind', equals: 'sas' } },
    { path: 'credential.value', label: 'Connection string', type: 'secret', showWhen: { path: 'credential.kind', equals: 'connectionString' } },
  ],
};
