// A run that fails before its files have landed (here: a source it cannot connect to) created the
// warehouse file, psg.* and zdm.control_parameters all the same. Now nothing is created or changed
// in the warehouse until the entity's files have landed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createSource, createWarehouse, jobSpec, run, runOk, WAREHOUSE_KINDS, workspace, type Workspace } from './fixtures.ts';
import type { Connection } from '../../shared/model/index.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('a run that fails before landing, on a %s warehouse', (kind) => {
  it('creates nothing in the warehouse; the next good run creates it all', async () => {
    const source = await createSource('postgres', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, [[1, 'one']]);
    const wh = await createWarehouse(kind, ws);
    const spec = (connection: Connection, batchId: number) => jobSpec({
      ws,
      connections: [connection, wh.connection],
      batchId,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
      }],
    });
    // The source's database name is wrong: the run fails connecting to it.
    const unreachable = { ...source.connection, database: `${'database' in source.connection ? source.connection.database : ''}_missing` } as Connection;
    const { result } = await run(spec(unreachable, 1));
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toContain('connecting to source "src" failed');

    if (wh.connection.kind === 'duckdb') expect(existsSync(wh.connection.path)).toBe(false);
    else {
      expect(await wh.exists('zdm', 'control_parameters')).toBe(false);
      expect(await wh.exists('psg', 'items')).toBe(false);
    }
    if (kind === 'postgres') expect(await wh.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('temp', 'psg', 'zdm')`)).toEqual([]);

    expect((await runOk(spec(source.connection, 2))).result.entities[0]).toMatchObject({ status: 'done', inserted: 1 });
    expect(await wh.exists('zdm', 'control_parameters')).toBe(true);
    expect(await wh.exists('psg', 'items')).toBe(true);
  });
});
