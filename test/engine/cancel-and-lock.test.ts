// Cancelling a run mid-extract commits nothing and leaves nothing behind; a second run of the same
// entity on the same warehouse is refused while the first runs; events come in order, progress
// events carry the counters and are throttled.
import pg from 'pg';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireRunLock, holdLockFile, LockHeld } from '../../engine/run-lock.ts';
import { expectLockFree } from './lock-free.ts';
import { forkLockHolder, type LockHolder } from './lock-holder.ts';
import { ROOT } from './engine-child.ts';
import type { Connection } from '../../shared/model/index.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent, JobSpec } from '../../shared/protocol/engine.ts';
import { parseEntity } from '../../shared/model/index.ts';
import {
  createSource,
  createWarehouse,
  entityFolder,
  jobSpec,
  listTree,
  must,
  readControl,
  readManifest,
  readVersions,
  run,
  runOk,
  SOURCE_KINDS,
  workspace,
  type TestRow,
  type TestSource,
  type TestWarehouse,
  type Workspace,
} from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'payload', type: 'string(60)' },
  { name: 'modified_at', type: 'datetime' },
];
const entityOf = (name: string) => ({ name, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' });
const rows = (count: number): TestRow[] => Array.from({ length: count }, (_, i) => [i + 1, `row ${i + 1} ${'x'.repeat(i % 40)}`, '2026-01-01 00:00:00']);

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function bigSource(kind: (typeof SOURCE_KINDS)[number], tables: Record<string, number>): Promise<TestSource> {
  const source = await createSource(kind, ws);
  for (const [table, count] of Object.entries(tables)) {
    await source.createTable(table, COLUMNS);
    await source.insert(table, COLUMNS, rows(count));
  }
  return source;
}

function specFor(source: TestSource, wh: TestWarehouse, batchId: number, tables: readonly string[], pattern: 'full' | 'incremental' = 'full'): JobSpec {
  return jobSpec({
    ws,
    connections: [source.connection, wh.connection],
    batchId,
    entities: tables.map((table) => ({
      entity: entityOf(table),
      extract: {
        entity: table,
        source: { kind: 'table', connection: 'src', table },
        pattern: pattern === 'full' ? { kind: 'full' } : { kind: 'incremental', changeColumns: [{ column: 'modified_at' }] },
        format: { kind: 'csv' },
        compression: 'zstd',
      },
    })),
  });
}

const duckdbPath = (wh: TestWarehouse): string => (wh.connection.kind === 'duckdb' ? wh.connection.path : '');

const eventsOf = (events: readonly EngineEvent[], entity: string): EngineEvent[] => events.filter((e) => 'entity' in e && e.entity === entity);

describe('cancelling a run', () => {
  it.each(SOURCE_KINDS)('from %s: aborting on the first progress event commits nothing and leaves nothing behind', async (kind) => {
    const source = await bigSource(kind, { items: 20_000 });
    const wh = await createWarehouse('duckdb', ws);
    await runOk(specFor(source, wh, 1, ['items'], 'incremental'));
    const entity = must(parseEntity(entityOf('items')));
    const before = { versions: await readVersions(wh, entity), control: await readControl(wh), latest: await readManifest(ws, 'items') };
    expect(before.versions).toHaveLength(20_000);
    expect(before.control).toHaveLength(1);

    // Every row changes, so the next run reads them all; it is cancelled as soon as it reports progress.
    await source.exec(`UPDATE items SET modified_at = '2026-01-02 00:00:00'`);
    const controller = new AbortController();
    const { result, events } = await run(specFor(source, wh, 2, ['items'], 'incremental'), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'entity:progress') controller.abort();
      },
    });

    expect(result.status).toBe('cancelled');
    expect(result.entities).toEqual([expect.objectContaining({ entity: 'items', status: 'cancelled', error: expect.stringMatching(/^entity "items": cancelled while extracting; nothing was committed$/) })]);
    expect(result.entities[0]!.rows).toBeLessThan(20_000);
    expect(events.at(-1)).toMatchObject({ type: 'run:finished', result });
    expect(events.filter((e) => e.type === 'run:finished')).toHaveLength(1);
    const states = eventsOf(events, 'items').flatMap((e) => (e.type === 'entity:state' ? [e.state] : []));
    expect(states).toEqual(['queued', 'extracting', 'cancelled']);

    expect({ versions: await readVersions(wh, entity), control: await readControl(wh), latest: await readManifest(ws, 'items') }).toEqual(before);
    const tree = await listTree(entityFolder(ws, 'items'));
    expect(tree.filter((p) => p.includes('_incoming') || p.endsWith('.partial'))).toEqual([]);
    expect(tree.filter((p) => p.startsWith('Archive'))).toEqual([]);
    await expectLockFree(duckdbPath(wh), ['items']);

    // The entity runs again normally afterwards.
    const again = (await runOk(specFor(source, wh, 3, ['items'], 'incremental'))).result.entities[0]!;
    expect(again).toMatchObject({ status: 'done', mode: 'incremental', rows: 20_000, updated: 20_000 });
  });
});

describe('a run that ends after publishing without committing', () => {
  it.each(['cancelled', 'failed'] as const)('is %s with the previous Latest set back in place', async (outcome) => {
    const source = await bigSource('sqlite', { items: 5_000 });
    const wh = await createWarehouse('duckdb', ws);
    await runOk(specFor(source, wh, 1, ['items'], 'incremental'));
    const entity = must(parseEntity(entityOf('items')));
    const before = { versions: await readVersions(wh, entity), control: await readControl(wh), latest: await readManifest(ws, 'items') };
    expect(before.latest).toBeDefined();

    await source.exec(`UPDATE items SET modified_at = '2026-01-02 00:00:00'`);
    // Failed: a repeated key is found on the staged rows, after the new set was published.
    if (outcome === 'failed') await source.insert('items', COLUMNS, [[1, 'again', '2026-01-02 00:00:00']]);
    const controller = new AbortController();
    const { result } = await run(specFor(source, wh, 2, ['items'], 'incremental'), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'entity:state' && e.state === 'loading' && outcome === 'cancelled') controller.abort();
      },
    });
    expect(result.status).toBe(outcome);
    expect(result.entities[0]!.error).toContain('nothing was committed');
    expect({ versions: await readVersions(wh, entity), control: await readControl(wh), latest: await readManifest(ws, 'items') }).toEqual(before);
    const tree = await listTree(entityFolder(ws, 'items'));
    expect(tree.filter((p) => p.includes('_incoming') || p.endsWith('.partial'))).toEqual([]);
    expect(tree.filter((p) => p.startsWith('Latest/'))).toEqual(expect.arrayContaining(['Latest/_manifest.json']));
  });
});

/**
 * A first run of `items` from PostgreSQL into a `kind` warehouse, held while extracting: its read
 * waits on a table lock the test holds (`blocker`), so it surely still runs when a second one starts.
 */
async function firstRunHeld(kind: 'duckdb' | 'postgres' | 'mariadb') {
  const source = await bigSource('postgres', { items: 100 });
  const wh = await createWarehouse(kind, ws);
  const blocker = new pg.Client(source.server!);
  await blocker.connect();
  ws.defer(() => blocker.end());
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
  const first = specFor(source, wh, 1, ['items']);
  let extracting!: () => void;
  const started = new Promise<void>((resolve) => (extracting = resolve));
  const running = run(first, { onEvent: (e) => e.type === 'entity:state' && e.state === 'extracting' && extracting() });
  await started;
  return { source, wh, blocker, first, running };
}

describe('run locks', () => {
  it('refuses a second run of the same entity on the same warehouse while the first runs, naming the entity and the run', async () => {
    const { source, wh, blocker, first, running } = await firstRunHeld('duckdb');

    const second = specFor(source, wh, 2, ['items']);
    const refused = await run(second);
    expect(refused.result.status).toBe('failed');
    expect(refused.result.entities).toEqual([]);
    expect(refused.result.error).toContain('entity "items"');
    expect(refused.result.error).toContain(first.runId);
    expect(refused.events.map((e) => e.type)).toEqual(['run:started', 'run:finished']);

    await blocker.query('COMMIT');
    const { result } = await running;
    expect(result.status).toBe('succeeded');
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: 100 });
    // The refused run took no lock and released none of the first run's: the lock is free now.
    await expectLockFree(duckdbPath(wh), ['items']);
    expect((await runOk(specFor(source, wh, 3, ['items']))).result.status).toBe('succeeded');
  });
});

describe('run locks in the warehouse', () => {
  /** The warehouse connection as another machine would spell it: 127.1 for 127.0.0.1. */
  const respelled = (connection: Connection): Connection => ('host' in connection ? { ...connection, host: '127.1' } : connection);

  it.each(['postgres', 'mariadb'] as const)('a %s warehouse refuses a second run of an entity whatever the host spelling or temp folder', async (kind) => {
    const { source, wh, blocker, first, running } = await firstRunHeld(kind);

    const second = specFor(source, wh, 2, ['items']);
    const elsewhere = { ...second, connections: second.connections.map((c) => (c.name === wh.connection.name ? respelled(c) : c)) };
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = join(ws.dir, 'other-tmp');
    mkdirSync(process.env.TMPDIR, { recursive: true });
    let refused;
    try {
      refused = await run(elsewhere);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    expect(refused.result.status).toBe('failed');
    expect(refused.result.entities, JSON.stringify(refused.result.entities)).toEqual([]);
    expect(refused.result.error).toContain('run refused: entity "items" on warehouse "wh"');
    // PostgreSQL names the run (its session's application name); MariaDB the server connection.
    expect(refused.result.error).toContain(kind === 'postgres' ? `run ${first.runId}` : 'connection ');

    await blocker.query('COMMIT');
    expect((await running).result.status).toBe('succeeded');
    // The first run's session ended with its run: the lock is free again.
    expect((await runOk(specFor(source, wh, 3, ['items']))).result.status).toBe('succeeded');
  });
});

describe('DuckDB run locks', () => {
  const how = () => ({ signal: new AbortController().signal, onRetry: () => undefined });
  const take = (runId: string, path: string, entities: readonly string[]) => acquireRunLock(runId, [{ warehouse: { name: 'wh', kind: 'duckdb', path }, entities }], how());
  const holders: LockHolder[] = [];
  afterEach(async () => {
    await Promise.all(holders.splice(0).map((holder) => holder.kill('SIGKILL')));
  });
  const holder = async (): Promise<LockHolder> => {
    const started = await forkLockHolder();
    holders.push(started);
    return started;
  };

  it('refuses a second run of an entity in the same process, naming the run, and frees the lock on release', async () => {
    const path = join(ws.dir, 'same.duckdb');
    const first = await take('run-a', path, ['items', 'other']);
    await expect(take('run-b', path, ['ITEMS'])).rejects.toThrow(new LockHeld(`entity "ITEMS" on warehouse "wh" (${path}) is already being run by run run-a in this process: wait for it to finish or cancel it`));
    // Refused on its second entity: the first one it took is given back.
    await expect(take('run-c', path, ['third', 'other'])).rejects.toBeInstanceOf(LockHeld);
    await expectLockFree(path, ['third']);
    await first.release();
    await expectLockFree(path, ['items', 'other']);
  });

  it('frees the lock of a SIGKILLed run at once, with no takeover', async () => {
    const path = join(ws.dir, 'killed.duckdb');
    const child = await holder();
    expect(await child.take(path, ['items'], 'run-killed')).toEqual({ took: true });
    const refused = take('run-next', path, ['items']);
    await expect(refused).rejects.toBeInstanceOf(LockHeld);
    await expect(refused).rejects.toThrow(`entity "items" on warehouse "wh" (${path}) is being run by run run-killed (process ${child.pid}) since `);
    expect(await child.kill('SIGKILL')).toBe('SIGKILL');
    // The kernel freed it with the process: the next run takes it on its first try.
    await (await take('run-next', path, ['items'])).release();
  });

  it('lets exactly one of two processes take a lock file when both try within microseconds', async () => {
    // Each process spins until the same instants and tries then: the race a run lock must win.
    const folder = join(ws.dir, 'race-files');
    mkdirSync(folder);
    const TRIALS = 100;
    const start = Date.now() + 6000;
    const side = (): Promise<{ got: boolean; tried: number; took: number; freed: number }[]> =>
      new Promise((resolveSide, reject) =>
        execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'engine', 'lock-race-process.ts'), folder, String(TRIALS), String(start)], { cwd: ROOT }, (error, stdout) =>
          error ? reject(error) : resolveSide(stdout.split('\n').map((line) => line.split(' ').map(Number)).map(([got, tried, took, freed]) => ({ got: got === 1, tried: tried!, took: took!, freed: freed! }))),
        ),
      );
    const [a, b] = await Promise.all([side(), side()]);
    expect([a.length, b.length]).toEqual([TRIALS, TRIALS]);
    const trials = a.map((ours, trial) => [ours, b[trial]!] as const);
    // Refused means another connection holds it: refusing both is the bug this test is for.
    expect(trials.flatMap(([x, y], trial) => (!x.got && !y.got ? [trial] : []))).toEqual([]);
    // Both may take it one after the other (a process that lags behind); never at once.
    expect(trials.flatMap(([x, y], trial) => (x.got && y.got && x.took < y.freed && y.took < x.freed ? [trial] : []))).toEqual([]);
  }, 60_000);

  it('takes a lock file while another process is halfway through trying for it', async () => {
    // A run that has opened the lock file and not yet been refused holds SQLite's SHARED lock on
    // it: a real process stays in that state here, so the moment the race above hits is held still.
    const file = join(ws.dir, 'halfway.lock.db');
    const reader = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN'); db.prepare('SELECT count(*) FROM sqlite_master').get(); process.stdout.write('shared\\n'); setInterval(() => {}, 1000);`, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolveReady, reject) => {
        reader.once('exit', (code) => reject(new Error(`the reader exited with ${code}`)));
        reader.stdout.once('data', resolveReady);
      });
      const db = holdLockFile(file);
      expect(db, 'refused, though nobody holds the lock').toBeDefined();
      // And while this one holds it, the next try is refused.
      expect(holdLockFile(file)).toBeUndefined();
      db!.close();
    } finally {
      reader.kill('SIGKILL');
    }
  });

  it('lets exactly one of two runs take a lock at the same instant, also over a killed run, in one process or two', async () => {
    const path = join(ws.dir, 'race.duckdb');
    const TRIALS = 50;
    const CROSS = 20;
    const inProcess = Array.from({ length: TRIALS }, (_, i) => `same-${i}`);
    const across = Array.from({ length: CROSS }, (_, i) => `across-${i}`);
    // Every lock of the trials was last held by a run that was killed holding it.
    const killed = await holder();
    expect(await killed.take(path, [...inProcess, ...across], 'run-killed')).toEqual({ took: true });
    expect(await killed.kill('SIGKILL')).toBe('SIGKILL');

    for (const [trial, entity] of inProcess.entries()) {
      const outcomes = await Promise.allSettled([take('run-a', path, [entity]), take('run-b', path, [entity])]);
      const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(won, `trial ${trial}`).toHaveLength(1);
      expect(outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))).toEqual([expect.any(LockHeld)]);
      await won[0]!.release();
    }

    const other = await holder();
    for (const [trial, entity] of across.entries()) {
      const [theirs, ours] = await Promise.allSettled([other.take(path, [entity], 'run-child'), take('run-parent', path, [entity])]);
      if (theirs.status === 'rejected') throw theirs.reason;
      expect(Number(theirs.value.took) + Number(ours.status === 'fulfilled'), `trial ${trial}: ${JSON.stringify(theirs.value)}`).toBe(1);
      if (!theirs.value.took) expect(theirs.value.held, theirs.value.error).toBe(true);
      else expect((ours as PromiseRejectedResult).reason).toBeInstanceOf(LockHeld);
      if (ours.status === 'fulfilled') await ours.value.release();
      await other.release();
    }
    await expectLockFree(path, [...inProcess, ...across]);
  }, 60_000);
});

describe('events', () => {
  it('come in order per entity, and progress carries the counters at most about 4 times a second', async () => {
    const source = await bigSource('sqlite', { alpha: 60_000, beta: 30_000 });
    const wh = await createWarehouse('duckdb', ws);
    const { result, events } = await runOk(specFor(source, wh, 1, ['alpha', 'beta']));

    expect(events[0]).toMatchObject({ type: 'run:started', entities: ['alpha', 'beta'], batchId: '1' });
    expect(events.at(-1)).toMatchObject({ type: 'run:finished', result });
    for (const [name, count] of [['alpha', 60_000], ['beta', 30_000]] as const) {
      const own = eventsOf(events, name);
      const states = own.flatMap((e) => (e.type === 'entity:state' ? [e.state] : []));
      expect(states).toEqual(['queued', 'extracting', 'landing', 'loading', 'done']);
      const progress = own.filter((e): e is Extract<EngineEvent, { type: 'entity:progress' }> => e.type === 'entity:progress');
      expect(progress.length).toBeGreaterThan(0);
      for (const p of progress) {
        expect(p).toMatchObject({ runId: result.runId, rows: expect.any(Number), bytes: expect.any(Number), files: expect.any(Number), rowsPerSecond: expect.any(Number) });
        expect(p.rowsPerSecond).toBeGreaterThanOrEqual(0);
      }
      for (let i = 1; i < progress.length; i++) {
        expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
        expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
      }
      expect(progress.at(-1)).toMatchObject({ rows: count, files: result.entities.find((e) => e.entity === name)!.files });
      // Progress comes only while extracting and landing.
      const index = (e: EngineEvent): number => own.indexOf(e);
      const loading = own.find((e) => e.type === 'entity:state' && e.state === 'loading')!;
      for (const p of progress) expect(index(p)).toBeLessThan(index(loading));
      // At most 4 a second (one every 250 ms), plus the first and the final one: counted generously.
      const extractingAt = Date.parse(own.find((e) => e.type === 'entity:state' && e.state === 'extracting')!.at);
      const lastAt = Date.parse(progress.at(-1)!.at);
      expect(progress.length).toBeLessThanOrEqual(Math.ceil(((lastAt - extractingAt) / 1000) * 4) + 3);
    }
  });
});
