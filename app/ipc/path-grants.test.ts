// Paths the handlers touch come from the user: chosen in the file dialog (a stand-in chooser here,
// Electron's dialog in the app), typed in a field (the request says so), or already the open
// project's. A page that invents a path gets a refusal and nothing is created, opened or probed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, PathPurpose, RequestArg, RequestResult } from '../../shared/ipc/contract.ts';
import type { EngineLauncher } from '../engine-launcher.ts';
import { createHandlers } from './handlers.ts';
import { dispatch } from './dispatch.ts';
import type { PathChooser } from './path-grants.ts';

const REFUSED = 'was neither chosen in the file dialog nor typed in a field: choose it with Browse… or type it';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-paths-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Handlers whose dialog answers with the next queued path (undefined: the user cancelled). */
function window(options: { chooser?: boolean } = {}) {
  const answers: (string | undefined)[] = [];
  const asked: PathPurpose[] = [];
  const chooser: PathChooser = async ({ purpose }) => {
    asked.push(purpose);
    return answers.shift();
  };
  const handlers = createHandlers({
    stateFolder: join(dir, 'state'),
    cipher: { id: 'none', encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    launcher: {} as EngineLauncher,
    emit: () => undefined,
    ...(options.chooser === false ? {} : { chooser }),
  });
  return {
    answers,
    asked,
    call: <C extends Channel>(channel: C, arg: RequestArg<C>) => dispatch(handlers, channel, arg) as Promise<RequestResult<C>>,
    dispose: () => handlers.dispose(),
  };
}

describe('project:create and project:open', () => {
  it('refuse a path the page invented, and create nothing there', async () => {
    const w = window();
    const invented = join(dir, 'elsewhere', 'deep', 'x.landfall');
    await expect(w.call('project:create', { path: invented })).rejects.toThrow(`the new project file ${invented} ${REFUSED}`);
    await expect(w.call('project:create', { path: invented, demo: true })).rejects.toThrow(REFUSED);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    await expect(w.call('project:open', { path: join(dir, 'other.landfall') })).rejects.toThrow(`the project file ${join(dir, 'other.landfall')} ${REFUSED}`);
    await w.dispose();
  });

  it('create and open where the user chose in the dialog, the demo too', async () => {
    const w = window();
    const chosen = join(dir, 'chosen', 'sales.landfall');
    w.answers.push(chosen);
    await expect(w.call('dialog:choosePath', { purpose: 'newProject' })).resolves.toBe(chosen);
    const info = await w.call('project:create', { path: chosen, demo: true });
    expect(info.path).toBe(chosen);
    expect(readdirSync(join(dir, 'chosen'))).toEqual(expect.arrayContaining(['lake', 'sales-source.sqlite', 'sales.landfall']));
    // A file the dialog gave grants that file, not its neighbours.
    await expect(w.call('project:create', { path: join(dir, 'chosen', 'other.landfall') })).rejects.toThrow(REFUSED);
    await w.call('project:close', undefined);
    w.answers.push(chosen);
    await w.call('dialog:choosePath', { purpose: 'openProject' });
    await expect(w.call('project:open', { path: chosen })).resolves.toMatchObject({ path: chosen, name: 'Sales demo' });
    expect(w.asked).toEqual(['newProject', 'openProject']);
    await w.dispose();
  });

  it('take a path the user typed, and reopen a recent project without asking', async () => {
    const w = window({ chooser: false });
    const typed = join(dir, 'typed', 'p.landfall');
    await expect(w.call('project:create', { path: typed, typed: true })).resolves.toMatchObject({ path: typed });
    await w.call('project:close', undefined);
    // The recent list holds only what the user created or opened before.
    await expect(w.call('project:open', { path: typed })).resolves.toMatchObject({ path: typed });
    await expect(w.call('dialog:choosePath', { purpose: 'openProject' })).rejects.toThrow('this window has no file dialog: type the path instead');
    await w.dispose();
  });

  it('grant nothing when the user cancels the dialog', async () => {
    const w = window();
    w.answers.push(undefined);
    await expect(w.call('dialog:choosePath', { purpose: 'newProject' })).resolves.toBeNull();
    await expect(w.call('project:create', { path: join(dir, 'x.landfall') })).rejects.toThrow(REFUSED);
    await w.dispose();
  });
});

describe('connection:test of a local path', () => {
  it('probes the project\'s own folders, and a folder elsewhere only when typed or chosen', async () => {
    const w = window();
    await w.call('project:create', { path: join(dir, 'project', 'p.landfall'), typed: true });
    mkdirSync(join(dir, 'project', 'lake'));
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    await expect(w.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: 'lake' } })).resolves.toMatchObject({ ok: true, message: `${join(dir, 'project', 'lake')} exists and is writable` });
    // The page names a folder elsewhere: no probe file is written there.
    const invented = await w.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: outside } });
    expect(invented).toEqual({ ok: false, message: `the localfs path ${outside} ${REFUSED}`, milliseconds: 0 });
    const sqlite = await w.call('connection:test', { connection: { name: 'src', kind: 'sqlite', path: '/etc/hostname' } });
    expect(sqlite).toMatchObject({ ok: false, message: `the sqlite path /etc/hostname ${REFUSED}` });
    await expect(w.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: outside }, typed: true })).resolves.toMatchObject({ ok: true });
    // A folder chosen in the dialog grants what is inside it.
    mkdirSync(join(outside, 'inner'));
    const other = window();
    await other.call('project:create', { path: join(dir, 'project2', 'p.landfall'), typed: true });
    other.answers.push(outside);
    await other.call('dialog:choosePath', { purpose: 'folder' });
    await expect(other.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: join(outside, 'inner') } })).resolves.toMatchObject({ ok: true });
    await expect(other.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: dir } })).resolves.toMatchObject({ ok: false, message: expect.stringContaining(REFUSED) });
    await other.dispose();
    await w.dispose();
  });
});
