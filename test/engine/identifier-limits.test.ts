// PostgreSQL cuts names at 63 bytes and MariaDB allows 64 characters: an entity name past what the
// warehouse's longest derived name leaves (`<entity>__lf_key`, `temp__<entity>_delta`) passed
// `validate` and then every run failed. Validation now refuses it, and a name at the limit runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateProject, type Connection, type ProjectInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, runOk, workspace, type Workspace } from './fixtures.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const COLUMNS = [{ name: 'id', type: 'int', nullable: false }];

function issues(name: string, warehouse: Connection): string[] {
  const project: ProjectInput = {
    format: 'landfall-project',
    version: 1,
    name: 'limits',
    connections: [warehouse, { name: 'lake', kind: 'localfs', path: '/lake' }, { name: 'src', kind: 'sqlite', path: 'src.sqlite' }],
    entities: [{ name, columns: COLUMNS, businessKey: ['id'], warehouse: warehouse.name }],
    extracts: [],
  };
  const result = validateProject(project);
  return result.ok ? [] : result.issues.map((i) => `${i.field}: ${i.message}`);
}

describe.each([
  ['postgres', 55, 'é'],
  ['mariadb', 52, 'x'],
] as const)('entity names on a %s warehouse', (kind, max, filler) => {
  // PostgreSQL counts bytes: é is two of them.
  const longest = kind === 'postgres' ? `${filler.repeat(27)}x` : filler.repeat(max);

  it(`refuses a name longer than the warehouse can hold with its suffixes, saying the limit`, async () => {
    const wh = await createWarehouse(kind, ws);
    expect(issues(longest, wh.connection)).toEqual([]);
    const tooLong = `${longest}y`;
    expect(issues(tooLong, wh.connection)).toEqual([expect.stringMatching(new RegExp(`^name: is ${max + 1} (bytes|characters) long; on ${kind} warehouse "wh" an entity name has at most ${max} `))]);
    if (kind === 'mariadb') expect(issues('orders_😀', wh.connection)).toEqual([expect.stringContaining('outside the Basic Multilingual Plane')]);
  });

  it('runs an entity whose name is exactly at the limit, twice', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, [[1], [2]]);
    const wh = await createWarehouse(kind, ws);
    const spec = (batchId: number) => jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId,
      entities: [{
        entity: { name: longest, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: longest, source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
      }],
    });
    expect((await runOk(spec(1))).result.entities[0]).toMatchObject({ status: 'done', inserted: 2 });
    await source.insert('items', COLUMNS, [[3]]);
    expect((await runOk(spec(2))).result.entities[0]).toMatchObject({ status: 'done', inserted: 1 });
  });
});
