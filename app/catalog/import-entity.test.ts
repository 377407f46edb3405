import { describe, expect, it } from 'vitest';
import { projectSchema, type Connection, type ConnectionInput, type Project } from '../../shared/model/index.ts';
import { importEntity, type ImportRequest } from './import-entity.ts';
import type { TableColumns } from './source-catalog.ts';

const connections: ConnectionInput[] = [
  { name: 'src', kind: 'sqlite', path: 'src.sqlite' },
  { name: 'duck', kind: 'duckdb', path: 'w.duckdb' },
  { name: 'maria', kind: 'mariadb', host: 'h', database: 'd', user: 'u' },
  { name: 'syn', kind: 'synapse', host: 'h', database: 'd' },
  { name: 'mssql', kind: 'sqlserver', host: 'h', database: 'd' },
  { name: 'lake', kind: 'localfs', path: 'lake' },
  { name: 'cloud', kind: 'adls', account: 'acct', fileSystem: 'data', credential: { kind: 'azure-default' } },
];

function project(only?: string[]): Project {
  return projectSchema.parse({
    format: 'landfall-project',
    version: 1,
    name: 'p',
    connections: only ? connections.filter((c) => only.includes(c.name)) : connections,
  });
}

const found: TableColumns = {
  columns: [
    { name: 'id', dataType: 'INTEGER', nullable: true },
    { name: 'name', dataType: 'VARCHAR(40)', nullable: false },
    { name: 'price', dataType: 'NUMERIC', nullable: true },
  ],
  primaryKey: ['id'],
};

const source = project().connections[0] as Connection & { kind: 'sqlite' };
const request = (extra: Partial<ImportRequest> = {}): ImportRequest => ({ source, table: 'items', warehouse: 'duck', ...extra });

describe('importEntity', () => {
  it('maps the columns, makes the primary key the business key (not nullable) and a Full extract into the local lake', () => {
    const made = importEntity(project(), request(), found);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.entity).toMatchObject({
      name: 'items',
      warehouse: 'duck',
      businessKey: ['id'],
      columns: [
        { name: 'id', type: 'bigint', nullable: false },
        { name: 'name', type: 'string(40)', nullable: false },
        { name: 'price', type: 'double', nullable: true },
      ],
    });
    expect(made.extract).toMatchObject({
      entity: 'items',
      source: { kind: 'table', connection: 'src', table: 'items' },
      pattern: { kind: 'full' },
      format: { kind: 'csv' },
      compression: 'zstd',
      lander: { connection: 'lake' },
    });
    // The loose mapping of NUMERIC is a note on its field.
    expect(made.notes).toEqual([{ object: 'entity "items"', field: 'columns[2].type', message: expect.stringContaining('Column "price" (declared NUMERIC): ') }]);
  });

  it('takes the entity name, schema and lander asked for', () => {
    const made = importEntity(project(), request({ entityName: 'item_copy', schema: 'main', lander: 'lake' }), found);
    expect(made.ok && made.entity.name).toBe('item_copy');
    expect(made.ok && made.extract).toMatchObject({ entity: 'item_copy', source: { schema: 'main', table: 'items' } });
  });

  it('without a primary key, makes the first column the business key and says so', () => {
    const made = importEntity(project(), request(), { ...found, primaryKey: [] });
    expect(made.ok && made.entity.businessKey).toEqual(['id']);
    expect(made.ok && made.notes.find((n) => n.field === 'businessKey')?.message).toMatch(/items has no primary key: its first column "id" was made the business key/);
  });

  it.each([
    ['maria', 'lake', { format: { kind: 'csv', nullMarker: 'NULL' }, compression: 'zstd' }],
    ['syn', 'cloud', { compression: 'gzip' }],
    ['mssql', 'mssql', { compression: 'zstd' }],
  ])('chooses what a %s warehouse loads from: lander %s', (warehouse, lander, extract) => {
    const made = importEntity(project(), request({ warehouse }), found);
    expect(made.ok).toBe(true);
    expect(made.ok && made.extract).toMatchObject({ lander: { connection: lander }, ...extract });
  });

  it('lands a SQL Server warehouse through itself, lake or no lake', () => {
    const made = importEntity(project(['src', 'mssql']), request({ warehouse: 'mssql' }), found);
    expect(made.ok && made.extract.lander.connection).toBe('mssql');
  });

  it('refuses, by field, what cannot make a valid entity', () => {
    const noLake = importEntity(project(['src', 'duck']), request(), found);
    expect(noLake).toEqual({ ok: false, issues: [{ object: 'extract of entity "items"', field: 'lander.connection', message: expect.stringContaining('add one first') }] });
    expect(importEntity(project(), request({ warehouse: 'nope' }), found)).toMatchObject({ ok: false, issues: [{ field: 'warehouse' }] });
    expect(importEntity(project(), request({ lander: 'nope' }), found)).toMatchObject({ ok: false, issues: [{ field: 'lander.connection' }] });
    // A lander that does not fit the warehouse: the model's own rule, on the extract's field.
    expect(importEntity(project(), request({ lander: 'cloud' }), found)).toMatchObject({ ok: false, issues: [{ object: 'extract of entity "items"', field: 'lander.connection' }] });
    expect(importEntity(project(), request({ warehouse: 'lake' }), found)).toMatchObject({ ok: false, issues: [{ object: 'entity "items"', field: 'warehouse' }] });
    // Landfall keeps lf_ columns for itself.
    const lf = importEntity(project(), request(), { columns: [...found.columns, { name: 'lf_hash', dataType: 'TEXT', nullable: true }], primaryKey: ['id'] });
    expect(lf).toMatchObject({ ok: false, issues: [{ field: 'columns[3].name' }] });
  });

  it('refuses a name an entity already has (ignoring case)', () => {
    const base = project();
    const made = importEntity(base, request(), found);
    if (!made.ok) throw new Error('first import failed');
    const withItems = { ...base, entities: [made.entity], extracts: [made.extract] };
    expect(importEntity(withItems, request({ entityName: 'ITEMS' }), found)).toMatchObject({ ok: false, issues: [{ object: 'entity "ITEMS"', field: 'name' }] });
  });
});
