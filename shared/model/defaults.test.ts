import { describe, expect, it } from 'vitest';
import { WAREHOUSE_KINDS, type ConnectionKind } from './connection-kinds.ts';
import { connectionDefaults, csvFormatDefaults, defaultWarehouse, extractDefaults, filesSourceDefaults, newExtract } from './defaults.ts';
import type { ConnectionInput, Project } from './schema.ts';
import { validateProject } from './validate.ts';

const WAREHOUSES: Record<ConnectionKind, ConnectionInput | undefined> = {
  sqlserver: { name: 'wh', kind: 'sqlserver', host: 'db.example.com', database: 'dw' },
  azuresql: { name: 'wh', kind: 'azuresql', host: 'db.database.windows.net', database: 'dw' },
  synapse: { name: 'wh', kind: 'synapse', host: 'dw.sql.azuresynapse.net', database: 'dw' },
  postgres: { name: 'wh', kind: 'postgres', host: '127.0.0.1', database: 'dw', user: 'etl' },
  mariadb: { name: 'wh', kind: 'mariadb', host: '127.0.0.1', database: 'dw', user: 'etl' },
  duckdb: { name: 'wh', kind: 'duckdb', path: 'warehouse.duckdb' },
  sqlite: { name: 'wh', kind: 'sqlite', path: 'warehouse.sqlite' },
  adls: undefined,
  localfs: undefined,
};

/** A project with a SQLite source, a local lake, an adls lake and a warehouse of `kind`, and one entity on it. */
function projectWith(kind: ConnectionKind): Project {
  const parsed = validateProject({
    format: 'landfall-project',
    version: 1,
    name: 'p',
    connections: [
      // Landers before the source and the warehouse: a new extract must pick the one its warehouse reads, not the first.
      { name: 'datalake', kind: 'adls', account: 'landfalllake', fileSystem: 'raw', credential: { kind: 'azure-default' } },
      { name: 'lake', kind: 'localfs', path: 'lake' },
      { name: 'sales', kind: 'sqlite', path: 'sales.sqlite' },
      WAREHOUSES[kind],
    ],
    entities: [{ name: 'customer', columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'wh' }],
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.value;
}

describe('newExtract', () => {
  it.each(WAREHOUSE_KINDS)('starts valid for a %s warehouse', (kind) => {
    const project = projectWith(kind);
    const extract = newExtract(project, project.entities[0]!);
    const checked = validateProject({ ...project, extracts: [extract] });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });

  it('takes the schema defaults where the warehouse asks nothing else', () => {
    const project = projectWith('duckdb');
    expect(newExtract(project, project.entities[0]!)).toEqual({
      entity: 'customer',
      source: { kind: 'table', connection: 'sales', table: 'customer' },
      pattern: { kind: 'full' },
      mappings: [],
      format: { kind: 'csv', delimiter: ',', qualifier: '"', header: true, nullMarker: '' },
      compression: 'zstd',
      fileSizeMb: 128,
      parallelReads: 1,
      lander: { connection: 'lake', folder: '', concurrency: 4 },
    });
  });

  it('fits the warehouse: MariaDB writes NULL as NULL, Synapse gzip from the lake, SQL Server by bulk copy into itself', () => {
    const fitted = (kind: ConnectionKind) => {
      const project = projectWith(kind);
      return newExtract(project, project.entities[0]!);
    };
    expect(fitted('mariadb').format).toMatchObject({ kind: 'csv', nullMarker: 'NULL' });
    expect(fitted('synapse')).toMatchObject({ compression: 'gzip', lander: { connection: 'datalake' } });
    expect(fitted('sqlserver').lander.connection).toBe('wh');
    expect(fitted('postgres')).toMatchObject({ format: { kind: 'csv' }, lander: { connection: 'lake' } });
  });
});

describe('schema defaults', () => {
  it('are what the schema fills in', () => {
    expect(connectionDefaults('sqlserver')).toEqual({ port: 1433, authentication: 'sql', encrypt: true, trustServerCertificate: false });
    expect(connectionDefaults('postgres')).toEqual({ port: 5432, ssl: false });
    expect(connectionDefaults('adls')).toEqual({ directory: '', hierarchicalNamespace: true });
    expect(connectionDefaults('sqlite')).toEqual({});
    expect(extractDefaults()).toEqual({ mappings: [], format: csvFormatDefaults(), compression: 'zstd', fileSizeMb: 128, parallelReads: 1, lander: { connection: '', folder: '', concurrency: 4 } });
    expect(filesSourceDefaults('files', '*.csv')).toEqual({
      kind: 'files', connection: 'files', folder: '', pattern: '*.csv', archiveFolder: 'archive', parallelFiles: 4,
      format: { kind: 'csv', delimiter: ',', qualifier: '"', header: true, encoding: 'utf8' },
    });
  });

  it('pick a warehouse a new entity prefers: not an embedded SQLite file', () => {
    const project = projectWith('postgres');
    expect(defaultWarehouse(project.connections)?.name).toBe('wh');
    expect(defaultWarehouse(projectWith('sqlite').connections)).toBeUndefined();
  });
});
