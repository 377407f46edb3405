/**
 * A saved connection made ready to open: its local paths made absolute against the project's
 * folder and its secret references replaced by their values. Which fields are paths and which
 * are secrets is the kind's descriptor's say (`shared/model/connection-kinds.ts`); this file
 * knows no kind. Used by job specs (`landfall run`, the app's runs) and by the app's handlers
 * (connection tests, catalog reads).
 */
import { isAbsolute, resolve } from 'node:path';
import { describeKind, secretFieldsOf, valueAtPath, type Connection } from '../../shared/model/index.ts';
import type { ProjectStore } from '../store/project-store.ts';
import type { SecretCipher } from '../store/secret-cipher.ts';

/** The value of a secret reference; `what` names the field in errors (`password`, `account key`). */
export type SecretLookup = (reference: string, what: string) => string;

/** A copy of `object` with `value` at the dotted `path`; the objects on the way are copied, not changed. */
function withValueAt<T extends object>(object: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const record = object as Record<string, unknown>;
  const inner = record[head];
  const next = rest.length ? withValueAt((inner ?? {}) as object, rest.join('.'), value) : value;
  return { ...object, [head]: next };
}

/** `connection` with absolute local paths (relative to `base`) and secret values from `secret`. */
export function resolveConnection(connection: Connection, base: string, secret: SecretLookup): Connection {
  let resolved = connection;
  for (const path of describeKind(connection.kind).localPaths) {
    const value = valueAtPath(connection, path);
    if (typeof value === 'string') resolved = withValueAt(resolved, path, isAbsolute(value) ? value : resolve(base, value));
  }
  for (const field of secretFieldsOf(connection)) {
    const value = valueAtPath(connection, field.path);
    if (typeof value === 'string') resolved = withValueAt(resolved, field.path, secret(value, field.label));
  }
  return resolved;
}

/**
 * Secrets read from the project file (`${secret:…}`, with the app's cipher) or the environment
 * (`${env:NAME}`); an error names the connection and the field, so the user knows what to fix.
 */
export function storeSecrets(store: ProjectStore, connection: string, options: { env?: NodeJS.ProcessEnv | undefined; cipher?: SecretCipher | undefined }): SecretLookup {
  const from = { ...(options.env ? { env: options.env } : {}), ...(options.cipher ? { cipher: options.cipher } : {}) };
  return (reference, what) => {
    try {
      return store.resolveSecret(reference, from);
    } catch (error) {
      throw new Error(`connection "${connection}", ${what}: ${(error as Error).message}`);
    }
  };
}
