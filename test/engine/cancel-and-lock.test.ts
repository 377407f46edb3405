// Cancelling a run mid-extract commits nothing and leaves nothing behind; a second run of the same
// entity on the same warehouse is refused while the first runs; events come in order, progress
// events carry the counters and are throttled.
import pg from 'pg';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireRunLock, duckdbLockFolder, LockHeld } from '../../engine/run-lock.ts';
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
    expect(existsSync(duckdbLockFolder(wh.connection.kind === 'duckdb' ? wh.connection.path : ''))).toBe(false);

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
    // The refused run took no lock and released none of the first run's: the folder is gone now.
    expect(existsSync(duckdbLockFolder(wh.connection.kind === 'duckdb' ? wh.connection.path : ''))).toBe(false);
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

  it('lets only one of two runs take over a stale DuckDB lock at the same instant', async () => {
    const path = join(ws.dir, 'race.duckdb');
    const warehouse: Connection = { name: 'wh', kind: 'duckdb', path };
    const folder = duckdbLockFolder(path);
    for (let trial = 0; trial < 20; trial++) {
      mkdirSync(folder, { recursive: true });
      // A lock left by a process that is gone (pid 2^22 + trial is above Linux's default pid_max).
      const { createHash } = await import('node:crypto');
      const file = join(folder, `${createHash('sha256').update('items').digest('hex').slice(0, 32)}.lock`);
      writeFileSync(file, JSON.stringify({ pid: 4_194_304 + trial, runId: 'killed', entity: 'items', since: '2026-01-01T00:00:00Z' }));
      const outcomes = await Promise.allSettled([
        acquireRunLock('run-a', [{ warehouse, entities: ['items'] }], { signal: new AbortController().signal, onRetry: () => undefined }),
        acquireRunLock('run-b', [{ warehouse, entities: ['items'] }], { signal: new AbortController().signal, onRetry: () => undefined }),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won, `trial ${trial}`).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(LockHeld);
      await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
      expect(existsSync(folder)).toBe(false);
    }
  });
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
