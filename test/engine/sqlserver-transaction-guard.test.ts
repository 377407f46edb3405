// The SQL Server warehouse's transaction guard, on the driver's real connections: an `mssql` pool
// whose tedious session connects to a TCP port that accepts and never answers (no SQL Server, no
// TDS: the login simply does not complete). A session the pool opens inside the load's transaction
// is closed before it logs in, so no statement of that transaction can run, and commit, on it.
import mssql from 'mssql';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dialect } from '../../shared/sql/dialect.ts';
import { sqlServerConfig } from '../../engine/source/sqlserver-source.ts';
import { transactionGuard } from '../../engine/warehouse/sqlserver-warehouse.ts';

const CONNECT_TIMEOUT_MS = 1500;
const sockets: Socket[] = [];
let server: Server | undefined;
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A port that accepts connections and never says a word. */
async function silentPort(): Promise<number> {
  server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** Connects a pool guarded by `guard`; how long it took and what it failed with. */
async function connect(guard: ReturnType<typeof transactionGuard>): Promise<{ ms: number; error: unknown }> {
  const config = sqlServerConfig({ host: '127.0.0.1', port: await silentPort(), database: 'dw', authentication: 'sql', user: 'etl', password: 'x', encrypt: false, trustServerCertificate: true });
  const pool = new mssql.ConnectionPool({ ...config, connectionTimeout: CONNECT_TIMEOUT_MS, beforeConnect: guard.beforeConnect });
  pool.on('error', () => undefined);
  const started = Date.now();
  const error = await pool.connect().then(() => undefined, (caught: unknown) => caught);
  await pool.close().catch(() => undefined);
  return { ms: Date.now() - started, error };
}

const tsql = dialect('tsql');

describe('the SQL Server warehouse transaction guard', () => {
  it('closes a session the pool opens inside BEGIN TRANSACTION before it logs in', async () => {
    const guard = transactionGuard(tsql);
    guard.sending(tsql.beginTransaction);
    guard.sent(tsql.beginTransaction);
    const { ms, error } = await connect(guard);
    expect(error).toBeInstanceOf(Error);
    // Closed at once, not left to the connect timeout.
    expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS);
    expect((guard.failure(error) as Error).message).toBe("the warehouse session was lost inside the load's transaction: the server rolled the transaction back, and no statement of it is sent on a new session");
    // The transaction's end lets sessions open again, and errors pass as they are.
    guard.sending(tsql.rollback);
    expect(guard.failure(error)).toBe(error);
  });

  it('lets a session open outside a transaction, and for the BEGIN itself (it waits for the login, here until the timeout)', async () => {
    const guard = transactionGuard(tsql);
    // The BEGIN is being sent: its session may be a new one.
    guard.sending(tsql.beginTransaction);
    expect((await connect(guard)).ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
    guard.sent(tsql.beginTransaction);
    guard.sending(tsql.commit);
    const { ms, error } = await connect(guard);
    expect(error).toBeInstanceOf(Error);
    expect(ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
    expect(guard.failure(error)).toBe(error);
  });
});
