// A run lock's server session killed under a run, on real servers (PostgreSQL pg_terminate_backend,
// MariaDB KILL of the GET_LOCK connection): the process does not crash on the session's 'error'
// event, and the entity fails naming the lost lock — another run could take the entity from then
// on — with nothing committed and the previous `Latest` set back; a rerun converges.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, must, readControl, readManifest, readVersions, run, runOk, workspace, type Workspace } from './fixtures.ts';
import { blockLoad } from './load-blocker.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'payload', type: 'string(60)', nullable: true },
];
const ENTITY = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };
const ROWS = 100;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('a run lock whose session is killed fails the run cleanly', () => {
  it.each(['postgres', 'mariadb'] as const)('%s: the lock session is ended while the load waits', async (kind) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, Array.from({ length: ROWS }, (_, i) => [i + 1, `row ${i + 1}`]));
    const wh = await createWarehouse(kind, ws);
    const spec = (runId = randomUUID()) => jobSpec({
      ws,
      runId,
      connections: [source.connection, wh.connection],
      batchId: Date.now(),
      entities: [{ entity: ENTITY, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' } } }],
    });
    await runOk(spec());
    const entity = must(parseEntity(ENTITY));
    const control = await readControl(wh);
    const versions = await readVersions(wh, entity);
    const latest = await readManifest(ws, 'items');

    await source.update('items', COLUMNS, 'id', 7, { payload: 'changed' });
    const blocker = await blockLoad(wh, ws, 'items');
    const runId = randomUUID();
    const running = run(spec(runId));
    await blocker.waitingLoad();
    await blocker.kill(await blocker.lockSession(runId, 'items'));
    await blocker.release();
    const { result } = await running;
    expect(result.status).toBe('failed');
    expect(result.entities[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^entity "items": the run lock of entity "items" on warehouse "wh" was lost: its server session ended \(.+\) while [a-z ]+; another run may hold the entity now, so this one stopped — nothing was committed; run it again$/),
    });
    expect(await readControl(wh)).toEqual(control);
    expect(await readVersions(wh, entity)).toEqual(versions);
    expect(await readManifest(ws, 'items')).toEqual(latest);

    const rerun = await runOk(spec());
    expect(rerun.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 1 });
  });
});
