// A `landfall run` killed with SIGKILL cannot record its end: the next time the project file is
// opened, its run (and the entities it left unfinished) shows as killed, not running forever.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createDemo } from '../app/demo/create-demo.ts';
import { ProjectStore } from '../app/store/project-store.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-history-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The run rows as the file holds them, read without the store (which would end orphans). */
function rawRuns(file: string): { id: string; status: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, status FROM run').all() as { id: string; status: string }[];
  } finally {
    db.close();
  }
}

it('shows a run whose process was killed as killed, with its unfinished entities', async () => {
  const file = join(dir, 'demo', 'sales.landfall');
  (await createDemo(file, { anchorDate: '2026-06-30' })).close();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'run', file], { stdio: 'ignore' });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // Killed as soon as the run is recorded as running: long before it can finish.
  for (let i = 0; i < 400 && !rawRuns(file).some((r) => r.status === 'running'); i++) await delay(25);
  child.kill('SIGKILL');
  await exited;
  expect(rawRuns(file)).toEqual([{ id: expect.any(String), status: 'running' }]);

  const store = ProjectStore.open(file);
  try {
    const [run] = store.listRuns();
    expect(run).toMatchObject({ status: 'killed', finishedAt: expect.any(String) });
    expect(run!.error).toContain(`process ${child.pid}`);
    expect(run!.error).toContain('killed or crashed');
    expect(run!.entities.length).toBeGreaterThan(0);
    for (const entity of run!.entities) expect(['killed', 'done']).toContain(entity.status);
  } finally {
    store.close();
  }
});

it('leaves a run of a live process running', async () => {
  const file = join(dir, 'demo', 'sales.landfall');
  (await createDemo(file, { anchorDate: '2026-06-30' })).close();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'run', file], { stdio: 'ignore' });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    for (let i = 0; i < 400 && !rawRuns(file).some((r) => r.status === 'running'); i++) await delay(25);
    const store = ProjectStore.open(file);
    try {
      const [run] = store.listRuns();
      // Still running, or finished by now: never ended as killed while its process lives.
      expect(['running', 'succeeded']).toContain(run!.status);
    } finally {
      store.close();
    }
  } finally {
    await exited;
  }
});
