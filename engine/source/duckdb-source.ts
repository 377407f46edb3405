import type { DuckDBConnection } from '@duckdb/node-api';
import type { Compiled } from '../../shared/sql/statement.ts';
import { openDuckDb, type DuckDbHandle } from '../duckdb.ts';
import type { Source } from './source.ts';

/** DuckDB values as the pipeline's values: text for dates, times and decimals, bytes for blobs. */
export function plainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return value;
  if ('bytes' in value && (value as { bytes: unknown }).bytes instanceof Uint8Array) return (value as { bytes: Uint8Array }).bytes;
  return String(value);
}

function plainRows(rows: unknown[][]): unknown[][] {
  for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = plainValue(row[i]);
  return rows;
}

/**
 * A DuckDB database file as a source, read chunk by chunk. Its queries reach no other file unless
 * the connection's `externalAccess` allows it: a free query could otherwise read any file the
 * process can (`read_text('/etc/…')`) into the lake.
 */
export async function duckdbSource(path: string, options: { readonly externalAccess?: boolean | undefined } = {}): Promise<Source> {
  const handle: DuckDbHandle = await openDuckDb(path, { externalAccess: options.externalAccess ?? false });
  const connection: DuckDBConnection = await handle.connect();
  const values = (params: unknown[]) => params as (string | number | boolean | null | bigint)[];
  return {
    async query(statement: Compiled) {
      const reader = await connection.runAndReadAll(statement.sql, values(statement.params));
      return plainRows(reader.getRows() as unknown[][]);
    },
    async resultColumns(statement: Compiled) {
      return (await connection.runAndReadAll(statement.sql, values(statement.params))).columnNames();
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      const result = await connection.stream(statement.sql, values(statement.params));
      for (;;) {
        signal.throwIfAborted();
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        yield plainRows(chunk.getRows() as unknown[][]);
      }
    },
    async close() {
      connection.closeSync();
      await handle.release();
    },
  };
}
