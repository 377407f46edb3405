// The launcher over real processes: the engine entry (engine/utility.ts, run from source with tsx)
// and tiny stand-in scripts that crash, hang or talk out of turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineEvent, JobSpec } from '../shared/protocol/engine.ts';
import { createDemo } from './demo/create-demo.ts';
import { buildJobSpec } from './run/job-spec.ts';
import { forkLauncher, nodeFork, type ForkFn } from './engine-launcher.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = join(ROOT, 'engine', 'utility.ts');
const engineFork = (): ForkFn => nodeFork(ENGINE, { execArgv: ['--import', 'tsx'], cwd: ROOT });

let dir: string;
let spec: JobSpec;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-launcher-'));
  const file = join(dir, 'demo', 'sales.landfall');
  const store = await createDemo(file, { anchorDate: '2026-03-31' });
  try {
    spec = buildJobSpec(store, file, { batchDate: '2026-03-31' });
  } finally {
    store.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in engine: a small ES module written to the temp folder, forked with plain Node. */
function script(name: string, source: string): ForkFn {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, source);
  return nodeFork(path, { killGraceMs: 300 });
}

/** Starts a run and collects its events. */
function launch(fork: ForkFn, job: JobSpec = spec) {
  const events: EngineEvent[] = [];
  const waiters: { match: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = [];
  const engine = forkLauncher(fork).start(job, (event) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(event)) waiter.resolve(event);
      else waiters.push(waiter);
    }
  });
  const waitFor = (match: (e: EngineEvent) => boolean): Promise<EngineEvent> =>
    events.find(match) ? Promise.resolve(events.find(match)!) : new Promise((resolveEvent) => waiters.push({ match, resolve: resolveEvent }));
  return { engine, events, waitFor };
}

describe('forkLauncher with the real engine process', () => {
  it('relays every engine event and ends with run:finished, the same result as done', async () => {
    const { engine, events } = launch(engineFork());
    expect(engine.runId).toBe(spec.runId);
    const result = await engine.done;
    expect(result.status).toBe('succeeded');
    expect(events[0]!.type).toBe('run:started');
    expect(events.at(-1)).toMatchObject({ type: 'run:finished', result: { runId: spec.runId, status: 'succeeded' } });
    expect(events.filter((e) => e.type === 'run:finished')).toHaveLength(1);
    const done = events.filter((e) => e.type === 'entity:state' && e.state === 'done').map((e) => (e as { entity: string }).entity);
    expect(done.sort()).toEqual(spec.entities.map((e) => e.entity.name).sort());
    expect(result.entities.every((e) => e.status === 'done')).toBe(true);
  });

  it('cancels: the engine stops and reports a cancelled run', async () => {
    const { engine, events } = launch(engineFork(), { ...spec, runId: 'cancelled-run' });
    engine.cancel();
    const result = await engine.done;
    expect(result.status).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ type: 'run:finished', result: { status: 'cancelled' } });
  });

  it('is ended by kill(): the run ends as cancelled and done resolves', async () => {
    const { engine, waitFor } = launch(engineFork(), { ...spec, runId: 'killed-run' });
    await waitFor((e) => e.type === 'run:started');
    engine.kill();
    const result = await engine.done;
    expect(result.status).toBe('cancelled');
  });
});

describe('forkLauncher when the engine process crashes', () => {
  // Answers the run with its pid in a log event, then waits; ignores SIGTERM like a stuck process.
  const stuck = `
    process.on('SIGTERM', () => {});
    process.on('message', (m) => {
      if (m.type !== 'run') return;
      process.send({ type: 'run:started', runId: m.spec.runId, batchId: '1', batchDate: m.spec.batchDate, entities: m.spec.entities.map((e) => e.entity.name), at: new Date().toISOString() });
      process.send({ type: 'entity:state', runId: m.spec.runId, entity: 'customer', state: 'extracting', at: new Date().toISOString() });
      process.send({ type: 'entity:progress', runId: m.spec.runId, entity: 'customer', rows: 42, bytes: 100, files: 0, rowsPerSecond: 1, at: new Date().toISOString() });
      process.send({ type: 'log', runId: m.spec.runId, level: 'info', message: String(process.pid), at: new Date().toISOString() });
    });
    setInterval(() => {}, 1000);
  `;

  it('a process killed with SIGKILL mid-run becomes a failed run:finished that says so', async () => {
    const { engine, events, waitFor } = launch(script('stuck', stuck));
    const log = (await waitFor((e) => e.type === 'log')) as { message: string };
    process.kill(Number(log.message), 'SIGKILL');
    const result = await engine.done;
    expect(result.status).toBe('failed');
    expect(result.error).toContain('the engine process ended unexpectedly (killed by signal SIGKILL)');
    const finished = events.at(-1)!;
    expect(finished).toMatchObject({ type: 'run:finished', result: { status: 'failed', runId: spec.runId } });
    // What each entity had reached is kept: customer was extracting with 42 rows.
    const customer = result.entities.find((e) => e.entity === 'customer')!;
    expect(customer).toMatchObject({ status: 'failed', rows: 42 });
    expect(result.entities.map((e) => e.entity).sort()).toEqual(spec.entities.map((e) => e.entity.name).sort());
  });

  it('a process that exits without run:finished fails the run with its exit code and last stderr line', async () => {
    const { engine, events } = launch(script('exits', "process.stderr.write('out of disk space\\n'); process.exit(3);"));
    const result = await engine.done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/ended unexpectedly \(exit code 3\).*out of disk space/);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe('run:finished');
  });

  it('kill() ends a process that ignores SIGTERM (SIGKILL after the grace period), as a cancelled run', async () => {
    const { engine, waitFor } = launch(script('stuck2', stuck));
    await waitFor((e) => e.type === 'log');
    engine.kill();
    const result = await engine.done;
    expect(result.status).toBe('cancelled');
    expect(result.error).toContain('the engine process was ended before it finished');
  });

  it('ignores messages that are not events of this run', async () => {
    const { engine, events } = launch(script('noisy', `
      process.on('message', (m) => {
        if (m.type !== 'run') return;
        process.send('hello');
        process.send({ type: 'log', runId: 'another-run', level: 'info', message: 'not mine', at: 'x' });
        process.send({ type: 'run:finished', result: { runId: 'another-run', status: 'succeeded' }, at: 'x' });
        process.send({ type: 'run:finished', result: { runId: m.spec.runId, status: 'succeeded', startedAt: 'a', finishedAt: 'b', entities: [] }, at: 'y' }, () => process.exit(0));
      });
    `));
    const result = await engine.done;
    expect(result.status).toBe('succeeded');
    expect(events).toEqual([{ type: 'run:finished', result: { runId: spec.runId, status: 'succeeded', startedAt: 'a', finishedAt: 'b', entities: [] }, at: 'y' }]);
  });

  it('a fork that throws fails the run after start() returned', async () => {
    const { engine, events } = launch(() => {
      throw new Error('spawn ENOENT');
    });
    expect(events).toEqual([]);
    const result = await engine.done;
    expect(result.status).toBe('failed');
    expect(result.error).toBe('the engine process could not be started: spawn ENOENT');
    expect(events).toHaveLength(1);
  });
});
