// The warehouse connection dropped in the middle of a load, on real servers: the test holds a lock
// on the entity's persistent staging table so that the second run's load waits on it, then ends
// the engine's warehouse session (PostgreSQL pg_terminate_backend, MariaDB KILL). A load is never
// retried — half a transaction cannot be resumed — so the entity fails saying the warehouse
// connection was lost, nothing is committed, the previous `Latest` set is back, and a rerun
// converges without duplicate versions. The run lock's own session ended the same way (its
// 'error' event must not crash the process) fails the entity naming the lost lock — another run
// could take the entity from then on — with nothing committed either.
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
const ROWS = 200;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('the warehouse connection lost mid-load fails the entity, without a retry', () => {
  it.each(['postgres', 'mariadb'] as const)('%s: the load session is ended while it waits on a lock', async (kind) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, Array.from({ length: ROWS }, (_, i) => [i + 1, `row ${i + 1}`]));
    const wh = await createWarehouse(kind, ws);
    const spec = () => jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: Date.now(),
      entities: [{ entity: ENTITY, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' } } }],
    });
    await runOk(spec());
    const entity = must(parseEntity(ENTITY));
    const control = await readControl(wh);
    const versions = await readVersions(wh, entity);
    const latest = await readManifest(ws, 'items');
    expect(versions).toHaveLength(ROWS);

    await source.update('items', COLUMNS, 'id', 7, { payload: 'changed' });
    await source.insert('items', COLUMNS, [[ROWS + 1, 'new']]);
    const blocker = await blockLoad(wh, ws, 'items');
    const running = run(spec());
    await blocker.kill(await blocker.waitingLoad());
    await blocker.release();
    const { result, events } = await running;
    expect(result.entities[0]).toMatchObject({
      status: 'failed',
      retries: 0,
      error: expect.stringMatching(/^entity "items": the connection to warehouse "wh" was lost while [a-z ]+ \(.+\); a load is not retried half way \(its transaction cannot be resumed\), so the entity failed — nothing was committed; run it again$/),
    });
    expect(events.filter((e) => e.type === 'log' && e.level === 'warn' && / failed \(.*\); attempt /.test(e.message))).toEqual([]);
    expect(await readControl(wh)).toEqual(control);
    expect(await readVersions(wh, entity)).toEqual(versions);
    expect(await readManifest(ws, 'items')).toEqual(latest);

    const rerun = await runOk(spec());
    expect(rerun.result.entities[0]).toMatchObject({ status: 'done', inserted: 1, updated: 1 });
    const after = await readVersions(wh, entity);
    const current = after.filter((v) => v.current);
    expect(current).toHaveLength(ROWS + 1);
    expect(new Set(current.map((v) => v.values[0])).size).toBe(ROWS + 1);
    expect(current.find((v) => v.values[0] === '7')?.values[1]).toBe('changed');
    expect(after).toHaveLength(ROWS + 2);
  });
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
