import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../sql/dialect.ts';
import {
  CATALOG_FAMILIES,
  CONNECTION_KINDS,
  describeKind,
  FILE_SOURCE_KINDS,
  LANDER_KINDS,
  secretFieldsOf,
  SQL_SOURCE_KINDS,
  valueAtPath,
  WAREHOUSE_KINDS,
  type ConnectionKind,
} from './connection-kinds.ts';
import { connectionDefaults } from './defaults.ts';
import { parseConnection } from './validate.ts';

/** The smallest valid connection of each kind: only its required fields. */
const MINIMAL: Record<ConnectionKind, Record<string, unknown>> = {
  sqlserver: { host: 'db.example.com', database: 'crm' },
  azuresql: { host: 'db.database.windows.net', database: 'crm' },
  synapse: { host: 'dw.sql.azuresynapse.net', database: 'dw' },
  postgres: { host: 'pg.example.com', database: 'shop', user: 'etl' },
  mariadb: { host: 'maria.example.com', database: 'shop', user: 'etl' },
  sqlite: { path: 'source.sqlite' },
  duckdb: { path: 'warehouse.duckdb' },
  adls: { account: 'landfalllake', fileSystem: 'raw', credential: { kind: 'azure-default' } },
  localfs: { path: 'lake' },
};

const minimal = (kind: ConnectionKind): Record<string, unknown> => ({ name: `a ${kind}`, kind, ...structuredClone(MINIMAL[kind]) });

/** `object` with `value` at the dotted `path`, changed in place. */
function setAt(object: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  let node = object;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
  return object;
}

describe.each(CONNECTION_KINDS)('the %s descriptor', (kind) => {
  const descriptor = describeKind(kind);

  it('has a label and at least one role', () => {
    expect(descriptor.label.length).toBeGreaterThan(0);
    expect([descriptor.source, descriptor.warehouse, descriptor.lander || undefined, descriptor.fileSource || undefined].some(Boolean)).toBe(true);
  });

  it('parses its minimal connection into the schema defaults, its default port among them', () => {
    const parsed = parseConnection(minimal(kind));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject(connectionDefaults(kind));
    expect(valueAtPath(parsed.value, 'port')).toBe(descriptor.defaultPort);
  });

  it.each(describeKind(kind).secrets.map((field) => [field.path, field] as const))('keeps secret %s as a reference, never clear text', (_path, field) => {
    const draft = minimal(kind);
    if (field.when) setAt(draft, field.when.path, field.when.equals);
    expect(secretFieldsOf(setAt(draft, field.path, '${env:SECRET}')).map((f) => f.path)).toContain(field.path);
    expect(parseConnection(draft).ok).toBe(true);
    const clear = parseConnection(setAt(structuredClone(draft), field.path, 'hunter2'));
    expect(clear.ok ? [] : clear.issues.map((issue) => issue.field)).toEqual([field.path]);
  });

  it.each(describeKind(kind).localPaths.map((path) => [path]))('has its local path %s in the schema', (path) => {
    expect(typeof valueAtPath(minimal(kind), path)).toBe('string');
    const parsed = parseConnection(setAt(minimal(kind), path, ''));
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.field)).toEqual([path]);
  });

  it('speaks known dialects and reads a known catalog family', () => {
    if (descriptor.source) {
      expect(DIALECTS).toContain(descriptor.source.dialect);
      expect(CATALOG_FAMILIES).toContain(descriptor.source.catalog);
    }
    if (descriptor.warehouse) expect(DIALECTS).toContain(descriptor.warehouse.dialect);
  });

  it('is fed only by kinds that can land files', () => {
    for (const lander of descriptor.warehouse?.landers ?? []) expect(describeKind(lander).lander).toBe(true);
    if (descriptor.warehouse?.landsInItself) expect(descriptor.lander).toBe(true);
  });
});

describe('the kind lists', () => {
  it('are the kinds whose descriptors have the role', () => {
    expect([...SQL_SOURCE_KINDS].sort()).toEqual(CONNECTION_KINDS.filter((k) => describeKind(k).source).sort());
    expect([...WAREHOUSE_KINDS].sort()).toEqual(CONNECTION_KINDS.filter((k) => describeKind(k).warehouse).sort());
    expect([...LANDER_KINDS].sort()).toEqual(CONNECTION_KINDS.filter((k) => describeKind(k).lander).sort());
    expect([...FILE_SOURCE_KINDS].sort()).toEqual(CONNECTION_KINDS.filter((k) => describeKind(k).fileSource).sort());
  });

  it('list the kinds in the order messages have always named them', () => {
    expect(LANDER_KINDS).toEqual(['localfs', 'adls', 'sqlserver', 'azuresql']);
    expect(FILE_SOURCE_KINDS).toEqual(['localfs', 'adls']);
    expect(WAREHOUSE_KINDS).toEqual(['sqlserver', 'azuresql', 'synapse', 'postgres', 'mariadb', 'duckdb', 'sqlite']);
  });
});

describe('secretFieldsOf', () => {
  it('gives the adls secret of the chosen credential only, and none for an unknown kind', () => {
    expect(secretFieldsOf({ kind: 'adls', credential: { kind: 'sas' } }).map((f) => f.path)).toEqual(['credential.token']);
    expect(secretFieldsOf({ kind: 'adls', credential: { kind: 'azure-default' } })).toEqual([]);
    expect(secretFieldsOf({ kind: 'sqlserver' }).map((f) => f.path)).toEqual(['password']);
    expect(secretFieldsOf({ kind: 'oracle' })).toEqual([]);
  });
});
