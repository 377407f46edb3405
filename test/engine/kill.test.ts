// Crash safety: the engine process killed with SIGKILL while it reads, lands, loads or commits
// leaves persistent staging, the saved watermarks and their ledger exactly as they were, and the rerun (a new
// process, past the killed run's stale lock and leftovers) ends with every row once and the
// watermark at the highest change value. The engine runs as a real child process
// (engine/utility.ts), as the app runs it.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ConnectionInput, ExtractInput, StagingEntityInput } from '../../shared/model/index.ts';
import { parseConnection, parseEntity, parseExtract, type Validated } from '../../shared/model/validate.ts';
import type { EngineEvent, JobSpec } from '../../shared/protocol/engine.ts';
import { dialect, type DialectName } from '../../shared/sql/dialect.ts';
import { createMariaDbDatabase, createPostgresDatabase, type TestDatabase } from '../services/databases.ts';
import { runBatch } from '../../engine/run-batch.ts';
import { duckdbLockFolder } from '../../engine/run-lock.ts';
import { forkEngine, type EngineChild } from './engine-child.ts';
import { expectLockFree } from './lock-free.ts';

/** Rows of the first (good) batch, rows of it changed since, and rows added since. */
const OLD_ROWS = 2_000;
const UPDATED = 100;
const NEW_ROWS = 300_000;
const ENTITY = 'items';

const valid = <T>(result: Validated<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

// ---- the source: one table, its change identifier `row_version` ---------------------------------

interface SourceRow {
  id: number;
  name: string;
  qty: number;
  version: number;
}

/** The source before (1) and after (2) the changes the killed run should pick up. */
function sourceRows(version: 1 | 2): SourceRow[] {
  const rows: SourceRow[] = [];
  for (let id = 1; id <= OLD_ROWS; id++) {
    const changed = version === 2 && id <= UPDATED;
    rows.push({ id, name: changed ? `item ${id} renamed` : `item ${id}`, qty: changed ? id * 7 : id % 97, version: changed ? OLD_ROWS + id : id });
  }
  if (version === 2) {
    for (let id = OLD_ROWS + 1; id <= OLD_ROWS + NEW_ROWS; id++) rows.push({ id, name: `new item ${id}`, qty: id % 1000, version: UPDATED + id });
  }
  return rows;
}

function writeSource(path: string, rows: readonly SourceRow[]): void {
  const db = new Database(path);
  try {
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL, row_version INTEGER NOT NULL)');
    const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const r of rows) insert.run(r.id, r.name, r.qty, r.version);
    })();
  } finally {
    db.close();
  }
}

const EXPECTED = sourceRows(2);
const EXPECTED_CURRENT = EXPECTED.map((r) => `${r.id}|${r.name}|${r.qty}|${r.version}`).join('\n');
const EXPECTED_WATERMARK = String(EXPECTED.reduce((max, r) => Math.max(max, r.version), 0));

// ---- warehouses ---------------------------------------------------------------------------------

interface WarehouseUnderTest {
  readonly connection: ConnectionInput;
  /** Runs SQL on the warehouse; every value as text (null stays null). */
  rows(text: string): Promise<(string | null)[][]>;
  /** Locks the saved watermark rows from another session until the returned function is called. */
  lockControl?(): Promise<() => Promise<void>>;
  /** The statement of an engine session waiting for the lock `lockControl` holds, if one is. */
  engineWaitingOnLock?(): Promise<string | undefined>;
  drop(): Promise<void>;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function duckdbWarehouse(dir: string): WarehouseUnderTest {
  const path = join(dir, 'warehouse.duckdb');
  return {
    connection: { name: 'wh', kind: 'duckdb', path },
    // A fresh instance per query: the file is only opened while no engine process has it.
    async rows(sql) {
      const instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
      try {
        const connection = await instance.connect();
        try {
          return (await connection.runAndReadAll(sql)).getRows().map((row) => row.map(text));
        } finally {
          connection.closeSync();
        }
      } finally {
        instance.closeSync();
      }
    },
    drop: () => Promise.resolve(),
  };
}

async function postgresWarehouse(): Promise<WarehouseUnderTest> {
  const database = await createPostgresDatabase(inject('postgres'), 'kill');
  const client = new pg.Client({ ...database, types: { getTypeParser: () => (value: string) => value } });
  await client.connect();
  const locker = new pg.Client({ ...database });
  await locker.connect();
  return {
    connection: { name: 'wh', kind: 'postgres', host: database.host, port: database.port, database: database.database, user: database.user },
    async rows(sql) {
      return ((await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][]).map((row) => row.map(text));
    },
    async lockControl() {
      await locker.query('BEGIN');
      await locker.query('SELECT * FROM "zdm"."control_parameters" FOR UPDATE');
      return async () => void (await locker.query('ROLLBACK'));
    },
    async engineWaitingOnLock() {
      const result = await client.query({
        text: `SELECT query FROM pg_stat_activity WHERE datname = $1 AND application_name = 'landfall load' AND wait_event_type = 'Lock'`,
        values: [database.database],
        rowMode: 'array',
      });
      return (result.rows as string[][])[0]?.[0];
    },
    async drop() {
      await locker.end().catch(() => undefined);
      await client.end().catch(() => undefined);
      await database.drop();
    },
  };
}

async function mariadbWarehouse(): Promise<WarehouseUnderTest> {
  const database: TestDatabase = await createMariaDbDatabase(inject('mariadb'), 'kill');
  const options = {
    host: database.host, port: database.port, user: database.user, password: database.password, database: database.database,
    dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, charset: 'utf8mb4',
  } as const;
  const client = await mysql.createConnection(options);
  const locker = await mysql.createConnection(options);
  return {
    connection: { name: 'wh', kind: 'mariadb', host: database.host, port: database.port, database: database.database, user: database.user },
    async rows(sql) {
      const [rows] = await client.query({ sql, rowsAsArray: true });
      return (rows as unknown[][]).map((row) => row.map(text));
    },
    async lockControl() {
      await locker.query('START TRANSACTION');
      await locker.query('SELECT * FROM `zdm__control_parameters` FOR UPDATE');
      return async () => void (await locker.query('ROLLBACK'));
    },
    async engineWaitingOnLock() {
      // The statement itself, not INNODB_TRX: that table leaves out a transaction holding this many row locks.
      // The watermark save cannot finish while the test holds its row, so seeing it running is seeing it wait.
      const [rows] = await client.query({
        sql: `SELECT INFO FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND ID <> CONNECTION_ID() AND INFO LIKE 'DELETE FROM %'`,
        values: [database.database],
        rowsAsArray: true,
      });
      return (rows as (string | null)[][])[0]?.[0] ?? undefined;
    },
    async drop() {
      await locker.end().catch(() => undefined);
      await client.end().catch(() => undefined);
      await database.drop();
    },
  };
}

// ---- one scenario -------------------------------------------------------------------------------

interface Setup {
  readonly dir: string;
  readonly warehouse: WarehouseUnderTest;
  readonly lake: string;
  /** DuckDB: the folder of its run lock files; the servers keep their locks themselves. */
  readonly locks: string | undefined;
  readonly source: string;
  spec(batchId: number, runId: string): JobSpec;
}

let templates: string;
let v1: string;
let v2: string;

beforeAll(() => {
  templates = mkdtempSync(join(tmpdir(), 'landfall-kill-src-'));
  v1 = join(templates, 'v1.sqlite');
  v2 = join(templates, 'v2.sqlite');
  writeSource(v1, sourceRows(1));
  writeSource(v2, EXPECTED);
});

afterAll(() => {
  rmSync(templates, { recursive: true, force: true });
});

const FIRST_RUN = 'first-good-run';
const KILLED_RUN = 'killed-run';
const cleanups: (() => Promise<void>)[] = [];
const children: EngineChild[] = [];
afterEach(async () => {
  // A test that failed half-way leaves no engine process behind.
  await Promise.all(children.splice(0).map((child) => (child.process.exitCode === null && child.process.signalCode === null ? child.kill() : undefined)));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type WarehouseKind = 'duckdb' | 'postgres' | 'mariadb';

async function setup(kind: WarehouseKind): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), `landfall-kill-${kind}-`));
  cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const warehouse = kind === 'duckdb' ? duckdbWarehouse(dir) : kind === 'postgres' ? await postgresWarehouse() : await mariadbWarehouse();
  cleanups.push(() => warehouse.drop());
  const lake = join(dir, 'lake');
  const locks = kind === 'duckdb' ? duckdbLockFolder(join(dir, 'warehouse.duckdb')) : undefined;
  const source = join(dir, 'source.sqlite');
  copyFileSync(v1, source);
  const entity: StagingEntityInput = {
    name: ENTITY,
    columns: [
      { name: 'id', type: 'int', nullable: false },
      { name: 'name', type: 'string(60)', nullable: false },
      { name: 'qty', type: 'int', nullable: false },
      { name: 'row_version', type: 'bigint', nullable: false },
    ],
    businessKey: ['id'],
    warehouse: 'wh',
  };
  const extract: ExtractInput = {
    entity: ENTITY,
    source: { kind: 'table', connection: 'src', table: 'items' },
    pattern: { kind: 'incremental', changeColumns: [{ column: 'row_version' }] },
    // MariaDB's LOAD DATA needs NULL written as NULL; the others take the default.
    format: kind === 'mariadb' ? { kind: 'csv', nullMarker: 'NULL' } : { kind: 'csv' },
    // Uncompressed, 300k rows make several 1 MB files: the first lands while reading goes on.
    compression: 'none',
    fileSizeMb: 1,
    lander: { connection: 'lake', folder: 'landing' },
  };
  const connections = [
    valid(parseConnection({ name: 'src', kind: 'sqlite', path: source })),
    valid(parseConnection({ name: 'lake', kind: 'localfs', path: lake })),
    valid(parseConnection(warehouse.connection)),
  ];
  const job = { entity: valid(parseEntity(entity)), extract: valid(parseExtract(extract)) };
  return {
    dir, warehouse, lake, locks, source,
    spec: (batchId, runId) => ({ runId, batchDate: '2026-06-30', batchId: String(batchId), parallelEntities: 1, parameters: {}, connections, entities: [job] }),
  };
}

function tables(kind: WarehouseKind): { psg: string; control: string; ledger: string; yes: string } {
  const w = dialect(kind satisfies DialectName);
  return { psg: w.table('psg', ENTITY), control: w.table('zdm', 'control_parameters'), ledger: w.table('zdm', 'control_parameter_history'), yes: w.true };
}

interface Snapshot {
  readonly psg: (string | null)[][];
  readonly control: (string | null)[][];
  readonly ledger: (string | null)[][];
}

async function snapshot(kind: WarehouseKind, warehouse: WarehouseUnderTest): Promise<Snapshot> {
  const { psg, control, ledger } = tables(kind);
  return {
    psg: await warehouse.rows(`SELECT id, name, qty, row_version, lf_row_hash, lf_valid_from, lf_valid_to, lf_is_current, lf_is_deleted, lf_batch_id FROM ${psg} ORDER BY id, lf_valid_from`),
    control: await warehouse.rows(`SELECT entity, parameter, value, updated_at FROM ${control} ORDER BY entity, parameter`),
    ledger: await warehouse.rows(`SELECT entity, parameter, old_value, new_value, run_id, changed_by FROM ${ledger} ORDER BY changed_at`),
  };
}

/** Runs a batch in a child process to the end and checks it succeeded. */
async function runToEnd(spec: JobSpec): Promise<EngineChild> {
  const engine = forkEngine(spec);
  children.push(engine);
  const result = await engine.result();
  expect(result.status, `${JSON.stringify(result)}\n${engine.stderr()}`).toBe('succeeded');
  expect((await engine.exited).code).toBe(0);
  return engine;
}

const entityFolder = (s: Setup): string => join(s.lake, 'landing', ENTITY);

interface KillPoint {
  readonly name: string;
  readonly warehouses: readonly WarehouseKind[];
  /** Waits in the running engine until the moment to kill it. */
  readonly until: (engine: EngineChild, s: Setup) => Promise<void>;
  /** Where the killed run's landed files must be (see {@link Leftovers}). */
  readonly leftovers: Leftovers;
  /** Taken before the run starts (the commit kill point holds the watermark rows locked). */
  readonly before?: (s: Setup) => Promise<() => Promise<void>>;
}

/**
 * Where a killed run leaves its files in the lake:
 * - `beforePublish`: nothing published (`Latest` is still the first run's); `_incoming` may hold the beginnings;
 * - `incoming`: some landed files unpublished in `_incoming/<run id>`, nothing published;
 * - `incomingOrLatest`: either of the two (killed around the publish);
 * - `published`: nothing unpublished remains (no `_incoming`), `Latest` is the killed run's set.
 */
type Leftovers = 'beforePublish' | 'incoming' | 'incomingOrLatest' | 'published';

/** Checks the lake after the kill against what the kill point says it must hold. */
function expectLeftovers(leftovers: Leftovers, s: Setup, runId: string): void {
  const incoming = join(entityFolder(s), '_incoming');
  const unpublished = existsSync(join(incoming, runId)) ? readdirSync(join(incoming, runId)) : [];
  const latestRun = (): unknown => (JSON.parse(readFileSync(join(entityFolder(s), 'Latest', '_manifest.json'), 'utf8')) as { runId: unknown }).runId;
  switch (leftovers) {
    case 'beforePublish':
      expect(latestRun()).toBe(FIRST_RUN);
      return;
    case 'incoming':
      expect(unpublished.length).toBeGreaterThan(0);
      expect(latestRun()).toBe(FIRST_RUN);
      return;
    case 'incomingOrLatest':
      // Killed just after publishing: the set is in Latest but was never loaded.
      if (!unpublished.length) expect(latestRun()).toBe(runId);
      return;
    case 'published':
      expect(existsSync(incoming), '_incoming after the publish').toBe(false);
      expect(latestRun()).toBe(runId);
      return;
    default: {
      const unknown: never = leftovers;
      throw new Error(`unknown leftovers ${String(unknown)}`);
    }
  }
}

const isState = (state: string) => (e: EngineEvent): boolean => e.type === 'entity:state' && e.state === state;

const KILL_POINTS: KillPoint[] = [
  {
    name: 'mid-read (first progress)',
    warehouses: ['duckdb', 'postgres', 'mariadb'],
    leftovers: 'beforePublish',
    async until(engine) {
      await engine.waitFor((e) => e.type === 'entity:progress' && e.rows > 0);
      // Nothing had landed yet when the first rows were counted.
      expect(engine.events.filter((e) => e.type === 'entity:state').map((e) => (e as { state: string }).state)).toEqual(['queued', 'extracting']);
    },
  },
  {
    name: 'mid-upload (the first file appears in _incoming while reading goes on)',
    warehouses: ['duckdb', 'postgres', 'mariadb'],
    leftovers: 'incoming',
    async until(engine, s) {
      const area = join(entityFolder(s), '_incoming', KILLED_RUN);
      const landedSomething = (): boolean => {
        try {
          return readdirSync(area).length > 0;
        } catch {
          return false;
        }
      };
      while (!landedSomething()) {
        if (engine.events.some((e) => e.type === 'run:finished')) throw new Error('the run finished before a file appeared in _incoming');
        await delay(2);
      }
      // Reading was still going on: the last file is handed off only when the read is done.
      expect(engine.events.some(isState('landing'))).toBe(false);
    },
  },
  {
    name: 'landing (read done, files not yet published)',
    warehouses: ['duckdb', 'postgres', 'mariadb'],
    leftovers: 'incomingOrLatest',
    async until(engine) {
      await engine.waitFor(isState('landing'));
    },
  },
  {
    name: 'mid-load (staging the landed files)',
    warehouses: ['duckdb', 'postgres', 'mariadb'],
    leftovers: 'published',
    async until(engine) {
      await engine.waitFor(isState('loading'));
    },
  },
  {
    name: 'mid-commit (inside the persist transaction, before COMMIT)',
    warehouses: ['postgres', 'mariadb'],
    leftovers: 'published',
    before: (s) => s.warehouse.lockControl!(),
    async until(engine, s) {
      await engine.waitFor(isState('loading'));
      // The engine's watermark save waits on the row this test holds: psg is written but not committed.
      let waiting: string | undefined;
      while (!(waiting = await s.warehouse.engineWaitingOnLock!())) {
        const finished = engine.events.find((e) => e.type === 'run:finished');
        if (finished) throw new Error(`the run finished before it reached the watermark save: ${JSON.stringify(finished.result)}`);
        await delay(20);
      }
      expect(waiting).toMatch(/^DELETE FROM .?zdm.{1,3}control_parameters/);
    },
  },
];

describe.each(['duckdb', 'postgres', 'mariadb'] as const)('SIGKILL on a %s warehouse', (kind) => {
  const points = KILL_POINTS.filter((p) => p.warehouses.includes(kind));
  it.each(points.map((p) => [p.name, p] as const))('%s: nothing committed, the rerun lands every row once', async (_name, point) => {
    const s = await setup(kind);

    // A good first batch (in this process, to save a process start): persistent staging and a saved watermark.
    const first = await runBatch(s.spec(1, FIRST_RUN), { signal: new AbortController().signal, onEvent: () => undefined });
    expect(first.entities[0]).toMatchObject({ status: 'done', mode: 'full', rows: OLD_ROWS, inserted: OLD_ROWS });
    const before = await snapshot(kind, s.warehouse);
    expect(before.psg).toHaveLength(OLD_ROWS);
    expect(before.control).toEqual([[ENTITY, 'row_version', String(OLD_ROWS), expect.any(String)]]);
    expect(before.ledger).toEqual([[ENTITY, 'row_version', null, String(OLD_ROWS), FIRST_RUN, 'run']]);

    // The source changes: some rows updated, many added.
    copyFileSync(v2, s.source);

    const release = point.before ? await point.before(s) : undefined;
    const killedRunId = KILLED_RUN;
    const killed = forkEngine(s.spec(2, killedRunId));
    children.push(killed);
    try {
      await point.until(killed, s);
    } catch (error) {
      await killed.kill();
      await release?.();
      throw error;
    }
    const exit = await killed.kill('SIGKILL');
    await release?.();
    expect(exit.signal).toBe('SIGKILL');
    expect(killed.events.some((e) => e.type === 'run:finished')).toBe(false);

    // DuckDB: the killed run's holder file is left behind, naming a process that is gone; its OS lock
    // went with the process. The servers freed theirs when the killed session ended: the rerun below
    // takes them at once.
    if (s.locks) {
      const holders = readdirSync(s.locks).filter((name) => name.endsWith('.holder.json'));
      expect(holders).toHaveLength(1);
      expect(JSON.parse(readFileSync(join(s.locks, holders[0]!), 'utf8'))).toMatchObject({ pid: killed.pid, runId: killedRunId });
    }
    expectLeftovers(point.leftovers, s, killedRunId);

    // Nothing of the killed run is in the warehouse (DuckDB: reopened after the process died, from its WAL).
    expect(await snapshot(kind, s.warehouse)).toEqual(before);

    // The rerun: a new process, batch and run id; it takes the lock (over) and lands everything once.
    const rerun = await runToEnd(s.spec(3, 'rerun'));
    expect((await rerun.result()).entities[0]).toMatchObject({
      status: 'done', mode: 'incremental', rows: UPDATED + NEW_ROWS, inserted: NEW_ROWS, updated: UPDATED, deleted: 0,
    });
    const { psg, control, yes } = tables(kind);
    const current = await s.warehouse.rows(`SELECT id, name, qty, row_version FROM ${psg} WHERE lf_is_current = ${yes} ORDER BY id`);
    expect(current.map((row) => row.join('|')).join('\n') === EXPECTED_CURRENT, 'the current versions are exactly the source rows').toBe(true);
    expect(await s.warehouse.rows(`SELECT COUNT(*) FROM (SELECT id FROM ${psg} WHERE lf_is_current = ${yes} GROUP BY id HAVING COUNT(*) > 1) AS d`)).toEqual([['0']]);
    expect(await s.warehouse.rows(`SELECT lf_batch_id, COUNT(*) FROM ${psg} GROUP BY lf_batch_id ORDER BY lf_batch_id`)).toEqual([
      ['1', String(OLD_ROWS)],
      ['3', String(UPDATED + NEW_ROWS)],
    ]);
    expect(await s.warehouse.rows(`SELECT value FROM ${control} WHERE entity = '${ENTITY}' AND parameter = 'row_version'`)).toEqual([[EXPECTED_WATERMARK]]);
    // The ledger: the first run's change, then the rerun's; the killed run left none.
    expect((await snapshot(kind, s.warehouse)).ledger).toEqual([
      ...before.ledger,
      [ENTITY, 'row_version', String(OLD_ROWS), EXPECTED_WATERMARK, 'rerun', 'run'],
    ]);

    // No leftovers: no _incoming folder, no lock held; the published set is the rerun's.
    expect(existsSync(join(entityFolder(s), '_incoming'))).toBe(false);
    if (s.locks) await expectLockFree(join(s.dir, 'warehouse.duckdb'), [ENTITY]);
    expect(JSON.parse(readFileSync(join(entityFolder(s), 'Latest', '_manifest.json'), 'utf8'))).toMatchObject({ runId: 'rerun' });
  }, 180_000);
});
