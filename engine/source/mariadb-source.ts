import mysql from 'mysql2';
import type { Compiled } from '../../shared/sql/statement.ts';
import { ConnectionLost } from '../retry.ts';
import { BATCH_ROWS, type Source } from './source.ts';

export interface MariaDbConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string | undefined;
}

/**
 * Connection options for exact values: dates and times as the server's text, DECIMAL and BIGINT
 * as strings, utf8mb4, sessions in UTC.
 */
export function mariadbOptions(config: MariaDbConfig): mysql.ConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    charset: 'utf8mb4',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    timezone: 'Z',
  };
}

/** MariaDB / MySQL through `mysql2`, rows streamed as arrays. */
export async function mariadbSource(config: MariaDbConfig): Promise<Source> {
  const connection = mysql.createConnection(mariadbOptions(config));
  const promise = connection.promise();
  await promise.query("SET time_zone = '+00:00'");
  return {
    async query(statement: Compiled) {
      const [rows] = await promise.query({ sql: statement.sql, values: statement.params, rowsAsArray: true });
      return rows as unknown[][];
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      const rows = connection.query({ sql: statement.sql, values: statement.params, rowsAsArray: true }).stream({ highWaterMark: BATCH_ROWS });
      const stop = (): void => {
        rows.destroy();
        connection.destroy();
      };
      signal.addEventListener('abort', stop, { once: true });
      // A connection killed mid-read (KILL, a restart) ends the socket without ending the row stream.
      const lost = (error?: unknown): void => void rows.destroy(new ConnectionLost(error ?? 'the server closed it'));
      connection.once('error', lost);
      connection.once('end', lost);
      let finished = false;
      try {
        let batch: unknown[][] = [];
        // Async iteration reads only when the loop asks: the stream pauses the socket meanwhile.
        for await (const row of rows) {
          batch.push(row as unknown[]);
          if (batch.length === BATCH_ROWS) {
            yield batch;
            batch = [];
          }
        }
        signal.throwIfAborted();
        if (batch.length) yield batch;
        finished = true;
      } finally {
        signal.removeEventListener('abort', stop);
        connection.off('error', lost);
        connection.off('end', lost);
        // A result left half read blocks the connection: only a closed one is safe to leave.
        if (!finished) stop();
      }
    },
    async close() {
      await promise.end().catch(() => connection.destroy());
    },
  };
}
