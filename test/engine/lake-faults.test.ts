// A lake the machine will not write to ends the entity at once with a message that says why, and
// commits nothing: a folder under /proc/self (where Node's recursive mkdir loops forever), a
// read-only bind mount and an immutable folder (reported as read-only, not `ENOENT … mkdir`), and a
// full disk (a 2 MB tmpfs). The mounts need root, which CI has: these tests fail, not skip, without it.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { makeFolder } from '../../engine/make-folder.ts';
import { createSource, createWarehouse, jobSpec, listTree, readControl, run, workspace, type TestWarehouse, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'noise', type: 'string(200)' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** A one-entity job over a SQLite source of `rows` rows of random text, landing in `lake`. */
async function jobInto(lake: string, rows: number): Promise<{ spec: JobSpec; wh: TestWarehouse }> {
  const source = await createSource('sqlite', ws);
  await source.createTable('noise', COLUMNS);
  await source.insert('noise', COLUMNS, Array.from({ length: rows }, (_, i) => [i + 1, randomBytes(96).toString('hex')]));
  await source.close();
  const wh = await createWarehouse('duckdb', ws);
  const spec = jobSpec({
    ws,
    connections: [source.connection, wh.connection],
    batchId: 1,
    entities: [{
      entity: { name: 'noise', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: 'noise', source: { kind: 'table', connection: 'src', table: 'noise' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, compression: 'none', fileSizeMb: 1 },
    }],
  });
  return { spec: { ...spec, connections: spec.connections.map((c) => (c.name === 'lake' ? { ...c, path: lake } : c)) }, wh };
}

/** Runs the job; it must fail, with nothing committed; returns the entity's error. */
async function failure(spec: JobSpec, wh: TestWarehouse): Promise<string> {
  const started = Date.now();
  const { result } = await run(spec);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(result.status).toBe('failed');
  const [entity] = result.entities;
  expect(entity?.status).toBe('failed');
  expect(await readControl(wh)).toEqual([]);
  return entity!.error!;
}

const sh = (command: string, ...args: string[]): void => void execFileSync(command, args, { stdio: 'pipe' });

describe('a lake the machine will not write to', () => {
  it('under /proc/self: fails at once (no endless mkdir loop), saying the folder refuses new folders', async () => {
    const { spec, wh } = await jobInto('/proc/self/landfall-lake', 10);
    const error = await failure(spec, wh);
    expect(error).toMatch(/^entity "noise": preparing lander "lake" failed: folder "\/proc\/self\/landfall-lake" cannot be created: its parent "\/proc\/self" exists but refuses new folders \(ENOENT\)/);
  });

  it('makeFolder under /proc/self/fdinfo ends in a bounded number of steps', async () => {
    await expect(makeFolder('/proc/self/fdinfo/a/b/c')).rejects.toThrow(/folder "\/proc\/self\/fdinfo\/a" cannot be created: its parent "\/proc\/self\/fdinfo" exists but refuses new folders/);
  });

  it('on a read-only bind mount (as root): says read-only, not ENOENT', async () => {
    const real = join(ws.dir, 'real-lake');
    const lake = join(ws.dir, 'read-only-lake');
    mkdirSync(real);
    mkdirSync(lake);
    sh('mount', '--bind', '-o', 'ro', real, lake);
    ws.defer(() => sh('umount', lake));
    const { spec, wh } = await jobInto(lake, 10);
    const error = await failure(spec, wh);
    expect(error).toContain(`folder "${join(lake, 'noise')}" is on a read-only file system (EROFS`);
    expect(error).not.toMatch(/ENOENT/);
  });

  it('an immutable folder (chattr +i, as root): says read-only', async () => {
    const lake = join(ws.dir, 'immutable-lake');
    mkdirSync(lake);
    sh('chattr', '+i', lake);
    ws.defer(() => sh('chattr', '-i', lake));
    const { spec, wh } = await jobInto(lake, 10);
    const error = await failure(spec, wh);
    expect(error).toContain(`folder "${join(lake, 'noise')}" is read-only: the operation is not permitted`);
  });

  it('disk full on a 2 MB tmpfs (as root): fails naming the folder, no space left, removes its files, commits nothing', async () => {
    const lake = join(ws.dir, 'small-lake');
    mkdirSync(lake);
    sh('mount', '-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', lake);
    ws.defer(() => sh('umount', lake));
    // About 4 MB of text that does not compress, in 1 MB files: the third file cannot land.
    const { spec, wh } = await jobInto(lake, 20_000);
    const error = await failure(spec, wh);
    expect(error).toMatch(/^entity "noise": extracting failed: folder ".*\/small-lake\/noise\/_incoming\/[^"]+" is on a file system with no space left \(ENOSPC/);
    // Only the entity's (empty) folder remains: the landed files and the run's area are removed.
    expect(await listTree(lake)).toEqual(['noise']);
  });
});
