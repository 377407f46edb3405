/**
 * Warehouses: run the statements `shared/sql` generates, and fill the staging table from the
 * landed files in the warehouse's own bulk way.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { DecompressStream } from 'zstd-napi';
import type { Compression, FileFormat } from '../../shared/model/schema.ts';
import type { DialectName } from '../../shared/sql/dialect.ts';
import type { CsvLayout, EntitySqlInput, ExtractMode } from '../../shared/sql/entity-sql.ts';
import type { Statement } from '../../shared/sql/statement.ts';
import type { PublishedFile } from '../land/lander.ts';

export interface StageFiles {
  readonly input: EntitySqlInput;
  readonly mode: ExtractMode;
  readonly files: readonly PublishedFile[];
  readonly format: FileFormat;
  readonly csv: CsvLayout;
  readonly compression: Compression;
}

export interface Warehouse {
  readonly dialect: DialectName;
  /** Runs one statement. */
  run(statement: Statement): Promise<void>;
  /** Runs a query; values come back as the driver gives them. */
  query(statement: Statement): Promise<unknown[][]>;
  /** Drops and fills the staging table from the published files (an empty table when there are none). */
  stage(files: StageFiles): Promise<void>;
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

/**
 * Runs a BEGIN … COMMIT list: on any failure or cancellation the transaction is rolled back before the error
 * goes on, so nothing of it stays.
 */
export async function runTransaction(warehouse: Warehouse, statements: readonly Statement[], rollback: Statement, signal: AbortSignal): Promise<void> {
  try {
    for (const statement of statements) {
      // A cancel that arrives before COMMIT rolls back: cancelled runs commit nothing.
      signal.throwIfAborted();
      await warehouse.run(statement);
    }
  } catch (error) {
    await warehouse.run(rollback).catch(() => undefined);
    throw error;
  }
}
