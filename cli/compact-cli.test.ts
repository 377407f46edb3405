// `landfall compact` end to end: a real `landfall` child process on a real project (SQLite source,
// local folder lake, DuckDB warehouse) whose run landed many small files — a value-partitioned
// layout with twice as many partitions as files held open, so every partition's file is finished
// early again and again. The dry run prints its plan and changes nothing; the compaction exits 0,
// the file count drops to one per partition, and DuckDB reads exactly the same rows back; an
// entity that is not in the project exits 1 with its reason.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../app/store/project-store.ts';
import { MAX_OPEN_PARTITIONS } from '../engine/aggregate.ts';
import { openDuckDb } from '../engine/duckdb.ts';
import { ROOT } from '../test/engine/engine-child.ts';

const PARTITIONS = MAX_OPEN_PARTITIONS * 2;
const ROWS = 4000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-compact-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `landfall <args…>` as a child process: its exit code and output. */
function landfall(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** A project whose one entity, "items", lands partitioned by region into the lake folder. */
function project(): string {
  const source = new Database(join(dir, 'src.sqlite'));
  source.exec('CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, region TEXT, note TEXT)');
  const insert = source.prepare('INSERT INTO items VALUES (?, ?, ?)');
  source.transaction(() => {
    for (let i = 1; i <= ROWS; i++) insert.run(i, `r${i % PARTITIONS}`, i % 40 === 0 ? null : `note "${i}", twice`);
  })();
  source.close();
  const file = join(dir, 'p.landfall');
  const store = ProjectStore.create(file, { name: 'compaction' });
  try {
    store.saveConnection({ name: 'src', kind: 'sqlite', path: join(dir, 'src.sqlite') });
    store.saveConnection({ name: 'wh', kind: 'duckdb', path: join(dir, 'wh.duckdb') });
    store.saveConnection({ name: 'lake', kind: 'localfs', path: join(dir, 'lake') });
    store.saveEntity({ name: 'items', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'region', type: 'string(20)' }, { name: 'note', type: 'string(200)' }], businessKey: ['id'], warehouse: 'wh' });
    store.saveExtract({
      entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv' },
      compression: 'zstd', fileSizeMb: 1, lander: { connection: 'lake' }, layout: { partition: { kind: 'value', column: 'region' } },
    });
  } finally {
    store.close();
  }
  return file;
}

/** The data files under the entity's Latest folder, relative to it, sorted. */
function latestFiles(): string[] {
  const root = join(dir, 'lake', 'items', 'Latest');
  const walk = (folder: string): string[] => readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : name === '_manifest.json' ? [] : [relative(root, path)];
  });
  return walk(root).sort();
}

/** Every row of the Latest files, read by DuckDB, sorted by id. */
async function latestRows(): Promise<string[][]> {
  const root = join(dir, 'lake', 'items', 'Latest');
  const list = latestFiles().map((f) => `'${join(root, f)}'`).join(', ');
  const db = await openDuckDb(':memory:');
  const c = await db.connect();
  try {
    const rows = (await c.runAndReadAll(`SELECT CAST(id AS VARCHAR), region, note FROM read_csv([${list}], header = true, all_varchar = true, quote = '"', escape = '"') ORDER BY CAST(id AS INTEGER)`)).getRows();
    return rows.map((r) => r.map((v) => (v === null ? null : String(v)))) as string[][];
  } finally {
    c.closeSync();
    await db.release();
  }
}

describe('landfall compact (a real child process)', () => {
  it('prints the dry run\'s plan and changes nothing, then merges the small files: fewer files, the same rows, exit 0', async () => {
    const file = project();
    const run = await landfall('run', file, '--batch-date', '2026-03-01');
    expect(run.code, run.err + run.out).toBe(0);
    const before = latestFiles();
    expect(before.length).toBeGreaterThan(PARTITIONS);
    const rows = await latestRows();
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]).toEqual(['1', 'r1', 'note "1", twice']);

    const dry = await landfall('compact', file, '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain(`entity "items":\n  items/Latest: ${before.length} files → ${PARTITIONS} (dry run: nothing changed)\n`);
    // Each merge line names the file kept (the first one, by its first row) and every file merged into it.
    const merges = dry.out.split('\n').filter((line) => line.includes(' ← '));
    expect(merges).toHaveLength(PARTITIONS);
    expect(merges.flatMap((line) => line.split(' ← ')[1]!.split(', ')).sort()).toEqual(before);
    expect(latestFiles()).toEqual(before);

    const compacted = await landfall('compact', file);
    expect(compacted.code, compacted.err).toBe(0);
    expect(compacted.out).toContain(`items/Latest: ${before.length} files → ${PARTITIONS}\n`);
    const after = latestFiles();
    expect(after).toHaveLength(PARTITIONS);
    for (const name of after) expect(before).toContain(name);
    expect(await latestRows()).toEqual(rows);

    // Nothing is left to merge; an entity that is not in the project is refused with exit 1.
    const again = await landfall('compact', file, '--entities', 'items');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toBe('entity "items":\n  nothing to merge\n');
    const unknown = await landfall('compact', file, '--entities', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no staging entity is named "nope"; the project has: items');
  }, 180_000);
});
