import mssql from 'mssql';
import type { Dialect, DialectName } from '../../shared/sql/dialect.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { compile } from '../../shared/sql/statement.ts';
import { request, sqlServerConfig, type SqlServerConfig } from '../source/sqlserver-source.ts';
import type { Warehouse } from './warehouse.ts';

/** A tedious connection as the guard sees it (`beforeConnect` hands each one over before it logs in). */
interface GuardedSession {
  close(): void;
}

/**
 * Keeps a load's transaction on the session that opened it. The pool opens a new session, silently,
 * for the next statement once its connection is gone; inside `BEGIN TRANSACTION` the server has
 * rolled that transaction back with its session, and each statement sent on a new one would commit
 * on its own: half a load. So a session the pool opens while a transaction is open is closed before
 * it logs in (nothing is sent on it), and the statement fails with `lost`'s message.
 */
export function transactionGuard(d: Pick<Dialect, 'beginTransaction' | 'commit' | 'rollback'>): {
  readonly beforeConnect: (session: GuardedSession) => void;
  /** Told of every statement before it is sent: a COMMIT or ROLLBACK ends the transaction. */
  sending(sql: string): void;
  /** Told of every statement that succeeded: a BEGIN opens the transaction (its own session may be new). */
  sent(sql: string): void;
  /** The error a statement failed with, or the guard's own when it refused a session for it. */
  failure(error: unknown): unknown;
} {
  let open = false;
  let refused = false;
  return {
    beforeConnect: (session) => {
      if (!open) return;
      refused = true;
      session.close();
    },
    sending: (text) => {
      if (text === d.commit || text === d.rollback) open = refused = false;
    },
    sent: (text) => {
      if (text === d.beginTransaction) open = true;
    },
    failure: (error) =>
      refused
        ? new Error('the warehouse session was lost inside the load\'s transaction: the server rolled the transaction back, and no statement of it is sent on a new session', { cause: error })
        : error,
  };
}

/**
 * A SQL Server, Azure SQL or Synapse warehouse through `mssql` (tedious). One connection carries
 * the whole load: a T-SQL `BEGIN TRANSACTION` stays open across the batches sent on it until
 * `COMMIT TRANSACTION`, which is how the plan's persist step runs as one transaction. Staging is
 * filled without a file-fed statement: by the SQL Server lander's bulk copy (`tsql`) or by the
 * external table's CTAS (`synapse`), so `load` has nothing to feed.
 */
export async function sqlServerWarehouse(config: SqlServerConfig, spoken: Extract<DialectName, 'tsql' | 'synapse'>): Promise<Warehouse> {
  const d = dialect(spoken);
  const guard = transactionGuard(d);
  const pool = new mssql.ConnectionPool({ ...sqlServerConfig(config), beforeConnect: guard.beforeConnect });
  // A connection that breaks later fails the statement on it; the pool's event must not go unheard.
  pool.on('error', () => undefined);
  await pool.connect();
  return {
    dialect: spoken,
    serialCommits: false,
    async run(statement) {
      const compiled = compile(statement, d);
      // Without values as a plain batch: BEGIN and COMMIT TRANSACTION inside sp_executesql would
      // end it with another transaction count (error 266).
      guard.sending(compiled.sql);
      const r = request(pool, compiled);
      await (compiled.params.length ? r.query(compiled.sql) : r.batch(compiled.sql)).catch((error: unknown) => {
        throw guard.failure(error);
      });
      guard.sent(compiled.sql);
    },
    async execute(sql, params) {
      // Facts' statements, already in this dialect with their values in order (@p1, @p2, …).
      // Types are left to the driver's inference: these values are names, ids and counts.
      const r = pool.request();
      params.forEach((value, i) => r.input(`p${i + 1}`, value));
      await r.query(sql);
    },
    async query(statement) {
      const compiled = compile(statement, d);
      const r = request(pool, compiled);
      r.arrayRowMode = true;
      const result = await r.query(compiled.sql).catch((error: unknown) => {
        throw guard.failure(error);
      });
      return (result.recordset ?? []) as unknown as unknown[][];
    },
    async load(statement) {
      throw new Error(`a ${spoken} warehouse reads no landed file through a statement (${compile(statement, d).sql.slice(0, 60)}…): its staging is filled by bulk copy or by an external table`);
    },
    async close() {
      await pool.close().catch(() => undefined);
    },
  };
}
