// Opt-in: SQL Server / Azure SQL end to end, against the database LANDFALL_TEST_SQLSERVER names
// (an empty database the login may create schemas in; see README). A SQLite source is landed by
// the SQL Server lander (bulk copy into temp.<entity>) and loaded into the same database: first
// load, a second run with an update, a delete and an insert, the saved state, the run lock (held,
// refused, lost when its session is killed), a SQL Server source's datetime2(7) watermark, wide
// decimals and money, and the Change Tracking path on a table of the same database. Without the variable no test is
// registered here and the run says so on stderr (test/sqlserver/opt-in.ts).
import mssql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model/index.ts';
import { parseConnection } from '../../shared/model/index.ts';
import { acquireRunLock, LockHeld, LockLost } from '../../engine/run-lock.ts';
import { createSource, jobSpec, must, run, workspace, type Workspace } from '../engine/fixtures.ts';
import { adlsOptIn, reportNotRun, sqlServerOptIn } from './opt-in.ts';

describe('the opt-in configuration', () => {
  it('reads LANDFALL_TEST_SQLSERVER and LANDFALL_TEST_ADLS_DFS as the README documents them', () => {
    expect(sqlServerOptIn({})).toEqual({ ok: false, why: expect.stringContaining('LANDFALL_TEST_SQLSERVER is not set') });
    expect(sqlServerOptIn({ LANDFALL_TEST_SQLSERVER: 'host=h;database=d;user=u' })).toEqual({ ok: false, why: expect.stringContaining('lacks password') });
    expect(sqlServerOptIn({ LANDFALL_TEST_SQLSERVER: 'Host=db.example;Port=14330;Database=lf;User=sa;Password=a=b;Encrypt=false' })).toEqual({
      ok: true, target: { host: 'db.example', port: 14330, database: 'lf', user: 'sa', password: 'a=b', encrypt: false, trustServerCertificate: false },
    });
    expect(adlsOptIn({ LANDFALL_TEST_ADLS_DFS: 'account=a1;fileSystem=fs' })).toEqual({ ok: false, why: expect.stringContaining('lacks key') });
  });
});

const optIn = sqlServerOptIn(process.env);
if (!optIn.ok) reportNotRun('SQL Server / Azure SQL integration suite', optIn.why);
else {
  const target = optIn.target;
  const wh = (): Connection => ({ ...must(parseConnection({ name: 'wh', kind: 'sqlserver', host: target.host, port: target.port, database: target.database, user: target.user, password: '${env:X}', encrypt: target.encrypt, trustServerCertificate: target.trustServerCertificate })), password: target.password } as Connection);
  const ENTITY = { name: 'lf_it_items', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'name', type: 'string(40)' }, { name: 'amount', type: 'decimal(38,10)' }, { name: 'at', type: 'datetime' }], businessKey: ['id'], warehouse: 'wh' };
  const COLUMNS = ENTITY.columns.map((c) => ({ name: c.name, type: c.type }));
  let ws: Workspace;
  let pool: mssql.ConnectionPool;
  const rows = async (text: string): Promise<unknown[][]> => {
    const r = pool.request();
    r.arrayRowMode = true;
    return (await r.query(text)).recordset as unknown as unknown[][];
  };
  beforeAll(async () => {
    ws = await workspace();
    pool = await new mssql.ConnectionPool({ server: target.host, port: target.port, database: target.database, user: target.user, password: target.password, options: { encrypt: target.encrypt, trustServerCertificate: target.trustServerCertificate } }).connect();
    for (const table of ['dbo.lf_it_src', 'psg.lf_it_precise', 'temp.lf_it_precise', 'temp.lf_it_precise_delta', 'psg.lf_it_items', 'temp.lf_it_items', 'temp.lf_it_items_delta', 'psg.lf_it_swept', 'temp.lf_it_swept', 'temp.lf_it_swept_delta', 'temp.lf_it_swept__keys', 'temp.lf_it_swept__keys_delta']) {
      await pool.request().batch(`IF OBJECT_ID(N'${table}', N'U') IS NOT NULL DROP TABLE ${table}`);
    }
    await pool.request().batch("IF OBJECT_ID(N'zdm.control_parameters', N'U') IS NOT NULL DELETE FROM zdm.control_parameters WHERE entity IN (N'lf_it_items', N'lf_it_swept', N'lf_it_precise')");
  });
  afterAll(async () => {
    await pool?.close();
    await ws?.cleanup();
  });

  describe('SQL Server lander and warehouse (LANDFALL_TEST_SQLSERVER)', () => {
    it('bulk copies into temp.<entity>, loads persistent staging, and a second run makes only the changed versions', async () => {
      const source = await createSource('sqlite', ws);
      ws.defer(() => source.close());
      await source.createTable('items', COLUMNS);
      await source.insert('items', COLUMNS, [[1, 'one', '12345678901234567890.1234567890', '2026-01-02 03:04:05.1234567'], [2, 'two, "quoted"\nline', null, null], [3, '', '0.5', '2026-01-01 00:00:00']]);
      const spec = (batchId: number) => jobSpec({
        ws, connections: [source.connection, wh()], batchId,
        entities: [{ entity: ENTITY, extract: { entity: ENTITY.name, source: { connection: 'src', kind: 'table', table: 'items' }, pattern: { kind: 'full' }, lander: { connection: 'wh', concurrency: 2 }, fileSizeMb: 0.0625 } }],
      });
      const first = await run(spec(1));
      expect(first.result.entities[0]?.error).toBeUndefined();
      expect(first.result.entities[0]).toMatchObject({ status: 'done', inserted: 3 });
      expect(await rows("SELECT id, name, CONVERT(NVARCHAR(60), amount), CONVERT(NVARCHAR(40), at, 121) FROM psg.lf_it_items WHERE lf_is_current = 1 ORDER BY id")).toEqual([
        [1, 'one', '12345678901234567890.1234567890', '2026-01-02 03:04:05.1234567'],
        [2, 'two, "quoted"\nline', null, null],
        [3, '', '0.5000000000', '2026-01-01 00:00:00.0000000'],
      ]);
      await source.update('items', COLUMNS, 'id', 1, { name: 'uno' });
      await source.delete('items', 'id', 3);
      await source.insert('items', COLUMNS, [[4, 'four', '4', null]]);
      const second = await run(spec(2));
      expect(second.result.entities[0]).toMatchObject({ status: 'done', inserted: 1, updated: 1, deleted: 1 });
      expect(await rows('SELECT COUNT(*) FROM psg.lf_it_items')).toEqual([[6]]);
    });

    // Issue 16: the key sweep's keys are bulk copied into temp.<entity>__keys, as the entity's rows are.
    it('sweeps keys into temp.<entity>__keys by bulk copy: a key deleted at the source ends as a delete version', async () => {
      const source = await createSource('sqlite', ws);
      ws.defer(() => source.close());
      await source.createTable('items', COLUMNS);
      await source.insert('items', COLUMNS, [[1, 'one', '1', '2026-01-01 00:00:00'], [2, 'two', '2', '2026-01-02 00:00:00'], [3, 'three', '3', '2026-01-03 00:00:00']]);
      const entity = { ...ENTITY, name: 'lf_it_swept', keySweep: { schedule: { kind: 'everyRun' as const } } };
      const spec = (batchId: number) => jobSpec({
        ws, connections: [source.connection, wh()], batchId,
        entities: [{ entity, extract: { entity: entity.name, source: { connection: 'src', kind: 'table', table: 'items' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'at' }] }, lander: { connection: 'wh' } } }],
      });
      expect((await run(spec(1))).result.entities[0]).toMatchObject({ status: 'done', inserted: 3 });
      await source.delete('items', 'id', 2);
      const swept = await run(spec(2));
      expect(swept.result.entities[0]).toMatchObject({ status: 'done', rows: 0, deleted: 1 });
      expect(swept.events.some((e) => e.type === 'entity:statement' && e.entry.step === 'sweepLand')).toBe(true);
      expect(await rows('SELECT COUNT(*) FROM temp.lf_it_swept__keys')).toEqual([[2]]);
      expect(await rows('SELECT id FROM psg.lf_it_swept WHERE lf_is_current = 1 AND lf_is_deleted = 1')).toEqual([[2]]);
    });

    // Issue 16, item 6: a SQL Server source's datetime2(7) change column, wide decimals and money.
    it('reads datetime2(7), decimal(38,10) and money exactly, and a second run re-reads no boundary row', async () => {
      await pool.request().batch(`CREATE TABLE dbo.lf_it_src (id INT NOT NULL PRIMARY KEY, at DATETIME2(7) NOT NULL, at_offset DATETIMEOFFSET(7) NULL, amount DECIMAL(38,10) NULL, price MONEY NULL);
INSERT INTO dbo.lf_it_src VALUES (1, '2026-01-02 03:04:05.1234567', '2026-01-02 05:04:05.1234567 +02:00', 12345678901234567890.1234567890, 922337203685477.5807), (2, '2026-01-02 03:04:05.1234560', NULL, -0.5, 0.0001)`);
      const src = { ...must(parseConnection({ name: 'src', kind: 'sqlserver', host: target.host, port: target.port, database: target.database, user: target.user, password: '${env:X}', encrypt: target.encrypt, trustServerCertificate: target.trustServerCertificate })), password: target.password } as Connection;
      const entity = { name: 'lf_it_precise', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'at', type: 'datetime' }, { name: 'at_offset', type: 'datetimeoffset' }, { name: 'amount', type: 'decimal(38,10)' }, { name: 'price', type: 'decimal(19,4)' }], businessKey: ['id'], warehouse: 'wh' };
      const spec = (batchId: number) => jobSpec({
        ws, connections: [src, wh()], batchId,
        entities: [{ entity, extract: { entity: entity.name, source: { connection: 'src', kind: 'table', schema: 'dbo', table: 'lf_it_src' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'at' }] }, lander: { connection: 'wh' } } }],
      });
      expect((await run(spec(1))).result.entities[0]).toMatchObject({ status: 'done', inserted: 2 });
      expect(await rows("SELECT id, CONVERT(NVARCHAR(40), at, 121), CONVERT(NVARCHAR(40), at_offset, 121), CONVERT(NVARCHAR(60), amount), CONVERT(NVARCHAR(30), price) FROM psg.lf_it_precise ORDER BY id")).toEqual([
        [1, '2026-01-02 03:04:05.1234567', '2026-01-02 03:04:05.1234567 +00:00', '12345678901234567890.1234567890', '922337203685477.5807'],
        [2, '2026-01-02 03:04:05.1234560', null, '-0.5000000000', '0.0001'],
      ]);
      expect(await rows("SELECT value FROM zdm.control_parameters WHERE entity = N'lf_it_precise' AND parameter = N'at'")).toEqual([['2026-01-02 03:04:05.1234567']]);
      // Nothing changed: the row at .1234567 is not read again.
      expect((await run(spec(2))).result.entities[0]).toMatchObject({ status: 'done', rows: 0 });
      // 100 ns after the boundary: read.
      await pool.request().batch("INSERT INTO dbo.lf_it_src VALUES (3, '2026-01-02 03:04:05.1234568', NULL, 1, 1)");
      expect((await run(spec(3))).result.entities[0]).toMatchObject({ status: 'done', rows: 1, inserted: 1 });
    });

    // Issue 16: the lock's session is watched. KILL needs ALTER ANY CONNECTION (on Azure SQL: KILL on the database's own sessions).
    it('loses the run lock, with LockLost, when its session is killed', async () => {
      const how = { signal: new AbortController().signal, onRetry: () => undefined };
      const held = await acquireRunLock('run-killed', [{ warehouse: wh(), entities: ['lf_it_items'] }], how);
      try {
        const [[session]] = (await rows("SELECT session_id FROM sys.dm_exec_sessions WHERE program_name = N'landfall run run-killed'")) as [[number]];
        await pool.request().batch(`KILL ${Number(session)}`);
        await expect.poll(() => held.lost.aborted, { timeout: 10_000 }).toBe(true);
        expect(held.lost.reason).toBeInstanceOf(LockLost);
        await expect(held.check()).rejects.toBeInstanceOf(LockLost);
      } finally {
        await held.release();
      }
      // The server freed it with the session: another run takes it.
      const again = await acquireRunLock('run-after', [{ warehouse: wh(), entities: ['lf_it_items'] }], how);
      await again.release();
    });

    it('holds the run lock with sp_getapplock: a second run is refused, naming the holder', async () => {
      const how = { signal: new AbortController().signal, onRetry: () => undefined };
      const held = await acquireRunLock('run-a', [{ warehouse: wh(), entities: ['lf_it_items'] }], how);
      try {
        await expect(acquireRunLock('run-b', [{ warehouse: wh(), entities: ['LF_IT_ITEMS'] }], how)).rejects.toThrow(LockHeld);
      } finally {
        await held.release();
      }
      const again = await acquireRunLock('run-c', [{ warehouse: wh(), entities: ['lf_it_items'] }], how);
      await again.release();
    });
  });
}
