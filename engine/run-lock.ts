/**
 * Run locks: one run at a time per warehouse and entity, taken in the warehouse itself so that runs
 * on different machines (or spelling the host differently) are kept apart too: PostgreSQL advisory
 * locks and MariaDB `GET_LOCK`, both held by one session for the run and freed by the server when
 * that session ends, killed or not; SQL Server and Azure SQL `sp_getapplock` owned by the session
 * likewise. A DuckDB warehouse is a file on this machine: its locks are
 * OS file locks in a folder beside it, which the kernel frees when the holding process ends.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, basename } from 'node:path';
import type { Connection, ConnectionKind } from '../shared/model/index.ts';
import { connecting, type Connecting } from './connections.ts';
import { sqliteBinding } from './sqlite-binding.ts';

export class LockHeld extends Error {}

/** A run lock whose server session ended before the run gave it back: another run may hold it now. */
export class LockLost extends Error {}

export interface RunLock {
  /**
   * Aborted, with a {@link LockLost} reason, when a lock's server session ends before `release`
   * (killed, the server restarted): from then on another run can take the entity, so nothing more
   * may be committed under this lock. A DuckDB file lock cannot be lost while its process lives.
   */
  readonly lost: AbortSignal;
  /** Asks each lock's session whether it is still there (a round trip), and throws LockLost when one is gone. */
  check(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Watches a lock's server session: its driver's 'error' and 'end' before `release` mean the lock
 * is gone. Listening is also what keeps a killed session's 'error' event from ending the process.
 */
/** A driver connection as {@link sessionWatch} listens to it. */
type SessionEvents = { on(event: 'error' | 'end', listener: (error?: unknown) => void): unknown };

/** The watch of one lock session: `lost`, and how the locker tells it of a release or a loss. */
interface SessionWatch {
  readonly lost: AbortSignal;
  releasing(): void;
  lose(cause: unknown): LockLost;
}

function sessionWatch(emitter: SessionEvents, what: string): SessionWatch {
  const controller = new AbortController();
  let released = false;
  const lose = (cause: unknown): LockLost => {
    if (!controller.signal.aborted) {
      const why = cause instanceof Error ? cause.message : cause === undefined ? 'the server closed it' : String(cause);
      controller.abort(new LockLost(`the run lock of ${what} was lost: its server session ended (${why})`, { cause }));
    }
    return controller.signal.reason as LockLost;
  };
  emitter.on('error', (error) => void (released || lose(error)));
  emitter.on('end', () => void (released || lose(undefined)));
  return { lost: controller.signal, releasing: () => void (released = true), lose };
}

/**
 * `check()` of a lock session: a round trip on it (`SELECT 1`); its failure, or a loss the driver
 * reported meanwhile, is {@link LockLost}.
 */
async function checkSession(watch: SessionWatch, roundTrip: () => Promise<unknown>): Promise<void> {
  if (watch.lost.aborted) throw watch.lost.reason;
  await roundTrip().catch((error: unknown) => {
    throw watch.lose(error);
  });
  // Answered on another session (a pool that reconnected): the watch has been told by then.
  if (watch.lost.aborted) throw watch.lost.reason;
}

const lockedWhat = (entities: readonly string[], warehouse: Connection): string =>
  `${entities.length === 1 ? `entity "${entities[0]}"` : `entities ${entities.map((e) => `"${e}"`).join(', ')}`} on warehouse "${warehouse.name}"`;

/** A lock that no session holds for the run: it cannot be lost while the process lives. */
const NEVER_LOST = new AbortController().signal;

/** The entities a run takes locks for, on one warehouse connection. */
export interface LockRequest {
  readonly warehouse: Connection;
  readonly entities: readonly string[];
}

const lockName = (entity: string): string => entity.toLowerCase();

/** Whether a process of this machine is still there (a zombie or another user's process counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a DuckDB lock's holder writes beside it, for another run's message only: never to decide. */
interface FileLockHolder {
  readonly pid: number;
  readonly runId: string;
  readonly entity: string;
  readonly since: string;
}

/** The folder of a DuckDB file's run locks: beside the file, whatever the machine's temp folder. */
export function duckdbLockFolder(path: string): string {
  const full = resolve(path);
  return join(dirname(full), `.${basename(full)}.landfall-locks`);
}

const isBusy = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === 'SQLITE_BUSY';

/**
 * Takes the OS lock of one lock database, or answers undefined at once when another connection
 * holds it. `BEGIN EXCLUSIVE` takes SQLite's RESERVED lock, which one connection at a time can
 * hold; since no lock database is ever written, nobody asks for more than that. `BEGIN EXCLUSIVE`
 * would not do: of two connections starting at the same instant, both take SHARED, then each one's
 * step to EXCLUSIVE sees the other's SHARED and, with no busy timeout, both are refused.
 */
export function holdLockFile(file: string): Database.Database | undefined {
  // No busy timeout: a held lock is refused at once, not waited for.
  const db = new Database(file, { ...sqliteBinding(), timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
    return db;
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    return undefined;
  }
}

/**
 * One OS lock per entity, which needs no takeover: `<key>.lock.db` is opened as an SQLite database
 * and held in a write transaction ({@link holdLockFile}: a POSIX fcntl lock, which the kernel frees
 * when the process ends, killed or not; SQLite also keeps two connections of one process apart, so
 * a second run in the same process is refused too). The old lock files (`<key>.lock`, JSON) are never opened: an old
 * stale one would not be a database. The holder's `<key>.holder.json` only names it in the message.
 *
 * Neither the lock databases nor the folder are ever deleted, on release or otherwise: a run that
 * opened the path just before an unlink would lock the orphaned file while a third run creates and
 * locks a new one, and both would hold the lock (the race a rename or unlink takeover always has).
 * Nothing else may open a lock database either: closing any descriptor of the file frees the
 * process's fcntl locks on it.
 */
async function fileLocks(folder: string, runId: string, where: string, entities: readonly string[]): Promise<RunLock> {
  await mkdir(folder, { recursive: true });
  const taken: { readonly db: Database.Database; readonly holder: string }[] = [];
  const release = async (): Promise<void> => {
    for (const { db, holder } of taken.splice(0)) {
      // The holder file goes first, while the lock still keeps every other run from writing one.
      await unlink(holder).catch(() => undefined);
      // Closing alone would end the transaction too; a failed ROLLBACK must not keep the others.
      try {
        db.exec('ROLLBACK');
      } catch {
        // The close below frees the lock all the same.
      }
      db.close();
    }
  };
  try {
    for (const entity of entities) {
      const key = createHash('sha256').update(lockName(entity)).digest('hex').slice(0, 32);
      const holder = join(folder, `${key}.holder.json`);
      const db = holdLockFile(join(folder, `${key}.lock.db`));
      if (!db) throw new LockHeld(await heldMessage(holder, entity, where));
      taken.push({ db, holder });
      const info: FileLockHolder = { pid: process.pid, runId, entity, since: new Date().toISOString() };
      // Written aside and renamed, so that a refused run reads the whole of it or the last holder's.
      await writeFile(`${holder}.partial`, JSON.stringify(info));
      await rename(`${holder}.partial`, holder);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { lost: NEVER_LOST, check: async () => undefined, release };
}

/** Who holds a DuckDB lock, as its holder file says: it may be missing or a killed run's, so it only names. */
async function heldMessage(holderFile: string, entity: string, where: string): Promise<string> {
  const holder = await readFile(holderFile, 'utf8').then((text) => JSON.parse(text) as FileLockHolder, () => undefined);
  const what = `entity "${entity}" on warehouse ${where}`;
  // A killed run's file, not yet replaced by the run that has just taken the lock, names nobody.
  if (!holder || !processAlive(holder.pid)) return `${what} is being run by another run: wait for it to finish or cancel it, then run again`;
  if (holder.pid === process.pid) return `${what} is already being run by run ${holder.runId} in this process: wait for it to finish or cancel it`;
  return `${what} is being run by run ${holder.runId} (process ${holder.pid}) since ${holder.since}: wait for it to finish or cancel it, then run again`;
}

/** The two 32-bit keys of an entity's advisory lock: Landfall's namespace and the entity. */
const ADVISORY = "hashtext('landfall run lock')";

async function postgresLocks(warehouse: Extract<Connection, { kind: 'postgres' }>, runId: string, entities: readonly string[], how: Connecting): Promise<RunLock> {
  const { postgresClient } = await import('./source/postgres-source.ts');
  // The application name tells another run which run holds a lock. Connecting is retried like
  // every connection of a run (a server restarting, a reset on the way); taking a lock is not.
  const { client } = await connecting(async () => {
    const opened = postgresClient(warehouse, `landfall run ${runId}`.slice(0, 63));
    await opened.connect();
    return { client: opened, close: () => opened.end() };
  }, how);
  const watch = sessionWatch(client, lockedWhat(entities, warehouse));
  const release = async (): Promise<void> => {
    watch.releasing();
    // Ending the session frees every advisory lock it holds.
    await client.end().catch(() => undefined);
  };
  const check = (): Promise<void> => checkSession(watch, () => client.query('SELECT 1'));
  try {
    for (const entity of entities) {
      // The client reads every value as exact text: the answer comes back as 1 or 0.
      const { rows } = await client.query<{ locked: unknown }>(`SELECT CAST(pg_try_advisory_lock(${ADVISORY}, hashtext($1)) AS INTEGER) AS locked`, [lockName(entity)]);
      if (Number(rows[0]?.locked) === 1) continue;
      const holder = await client.query<{ application_name: string; pid: unknown; client_addr: string | null }>(
        `SELECT a.application_name, a.pid, host(a.client_addr) AS client_addr
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND CAST(l.classid AS BIGINT) = CAST(${ADVISORY} AS BIGINT) & 4294967295 AND CAST(l.objid AS BIGINT) = CAST(hashtext($1) AS BIGINT) & 4294967295 AND l.objsubid = 2`,
        [lockName(entity)],
      ).catch(() => ({ rows: [] }));
      const h = holder.rows[0];
      const who = h ? `${/^landfall run /.test(h.application_name) ? `run ${h.application_name.slice('landfall run '.length)}` : `"${h.application_name}"`} (server process ${String(h.pid)}${h.client_addr ? ` from ${h.client_addr}` : ''})` : 'another run';
      throw new LockHeld(`entity "${entity}" on warehouse "${warehouse.name}" (${warehouse.database}) is being run by ${who}: wait for it to finish or cancel it, then run again`);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { lost: watch.lost, check, release };
}

async function mariadbLocks(warehouse: Extract<Connection, { kind: 'mariadb' }>, entities: readonly string[], how: Connecting): Promise<RunLock> {
  const [{ default: mysql }, { mariadbOptions }] = await Promise.all([import('mysql2/promise'), import('./source/mariadb-source.ts')]);
  const { connection } = await connecting(async () => {
    const opened = await mysql.createConnection(mariadbOptions(warehouse));
    return { connection: opened, close: () => opened.end() };
  }, how);
  // The promise wrapper does not re-emit its connection's events; its typings omit that connection.
  const watch = sessionWatch((connection as unknown as { connection: SessionEvents }).connection, lockedWhat(entities, warehouse));
  const names: string[] = [];
  const release = async (): Promise<void> => {
    watch.releasing();
    // Given back with a round trip first: the driver's end() resolves once its quit is written, and
    // the server frees a closed session's locks only when that quit arrives, so the next run, started
    // at once, could still be refused. A failed answer leaves it to the session's end, as before.
    const taken = names.splice(0);
    if (taken.length > 0) await connection.query({ sql: `SELECT ${taken.map(() => 'RELEASE_LOCK(?)').join(', ')}`, values: taken }).catch(() => undefined);
    await connection.end().catch(() => connection.destroy());
  };
  const check = (): Promise<void> => checkSession(watch, () => connection.query('SELECT 1'));
  try {
    for (const entity of entities) {
      // Lock names are server-wide and at most 64 characters: the database and entity, hashed.
      const name = `landfall:${createHash('sha256').update(`${warehouse.database}\u0000${lockName(entity)}`).digest('hex').slice(0, 40)}`;
      const [rows] = await connection.query({ sql: 'SELECT GET_LOCK(?, 0), IS_USED_LOCK(?)', values: [name, name], rowsAsArray: true });
      const [got, holderId] = (rows as unknown[][])[0] ?? [];
      if (Number(got) === 1) {
        names.push(name);
        continue;
      }
      const [processes] = await connection.query({ sql: 'SELECT USER, HOST, TIME FROM information_schema.PROCESSLIST WHERE ID = ?', values: [holderId], rowsAsArray: true });
      const [user, host, seconds] = (processes as unknown[][])[0] ?? [];
      const who = user ? `connection ${String(holderId)} (${String(user)}@${String(host)}, connected ${String(seconds)} s)` : 'another run';
      throw new LockHeld(`entity "${entity}" on warehouse "${warehouse.name}" (${warehouse.database}) is being run by ${who}: wait for it to finish or cancel it, then run again`);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { lost: watch.lost, check, release };
}

/**
 * An entity's application lock on SQL Server / Azure SQL: `sp_getapplock` owned by the session
 * (`@LockOwner = 'Session'`, so no transaction has to stay open), refused at once (`@LockTimeout = 0`:
 * result -1) instead of waited for, and freed by the server when the session ends, killed or not.
 * Resource names are per database (the lock manager's scope) and binary-compared: the entity's
 * lower-cased name, hashed to a fixed length under Landfall's prefix.
 */
export const SQLSERVER_APPLOCK =
  "DECLARE @result INT;\nEXEC @result = sp_getapplock @Resource = @p1, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0;\nSELECT @result AS result";

/** Gives an application lock back (`sp_releaseapplock`, the same resource and owner). */
export const SQLSERVER_APPUNLOCK = "EXEC sp_releaseapplock @Resource = @p1, @LockOwner = 'Session'";

/** Who holds an application lock: only the first 32 characters of a resource are kept in plain text. */
const SQLSERVER_APPLOCK_HOLDER = `SELECT TOP (1) s.session_id, s.program_name, s.host_name
FROM sys.dm_tran_locks AS l JOIN sys.dm_exec_sessions AS s ON s.session_id = l.request_session_id
WHERE l.resource_type = N'APPLICATION' AND l.request_status = N'GRANT' AND l.resource_database_id = DB_ID()
  AND CHARINDEX(LEFT(@p1, 32), l.resource_description) > 0`;

/** The session holding a SQL Server run's locks, watched like the others' ({@link sqlServerSessions}). */
export interface SqlServerSession {
  readonly lost: AbortSignal;
  releasing(): void;
  /** `SELECT 1` on the pool's session; LockLost when it fails or the session was replaced. */
  check(): Promise<void>;
}

/**
 * The sessions an `mssql` pool of one connection opens, handed over by its `beforeConnect` hook
 * (each a tedious Connection, whose 'error' and 'end' events are the driver's own). `hold` starts
 * the {@link sessionWatch} of the latest, the one the locks were just taken on; the pool would
 * silently open a new session for the next request once that one is gone, so a session opened
 * after `hold` loses the lock too.
 */
export function sqlServerSessions(what: string): {
  readonly beforeConnect: (connection: SessionEvents) => void;
  hold(roundTrip: () => Promise<unknown>): SqlServerSession;
} {
  let latest: SessionEvents | undefined;
  let held: SessionWatch | undefined;
  return {
    beforeConnect: (connection) => {
      held?.lose(new Error('the connection pool had to open another session'));
      latest = connection;
    },
    hold: (roundTrip) => {
      if (!latest) throw new Error(`no SQL Server session was opened for the run lock of ${what}`);
      const watch = sessionWatch(latest, what);
      held = watch;
      return { lost: watch.lost, releasing: () => watch.releasing(), check: () => checkSession(watch, roundTrip) };
    },
  };
}

async function sqlServerLocks(warehouse: Extract<Connection, { kind: 'sqlserver' | 'azuresql' }>, runId: string, entities: readonly string[], how: Connecting): Promise<RunLock> {
  const [{ default: mssql }, { sqlServerConfig }] = await Promise.all([import('mssql'), import('./source/sqlserver-source.ts')]);
  const what = lockedWhat(entities, warehouse);
  const { pool, sessions } = await connecting(async () => {
    const config = sqlServerConfig(warehouse);
    const opening = sqlServerSessions(what);
    // The program name tells another run which run holds a lock.
    const opened = new mssql.ConnectionPool({ ...config, beforeConnect: opening.beforeConnect, options: { ...config.options, appName: `landfall run ${runId}`.slice(0, 128) } });
    opened.on('error', () => undefined);
    await opened.connect();
    return { pool: opened, sessions: opening, close: () => opened.close() };
  }, how);
  let session: SqlServerSession | undefined;
  const resources: string[] = [];
  const release = async (): Promise<void> => {
    session?.releasing();
    // Given back on the session first, as MariaDB's are: the server frees a closed session's locks
    // only once it sees the connection gone, so a run started at once could still be refused. A
    // failed answer leaves it to the session's end: closing it frees every application lock it owns.
    for (const resource of resources.splice(0)) {
      await pool.request().input('p1', mssql.NVarChar(255), resource).query(SQLSERVER_APPUNLOCK).catch(() => undefined);
    }
    await pool.close().catch(() => undefined);
  };
  try {
    for (const entity of entities) {
      const resource = `landfall:${createHash('sha256').update(lockName(entity)).digest('hex').slice(0, 40)}`;
      const taken = await pool.request().input('p1', mssql.NVarChar(255), resource).query<{ result: number }>(SQLSERVER_APPLOCK);
      // Watched from the first lock on: the pool's one session, which every later lock shares.
      session ??= sessions.hold(() => pool.request().query('SELECT 1'));
      if (Number(taken.recordset[0]?.result) >= 0) {
        resources.push(resource);
        continue;
      }
      // Reading the lock table needs VIEW SERVER STATE (VIEW DATABASE STATE on Azure SQL): without it, no name.
      const holder = await pool.request().input('p1', mssql.NVarChar(255), resource)
        .query<{ session_id: number; program_name: string | null; host_name: string | null }>(SQLSERVER_APPLOCK_HOLDER)
        .then((r) => r.recordset[0], () => undefined);
      const program = holder?.program_name ?? '';
      const who = holder
        ? `${/^landfall run /.test(program) ? `run ${program.slice('landfall run '.length)}` : `"${program}"`} (session ${holder.session_id}${holder.host_name ? ` from ${holder.host_name}` : ''})`
        : 'another run';
      throw new LockHeld(`entity "${entity}" on warehouse "${warehouse.name}" (${warehouse.database}) is being run by ${who}: wait for it to finish or cancel it, then run again`);
    }
  } catch (error) {
    await release();
    throw error;
  }
  if (!session) return { lost: NEVER_LOST, check: async () => undefined, release };
  const held = session;
  return { lost: held.lost, check: () => held.check(), release };
}

type ConnectionOf<K extends ConnectionKind> = Extract<Connection, { kind: K }>;
type Locker<K extends ConnectionKind> = (warehouse: ConnectionOf<K>, runId: string, entities: readonly string[], how: Connecting) => Promise<RunLock>;

/** How each kind's warehouse takes a run's locks; `undefined` where the engine does not load (its entities fail when opened). */
const LOCKERS: { readonly [K in ConnectionKind]: Locker<K> | undefined } = {
  duckdb: (warehouse, runId, entities) => fileLocks(duckdbLockFolder(warehouse.path), runId, `"${warehouse.name}" (${warehouse.path})`, entities),
  postgres: postgresLocks,
  mariadb: (warehouse, _runId, entities, how) => mariadbLocks(warehouse, entities, how),
  sqlite: undefined,
  sqlserver: sqlServerLocks,
  azuresql: sqlServerLocks,
  // sp_getapplock is documented for SQL Server, Azure SQL Database and Managed Instance, not for
  // Synapse dedicated SQL pools: a Synapse warehouse's runs take no warehouse lock (README).
  synapse: undefined,
  adls: undefined,
  localfs: undefined,
};

async function warehouseLocks(request: LockRequest, runId: string, how: Connecting): Promise<RunLock | undefined> {
  const lock = LOCKERS[request.warehouse.kind] as Locker<ConnectionKind> | undefined;
  return lock?.(request.warehouse, runId, request.entities, how);
}

/**
 * Takes the locks of every entity on every warehouse, or none: when one is held the others are
 * given back and LockHeld says which run (or server session) holds it. A warehouse session is
 * opened with the run's connection retries (`how`: cancellable, each retry told).
 */
export async function acquireRunLock(runId: string, requests: readonly LockRequest[], how: Connecting): Promise<RunLock> {
  const taken: RunLock[] = [];
  const release = async (): Promise<void> => {
    await Promise.all(taken.splice(0).map((lock) => lock.release()));
  };
  try {
    for (const request of requests) {
      const lock = await warehouseLocks(request, runId, how);
      if (lock) taken.push(lock);
    }
  } catch (error) {
    await release();
    throw error;
  }
  const held = [...taken];
  return {
    lost: held.length ? AbortSignal.any(held.map((lock) => lock.lost)) : NEVER_LOST,
    check: async () => void (await Promise.all(held.map((lock) => lock.check()))),
    release,
  };
}
