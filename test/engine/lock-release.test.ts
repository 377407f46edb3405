// A released run lock is free the moment `release` resolves: the next run, started right after the
// last one ended (a scheduler's next task, a rerun), is never refused by the run that just ended —
// even when the ended run's last packets reach the server late (a real proxy delays them).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { acquireRunLock } from '../../engine/run-lock.ts';
import { startFaultProxy, type FaultProxy } from '../services/fault-proxy.ts';
import { createWarehouse, workspace, type Workspace } from './fixtures.ts';

const how = () => ({ signal: new AbortController().signal, onRetry: () => undefined });
let ws: Workspace;
beforeAll(async () => {
  ws = await workspace();
});

describe.each(['postgres', 'mariadb'] as const)('%s run locks', (kind) => {
  let proxy: FaultProxy | undefined;
  afterAll(async () => proxy?.stop());

  it('are free for the next run as soon as release resolves, though its packets arrive 300 ms late', async () => {
    const { connection } = await createWarehouse(kind, ws);
    if (connection.kind !== 'postgres' && connection.kind !== 'mariadb') throw new Error(kind);
    proxy = await startFaultProxy(`${connection.host}:${connection.port}`, ['--tcp', '--lag', '300']);
    const slow = { ...connection, port: proxy.port };
    for (let trial = 0; trial < 3; trial++) {
      const ended = await acquireRunLock(`slow-${trial}`, [{ warehouse: slow, entities: ['items', 'other'] }], how());
      await ended.release();
      // The next run, on a connection of its own, right after.
      const next = await acquireRunLock(`next-${trial}`, [{ warehouse: connection, entities: ['items', 'other'] }], how());
      await next.release();
    }
  }, 60_000);
});
