// Helpers for the engine's integration tests: temporary folders, source databases of every kind
// filled with typed rows, warehouses read back as text, job specs built through the model's own
// parsers, and runs that collect their events.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import { openDuckDb } from '../../engine/duckdb.ts';
import { runBatch } from '../../engine/run-batch.ts';
import type { EngineEvent, JobSpec, RunResult } from '../../shared/protocol/engine.ts';
import {
  parseColumnType,
  parseConnection,
  parseEntity,
  parseExtract,
  type ColumnType,
  type Connection,
  type Extract,
  type ExtractInput,
  type StagingEntity,
  type StagingEntityInput,
  type Validated,
} from '../../shared/model/index.ts';
import { describeKind } from '../../shared/model/connection-kinds.ts';
import { dialect, META, type Dialect, type DialectName } from '../../shared/sql/index.ts';
import { createMariaDbDatabase, createPostgresDatabase, type ServerInfo, type TestDatabase } from '../services/databases.ts';

export type SourceKind = 'sqlite' | 'duckdb' | 'postgres' | 'mariadb';
export type WarehouseKind = 'duckdb' | 'postgres' | 'mariadb';
export const SOURCE_KINDS: readonly SourceKind[] = ['sqlite', 'duckdb', 'postgres', 'mariadb'];
export const WAREHOUSE_KINDS: readonly WarehouseKind[] = ['duckdb', 'postgres', 'mariadb'];

/** The value of a validated model object, or an error listing its issues. */
export function must<T>(validated: Validated<T>): T {
  if (validated.ok) return validated.value;
  throw new Error(validated.issues.map((i) => `${i.object} ${i.field}: ${i.message}`).join('\n'));
}

// ---- folders ------------------------------------------------------------------------------------

/** A temporary folder per test: the lake (local lander root), run locks, file databases. */
export interface Workspace {
  readonly dir: string;
  readonly lake: string;
  readonly locks: string;
  /** Things to close or drop when the test ends, run last-in first-out. */
  defer(cleanup: () => Promise<void> | void): void;
  cleanup(): Promise<void>;
}

export async function workspace(): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'landfall-engine-'));
  const cleanups: (() => Promise<void> | void)[] = [];
  return {
    dir,
    lake: join(dir, 'lake'),
    locks: join(dir, 'locks'),
    defer: (cleanup) => void cleanups.push(cleanup),
    async cleanup() {
      const errors: unknown[] = [];
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          errors.push(error);
        }
      }
      cleanups.length = 0;
      await rm(dir, { recursive: true, force: true });
      if (errors.length) throw new AggregateError(errors, 'test cleanup failed');
    },
  };
}

// ---- values --------------------------------------------------------------------------------------

/**
 * A test value, as the test writes it: number (int), bigint, string (decimal, text, date,
 * datetime as `YYYY-MM-DD HH:MM:SS[.ffffff]`), boolean, Buffer (binary) or null.
 */
export type Value = number | bigint | string | boolean | Buffer | null;
export type TestRow = readonly Value[];

/** The text a warehouse shows for a test value (see `canonical`): what assertions compare. */
export function expectedText(value: Value): string | null {
  if (value === null) return null;
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

/** A warehouse's text of a value, made comparable: booleans as true/false, no trailing zeros after a second. */
export function canonical(text: string | null, type: ColumnType): string | null {
  if (text === null) return null;
  switch (type.kind) {
    case 'boolean':
      return text === '1' || text === 't' || text === 'true' ? 'true' : text === '0' || text === 'f' || text === 'false' ? 'false' : `?${text}`;
    case 'datetime':
    case 'datetimeoffset':
    case 'time':
      return text.replace('T', ' ').replace(/(\.\d*?)0+(?=$|[+-])/, '$1').replace(/\.(?=$|[+-])/, '');
    case 'binary':
      return text.toLowerCase();
    default:
      return text;
  }
}

export const columnTypes = (entity: StagingEntity): ColumnType[] => entity.columns.map((c) => parseColumnType(c.type) as ColumnType);

// ---- sources -------------------------------------------------------------------------------------

/** A source database with one connection named `name`, written to by the test. */
export interface TestSource {
  readonly kind: SourceKind;
  readonly connection: Connection;
  /** How to reach a server source's database (PostgreSQL, MariaDB). */
  readonly server?: ServerInfo;
  readonly dialect: Dialect;
  /** Runs SQL text in the source's own dialect. */
  exec(text: string): Promise<void>;
  /** Creates a table with the source's types for the model types. */
  createTable(table: string, columns: readonly { name: string; type: string }[]): Promise<void>;
  insert(table: string, columns: readonly { name: string; type: string }[], rows: readonly TestRow[]): Promise<void>;
  update(table: string, columns: readonly { name: string; type: string }[], key: string, keyValue: Value, changes: Readonly<Record<string, Value>>): Promise<void>;
  delete(table: string, key: string, keyValue: Value): Promise<void>;
  close(): Promise<void>;
}

/** The source's column type for a model type (SQLite keeps decimals as text so none pass through a float). */
export function sourceColumnType(kind: SourceKind, type: ColumnType): string {
  if (kind === 'sqlite') {
    switch (type.kind) {
      case 'boolean':
      case 'smallint':
      case 'int':
      case 'bigint':
        return 'INTEGER';
      case 'float':
      case 'double':
        return 'REAL';
      case 'binary':
        return 'BLOB';
      default:
        return 'TEXT';
    }
  }
  return dialect(kind).columnType(type);
}

/** The JavaScript value a driver takes for a test value. */
function driverValue(kind: SourceKind | WarehouseKind, value: Value): unknown {
  if (value === null) return null;
  if (typeof value === 'bigint') return kind === 'sqlite' || kind === 'duckdb' ? value : value.toString();
  if (typeof value === 'boolean' && kind === 'sqlite') return value ? 1 : 0;
  if (Buffer.isBuffer(value) && kind === 'duckdb') return value.toString('hex');
  return value;
}

/** Just the connection fields (a TestDatabase also carries `drop`, which drivers warn about). */
const serverInfo = ({ host, port, user, password, database }: ServerInfo): ServerInfo => ({ host, port, user, password, database });

interface Runner {
  run(text: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function sourceRunner(kind: SourceKind, place: { path?: string; db?: ServerInfo }): Promise<Runner> {
  switch (kind) {
    case 'sqlite': {
      const db = new Database(place.path!);
      return {
        run: (text, params = []) => {
          if (params.length) db.prepare(text).run(...params);
          else db.exec(text);
          return Promise.resolve();
        },
        close: () => Promise.resolve(void db.close()),
      };
    }
    case 'duckdb': {
      // The engine's own instance cache: the engine and the test share the file's one instance,
      // made as the engine's source makes it (no external access).
      const handle = await openDuckDb(place.path!, { externalAccess: false });
      const connection = await handle.connect();
      return {
        run: async (text, params = []) => void (await connection.run(text, params as (string | number | boolean | null | bigint)[])),
        close: async () => {
          connection.closeSync();
          await handle.release();
        },
      };
    }
    case 'postgres': {
      const client = new pg.Client(serverInfo(place.db!));
      await client.connect();
      return {
        run: async (text, params = []) => void (await client.query(text, params)),
        close: () => client.end(),
      };
    }
    case 'mariadb': {
      const connection = await mysql.createConnection({ ...serverInfo(place.db!), charset: 'utf8mb4', timezone: 'Z' });
      return {
        run: async (text, params = []) => void (await connection.query({ sql: text, values: params })),
        close: () => connection.end(),
      };
    }
  }
}

/** A server connection in a job spec: password resolved (specs carry secret values, never references). */
function serverConnection(kind: 'postgres' | 'mariadb', name: string, db: ServerInfo): Connection {
  const parsed = must(parseConnection({ name, kind, host: db.host, port: db.port, database: db.database, user: db.user }));
  return db.password ? ({ ...parsed, password: db.password } as Connection) : parsed;
}

/** A fresh source of `kind`, dropped or removed at the workspace's cleanup. */
export async function createSource(kind: SourceKind, ws: Workspace, name = 'src'): Promise<TestSource> {
  let connection: Connection;
  let runner: Runner;
  let database: TestDatabase | undefined;
  if (kind === 'sqlite' || kind === 'duckdb') {
    const path = join(ws.dir, `${name}.${kind === 'sqlite' ? 'sqlite' : 'duckdb'}`);
    connection = must(parseConnection({ name, kind, path }));
    runner = await sourceRunner(kind, { path });
  } else {
    database = kind === 'postgres' ? await createPostgresDatabase(inject('postgres'), `src_${name}`) : await createMariaDbDatabase(inject('mariadb'), `src_${name}`);
    ws.defer(() => database!.drop());
    connection = serverConnection(kind, name, database);
    runner = await sourceRunner(kind, { db: database });
  }
  const d = dialect(kind);
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await runner.close();
  };
  ws.defer(close);
  const placeholder = (index: number, type: ColumnType): string => {
    if (kind === 'duckdb') return type.kind === 'binary' ? `from_hex($${index})` : `CAST($${index} AS ${d.columnType(type)})`;
    return kind === 'postgres' ? `$${index}` : '?';
  };
  const typesOf = (columns: readonly { type: string }[]): ColumnType[] => columns.map((c) => parseColumnType(c.type) as ColumnType);
  return {
    kind,
    connection,
    ...(database ? { server: serverInfo(database) } : {}),
    dialect: d,
    exec: (text) => runner.run(text),
    async createTable(table, columns) {
      const types = typesOf(columns);
      await runner.run(`CREATE TABLE ${d.quote(table)} (${columns.map((c, i) => `${d.quote(c.name)} ${sourceColumnType(kind, types[i]!)}`).join(', ')})`);
    },
    async insert(table, columns, rows) {
      const types = typesOf(columns);
      const names = columns.map((c) => d.quote(c.name)).join(', ');
      const perStatement = Math.max(1, Math.floor(1000 / columns.length));
      await runner.run('BEGIN');
      try {
        for (let at = 0; at < rows.length; at += perStatement) {
          const chunk = rows.slice(at, at + perStatement);
          const params: unknown[] = [];
          const tuples = chunk.map((row) => `(${row.map((value, i) => {
            params.push(driverValue(kind, value));
            return placeholder(params.length, types[i]!);
          }).join(', ')})`);
          await runner.run(`INSERT INTO ${d.quote(table)} (${names}) VALUES ${tuples.join(', ')}`, params);
        }
        await runner.run('COMMIT');
      } catch (error) {
        await runner.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async update(table, columns, key, keyValue, changes) {
      const types = new Map(columns.map((c) => [c.name, parseColumnType(c.type) as ColumnType]));
      const params: unknown[] = [];
      const set = Object.entries(changes).map(([column, value]) => {
        params.push(driverValue(kind, value));
        return `${d.quote(column)} = ${placeholder(params.length, types.get(column)!)}`;
      });
      params.push(driverValue(kind, keyValue));
      await runner.run(`UPDATE ${d.quote(table)} SET ${set.join(', ')} WHERE ${d.quote(key)} = ${placeholder(params.length, types.get(key)!)}`, params);
    },
    async delete(table, key, keyValue) {
      await runner.run(`DELETE FROM ${d.quote(table)} WHERE ${d.quote(key)} = ${kind === 'postgres' || kind === 'duckdb' ? '$1' : '?'}`, [driverValue(kind, keyValue)]);
    },
    close,
  };
}

// ---- warehouses ---------------------------------------------------------------------------------

/** A warehouse the engine loads, read back by the test with every value as text. */
export interface TestWarehouse {
  readonly kind: WarehouseKind;
  readonly connection: Connection;
  readonly dialect: Dialect;
  /** Runs a query; values come back as text or null. */
  query(text: string): Promise<(string | null)[][]>;
  /** Whether a table (dialect-quoted `schema`-qualified name) exists. */
  exists(schema: 'psg' | 'zdm' | 'temp', table: string): Promise<boolean>;
}

export async function createWarehouse(kind: WarehouseKind, ws: Workspace, name = 'wh'): Promise<TestWarehouse> {
  const d = dialect(kind);
  let connection: Connection;
  let query: (text: string) => Promise<(string | null)[][]>;
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  if (kind === 'duckdb') {
    const path = join(ws.dir, `${name}.duckdb`);
    connection = must(parseConnection({ name, kind, path }));
    query = async (sqlText) => {
      const handle = await openDuckDb(path);
      try {
        const c = await handle.connect();
        try {
          const reader = await c.runAndReadAll(sqlText);
          return (reader.getRows() as unknown[][]).map((row) => row.map(text));
        } finally {
          c.closeSync();
        }
      } finally {
        await handle.release();
      }
    };
  } else if (kind === 'postgres') {
    const db = await createPostgresDatabase(inject('postgres'), `wh_${name}`);
    ws.defer(() => db.drop());
    connection = serverConnection(kind, name, db);
    const client = new pg.Client({ ...serverInfo(db), types: { getTypeParser: () => (value: string) => value } });
    await client.connect();
    ws.defer(() => client.end());
    query = async (sqlText) => ((await client.query({ text: sqlText, rowMode: 'array' })).rows as unknown[][]).map((row) => row.map(text));
  } else {
    const db = await createMariaDbDatabase(inject('mariadb'), `wh_${name}`);
    ws.defer(() => db.drop());
    connection = serverConnection(kind, name, db);
    const c = await mysql.createConnection({ ...serverInfo(db), charset: 'utf8mb4', dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, timezone: 'Z' });
    ws.defer(() => c.end());
    query = async (sqlText) => {
      const [rows] = await c.query({ sql: sqlText, rowsAsArray: true });
      // A statement that returns no rows (DDL, DML) answers with a result header instead.
      return Array.isArray(rows) ? (rows as unknown[][]).map((row) => row.map(text)) : [];
    };
  }
  return {
    kind,
    connection,
    dialect: d,
    query,
    async exists(schema, table) {
      const physical = kind === 'mariadb' ? { schema: undefined, table: `${schema}__${table}` } : { schema: kind === 'duckdb' && schema === 'temp' ? 'stage' : schema, table };
      const where =
        kind === 'mariadb'
          ? `table_schema = DATABASE() AND table_name = '${physical.table}'`
          : `table_schema = '${physical.schema}' AND table_name = '${physical.table}'`;
      const rows = await query(`SELECT COUNT(*) FROM information_schema.tables WHERE ${where}`);
      return Number(rows[0]![0]) > 0;
    },
  };
}

/** An expression giving a column's value as text in the warehouse's dialect. */
function asText(d: Dialect, column: string, type: ColumnType): string {
  const ref = d.quote(column);
  if (type.kind === 'datetimeoffset') {
    // The instant in UTC, whatever the reading session's zone (MariaDB keeps UTC without an offset).
    if (d.name === 'duckdb') return `strftime(timezone('UTC', ${ref}), '%Y-%m-%d %H:%M:%S.%f') || '+00:00'`;
    if (d.name === 'postgres') return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00:00'`;
    return `CONCAT(CAST(${ref} AS CHAR), '+00:00')`;
  }
  switch (d.name) {
    case 'duckdb':
      return type.kind === 'binary' ? `lower(hex(${ref}))` : `CAST(${ref} AS VARCHAR)`;
    case 'postgres':
      return type.kind === 'binary' ? `encode(${ref}, 'hex')` : `CAST(${ref} AS TEXT)`;
    default:
      return type.kind === 'binary' ? `LOWER(HEX(${ref}))` : `CAST(${ref} AS CHAR CHARACTER SET utf8mb4)`;
  }
}

/** One persistent-staging version: the entity's values as text, then the metadata. */
export interface Version {
  readonly values: (string | null)[];
  readonly current: boolean;
  readonly deleted: boolean;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly batchId: string;
  readonly rowHash: string;
}

/** Every version in `psg.<entity>`, ordered by business key, valid-from and deleted last. */
export async function readVersions(wh: TestWarehouse, entity: StagingEntity): Promise<Version[]> {
  const d = wh.dialect;
  if (!(await wh.exists('psg', entity.name))) return [];
  const types = columnTypes(entity);
  const flag = (name: string): string => (d.name === 'mariadb' ? `CAST(${d.quote(name)} AS CHAR)` : `CAST(${d.quote(name)} AS ${d.name === 'duckdb' ? 'VARCHAR' : 'TEXT'})`);
  const list = [
    ...entity.columns.map((c, i) => asText(d, c.name, types[i]!)),
    flag(META.isCurrent),
    flag(META.isDeleted),
    asText(d, META.validFrom, { kind: 'datetime' }),
    asText(d, META.validTo, { kind: 'datetime' }),
    asText(d, META.batchId, { kind: 'bigint' }),
    asText(d, META.rowHash, { kind: 'string' }),
  ];
  const order = [...entity.businessKey.map((k) => d.quote(k)), d.quote(META.validFrom), d.quote(META.isDeleted)];
  const rows = await wh.query(`SELECT ${list.join(', ')} FROM ${d.table('psg', entity.name)} ORDER BY ${order.join(', ')}`);
  const n = entity.columns.length;
  const bool = (text: string | null): boolean => canonical(text, { kind: 'boolean' }) === 'true';
  return rows.map((row) => ({
    values: row.slice(0, n).map((v, i) => canonical(v, types[i]!)),
    current: bool(row[n]!),
    deleted: bool(row[n + 1]!),
    validFrom: canonical(row[n + 2]!, { kind: 'datetime' })!,
    validTo: canonical(row[n + 3]!, { kind: 'datetime' }),
    batchId: row[n + 4]!,
    rowHash: row[n + 5]!,
  }));
}

/** The rows of `zdm.control_parameters` (entity, parameter, value), sorted; none when the table is missing. */
export async function readControl(wh: TestWarehouse): Promise<(string | null)[][]> {
  if (!(await wh.exists('zdm', 'control_parameters'))) return [];
  const d = wh.dialect;
  return wh.query(
    `SELECT ${['entity', 'parameter', 'value', 'updated_at'].map((c) => d.quote(c)).join(', ')} FROM ${d.table('zdm', 'control_parameters')} ORDER BY ${d.quote('entity')}, ${d.quote('parameter')}`,
  );
}

// ---- specs and runs -----------------------------------------------------------------------------

export interface JobEntityInput {
  readonly entity: StagingEntityInput;
  readonly extract: Omit<ExtractInput, 'lander'> & { lander?: ExtractInput['lander'] };
}

/** A job spec from model inputs, parsed with the model's defaults; the lander is `lake` unless given. */
export function jobSpec(options: {
  readonly ws: Workspace;
  readonly connections: readonly Connection[];
  readonly entities: readonly JobEntityInput[];
  readonly batchId: number | string;
  readonly batchDate?: string;
  readonly parallel?: number;
  readonly runId?: string;
}): JobSpec {
  const lake = must(parseConnection({ name: 'lake', kind: 'localfs', path: options.ws.lake }));
  return {
    runId: options.runId ?? randomUUID(),
    batchDate: options.batchDate ?? '2026-03-01',
    batchId: String(options.batchId),
    parallelEntities: options.parallel ?? 4,
    parameters: {},
    connections: [...options.connections, lake],
    entities: options.entities.map((e) => ({
      entity: must(parseEntity(e.entity)),
      extract: must(parseExtract({ lander: { connection: 'lake' }, ...e.extract, format: fittedFormat(e, options.connections) })) as Extract,
    })),
  };
}

/**
 * A CSV format without a NULL marker gets the one the warehouse's load reads (MariaDB's "NULL"),
 * as a new extract in the designer does (`newExtract`): the engine refuses a marker it cannot read.
 */
function fittedFormat(e: JobEntityInput, connections: readonly Connection[]): ExtractInput['format'] {
  const format = e.extract.format ?? { kind: 'csv' };
  const warehouse = connections.find((c) => c.name.toLowerCase() === String(e.entity.warehouse).toLowerCase());
  const marker = warehouse ? describeKind(warehouse.kind).warehouse?.nullMarker?.marker : undefined;
  return format.kind === 'csv' && format.nullMarker === undefined && marker !== undefined ? { ...format, nullMarker: marker } : format;
}

export interface Run {
  readonly result: RunResult;
  readonly events: EngineEvent[];
}

/** Runs a job to the end, collecting its events. */
export async function run(spec: JobSpec, options: { signal?: AbortSignal; onEvent?: (event: EngineEvent) => void } = {}): Promise<Run> {
  const events: EngineEvent[] = [];
  const result = await runBatch(spec, {
    signal: options.signal ?? new AbortController().signal,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { result, events };
}

/** Runs a job that must succeed; the failure's errors are the assertion message otherwise. */
export async function runOk(spec: JobSpec): Promise<Run> {
  const outcome = await run(spec);
  if (outcome.result.status !== 'succeeded') {
    throw new Error(`run ${outcome.result.status}: ${[outcome.result.error, ...outcome.result.entities.map((e) => e.error)].filter(Boolean).join('; ')}`);
  }
  return outcome;
}

// ---- landed files -------------------------------------------------------------------------------

export interface Manifest {
  readonly runId: string;
  readonly publishedAt: string;
  readonly files: readonly { name: string; rows: number; bytes: number }[];
}

export const entityFolder = (ws: Workspace, entity: string, folder = ''): string => join(ws.lake, folder, entity);

export async function readManifest(ws: Workspace, entity: string, folder = ''): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(entityFolder(ws, entity, folder), 'Latest', '_manifest.json'), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Files in a folder with their sizes; none when it is missing. */
export async function listFiles(folder: string): Promise<{ name: string; bytes: number }[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = await Promise.all(names.sort().map(async (name) => ({ name, bytes: (await stat(join(folder, name))).size })));
  return files;
}

/** Everything under a folder, as relative paths (to look for `.partial` and `_incoming` leftovers). */
export async function listTree(folder: string): Promise<string[]> {
  try {
    return ((await readdir(folder, { recursive: true })) as string[]).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export type { DialectName };
