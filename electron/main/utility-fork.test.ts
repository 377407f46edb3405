// The utilityProcess adapter, with Electron's utility process stood in for by a Node child that
// behaves like one (messages as data, `exit` with a code, `kill()` as SIGTERM).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UtilityProcess } from 'electron';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { forkLauncher } from '../../app/engine-launcher.ts';
import { utilityFork, type UtilityProcessModule } from './utility-fork.ts';

const fakeUtilityProcess: UtilityProcessModule = {
  fork(modulePath) {
    const child = fork(modulePath, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const utility = Object.assign(new EventEmitter(), {
      postMessage: (message: unknown) => void child.send(message as object),
      kill: () => child.kill('SIGTERM'),
      get pid() {
        return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
      },
      stdout: child.stdout,
      stderr: child.stderr,
    });
    child.on('spawn', () => utility.emit('spawn'));
    child.on('message', (message) => utility.emit('message', message));
    child.on('exit', (code, signal) => utility.emit('exit', code ?? (signal ? 1 : 0)));
    return utility as unknown as UtilityProcess;
  },
};

let dir: string;
const spec = { runId: 'r1', batchDate: '2026-03-31', batchId: '1', parallelEntities: 1, parameters: {}, connections: [], entities: [] } satisfies JobSpec;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-utility-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, source);
  return path;
}

describe('utilityFork', () => {
  it('relays the engine\'s messages, its last one included although it exits right after', async () => {
    const path = script('quick', `
      process.on('message', (m) => {
        if (m.type !== 'run') return;
        process.send({ type: 'run:finished', result: { runId: m.spec.runId, status: 'succeeded', startedAt: 'a', finishedAt: 'b', entities: [] }, at: 'c' });
        process.exit(0);
      });
    `);
    const result = await forkLauncher(utilityFork(fakeUtilityProcess, path)).start(spec, () => undefined).done;
    expect(result.status).toBe('succeeded');
  });

  it('a crash is a failed run with its exit code and last stderr line', async () => {
    const path = script('crash', "process.stderr.write('FATAL: heap out of memory\\n'); process.exit(134);");
    const result = await forkLauncher(utilityFork(fakeUtilityProcess, path)).start(spec, () => undefined).done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/ended unexpectedly \(exit code 134\).*FATAL: heap out of memory/);
  });

  it('kill() ends a process that ignores SIGTERM, after the grace period', async () => {
    const path = script('stuck', `
      process.on('SIGTERM', () => {});
      process.on('message', (m) => m.type === 'run' && process.send({ type: 'log', runId: m.spec.runId, level: 'info', message: 'up', at: 'x' }));
      setInterval(() => {}, 1000);
    `);
    const events: unknown[] = [];
    let started!: () => void;
    const up = new Promise<void>((resolveUp) => (started = resolveUp));
    const engine = forkLauncher(utilityFork(fakeUtilityProcess, path, 200)).start(spec, (event) => {
      events.push(event);
      started();
    });
    await up;
    engine.kill();
    const result = await engine.done;
    expect(result.status).toBe('cancelled');
  });
});
