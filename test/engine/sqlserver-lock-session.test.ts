// The SQL Server run lock's session watch, wired to the driver's real connections: an `mssql`
// pool's tedious Connection to a port nothing listens on (opened and closed here, on 127.0.0.1)
// ends as a killed session's would, with the driver's own 'error' / 'end' events. The same
// sessionWatch and round-trip check serve the PostgreSQL and MariaDB locks, whose losses are run
// against real servers in warehouse-connection-lost.test.ts and transient-faults.test.ts.
import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { closedPort } from './closed-port.ts';
import { LockLost, sqlServerSessions } from '../../engine/run-lock.ts';
import { SESSION_IDLE_MS, sqlServerConfig } from '../../engine/source/sqlserver-source.ts';

const WHAT = 'entity "items" on warehouse "wh"';

/** A pool of one connection to a closed port, its sessions handed to `sessions`, as sqlServerLocks builds it. */
async function poolTo(sessions: ReturnType<typeof sqlServerSessions>): Promise<mssql.ConnectionPool> {
  const config = sqlServerConfig({ host: '127.0.0.1', port: await closedPort(), database: 'dw', authentication: 'sql', user: 'etl', password: 'x', encrypt: false, trustServerCertificate: true });
  const pool = new mssql.ConnectionPool({ ...config, connectionTimeout: 5000, beforeConnect: sessions.beforeConnect });
  pool.on('error', () => undefined);
  return pool;
}

const lostReason = (signal: AbortSignal): unknown => signal.reason;

describe('the SQL Server run lock session', () => {
  it('is lost, with LockLost, when its tedious connection ends', async () => {
    const sessions = sqlServerSessions(WHAT);
    const pool = await poolTo(sessions);
    const connecting = pool.connect().then(() => undefined, (error: unknown) => error);
    // The pool has just opened its session (the one a lock would be taken on): watch it.
    const session = sessions.hold(() => pool.request().query('SELECT 1'));
    expect(session.lost.aborted).toBe(false);
    const failure = await connecting;
    expect(failure).toBeInstanceOf(Error);
    await expect.poll(() => session.lost.aborted).toBe(true);
    const reason = lostReason(session.lost);
    expect(reason).toBeInstanceOf(LockLost);
    expect((reason as Error).message).toMatch(/^the run lock of entity "items" on warehouse "wh" was lost: its server session ended \(/);
    // check() does not answer from a lost session: it throws the same LockLost.
    await expect(session.check()).rejects.toBe(reason);
    await pool.close().catch(() => undefined);
  });

  it('turns a failed SELECT 1 round trip into LockLost', async () => {
    const sessions = sqlServerSessions(WHAT);
    const pool = await poolTo(sessions);
    const connecting = pool.connect().catch(() => undefined);
    const session = sessions.hold(() => Promise.reject(new Error('Connection lost - read ECONNRESET')));
    await connecting;
    // Whichever came first (the driver's event or the round trip), the answer is LockLost.
    const error = await session.check().then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(LockLost);
    await pool.close().catch(() => undefined);
  });

  it('is lost when the pool opens another session after the locks were taken', async () => {
    const sessions = sqlServerSessions(WHAT);
    const pool = await poolTo(sessions);
    const first = pool.connect().catch(() => undefined);
    const session = sessions.hold(() => pool.request().query('SELECT 1'));
    // Told of a release, the watch lets its session end unreported: only the new session below can
    // be the cause here.
    session.releasing();
    await first;
    expect(session.lost.aborted, 'a released session that ends is no loss').toBe(false);
    // A second connect of the same pool opens a second tedious session: the lock's is gone.
    await pool.connect().catch(() => undefined);
    expect(session.lost.aborted).toBe(true);
    expect((lostReason(session.lost) as Error).message).toMatch(/was lost: its server session ended \(the connection pool had to open another session\)$/);
    await pool.close().catch(() => undefined);
  });

  it('keeps an idle session open for the whole run (the pool would close it after 30 s)', () => {
    const config = sqlServerConfig({ host: 'h', port: 1433, database: 'd', authentication: 'sql', encrypt: true, trustServerCertificate: false });
    expect(config.pool?.idleTimeoutMillis).toBe(SESSION_IDLE_MS);
    expect(SESSION_IDLE_MS).toBeGreaterThanOrEqual(365 * 86_400_000);
  });
});
