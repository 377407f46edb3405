// A DuckDB source reaches no file but its own: a free query that reads `/etc/hostname`, and a
// view in a shared database file that does the same, fail the entity before anything lands; a
// connection with `externalAccess: true` reads them as its owner allowed. The designer's catalog
// (tables, import, test) opens the file the same way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConnection, parseEntity } from '../../shared/model/index.ts';
import { sql } from '../../shared/sql/index.ts';
import { withCatalog, type SqlConnection } from '../../app/catalog/source-catalog.ts';
import { createWarehouse, jobSpec, listTree, must, readManifest, readVersions, run, type Workspace, workspace } from './fixtures.ts';

const ENTITY = { name: 'leak', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'note', type: 'string' }], businessKey: ['id'], warehouse: 'wh' };
const HOSTNAME = readFileSync('/etc/hostname', 'utf8');

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** A database file as someone else might hand it over: a view that reads a file of this machine. */
async function hostileFile(): Promise<string> {
  const path = join(ws.dir, 'shared.duckdb');
  const instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  await connection.run(`CREATE VIEW leaky AS SELECT 1 AS id, content AS note FROM read_text('/etc/hostname')`);
  connection.closeSync();
  instance.closeSync();
  return path;
}

const SOURCES = [
  ['a free query', { kind: 'query', connection: 'src', sql: `SELECT 1 AS id, content AS note FROM read_text('/etc/hostname')` }],
  ['a view of the database file', { kind: 'table', connection: 'src', table: 'leaky' }],
] as const;

describe('DuckDB sources without external access', () => {
  it.each(SOURCES)('%s that reads /etc/hostname fails the entity, and nothing lands', async (_label, source) => {
    const path = await hostileFile();
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({ ws, connections: [must(parseConnection({ name: 'src', kind: 'duckdb', path })), wh.connection], batchId: 1, entities: [{ entity: ENTITY, extract: { entity: 'leak', source, pattern: { kind: 'full' }, format: { kind: 'csv' } } }] });
    const { result } = await run(spec);
    expect(result.entities[0]).toMatchObject({ status: 'failed', rows: 0, files: 0 });
    expect(result.entities[0]!.error).toContain('Cannot access file "/etc/hostname" - file system operations are disabled by configuration');
    // The entity's folder may be there (the lander prepares it); no file is.
    expect((await listTree(ws.lake)).filter((entry) => entry !== 'leak')).toEqual([]);
    expect(await readManifest(ws, 'leak')).toBeUndefined();
  });

  it.each(SOURCES)('%s reads the file when the connection says externalAccess: true', async (_label, source) => {
    const path = await hostileFile();
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({ ws, connections: [must(parseConnection({ name: 'src', kind: 'duckdb', path, externalAccess: true })), wh.connection], batchId: 1, entities: [{ entity: ENTITY, extract: { entity: 'leak', source, pattern: { kind: 'full' }, format: { kind: 'csv' } } }] });
    const { result } = await run(spec);
    expect(result.entities[0], result.entities[0]?.error).toMatchObject({ status: 'done', rows: 1 });
    expect((await readVersions(wh, must(parseEntity(ENTITY)))).map((v) => v.values)).toEqual([['1', HOSTNAME]]);
  });
});

describe('the DuckDB catalog', () => {
  it('opens the file without external access unless the connection allows it', async () => {
    const path = await hostileFile();
    const setting = (connection: SqlConnection) => withCatalog(connection, (catalog) => catalog.query(sql`SELECT current_setting('enable_external_access')`));
    expect(await setting(must(parseConnection({ name: 'src', kind: 'duckdb', path })) as SqlConnection)).toEqual([[false]]);
    expect(await setting(must(parseConnection({ name: 'src', kind: 'duckdb', path, externalAccess: true })) as SqlConnection)).toEqual([[true]]);
  });
});
