/**
 * The connection form's values (flat, by field path) and the request they make. Secrets typed in
 * the form travel beside the connection and are encrypted by the app; the connection itself only
 * ever holds references (`${env:NAME}` as typed, `${secret:…}` as saved).
 */
import { isConnectionKind, valueAtPath } from '../../../../shared/model/connection-kinds.ts';
import { connectionDefaults } from '../../../../shared/model/defaults.ts';
import { parseSecretRef, type Connection, type ConnectionKind } from '../../../../shared/model/schema.ts';
import { KIND_FIELDS, type FieldSpec } from './connection-fields.ts';

export type FormValue = string | boolean;
export type ConnectionFormValues = Readonly<Record<string, FormValue>>;

export interface ConnectionRequest {
  readonly connection: Record<string, unknown>;
  readonly secrets: Record<string, string>;
}

function flatten(value: unknown, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else into[prefix] = value;
  return into;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}


/** Whether a field applies with the current values (e.g. the password only for SQL logins). */
export function isShown(field: FieldSpec, values: ConnectionFormValues): boolean {
  if (field.type !== 'secret' || !field.showWhen) return true;
  const kind = kindOf(values);
  const current = values[field.showWhen.path] ?? defaultOf(kind, KIND_FIELDS[kind].find((f) => f.path === field.showWhen!.path));
  return current === field.showWhen.equals;
}

/** The value a field starts at: the schema's default as the form holds it (numbers as text), or the first choice. */
export function defaultOf(kind: ConnectionKind, field: FieldSpec | undefined): FormValue | undefined {
  if (!field) return undefined;
  const value = valueAtPath(connectionDefaults(kind), field.path);
  switch (field.type) {
    case 'number':
      return value === undefined ? '' : String(value);
    case 'boolean':
      return value === true;
    case 'select':
      return typeof value === 'string' ? value : field.options[0]?.value;
    case 'text':
    case 'path':
    case 'secret':
      return typeof value === 'string' ? value : '';
  }
}

export function kindOf(values: ConnectionFormValues): ConnectionKind {
  const kind = values.kind;
  return typeof kind === 'string' && isConnectionKind(kind) ? kind : 'sqlite';
}

/** Blank values for a new connection of a kind, defaults filled in. */
export function emptyValues(kind: ConnectionKind, name = ''): ConnectionFormValues {
  const values: Record<string, FormValue> = { name, kind, description: '' };
  for (const field of KIND_FIELDS[kind]) values[field.path] = defaultOf(kind, field) ?? '';
  return values;
}

/** The form's values for a saved connection; saved secrets are not shown, only kept. */
export function valuesOf(connection: Connection): ConnectionFormValues {
  const flat = flatten(connection);
  const values: Record<string, FormValue> = { ...emptyValues(connection.kind, connection.name), description: connection.description ?? '' };
  for (const field of KIND_FIELDS[connection.kind]) {
    const value = flat[field.path];
    if (value === undefined) continue;
    if (field.type === 'secret') values[field.path] = parseSecretRef(String(value))?.source === 'env' ? String(value) : '';
    else values[field.path] = typeof value === 'boolean' ? value : String(value);
  }
  return values;
}

/** Secret references already saved on a connection, by field path (kept when the field is left empty). */
export function savedSecretsOf(connection: Connection | undefined): Record<string, string> {
  if (!connection) return {};
  const flat = flatten(connection);
  const saved: Record<string, string> = {};
  for (const field of KIND_FIELDS[connection.kind]) {
    const value = flat[field.path];
    if (field.type === 'secret' && typeof value === 'string' && parseSecretRef(value)?.source === 'secret') saved[field.path] = value;
  }
  return saved;
}

/** The connection draft and the typed secrets, for `connection:save` and `connection:test`. */
export function toRequest(values: ConnectionFormValues, savedSecrets: Readonly<Record<string, string>>): ConnectionRequest {
  const kind = kindOf(values);
  const connection: Record<string, unknown> = { name: String(values.name ?? '').trim(), kind };
  const description = String(values.description ?? '').trim();
  if (description) connection.description = description;
  const secrets: Record<string, string> = {};
  for (const field of KIND_FIELDS[kind]) {
    if (!isShown(field, values)) continue;
    const value = values[field.path];
    switch (field.type) {
      case 'boolean':
        setPath(connection, field.path, value === true);
        break;
      case 'number': {
        const text = String(value ?? '').trim();
        if (text !== '') setPath(connection, field.path, Number(text));
        break;
      }
      case 'select':
        setPath(connection, field.path, String(value ?? defaultOf(kind, field)));
        break;
      case 'text':
      case 'path': {
        const text = String(value ?? '').trim();
        if (text !== '' || field.required) setPath(connection, field.path, text);
        break;
      }
      case 'secret': {
        const text = String(value ?? '');
        if (parseSecretRef(text.trim())) setPath(connection, field.path, text.trim());
        else if (text !== '') secrets[field.path] = text;
        else if (savedSecrets[field.path]) setPath(connection, field.path, savedSecrets[field.path]);
        break;
      }
    }
  }
  return { connection, secrets };
}

/** The draft as the validators should see it: typed secrets stand in as references. */
export function forValidation(request: ConnectionRequest): Record<string, unknown> {
  const connection = structuredClone(request.connection);
  for (const path of Object.keys(request.secrets)) setPath(connection, path, '${secret:typed}');
  return connection;
}
