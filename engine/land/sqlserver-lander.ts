/**
 * The SQL Server / Azure SQL lander (seed 000, "Azure SQL Database/SQL Server"): no lake. Each
 * in-memory file the aggregator hands over is bulk copied into `temp.<entity>` of the warehouse,
 * up to `concurrency` files at once, each on a connection of its own (SQL Server accepts parallel
 * bulk loads into one heap). The table is dropped and created on the lander's first write of the
 * batch, with the plan's own statements, and only once however many files race to be first; a
 * run that extracts no row creates it at publish, so the load always finds its staging table.
 *
 * What it bulk copies is the file the format writer built (CSV, compressed or not): read back
 * with the same layout, values sent as text the server converts to each column's type.
 */
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import mssql from 'mssql';
import { decompress } from 'zstd-napi';
import type { PlanStatement } from '../../shared/plan/run-plan.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import type { BulkCopyTarget } from '../../shared/sql/steps/bulk-copy.ts';
import { compile } from '../../shared/sql/statement.ts';
import { sqlServerConfig, type SqlServerConfig } from '../source/sqlserver-source.ts';
import type { Lander, LandingFile, PublishedFile } from './lander.ts';

/** The plan's land step for a lander that is the warehouse, and how its statements are logged. */
export interface BulkLanding {
  readonly statements: readonly PlanStatement[];
  /** Told of each statement as it is sent, as the engine logs every plan statement. */
  readonly executing: (item: PlanStatement) => void;
  /** How many files are bulk copied at once (the extract's lander concurrency). */
  readonly concurrency: number;
}

const d = dialect('tsql');

/** The driver's type for each column as the target sends it. */
function columnTypes(target: BulkCopyTarget): (() => mssql.ISqlType)[] {
  return target.columns.map((c) => {
    if (c.sent === 'bytes') return () => mssql.VarBinary(mssql.MAX);
    const length = /^NVARCHAR\((\d+)\)$/.exec(c.declared);
    return () => mssql.NVarChar(length ? Number(length[1]) : mssql.MAX);
  });
}

/** A landed file's rows, as the bulk load sends them: text, bytes (hex in the file) or NULL. */
export function bulkRows(file: LandingFile, target: BulkCopyTarget): (string | Buffer | null)[][] {
  const joined = Buffer.concat(file.chunks as Uint8Array[], file.bytes);
  const content = target.compression === 'gzip' ? gunzipSync(joined) : target.compression === 'zstd' ? decompress(joined) : joined;
  const { delimiter, qualifier, header, nullMarker } = target.csv;
  // A quoted field is text even when it reads like the NULL marker: the writer quotes it so.
  const records = parse(content, {
    delimiter,
    quote: qualifier,
    escape: qualifier,
    bom: true,
    from_line: header ? 2 : 1,
    relax_column_count: false,
    cast: (value, context) => (!context.quoting && value === nullMarker ? null : value),
  }) as (string | null)[][];
  const bytes = target.columns.map((c) => c.sent === 'bytes');
  for (const record of records) {
    if (record.length !== bytes.length) throw new Error(`file ${file.name} has a row of ${record.length} values for ${bytes.length} columns`);
    for (let i = 0; i < record.length; i++) {
      const value = record[i];
      if (bytes[i] && value !== null && value !== undefined) (record as (string | Buffer | null)[])[i] = Buffer.from(value, 'hex');
    }
  }
  return records;
}

/** Opens a SQL Server / Azure SQL connection as the lander of its own staging table. */
export function sqlServerLander(config: SqlServerConfig, landing: BulkLanding): Lander {
  const bulk = landing.statements.find((item) => item.bulkCopy);
  if (!bulk?.bulkCopy) throw new Error('the land step of a SQL Server lander has no bulk copy statement');
  const target = bulk.bulkCopy;
  const create = landing.statements.filter((item) => !item.bulkCopy);
  const types = columnTypes(target);
  let pool: mssql.ConnectionPool | undefined;
  let created: Promise<void> | undefined;
  const landed: PublishedFile[] = [];

  const open = async (): Promise<mssql.ConnectionPool> => {
    if (pool) return pool;
    const opened = new mssql.ConnectionPool(sqlServerConfig(config, Math.max(1, landing.concurrency)));
    opened.on('error', () => undefined);
    await opened.connect();
    return (pool = opened);
  };
  /** Drops and creates the staging table, once per batch: every file waits for the first write's. */
  const createTable = (): Promise<void> => (created ??= (async () => {
    const connected = await open();
    for (const item of create) {
      landing.executing(item);
      await connected.request().batch(compile(item.statement, d).sql);
    }
  })());

  return {
    async begin() {
      await open();
    },
    async land(file, signal) {
      signal.throwIfAborted();
      await createTable();
      const table = new mssql.Table();
      // The table is named by its quoted path: the driver would re-quote a parsed name without escaping.
      Object.assign(table, { name: target.name, path: target.table, schema: 'temp' });
      target.columns.forEach((c, i) => table.columns.add(c.name.replaceAll(']', ']]'), types[i]!, { nullable: true }));
      for (const row of bulkRows(file, target)) table.rows.push(row);
      landing.executing(bulk);
      const request = (await open()).request();
      const stop = (): void => request.cancel();
      signal.addEventListener('abort', stop, { once: true });
      try {
        await request.bulk(table, { tableLock: true, keepNulls: true });
      } finally {
        signal.removeEventListener('abort', stop);
      }
      landed.push({ name: file.name, location: `${target.table} (${file.name})`, rows: file.rows, bytes: file.bytes });
    },
    async publish() {
      // No row extracted means no write: the load still needs its (empty) staging table.
      await createTable();
      await pool?.close().catch(() => undefined);
      pool = undefined;
      return landed.slice().sort((a, b) => a.name.localeCompare(b.name));
    },
    async discard() {
      // Nothing was committed; the next run's first write drops and creates the table again.
      await pool?.close().catch(() => undefined);
      pool = undefined;
    },
    async restore() {
      // There is no Latest set to put back: the staging table is the run's own.
    },
  };
}
