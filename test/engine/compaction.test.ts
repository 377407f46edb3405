// `landfall compact` over real runs' files: a value-partitioned layout with more partitions than
// files held open (so each partition gets many small files), in Latest and in the kept history
// layout, on the local folder lake (CSV + zstd and gzip) and the Azurite Blob lake (Parquet). Rows
// before == rows after (DuckDB reads every file), the file count drops, merged files keep the
// first-row names and the size limit; a compaction refuses while a run holds the entity's lock;
// a compaction SIGKILLed mid-way leaves every row exactly once.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { compactEntities } from '../../engine/compact.ts';
import { openDuckDb } from '../../engine/duckdb.ts';
import { lakePath } from '../../engine/land/lake-path.ts';
import type { LakeStore } from '../../engine/land/lake-store.ts';
import { openLakeStore } from '../../engine/land/lake-stores.ts';
import { folderStore } from '../../engine/land/stores/folder-store.ts';
import { MAX_OPEN_PARTITIONS } from '../../engine/aggregate.ts';
import { parseConnection } from '../../shared/model/index.ts';
import type { Connection } from '../../shared/model/schema.ts';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { ROOT } from './engine-child.ts';
import { forkLockHolder } from './lock-holder.ts';
import { createSource, createWarehouse, jobSpec, listTree, must, runOk, workspace, type TestRow, type Workspace } from './fixtures.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const ENTITY = 'items';
const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'region', type: 'string(20)' },
  { name: 'note', type: 'string(200)' },
];
// Twice as many partitions as files held open, rows interleaved: every partition's file is finished early, again and again.
const PARTITIONS = MAX_OPEN_PARTITIONS * 2;
const ROWS: TestRow[] = Array.from({ length: 6000 }, (_, i) => [i + 1, `r${i % PARTITIONS}`, i % 50 === 0 ? null : `note "${i}",\nline two`]);
const EXPECTED = ROWS.map(([id, region, note]) => [String(id), region, note]);
const TEMPLATE = '{entity}/History/{yyyy}/{mm}/{dd}/{run_id}/{partition}/{entity}_{first_row}';

interface LakeFile {
  readonly path: string;
  readonly bytes: number;
}

/** Every data file of the entity in `folder` (Latest, or a history run folder), with its size. */
async function dataFiles(store: LakeStore, folder: string, prefix = ''): Promise<LakeFile[]> {
  const found: LakeFile[] = [];
  for (const entry of await store.list(lakePath(folder, prefix))) {
    const name = lakePath(prefix, entry.name);
    if (entry.folder) found.push(...(await dataFiles(store, folder, name)));
    else if (entry.name !== '_manifest.json') found.push({ path: lakePath(folder, name), bytes: (await store.readBytes(lakePath(folder, name)))!.byteLength });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** The rows of the given lake files, read by DuckDB from local copies, sorted by id. */
async function rowsOf(store: LakeStore, files: readonly LakeFile[], parquet: boolean): Promise<unknown[][]> {
  const dir = join(ws.dir, `read-${randomBytes(4).toString('hex')}`);
  const paths = files.map((f, i) => {
    const ending = f.path.slice(f.path.indexOf('.'));
    const path = join(dir, `${String(i).padStart(5, '0')}${ending}`);
    return path;
  });
  mkdirSync(dir, { recursive: true });
  for (const [i, f] of files.entries()) writeFileSync(paths[i]!, (await store.readBytes(f.path))!);
  const db = await openDuckDb(':memory:');
  const c = await db.connect();
  try {
    const list = `[${paths.map((p) => `'${p}'`).join(', ')}]`;
    const from = parquet ? `read_parquet(${list})` : `read_csv(${list}, header = true, all_varchar = true, quote = '"', escape = '"', union_by_name = false)`;
    const rows = (await c.runAndReadAll(`SELECT CAST(id AS VARCHAR), region, note FROM ${from} ORDER BY CAST(id AS INTEGER)`)).getRows();
    return rows.map((r) => r.map((v) => (v === null ? null : String(v))));
  } finally {
    c.closeSync();
    await db.release();
  }
}

async function landedSpec(lake: Connection | undefined, format: 'csv' | 'parquet', compression: 'zstd' | 'gzip'): Promise<JobSpec> {
  const source = await createSource('sqlite', ws);
  await source.createTable(ENTITY, COLUMNS);
  await source.insert(ENTITY, COLUMNS, ROWS);
  await source.close();
  const wh = await createWarehouse('duckdb', ws);
  const spec = jobSpec({
    ws, connections: [source.connection, wh.connection, ...(lake ? [lake] : [])], batchId: 1, runId: 'run-1',
    entities: [{
      entity: { name: ENTITY, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
      extract: {
        entity: ENTITY, source: { kind: 'table', connection: 'src', table: ENTITY }, pattern: { kind: 'full' },
        lander: { connection: lake ? lake.name : 'lake', folder: 'raw' }, format: { kind: format }, compression, fileSizeMb: 1,
        layout: { partition: { kind: 'value', column: 'region' }, history: { path: TEMPLATE } },
      },
    }],
  });
  const { result } = await runOk(spec);
  expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS.length });
  return spec;
}

const LATEST = lakePath('raw', ENTITY, 'Latest');
const HISTORY = lakePath('raw', ENTITY, 'History', '2026', '03', '01', 'run-1');

/** Compacts and checks: every row once in Latest and in the history folder, fewer files, first-row names, within the size. */
async function compactAndCheck(spec: JobSpec, store: LakeStore, parquet: boolean): Promise<void> {
  const before = { latest: await dataFiles(store, LATEST), history: await dataFiles(store, HISTORY) };
  expect(before.latest.length).toBeGreaterThan(PARTITIONS * 2);
  expect(await rowsOf(store, before.latest, parquet)).toEqual(EXPECTED);

  const dry = await compactEntities(spec, { dryRun: true, signal: new AbortController().signal, log: () => undefined });
  expect(dry[0]!.error).toBeUndefined();
  expect(dry[0]!.sets.map((s) => s.folder)).toEqual([LATEST, HISTORY]);
  expect(dry[0]!.sets[0]!.filesAfter).toBe(PARTITIONS);
  expect(await dataFiles(store, LATEST)).toEqual(before.latest);

  const lines: string[] = [];
  const [result] = await compactEntities(spec, { dryRun: false, signal: new AbortController().signal, log: (line) => void lines.push(line) });
  expect(result!.error).toBeUndefined();
  const after = { latest: await dataFiles(store, LATEST), history: await dataFiles(store, HISTORY) };
  // One file per partition: each partition's rows are far below the 1 MB file size.
  expect(after.latest.length).toBe(PARTITIONS);
  expect(after.history.length).toBe(PARTITIONS);
  expect(await rowsOf(store, after.latest, parquet)).toEqual(EXPECTED);
  expect(await rowsOf(store, after.history, parquet)).toEqual(EXPECTED);
  for (const file of [...after.latest, ...after.history]) expect(file.bytes).toBeLessThanOrEqual(1024 * 1024);
  // Each merged file is named by the first row of the first file it merged: that name was there before.
  const names = new Set(before.latest.map((f) => f.path));
  for (const file of after.latest) expect(names.has(file.path), file.path).toBe(true);
  const manifest = JSON.parse((await store.read(lakePath(LATEST, '_manifest.json')))!) as { runId: string; files: { name: string; rows: number; bytes: number }[] };
  expect(manifest.runId).toBe('run-1');
  expect(manifest.files.reduce((n, f) => n + f.rows, 0)).toBe(ROWS.length);
  expect(manifest.files.map((f) => lakePath(LATEST, f.name)).sort()).toEqual(after.latest.map((f) => f.path));
  for (const f of manifest.files) expect(after.latest.find((a) => a.path === lakePath(LATEST, f.name))!.bytes).toBe(f.bytes);
  expect(await store.has(lakePath('raw', ENTITY, '_compact'))).toBe(false);
  // A second compaction finds nothing to merge.
  const [again] = await compactEntities(spec, { dryRun: false, signal: new AbortController().signal, log: () => undefined });
  expect(again).toEqual({ entity: ENTITY, sets: [] });
}

describe('landfall compact', () => {
  it('local folder, CSV + zstd: merges Latest partitions and the kept history row for row', async () => {
    const spec = await landedSpec(undefined, 'csv', 'zstd');
    await compactAndCheck(spec, folderStore(ws.lake), false);
  });

  it('local folder, CSV + gzip: the same', async () => {
    const spec = await landedSpec(undefined, 'csv', 'gzip');
    await compactAndCheck(spec, folderStore(ws.lake), false);
  });

  it('Azurite Blob lake, Parquet: merges row groups into one file per partition', async () => {
    const azurite = inject('azurite');
    const fileSystem = `compact-${process.pid}-${randomBytes(4).toString('hex')}`;
    const service = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.account, azurite.accountKey));
    await service.getContainerClient(fileSystem).create();
    ws.defer(async () => void (await service.getContainerClient(fileSystem).deleteIfExists()));
    const lake = { ...must(parseConnection({ name: 'blob', kind: 'adls', account: azurite.account, fileSystem, hierarchicalNamespace: false, endpoint: azurite.blobEndpoint, credential: { kind: 'accountKey', key: '${env:LAKE_KEY}' } })), credential: { kind: 'accountKey', key: azurite.accountKey } } as Connection;
    // No warehouse here reads Blob URLs (DuckDB has no httpfs, the others stage local files): the run lands
    // in the local folder, its entity folder is copied into the container as it is, and compacted there.
    const spec = await landedSpec(undefined, 'parquet', 'zstd');
    const local = folderStore(ws.lake);
    const blob = await openLakeStore(lake as Parameters<typeof openLakeStore>[0]);
    for (const path of await listTree(join(ws.lake, 'raw', ENTITY))) {
      if (statSync(join(ws.lake, 'raw', ENTITY, path)).isDirectory()) continue;
      const bytes = await local.readBytes(lakePath('raw', ENTITY, path));
      if (bytes !== undefined) await blob.write(lakePath('raw', ENTITY, path), [bytes], bytes.byteLength);
    }
    const onBlob: JobSpec = { ...spec, connections: [...spec.connections.filter((c) => c.name !== 'lake'), { ...lake, name: 'lake' } as Connection] };
    await compactAndCheck(onBlob, blob, true);
    // Every blob listed, read, written and moved is a request to Azurite: about 45 s on a quiet machine.
  }, 240_000);

  it('refuses while a run holds the entity\'s lock, naming the run, and changes nothing', async () => {
    const spec = await landedSpec(undefined, 'csv', 'zstd');
    const store = folderStore(ws.lake);
    const before = await dataFiles(store, LATEST);
    const holder = await forkLockHolder();
    try {
      const warehouse = spec.connections.find((c) => c.name === 'wh') as Extract<Connection, { kind: 'duckdb' }>;
      expect(await holder.take(warehouse.path, [ENTITY], 'run-holding-it')).toEqual({ took: true });
      const [result] = await compactEntities(spec, { dryRun: false, signal: new AbortController().signal, log: () => undefined });
      expect(result!.error).toMatch(/^entity "items" not compacted: .*run-holding-it.*; compact it once that run has ended$/s);
      expect(await dataFiles(store, LATEST)).toEqual(before);
    } finally {
      await holder.kill('SIGKILL');
    }
  });

  it.each(['merged ', 'every new set is written', 'switching raw/items/History', 'removing the merged files'])('killed (SIGKILL) at "%s": every row once, and the next compaction finishes', async (point) => {
    const spec = await landedSpec(undefined, 'csv', 'zstd');
    const store = folderStore(ws.lake);
    const specFile = join(ws.dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const child = fork(join(ROOT, 'test', 'engine', 'compact-process.ts'), [specFile, '1'], { execArgv: ['--import', 'tsx'], cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const killed = await new Promise<boolean>((resolve) => {
      child.on('message', (message: { line?: string }) => {
        if (message.line?.includes(point)) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.once('exit', () => resolve(false));
    });
    expect(killed).toBe(true);
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    // Right after the kill: a Latest with its manifest holds every row once (or, killed between a set's two moves, there is none until the recovery).
    const manifestText = await store.read(lakePath(LATEST, '_manifest.json'));
    if (manifestText !== undefined) {
      const listed = (JSON.parse(manifestText) as { files: { name: string }[] }).files.map((f) => ({ path: lakePath(LATEST, f.name), bytes: 0 }));
      expect(await rowsOf(store, listed, false)).toEqual(EXPECTED);
    } else {
      expect(await store.read(lakePath('raw', ENTITY, '_compact', '_plan.json'))).toBeDefined();
    }
    const [result] = await compactEntities(spec, { dryRun: false, signal: new AbortController().signal, log: () => undefined });
    expect(result!.error).toBeUndefined();
    const latest = await dataFiles(store, LATEST);
    expect(latest.length).toBe(PARTITIONS);
    expect(await rowsOf(store, latest, false)).toEqual(EXPECTED);
    expect(await rowsOf(store, await dataFiles(store, HISTORY), false)).toEqual(EXPECTED);
    expect((await listTree(join(ws.lake, 'raw', ENTITY))).filter((p) => p.includes('_compact') || p.endsWith('.partial'))).toEqual([]);
  });
});
