// The engine's process entry (engine/utility.ts) forked as a real child process, as the app runs
// it: the run command in, every engine event out over the IPC channel with run:finished last, then
// exit 0 on success and 1 otherwise; a cancel command or the parent going away cancels the run and
// nothing is committed.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ENTITY_STATES, type EngineEvent, type EntityState, type JobEntity, type JobSpec } from '../../shared/protocol/engine.ts';
import { parseConnection, parseEntity, parseExtract, type Validated } from '../../shared/model/validate.ts';
import { forkEngine, ROOT, type EngineChild } from './engine-child.ts';
import { expectLockFree } from './lock-free.ts';

const SMALL_ROWS = 500;
const BIG_ROWS = 300_000;

const valid = <T>(result: Validated<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

let sourceDir: string;
let sourcePath: string;

beforeAll(() => {
  sourceDir = mkdtempSync(join(tmpdir(), 'landfall-utility-src-'));
  sourcePath = join(sourceDir, 'source.sqlite');
  const db = new Database(sourcePath);
  try {
    for (const [table, count] of [['small', SMALL_ROWS], ['big', BIG_ROWS]] as const) {
      db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, label TEXT NOT NULL, amount TEXT)`);
      const insert = db.prepare(`INSERT INTO ${table} VALUES (?, ?, ?)`);
      db.transaction(() => {
        for (let id = 1; id <= count; id++) insert.run(id, `${table} ${id}`, id % 3 ? `${id}.25` : null);
      })();
    }
  } finally {
    db.close();
  }
});

afterAll(() => {
  rmSync(sourceDir, { recursive: true, force: true });
});

let dir: string;
const children: EngineChild[] = [];
const strayPids: number[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => (child.process.exitCode === null && child.process.signalCode === null ? child.kill() : undefined)));
  for (const pid of strayPids.splice(0)) {
    if (running(pid)) process.kill(pid, 'SIGKILL');
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Whether a process is still running (a zombie waiting to be reaped counts as gone). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

interface Paths {
  readonly warehouse: string;
  readonly lake: string;
}

function paths(): Paths {
  dir = mkdtempSync(join(tmpdir(), 'landfall-utility-'));
  return { warehouse: join(dir, 'warehouse.duckdb'), lake: join(dir, 'lake') };
}

function job(name: string, table: string): JobEntity {
  return {
    entity: valid(parseEntity({
      name,
      columns: [
        { name: 'id', type: 'int', nullable: false },
        { name: 'label', type: 'string(40)', nullable: false },
        { name: 'amount', type: 'decimal(12,2)' },
      ],
      businessKey: ['id'],
      warehouse: 'wh',
    })),
    extract: valid(parseExtract({
      entity: name,
      source: { kind: 'table', connection: 'src', table },
      pattern: { kind: 'full' },
      format: { kind: 'csv' },
      fileSizeMb: 1,
      lander: { connection: 'lake' },
    })),
  };
}

function spec(p: Paths, entities: readonly JobEntity[], runId = 'run-1'): JobSpec {
  return {
    runId,
    batchDate: '2026-06-30',
    batchId: '1',
    parallelEntities: 2,
    parameters: {},
    connections: [
      valid(parseConnection({ name: 'src', kind: 'sqlite', path: sourcePath })),
      valid(parseConnection({ name: 'lake', kind: 'localfs', path: p.lake })),
      valid(parseConnection({ name: 'wh', kind: 'duckdb', path: p.warehouse })),
    ],
    entities,
  };
}

function start(s?: JobSpec): EngineChild {
  const child = forkEngine(s);
  children.push(child);
  return child;
}

/** Rows of a query on the warehouse file, as text; only once no engine process has it open. */
async function warehouseRows(path: string, sql: string): Promise<string[][]> {
  const instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRows().map((row) => row.map(String));
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

const statesOf = (events: readonly EngineEvent[], entity: string): EntityState[] =>
  events.flatMap((e) => (e.type === 'entity:state' && e.entity === entity ? [e.state] : []));

/** Nothing of a cancelled run is left: no versions, no watermark, no published or incoming files, no lock held. */
async function expectNothingCommitted(p: Paths, entity: string): Promise<void> {
  if (existsSync(p.warehouse)) {
    const tables = await warehouseRows(p.warehouse, `SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema = 'psg'`);
    if (tables.length) expect(await warehouseRows(p.warehouse, `SELECT COUNT(*) FROM psg."${entity}"`)).toEqual([['0']]);
    const control = await warehouseRows(p.warehouse, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'zdm'`);
    if (control[0]![0] !== '0') expect(await warehouseRows(p.warehouse, 'SELECT COUNT(*) FROM zdm.control_parameters')).toEqual([['0']]);
  }
  expect(existsSync(join(p.lake, entity, 'Latest'))).toBe(false);
  expect(existsSync(join(p.lake, entity, '_incoming')) ? readdirSync(join(p.lake, entity, '_incoming')) : []).toEqual([]);
  await expectLockFree(p.warehouse, [entity]);
}

describe('engine/utility.ts as a child process', () => {
  it('streams the run as events, run:finished last, and exits 0 when every entity is done', async () => {
    const p = paths();
    const child = start(spec(p, [job('alpha', 'small'), job('beta', 'small')]));
    const result = await child.result();
    const exit = await child.exited;
    expect(result.status, child.stderr()).toBe('succeeded');
    expect(exit).toEqual({ code: 0, signal: null });

    const { events } = child;
    expect(events[0]).toMatchObject({ type: 'run:started', runId: 'run-1', batchId: '1', batchDate: '2026-06-30', entities: ['alpha', 'beta'] });
    expect(events.at(-1)).toEqual({ type: 'run:finished', result, at: expect.any(String) });
    expect(events.filter((e) => e.type === 'run:finished')).toHaveLength(1);
    for (const entity of ['alpha', 'beta']) {
      // Every state in the pipeline's order, each once.
      expect(statesOf(events, entity)).toEqual(['queued', 'extracting', 'landing', 'loading', 'done']);
      const progress = events.flatMap((e) => (e.type === 'entity:progress' && e.entity === entity ? [e] : []));
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.map((e) => e.rows)).toEqual([...progress.map((e) => e.rows)].sort((a, b) => a - b));
      expect(progress.at(-1)).toMatchObject({ rows: SMALL_ROWS, files: 1 });
      // Progress comes while the entity is on its way, not after it is done.
      const doneAt = events.findIndex((e) => e.type === 'entity:state' && e.entity === entity && e.state === 'done');
      expect(events.findLastIndex((e) => e.type === 'entity:progress' && e.entity === entity)).toBeLessThan(doneAt);
    }
    for (const e of events) {
      if ('runId' in e) expect(e.runId).toBe('run-1');
      if (e.type === 'entity:state') expect(ENTITY_STATES).toContain(e.state);
    }
    expect(result.entities).toEqual([
      expect.objectContaining({ entity: 'alpha', status: 'done', mode: 'full', rows: SMALL_ROWS, files: 1, inserted: SMALL_ROWS, updated: 0, deleted: 0 }),
      expect.objectContaining({ entity: 'beta', status: 'done', mode: 'full', rows: SMALL_ROWS, files: 1, inserted: SMALL_ROWS, updated: 0, deleted: 0 }),
    ]);
    expect(await warehouseRows(p.warehouse, 'SELECT COUNT(*), SUM(id), COUNT(amount) FROM psg."alpha"')).toEqual([[String(SMALL_ROWS), String((SMALL_ROWS * (SMALL_ROWS + 1)) / 2), '334']]);
    await expectLockFree(p.warehouse, ['alpha', 'beta']);
  });

  it('exits 1 with a failed result when an entity failed; the other entity is still done', async () => {
    const p = paths();
    const child = start(spec(p, [job('good', 'small'), job('broken', 'no_such_table')]));
    const result = await child.result();
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(result.status).toBe('failed');
    const [good, broken] = result.entities;
    expect(good).toMatchObject({ entity: 'good', status: 'done', rows: SMALL_ROWS });
    expect(broken).toMatchObject({ entity: 'broken', status: 'failed' });
    expect(broken!.error).toMatch(/^entity "broken": .*no_such_table/);
    expect(statesOf(child.events, 'broken').at(-1)).toBe('failed');
    expect(child.events.find((e) => e.type === 'entity:state' && e.entity === 'broken' && e.state === 'failed')).toMatchObject({ error: broken!.error });
    expect(child.events.at(-1)?.type).toBe('run:finished');
  });

  it('ends a run whose spec is wrong with a failed result and exit 1, ignoring messages that are not commands', async () => {
    const p = paths();
    const child = start();
    child.process.send({ hello: 'there' });
    child.process.send('run');
    child.send({ type: 'run', spec: { ...spec(p, [job('alpha', 'small')]), batchDate: '30/06/2026' } });
    const result = await child.result();
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(result).toMatchObject({ status: 'failed', entities: [], error: 'batch date "30/06/2026" is not a YYYY-MM-DD date' });
    expect(child.events.map((e) => e.type)).toEqual(['run:started', 'run:finished']);
  });

  it('cancels on { type: "cancel" } mid-run: a cancelled result, exit 1, nothing committed', async () => {
    const p = paths();
    const child = start(spec(p, [job('large', 'big')]));
    await child.waitFor((e) => e.type === 'entity:progress' && e.rows > 0);
    child.send({ type: 'cancel' });
    const result = await child.result();
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(result.status).toBe('cancelled');
    expect(result.entities).toEqual([expect.objectContaining({ entity: 'large', status: 'cancelled' })]);
    expect(result.entities[0]!.error).toMatch(/^entity "large": cancelled while .*; nothing was committed$/);
    expect(statesOf(child.events, 'large').at(-1)).toBe('cancelled');
    expect(child.events.at(-1)?.type).toBe('run:finished');
    await expectNothingCommitted(p, 'large');
  });

  it('cancels when its parent disconnects: exit 1, nothing committed, its lock released', async () => {
    const p = paths();
    const child = start(spec(p, [job('large', 'big')]));
    await child.waitFor((e) => e.type === 'entity:progress' && e.rows > 0);
    child.process.disconnect();
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.events.some((e) => e.type === 'run:finished')).toBe(false);
    await expectNothingCommitted(p, 'large');
  });

  it('cancels when its parent process is killed', async () => {
    const p = paths();
    // A parent that forks the engine, says the engine's process id once rows are read, and is then killed.
    const parentCode = `
      import { fork } from 'node:child_process';
      const child = fork('engine/utility.ts', [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.on('message', (event) => {
        if (event.type === 'entity:progress' && event.rows > 0) process.stdout.write(child.pid + '\\n');
      });
      child.send({ type: 'run', spec: JSON.parse(process.env.LANDFALL_TEST_SPEC) });
    `;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', parentCode], {
      cwd: ROOT,
      env: { ...process.env, LANDFALL_TEST_SPEC: JSON.stringify(spec(p, [job('large', 'big')])) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const parentGone = new Promise<void>((resolve) => parent.once('close', () => resolve()));
    const enginePid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(Number(out.split('\n')[0]));
      });
      parent.once('close', (code) => reject(new Error(`the parent exited (${code}) before the engine read rows`)));
    });
    strayPids.push(enginePid);
    expect(running(enginePid)).toBe(true);
    parent.kill('SIGKILL');
    await parentGone;
    // The orphaned engine notices its channel closed, cancels and exits.
    while (running(enginePid)) await delay(20);
    await expectNothingCommitted(p, 'large');
  });
});
