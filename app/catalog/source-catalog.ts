/**
 * What the designer asks of a connection before a run: does it answer (its version, or its error
 * as it said it), which tables and views it has, and what a table's columns and key are. Takes a
 * resolved connection (absolute paths, secret values); read-only everywhere: database files are
 * opened read-only, nothing is created on a server, a folder is only probed with a temporary file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describeKind, isSqlSourceKind, sourceTraits, type CatalogFamily, type Connection } from '../../shared/model/index.ts';
import type { ConnectionTestResult, SourceTable } from '../../shared/ipc/contract.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { bind, compile, sql, type Statement } from '../../shared/sql/statement.ts';
import { openSource } from '../../engine/connections.ts';
import { DUCKDB_OPTIONS, externalAccessOption } from '../../engine/duckdb.ts';
import { azureServiceClient, BLOB_API, type AdlsConnection } from '../../engine/land/azure-client.ts';
import type { SourceColumn, SqlSourceKind } from './source-types.ts';

/** How long a server gets to answer before the test reports that it did not. */
export const CONNECT_TIMEOUT_MS = 20_000;

export type SqlConnection = Extract<Connection, { kind: SqlSourceKind }>;

/** Whether tables, views and queries can be read from the connection (its kind's descriptor has a source role). */
export function isSqlConnection(connection: Connection): connection is SqlConnection {
  return isSqlSourceKind(connection.kind);
}

/** A table's columns, in order, and its primary key columns (empty when it has none). */
export interface TableColumns {
  readonly columns: SourceColumn[];
  readonly primaryKey: string[];
}

interface Catalog {
  query(statement: Statement): Promise<unknown[][]>;
  close(): Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)) || String(error);

async function withTimeout<T>(work: Promise<T>, ms: number, what: string, cleanup: (value: T) => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // A connection that opens after the deadline is closed, not leaked.
    if (timedOut) void work.then(cleanup, () => undefined);
  }
}

function mustExist(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`no ${what} at ${path}`);
}

/**
 * DuckDB opened read-only: a test never creates a missing file nor takes the writer's lock; and,
 * like the source, reaching no other file unless the connection allows it.
 */
async function duckdbCatalog(path: string, externalAccess = false): Promise<Catalog> {
  mustExist(path, 'DuckDB database file');
  const instance = await DuckDBInstance.create(path, { ...DUCKDB_OPTIONS, ...externalAccessOption(externalAccess), access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    return {
      async query(statement) {
        const { sql: text, params } = compile(statement, dialect('duckdb'));
        const reader = await connection.runAndReadAll(text, params as (string | number | boolean | null)[]);
        return reader.getRows() as unknown[][];
      },
      close() {
        connection.closeSync();
        instance.closeSync();
        return Promise.resolve();
      },
    };
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

async function openCatalog(connection: SqlConnection): Promise<Catalog> {
  const traits = sourceTraits(connection.kind);
  if ('path' in connection) {
    if (traits.catalog === 'duckdb') return duckdbCatalog(connection.path, 'externalAccess' in connection ? connection.externalAccess : undefined);
    mustExist(connection.path, `${describeKind(connection.kind).label} database file`);
  }
  const source = await openSource(connection);
  const speaks = dialect(traits.dialect);
  return {
    query: (statement) => source.query(compile(statement, speaks)),
    close: () => source.close(),
  };
}

/** Opens the connection, runs `work`, closes it; the whole within the timeout. */
export async function withCatalog<T>(connection: SqlConnection, work: (catalog: Catalog) => Promise<T>): Promise<T> {
  const catalog = await withTimeout(openCatalog(connection), CONNECT_TIMEOUT_MS, `${connection.kind} connection "${connection.name}"`, (opened) => opened.close());
  try {
    return await withTimeout(work(catalog), CONNECT_TIMEOUT_MS, `${connection.kind} connection "${connection.name}"`, () => undefined);
  } finally {
    await catalog.close().catch(() => undefined);
  }
}

/** Which catalog queries and type names the connection's kind uses. */
const familyOf = (connection: SqlConnection): CatalogFamily => sourceTraits(connection.kind).catalog;

const first = (rows: unknown[][]): string => String(rows[0]?.[0] ?? '');
const num = (value: unknown): number | undefined => (value === null || value === undefined || value === '' ? undefined : Number(value));
const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

// ---- connection test -------------------------------------------------------------------------

const VERSION_QUERIES: Record<CatalogFamily, { statement: Statement; label: (answer: string) => string }> = {
  sqlite: { statement: sql`select sqlite_version()`, label: (v) => `SQLite ${v}` },
  duckdb: { statement: sql`select version()`, label: (v) => `DuckDB ${v}` },
  postgres: { statement: sql`select version()`, label: (v) => v },
  mariadb: { statement: sql`select version()`, label: (v) => v },
  sqlserver: { statement: sql`select @@version`, label: (v) => v },
};

async function probeFolder(path: string): Promise<string> {
  if (!existsSync(path)) throw new Error(`no folder at ${path}`);
  if (!statSync(path).isDirectory()) throw new Error(`${path} is a file, not a folder`);
  // Permission bits do not tell the whole story (read-only mounts, ACLs): write a file to be sure.
  const probe = join(path, `.landfall-write-test-${randomUUID()}`);
  await writeFile(probe, 'landfall');
  await unlink(probe);
  return `${path} exists and is writable`;
}

/** The storage service's own words: its `<Message>` (first line), code and status. */
function storageMessage(error: unknown): string {
  const full = message(error);
  const said = (/<Message>([^<]*)<\/Message>/.exec(full)?.[1] ?? full).split('\n')[0]!.trim();
  const { statusCode, code } = (error ?? {}) as { statusCode?: number; code?: string };
  const detail = [statusCode, code].filter((part) => part !== undefined && part !== '').join(' ');
  return detail && !said.includes(String(code)) ? `${said} (${detail})` : said;
}

async function probeContainer(connection: AdlsConnection): Promise<string> {
  const container = azureServiceClient(BLOB_API, connection).getContainerClient(connection.fileSystem);
  const prefix = connection.directory.replace(/^\/+|\/+$/g, '');
  try {
    const page = await container.listBlobsFlat(prefix ? { prefix: `${prefix}/` } : {}).byPage({ maxPageSize: 5 }).next();
    const items = page.done ? 0 : page.value.segment.blobItems.length;
    const where = `container "${connection.fileSystem}" of account "${connection.account}"${prefix ? `, folder "${prefix}"` : ''}`;
    return `listed ${where}: ${items === 0 ? 'empty' : `${items}${page.done || !page.value.continuationToken ? '' : '+'} item${items === 1 ? '' : 's'}`}`;
  } catch (error) {
    throw new Error(storageMessage(error), { cause: error });
  }
}

/** Connects for real and reports the answer: a server's version, a folder's or container's state. */
export async function testConnection(connection: Connection): Promise<ConnectionTestResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    let answer: string;
    if (isSqlConnection(connection)) {
      const { statement, label } = VERSION_QUERIES[familyOf(connection)];
      answer = label(await withCatalog(connection, async (catalog) => first(await catalog.query(statement))));
    } else if ('path' in connection) answer = await probeFolder(connection.path);
    else answer = await withTimeout(probeContainer(connection), CONNECT_TIMEOUT_MS, `storage account "${connection.account}"`, () => undefined);
    return { ok: true, message: answer, milliseconds: elapsed() };
  } catch (error) {
    return { ok: false, message: message(error), milliseconds: elapsed() };
  }
}

// ---- tables and columns ------------------------------------------------------------------------

const kindOf = (type: unknown): SourceTable['kind'] => (/view/i.test(str(type)) ? 'view' : 'table');

/** Each catalog family's tables and views as (schema, name, type) rows, system schemas left out, sorted by schema and name. */
const TABLE_QUERIES: Record<CatalogFamily, Statement> = {
  // SQLite has no schemas: its rows carry none.
  sqlite: sql`SELECT NULL, name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name`,
  duckdb: sql`SELECT table_schema, table_name, table_type FROM information_schema.tables
          WHERE table_catalog = current_database() AND table_schema NOT IN ('information_schema', 'pg_catalog')
          ORDER BY table_schema, table_name`,
  postgres: sql`SELECT table_schema, table_name, table_type FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg!_toast%' ESCAPE '!' AND table_schema NOT LIKE 'pg!_temp!_%' ESCAPE '!'
          ORDER BY table_schema, table_name`,
  mariadb: sql`SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES
          WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
          ORDER BY TABLE_SCHEMA, TABLE_NAME`,
  sqlserver: sql`SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES
          WHERE TABLE_SCHEMA NOT IN ('sys', 'INFORMATION_SCHEMA')
          ORDER BY TABLE_SCHEMA, TABLE_NAME`,
};

/** Tables and views of a SQL connection, system schemas left out, sorted by schema and name. */
export function listTables(connection: SqlConnection): Promise<SourceTable[]> {
  return withCatalog(connection, async (catalog) =>
    (await catalog.query(TABLE_QUERIES[familyOf(connection)])).map(([schema, name, type]): SourceTable => ({ ...(schema ? { schema: str(schema) } : {}), name: str(name), kind: kindOf(type) })),
  );
}

const text = (value: string): Statement => bind({ type: 'text', value });


type TableReader = (catalog: Catalog, name: Statement, schema: string | undefined, table: { schema?: string | undefined; name: string }) => Promise<TableColumns>;

/** Each catalog family's reading of a table's columns and primary key; `schema` is the table's or the kind's default. */
const TABLE_READERS: Record<CatalogFamily, TableReader> = {
  sqlite: async (catalog, name) => {
    const rows = await catalog.query(sql`SELECT name, type, "notnull", pk FROM pragma_table_info(${name}) ORDER BY cid`);
    return {
      // A primary key column never holds NULL here, even where SQLite does not declare it NOT NULL (INTEGER PRIMARY KEY).
      columns: rows.map(([column, type, notNull, pk]) => ({ name: str(column), dataType: str(type), nullable: Number(notNull) === 0 && Number(pk) === 0 })),
      primaryKey: rows.filter((row) => Number(row[3]) > 0).sort((a, b) => Number(a[3]) - Number(b[3])).map((row) => str(row[0])),
    };
  },
  duckdb: async (catalog, name, schema) => {
    const s = text(schema!);
    const rows = await catalog.query(sql`SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable
      FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = ${s} AND table_name = ${name} ORDER BY ordinal_position`);
    const key = await catalog.query(sql`SELECT unnest(constraint_column_names) FROM duckdb_constraints()
      WHERE database_name = current_database() AND schema_name = ${s} AND table_name = ${name} AND constraint_type = 'PRIMARY KEY'`);
    return { columns: rows.map(standardColumn), primaryKey: key.map((row) => str(row[0])) };
  },
  postgres: async (catalog, name, schema) => {
    const s = text(schema!);
    const rows = await catalog.query(sql`SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable
      FROM information_schema.columns WHERE table_schema = ${s} AND table_name = ${name} ORDER BY ordinal_position`);
    const key = await catalog.query(sql`SELECT kcu.column_name FROM information_schema.table_constraints AS tc
      JOIN information_schema.key_column_usage AS kcu
        ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = ${s} AND tc.table_name = ${name} ORDER BY kcu.ordinal_position`);
    return { columns: rows.map(standardColumn), primaryKey: key.map((row) => str(row[0])) };
  },
  mariadb: async (catalog, name, _schema, table) => {
    const where = table.schema ? sql`TABLE_SCHEMA = ${text(table.schema)}` : sql`TABLE_SCHEMA = DATABASE()`;
    const rows = await catalog.query(sql`SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE
      FROM information_schema.COLUMNS WHERE ${where} AND TABLE_NAME = ${name} ORDER BY ORDINAL_POSITION`);
    const key = await catalog.query(sql`SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
      WHERE ${where} AND TABLE_NAME = ${name} AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`);
    return { columns: rows.map(standardColumn), primaryKey: key.map((row) => str(row[0])) };
  },
  sqlserver: async (catalog, name, schema) => {
    const s = text(schema!);
    const rows = await catalog.query(sql`SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE
      FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ${s} AND TABLE_NAME = ${name} ORDER BY ORDINAL_POSITION`);
    const key = await catalog.query(sql`SELECT kcu.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS AS tc
      JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE AS kcu ON kcu.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND kcu.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
      WHERE tc.CONSTRAINT_TYPE = 'PRIMARY KEY' AND tc.TABLE_SCHEMA = ${s} AND tc.TABLE_NAME = ${name} ORDER BY kcu.ORDINAL_POSITION`);
    return { columns: rows.map(standardColumn), primaryKey: key.map((row) => str(row[0])) };
  },
};

/** A table's (or view's) columns with their source types, and its primary key. */
export function readTable(connection: SqlConnection, table: { schema?: string | undefined; name: string }): Promise<TableColumns> {
  const schema = table.schema || sourceTraits(connection.kind).defaultSchema;
  return withCatalog(connection, (catalog) => TABLE_READERS[familyOf(connection)](catalog, text(table.name), schema, table)).then((found) => {
    if (!found.columns.length) {
      throw new Error(`connection "${connection.name}" has no table or view ${table.schema ? `"${table.schema}"."${table.name}"` : `"${table.name}"`} (or this user may not read it)`);
    }
    return found;
  });
}

/** An `information_schema.columns` row: name, type, length, precision, scale, is_nullable. */
function standardColumn([name, type, length, precision, scale, nullable]: unknown[]): SourceColumn {
  return { name: str(name), dataType: str(type), length: num(length), precision: num(precision), scale: num(scale), nullable: str(nullable).toUpperCase() !== 'NO' };
}
