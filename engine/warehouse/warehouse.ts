/**
 * Warehouses: run the statements of the run plan (`shared/plan`), and feed a landed file to a
 * statement that reads it (PostgreSQL `COPY … FROM STDIN`, MariaDB `LOAD DATA LOCAL INFILE`).
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { DecompressStream } from 'zstd-napi';
import type { Compression } from '../../shared/model/schema.ts';
import type { DialectName } from '../../shared/sql/dialect.ts';
import type { Statement } from '../../shared/sql/statement.ts';

export interface Warehouse {
  readonly dialect: DialectName;
  /**
   * Whether the run's commits into this warehouse go one at a time: DuckDB's optimistic
   * concurrency makes two writers of its shared control table conflict.
   */
  readonly serialCommits: boolean;
  /** Runs one statement. */
  run(statement: Statement): Promise<void>;
  /** Runs SQL text already in the driver's placeholders with its values (a batch of pushed rows, built once per batch size). */
  execute(sql: string, params: readonly unknown[]): Promise<void>;
  /** Runs a query; values come back as the driver gives them. */
  query(statement: Statement): Promise<unknown[][]>;
  /** Runs a statement that reads one landed file (its content decompressed on the way). */
  load(statement: Statement, file: string, compression: Compression): Promise<void>;
  close(): Promise<void>;
}

/** A landed file's content, decompressed, for COPY and LOAD DATA. */
export function readLanded(location: string, compression: Compression): Readable {
  const file = createReadStream(location);
  if (compression === 'none') return file;
  const inflate = compression === 'gzip' ? createGunzip() : new DecompressStream();
  file.on('error', (error) => inflate.destroy(error));
  return file.pipe(inflate);
}
