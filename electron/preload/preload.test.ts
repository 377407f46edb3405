// The preload as Electron loads it: the bundle `npm run build` makes (vite.preload.config.ts),
// evaluated the way a sandboxed preload runs (CommonJS, `require` reaching only electron), with
// electron's contextBridge and ipcRenderer stood in for, and the main side answered by the real
// gate and handlers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { API_METHODS, type LandfallApi } from '../../shared/ipc/api.ts';
import type { EngineLauncher } from '../../app/engine-launcher.ts';
import { createHandlers } from '../../app/ipc/handlers.ts';
import { dispatchReply } from '../../app/ipc/dispatch.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

let dir: string;
let code: string;
const required: string[] = [];
const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoked: [string, unknown][] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-preload-'));
  await build({ root: ROOT, configFile: join(ROOT, 'vite.preload.config.ts'), logLevel: 'silent', build: { outDir: join(dir, 'out') } });
  code = readFileSync(join(dir, 'out', 'preload.cjs'), 'utf8');

  const handlers = createHandlers({
    stateFolder: join(dir, 'state'),
    cipher: { id: 'none', encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    launcher: {} as EngineLauncher,
    emit: () => undefined,
    confirm: () => Promise.resolve(true),
  });
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, arg: unknown) => {
        invoked.push([channel, arg]);
        return dispatchReply(handlers, channel, arg);
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
  });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const api = (): LandfallApi => exposed.get('landfall') as LandfallApi;

describe('the preload bundle', () => {
  it('requires nothing but electron, and carries no validator code (zod stays in main)', () => {
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/ZodType|safeParse|REQUEST_ARGS/);
    expect(code.length).toBeLessThan(10_000);
  });

  it('exposes window.landfall only: one named method per request and on… per event', () => {
    expect([...exposed.keys()]).toEqual(['landfall']);
    expect(Object.keys(api()).sort()).toEqual([...Object.keys(API_METHODS), 'onProjectChanged', 'onRunEvent'].sort());
  });

  it('invokes the named channel and unwraps the reply', async () => {
    await expect(api().currentProject()).resolves.toBeNull();
    await expect(api().recentProjects()).resolves.toEqual([]);
    expect(invoked.slice(-2)).toEqual([['project:current', undefined], ['project:recent', undefined]]);
  });

  it('rejects with the main side\'s own message', async () => {
    await expect(api().openProject({ path: join(dir, 'missing.landfall'), typed: true })).rejects.toThrow(`no project at ${join(dir, 'missing.landfall')}`);
    await expect(api().runHistory({ limit: 0 })).rejects.toThrow('run:history: invalid argument: limit:');
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = api().onRunEvent((payload) => seen.push(payload));
    const [relay] = listeners.get('run:event')!;
    relay!({ sender: 'the IPC event' }, { type: 'log', message: 'hi' });
    expect(seen).toEqual([{ type: 'log', message: 'hi' }]);
    unsubscribe();
    expect(listeners.get('run:event')!.size).toBe(0);
    const off = api().onProjectChanged(() => undefined);
    expect(listeners.get('project:changed')!.size).toBe(1);
    off();
    expect(listeners.get('project:changed')!.size).toBe(0);
  });
});
