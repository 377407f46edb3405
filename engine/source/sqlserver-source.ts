import mssql from 'mssql';
import type { SqlValue } from '../../shared/sql/dialect.ts';
import type { Compiled } from '../../shared/sql/statement.ts';
import { BATCH_ROWS, type Source } from './source.ts';

export interface SqlServerConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly authentication: 'sql' | 'azure-default';
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
}

/** How long the pool keeps an idle connection: for as long as the pool lives (tarn takes no "never"). */
export const SESSION_IDLE_MS = Number.MAX_SAFE_INTEGER;

/** The driver's settings for a connection; `poolSize` connections at most (one, for a source or a warehouse session). */
export function sqlServerConfig(config: SqlServerConfig, poolSize = 1): mssql.config {
  return {
    server: config.host,
    port: config.port,
    database: config.database,
    ...(config.authentication === 'sql'
      ? { user: config.user, password: config.password }
      : { authentication: { type: 'azure-active-directory-default', options: {} } }),
    options: {
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate,
      // Dates arrive with their wall-clock fields in UTC, which values.ts reads as they are.
      useUTC: true,
      appName: 'landfall',
    },
    requestTimeout: 0,
    // An idle connection is never closed by the pool (its default: after 30 s): the session of a
    // run lock sits idle for the whole run, and closing it would free the lock (sp_getapplock's
    // session owner) while the run goes on; a warehouse's open transaction lives on its session too.
    pool: { max: poolSize, min: 0, idleTimeoutMillis: SESSION_IDLE_MS },
  };
}

/** The driver type of a bound value: text stays NVARCHAR so SQL Server converts it exactly. */
function parameterType(type: SqlValue['type']): mssql.ISqlType | (() => mssql.ISqlType) {
  switch (type) {
    case 'integer': return mssql.BigInt;
    case 'boolean': return mssql.Bit;
    case 'double': return mssql.Float;
    default: return mssql.NVarChar(mssql.MAX);
  }
}

/** A request with the statement's values bound as `@p1`, `@p2`, … */
export function request(pool: mssql.ConnectionPool, statement: Compiled): mssql.Request {
  const r = pool.request();
  statement.params.forEach((value, i) => {
    const type = statement.types[i]!;
    r.input(`p${i + 1}`, parameterType(type), type === 'integer' && typeof value === 'string' ? BigInt(value) : value);
  });
  return r;
}

/**
 * SQL Server and Azure SQL through `mssql` (tedious): the request streams rows as arrays and is
 * paused while the pipeline catches up. The engine's tests cannot reach a SQL Server; this file
 * keeps to the driver's documented streaming API and the same Source contract as the others.
 */
export async function sqlServerSource(config: SqlServerConfig): Promise<Source> {
  const pool = await new mssql.ConnectionPool(sqlServerConfig(config)).connect();
  return {
    async query(statement: Compiled) {
      const r = request(pool, statement);
      r.arrayRowMode = true;
      const result = await r.query(statement.sql);
      return result.recordset as unknown as unknown[][];
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      const r = request(pool, statement);
      r.stream = true;
      r.arrayRowMode = true;
      let batch: unknown[][] = [];
      const ready: unknown[][][] = [];
      let done = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const notify = (): void => {
        wake?.();
        wake = undefined;
      };
      r.on('row', (row: unknown[]) => {
        batch.push(row);
        if (batch.length === BATCH_ROWS) {
          ready.push(batch);
          batch = [];
          // Backpressure: stop the server's rows while a batch waits for the pipeline.
          r.pause();
          notify();
        }
      });
      r.on('error', (error: unknown) => {
        failure ??= error;
        notify();
      });
      r.on('done', () => {
        if (batch.length) ready.push(batch);
        done = true;
        notify();
      });
      const stop = (): void => {
        r.cancel();
        notify();
      };
      signal.addEventListener('abort', stop, { once: true });
      void r.query(statement.sql);
      try {
        for (;;) {
          if (failure) throw failure;
          signal.throwIfAborted();
          const next = ready.shift();
          if (next) {
            yield next;
            r.resume();
            continue;
          }
          if (done) break;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        signal.removeEventListener('abort', stop);
        if (!done) r.cancel();
      }
    },
    async close() {
      await pool.close();
    },
  };
}
