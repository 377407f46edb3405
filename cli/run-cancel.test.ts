// Ctrl+C always ends `landfall run`, as a real child process (`node bin/landfall.js run …`) sent
// SIGINT: a lake under /proc/self fails at once instead of spinning in mkdir; a run blocked on a
// read the cancel cannot interrupt (the previous set's manifest is a named pipe: publishing reads
// it, and open() waits in the thread pool for a writer that never comes) ends at the deadline after
// one Ctrl+C, and at once after a second, and its history says cancelled.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemo } from '../app/demo/create-demo.ts';
import { withStore } from './landfall.ts';
import { CANCEL_DEADLINE_MS } from './run-command.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'landfall.js');

let dir: string;
let child: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-cancel-'));
});
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The demo, with the customer entity's previous `Latest` manifest a named pipe: its publish blocks. */
async function projectWithPipe(): Promise<string> {
  const file = join(dir, 'demo', 'sales.landfall');
  (await createDemo(file, { anchorDate: '2026-06-30' })).close();
  const latest = join(dir, 'demo', 'lake', 'customer', 'Latest');
  mkdirSync(latest, { recursive: true });
  execFileSync('mkfifo', [join(latest, '_manifest.json')]);
  return file;
}

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
  /** Milliseconds from the first SIGINT (or the start, without one) to the exit. */
  readonly ms: number;
}

/** Whether a thread of process `pid` is blocked opening a named pipe (the kernel's wait channel says so). */
function blockedOnPipe(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((task) => readFileSync(`/proc/${pid}/task/${task}/wchan`, 'utf8') === 'wait_for_partner');
  } catch {
    return false;
  }
}

/**
 * Runs `landfall run` in a child process; once `ready` holds (checked every 50 ms), sends `signals`
 * SIGINTs 300 ms apart. Gives up (failing) after `limitMs`.
 */
function landfallRun(args: readonly string[], ready: (pid: number) => boolean, signals: number, limitMs: number): Promise<Ended> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    let from = started;
    let out = '';
    let err = '';
    const proc = (child = spawn(process.execPath, [BIN, 'run', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    const poll = setInterval(() => {
      if (signals === 0 || !ready(proc.pid!)) return;
      clearInterval(poll);
      from = Date.now();
      for (let i = 0; i < signals; i++) setTimeout(() => proc.kill('SIGINT'), i * 300);
    }, 50);
    proc.stdout!.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    proc.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    const limit = setTimeout(() => {
      clearInterval(poll);
      proc.kill('SIGKILL');
      reject(new Error(`landfall run did not exit within ${limitMs} ms\nstdout: ${out}\nstderr: ${err}`));
    }, limitMs);
    proc.on('exit', (code, signal) => {
      clearTimeout(limit);
      clearInterval(poll);
      resolvePromise({ code, signal, out, err, ms: Date.now() - from });
    });
  });
}

const lastRun = (file: string) => withStore(file, (store) => store.listRuns(1)[0]!);

describe('landfall run ends on Ctrl+C', () => {
  it('a lake under /proc/self: the run fails within seconds, naming the folder (no endless mkdir loop)', async () => {
    const file = join(dir, 'demo', 'sales.landfall');
    (await createDemo(file, { anchorDate: '2026-06-30' })).close();
    withStore(file, (store) => store.saveConnection({ ...store.getConnection('lake')!, path: '/proc/self/landfall-lake' }));
    const ended = await landfallRun([file, '--entities', 'customer'], () => false, 0, 30_000);
    expect(ended.code).toBe(1);
    expect(ended.out).toContain('folder "/proc/self/landfall-lake" cannot be created: its parent "/proc/self" exists but refuses new folders');
    expect(lastRun(file)).toMatchObject({ status: 'failed', entities: [expect.objectContaining({ entity: 'customer', status: 'failed' })] });
  });

  it('blocked on a named pipe: one Ctrl+C ends the process at the deadline, recorded as cancelled', async () => {
    const file = await projectWithPipe();
    const ended = await landfallRun([file, '--entities', 'customer'], blockedOnPipe, 1, 40_000);
    expect(ended.err).toContain('cancelling');
    // Ended as interrupted: even process.exit would wait for the read blocked in the thread pool.
    expect(ended.signal).toBe('SIGINT');
    expect(ended.ms).toBeLessThan(CANCEL_DEADLINE_MS + 3000);
    expect(lastRun(file)).toMatchObject({ status: 'cancelled', entities: [expect.objectContaining({ entity: 'customer', status: 'cancelled' })] });
  });

  it('blocked on a named pipe: a second Ctrl+C ends the process at once, recorded as cancelled', async () => {
    const file = await projectWithPipe();
    const ended = await landfallRun([file, '--entities', 'customer'], blockedOnPipe, 2, 40_000);
    expect(ended.signal).toBe('SIGINT');
    expect(ended.ms).toBeLessThan(2500);
    expect(ended.out).toMatch(/run \S+ cancelled: 0 of 1 entities done/);
    expect(lastRun(file)).toMatchObject({ status: 'cancelled', entities: [expect.objectContaining({ entity: 'customer', status: 'cancelled' })] });
  });
});
