// Paths the handlers touch come from the user: chosen in the file dialog (a stand-in chooser here,
// Electron's dialog in the app), typed in a field and confirmed by the user in a native message
// box (a stand-in confirmer here), or already the open project's. A page that invents a path gets
// a refusal and nothing is created, opened or probed; one that says `typed: true` gets the user's
// confirmation in its way, once per path per session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, PathPurpose, RequestArg, RequestResult } from '../../shared/ipc/contract.ts';
import type { EngineLauncher } from '../engine-launcher.ts';
import { createHandlers } from './handlers.ts';
import { dispatch } from './dispatch.ts';
import type { PathChooser, PathConfirmer } from './path-grants.ts';

const REFUSED = 'was neither chosen in the file dialog nor typed in a field: choose it with Browse… or type it';
const DECLINED = 'was typed but not allowed in the confirmation: nothing was done there; choose it with Browse… to use it';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-paths-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Handlers whose dialog answers with the next queued path (undefined: the user cancelled) and whose
 * confirmation with the next queued answer (none queued: the user cancels).
 */
function window(options: { chooser?: boolean } = {}) {
  const answers: (string | undefined)[] = [];
  const asked: PathPurpose[] = [];
  const allow: boolean[] = [];
  const confirmations: { path: string; action: string }[] = [];
  const chooser: PathChooser = async ({ purpose }) => {
    asked.push(purpose);
    return answers.shift();
  };
  const confirm: PathConfirmer = async (request) => {
    confirmations.push(request);
    return allow.shift() ?? false;
  };
  const handlers = createHandlers({
    stateFolder: join(dir, 'state'),
    cipher: { id: 'none', encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    launcher: {} as EngineLauncher,
    emit: () => undefined,
    confirm,
    ...(options.chooser === false ? {} : { chooser }),
  });
  return {
    answers,
    asked,
    allow,
    confirmations,
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

  it('take a path the user typed and confirmed, and reopen a recent project without asking', async () => {
    const w = window({ chooser: false });
    const typed = join(dir, 'typed', 'p.landfall');
    w.allow.push(true);
    await expect(w.call('project:create', { path: typed, typed: true })).resolves.toMatchObject({ path: typed });
    expect(w.confirmations).toEqual([{ path: typed, action: `create the project file ${typed} (and its folder)` }]);
    await w.call('project:close', undefined);
    // The recent list holds only what the user created or opened before.
    await expect(w.call('project:open', { path: typed })).resolves.toMatchObject({ path: typed });
    await expect(w.call('dialog:choosePath', { purpose: 'openProject' })).rejects.toThrow('this window has no file dialog: type the path instead');
    expect(w.confirmations).toHaveLength(1);
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
    w.allow.push(true);
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
    w.allow.push(true);
    await expect(w.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: outside }, typed: true })).resolves.toMatchObject({ ok: true });
    // A folder chosen in the dialog grants what is inside it.
    mkdirSync(join(outside, 'inner'));
    const other = window();
    other.allow.push(true);
    await other.call('project:create', { path: join(dir, 'project2', 'p.landfall'), typed: true });
    other.answers.push(outside);
    await other.call('dialog:choosePath', { purpose: 'folder' });
    await expect(other.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: join(outside, 'inner') } })).resolves.toMatchObject({ ok: true });
    await expect(other.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: dir } })).resolves.toMatchObject({ ok: false, message: expect.stringContaining(REFUSED) });
    await other.dispose();
    await w.dispose();
  });
});

describe('a path the page says was typed', () => {
  it('is used only once the user allows it in the confirmation, which names the path and the action', async () => {
    const w = window();
    const typed = join(dir, 'far', 'away', 'x.landfall');
    // The page claims typed: true; the user did not type it and cancels.
    await expect(w.call('project:create', { path: typed, demo: true, typed: true })).rejects.toThrow(`the new project file ${typed} ${DECLINED}`);
    expect(w.confirmations).toEqual([{ path: typed, action: `create the demo project ${typed} and, in ${join(dir, 'far', 'away')}, its sample source, lake folder and DuckDB warehouse` }]);
    expect(existsSync(join(dir, 'far'))).toBe(false);
    // Declined once, the same path is refused without asking again: page script cannot nag.
    await expect(w.call('project:create', { path: typed, typed: true })).rejects.toThrow(DECLINED);
    await expect(w.call('project:open', { path: typed, typed: true })).rejects.toThrow(DECLINED);
    expect(w.confirmations).toHaveLength(1);
    await w.dispose();
  });

  it('is asked once per path per session: allowed, it is not asked again; another path is', async () => {
    const w = window();
    w.allow.push(true);
    const project = join(dir, 'project', 'p.landfall');
    await w.call('project:create', { path: project, typed: true });
    const outside = join(dir, 'outside');
    const other = join(dir, 'other');
    mkdirSync(outside);
    mkdirSync(other);
    w.allow.push(true);
    const lake = { name: 'lake', kind: 'localfs', path: outside };
    await expect(w.call('connection:test', { connection: lake, typed: true })).resolves.toMatchObject({ ok: true });
    await expect(w.call('connection:test', { connection: lake, typed: true })).resolves.toMatchObject({ ok: true });
    expect(w.confirmations.map((c) => c.path)).toEqual([project, outside]);
    expect(w.confirmations[1]!.action).toBe(`test the folder ${outside} by writing and deleting a probe file in it`);
    // The user cancels for the other folder and a file under /etc: nothing is probed or opened.
    const refused = await w.call('connection:test', { connection: { ...lake, path: other }, typed: true });
    expect(refused).toEqual({ ok: false, message: `the localfs path ${other} ${DECLINED}`, milliseconds: 0 });
    expect(readdirSync(other)).toEqual([]);
    const hostname = await w.call('connection:test', { connection: { name: 'src', kind: 'sqlite', path: '/etc/hostname' }, typed: true });
    expect(hostname).toMatchObject({ ok: false, message: `the sqlite path /etc/hostname ${DECLINED}` });
    expect(w.confirmations.slice(2)).toEqual([
      { path: other, action: `test the folder ${other} by writing and deleting a probe file in it` },
      { path: '/etc/hostname', action: 'test the sqlite file /etc/hostname by opening it' },
    ]);
    // A new session asks again.
    const next = window();
    next.allow.push(true);
    await next.call('project:open', { path: project });
    await expect(next.call('connection:test', { connection: lake, typed: true })).resolves.toMatchObject({ ok: true });
    expect(next.confirmations.map((c) => c.path)).toEqual([outside]);
    await next.dispose();
    await w.dispose();
  });
});

describe('connection:save of a file-based connection', () => {
  it('stores a new path only as the user gave it; the saved path, the project\'s folder and chosen folders need no confirmation', async () => {
    const w = window();
    const project = join(dir, 'project', 'p.landfall');
    w.allow.push(true);
    await w.call('project:create', { path: project, typed: true });
    const names = async (): Promise<string[]> => (await w.call('project:current', undefined))!.project.connections.map((c) => `${c.name}=${'path' in c ? c.path : ''}`);
    const outside = join(dir, 'outside', 'wh.duckdb');
    const duck = { name: 'wh', kind: 'duckdb', path: outside };

    // Invented by the page (not typed, not chosen): refused, nothing saved.
    const invented = await w.call('connection:save', { connection: duck });
    expect(invented).toEqual({ ok: false, issues: [{ object: 'connection "wh"', field: 'path', message: `connection "wh": the duckdb path ${outside} ${REFUSED}` }] });
    // Typed, but the user cancels the confirmation: refused, nothing saved.
    const declined = await w.call('connection:save', { connection: duck, typed: true });
    expect(declined).toMatchObject({ ok: false, issues: [{ field: 'path', message: `connection "wh": the duckdb path ${outside} ${DECLINED}` }] });
    expect(w.confirmations.at(-1)).toEqual({ path: outside, action: `save connection "wh" with the duckdb path ${outside}: the project's runs and tests will open and write that file` });
    expect(await names()).toEqual([]);

    // A path inside the project's folder is the project's own: saved without asking.
    const asked = w.confirmations.length;
    await expect(w.call('connection:save', { connection: { name: 'lake', kind: 'localfs', path: 'lake' } })).resolves.toMatchObject({ ok: true });
    // A folder chosen in the dialog covers what is inside it.
    const chosen = join(dir, 'chosen');
    w.answers.push(chosen);
    await w.call('dialog:choosePath', { purpose: 'folder' });
    await expect(w.call('connection:save', { connection: { name: 'src', kind: 'sqlite', path: join(chosen, 'src.sqlite') } })).resolves.toMatchObject({ ok: true });
    expect(w.confirmations).toHaveLength(asked);
    // Typed elsewhere and allowed: saved.
    const allowedPath = join(dir, 'elsewhere', 'wh.duckdb');
    w.allow.push(true);
    await expect(w.call('connection:save', { connection: { ...duck, path: allowedPath }, typed: true })).resolves.toMatchObject({ ok: true });
    expect(w.confirmations.at(-1)!.path).toBe(allowedPath);
    expect(await names()).toEqual(['lake=lake', 'src=' + join(chosen, 'src.sqlite'), 'wh=' + allowedPath]);
    await w.call('project:close', undefined);

    // A new session: the saved path is the project's own; editing the connection keeps it without
    // asking, renaming too; pointing it somewhere new asks (and the cancel keeps the saved path).
    const next = window();
    await next.call('project:open', { path: project });
    await expect(next.call('connection:save', { connection: { ...duck, path: allowedPath, description: 'the warehouse' }, previousName: 'wh', typed: true })).resolves.toMatchObject({ ok: true });
    await expect(next.call('connection:save', { connection: { ...duck, name: 'warehouse', path: allowedPath, description: 'the warehouse' }, previousName: 'wh', typed: true })).resolves.toMatchObject({ ok: true });
    expect(next.confirmations).toEqual([]);
    const moved = await next.call('connection:save', { connection: { ...duck, name: 'warehouse', path: '/tmp/../etc/landfall.duckdb' }, previousName: 'warehouse', typed: true });
    expect(moved).toMatchObject({ ok: false, issues: [{ field: 'path', message: `connection "warehouse": the duckdb path /etc/landfall.duckdb ${DECLINED}` }] });
    expect(next.confirmations.map((c) => c.path)).toEqual(['/etc/landfall.duckdb']);
    const saved = (await next.call('project:current', undefined))!.project.connections.find((c) => c.name === 'warehouse');
    expect(saved).toMatchObject({ path: allowedPath, description: 'the warehouse' });
    await next.dispose();
    await w.dispose();
  });
});
