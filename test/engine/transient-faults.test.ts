// Transient faults on real servers and a real proxy process (test/services/fault-proxy.mjs):
// connecting is retried a bounded number of times with backoff (the result and the log say how
// often), a connection that keeps failing ends in a clean failure, and a source connection killed
// mid-read (pg_terminate_backend, MariaDB KILL) fails the entity without a retry — re-reading is
// only safe from the start — with nothing landed or committed.
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model/index.ts';
import type { EngineEvent, JobSpec } from '../../shared/protocol/engine.ts';
import { startFaultProxy } from '../services/fault-proxy.ts';
import { createSource, createWarehouse, jobSpec, readControl, readManifest, run, workspace, type TestSource, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'payload', type: 'string(60)' },
];
const ROWS = 8000;
/** The row whose read waits on a lock the test holds: reading stops there, half way. */
const GATE_ROW = 5000;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function itemsSource(kind: 'postgres' | 'mariadb'): Promise<TestSource> {
  const source = await createSource(kind, ws);
  await source.createTable('items', COLUMNS);
  await source.insert('items', COLUMNS, Array.from({ length: ROWS }, (_, i) => [i + 1, `row ${i + 1}`]));
  return source;
}

function specOf(source: Connection, warehouse: Connection, table: string, format: 'csv' | 'parquet' = 'csv'): JobSpec {
  return jobSpec({
    ws,
    connections: [source, warehouse],
    batchId: 1,
    entities: [{
      entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: 'items', source: { kind: 'table', connection: 'src', table }, pattern: { kind: 'full' }, format: { kind: format } },
    }],
  });
}

const warnings = (events: readonly EngineEvent[]): string[] => events.flatMap((e) => (e.type === 'log' && e.level === 'warn' ? [e.message] : []));
const viaProxy = (connection: Connection, port: number): Connection => ({ ...connection, host: '127.0.0.1', port } as Connection);

describe('connecting through a proxy that resets connections', () => {
  it.each(['postgres', 'mariadb'] as const)('%s source: two resets are retried, the run succeeds and says so', async (kind) => {
    const source = await itemsSource(kind);
    const wh = await createWarehouse('duckdb', ws);
    const proxy = await startFaultProxy(`${source.server!.host}:${source.server!.port}`, ['--tcp', '--reset', '2']);
    ws.defer(() => proxy.stop());
    const { result, events } = await run(specOf(viaProxy(source.connection, proxy.port), wh.connection, 'items'));
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS, retries: 2 });
    expect(proxy.faults()).toBe(2);
    expect(warnings(events)).toEqual([
      expect.stringMatching(/^connecting to source "src" failed \(.*\); attempt 2 of 4 in 500 ms$/),
      expect.stringMatching(/^connecting to source "src" failed \(.*\); attempt 3 of 4 in 1000 ms$/),
    ]);
  });

  it('postgres warehouse: a reset of the load connection is retried', async () => {
    const source = await itemsSource('postgres');
    const wh = await createWarehouse('postgres', ws);
    const server = source.server!;
    const proxy = await startFaultProxy(`${server.host}:${server.port}`, // The run lock's connection (the first) passes; the entity's own connection is reset once.
      ['--tcp', '--skip', '1', '--reset', '1']);
    ws.defer(() => proxy.stop());
    const { result } = await run(specOf(source.connection, viaProxy(wh.connection, proxy.port), 'items'));
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS, retries: 1 });
  });

  it.each(['postgres', 'mariadb'] as const)('%s warehouse: a reset of the run lock\'s connection (the first) is retried', async (kind) => {
    const source = await itemsSource('postgres');
    const wh = await createWarehouse(kind, ws);
    const { host, port } = wh.connection as Extract<Connection, { kind: 'postgres' | 'mariadb' }>;
    const proxy = await startFaultProxy(`${host}:${port}`, ['--tcp', '--reset', '1']);
    ws.defer(() => proxy.stop());
    const { result, events } = await run(specOf(source.connection, viaProxy(wh.connection, proxy.port), 'items'));
    expect(result.status).toBe('succeeded');
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS, retries: 0 });
    expect(proxy.faults()).toBe(1);
    expect(warnings(events)).toEqual([expect.stringMatching(/^taking the run lock on warehouse "wh" failed \(.*\); attempt 2 of 4 in 500 ms$/)]);
  });

  it('a source that keeps resetting: 4 attempts, then a clean failure with nothing committed', async () => {
    const source = await itemsSource('postgres');
    const wh = await createWarehouse('postgres', ws);
    const proxy = await startFaultProxy(`${source.server!.host}:${source.server!.port}`, ['--tcp', '--reset', '100']);
    ws.defer(() => proxy.stop());
    const spec = specOf(viaProxy(source.connection, proxy.port), wh.connection, 'items');
    const before = await readControl(wh);
    const { result } = await run(spec);
    expect(result.entities[0]).toMatchObject({ status: 'failed', retries: 3, error: expect.stringMatching(/^entity "items": connecting to source "src" failed: /) });
    expect(proxy.faults()).toBe(4);
    expect(await readControl(wh)).toEqual(before);
    expect(await readManifest(ws, 'items')).toBeUndefined();
  });
});

describe('a source connection killed mid-read fails the entity, without a retry', () => {
  it.each(['csv', 'parquet'] as const)('postgres (%s): pg_terminate_backend while the read waits at row 5000', async (format) => {
    const source = await itemsSource('postgres');
    await source.exec(`CREATE FUNCTION gate(i int) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN IF i = ${GATE_ROW} THEN PERFORM pg_advisory_lock_shared(4242); END IF; RETURN true; END $$`);
    await source.exec('CREATE VIEW items_gated AS SELECT id, payload FROM items WHERE gate(id)');
    const wh = await createWarehouse('duckdb', ws);
    const server = source.server!;
    const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database });
    await admin.connect();
    ws.defer(() => admin.end());
    await admin.query('SELECT pg_advisory_lock(4242)');
    const running = run(specOf(source.connection, wh.connection, 'items_gated', format));
    let pid: number | undefined;
    while (pid === undefined) {
      const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'landfall extract' AND wait_event_type = 'Lock'");
      pid = rows[0]?.pid;
      if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.query('SELECT pg_advisory_unlock(4242)');
    const { result, events } = await running;
    expect(result.entities[0]).toMatchObject({
      status: 'failed',
      retries: 0,
      error: expect.stringMatching(/^entity "items": the connection to source "src" was lost while extracting \(.*\); a read is not resumed half way, so the entity failed — nothing was committed; run it again$/),
    });
    expect(warnings(events)).toEqual([]);
    expect(await readControl(wh)).toEqual([]);
    expect(await readManifest(ws, 'items')).toBeUndefined();
  });

  it('mariadb: KILL while the read waits at row 5000', async () => {
    const source = await itemsSource('mariadb');
    await source.exec(`CREATE FUNCTION gate(i INT) RETURNS INT NOT DETERMINISTIC BEGIN IF i = ${GATE_ROW} THEN RETURN GET_LOCK('landfall_gate', 60); END IF; RETURN 1; END`);
    await source.exec('CREATE VIEW items_gated AS SELECT id, payload FROM items WHERE gate(id) = 1');
    const wh = await createWarehouse('duckdb', ws);
    const server = source.server!;
    const admin = await mysql.createConnection({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database });
    ws.defer(() => admin.end());
    await admin.query("SELECT GET_LOCK('landfall_gate', 10)");
    const running = run(specOf(source.connection, wh.connection, 'items_gated'));
    let id: number | undefined;
    while (id === undefined) {
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND STATE = 'User lock' AND ID <> CONNECTION_ID()");
      id = rows[0]?.ID as number | undefined;
      if (id === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`KILL ${id}`);
    await admin.query("SELECT RELEASE_LOCK('landfall_gate')");
    const { result } = await running;
    expect(result.entities[0]).toMatchObject({
      status: 'failed',
      retries: 0,
      error: expect.stringMatching(/^entity "items": the connection to source "src" was lost while extracting \(.*\); a read is not resumed half way/),
    });
    expect(await readControl(wh)).toEqual([]);
    expect(await readManifest(ws, 'items')).toBeUndefined();
  });
});
