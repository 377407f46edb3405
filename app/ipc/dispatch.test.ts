import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract.ts';
import { API_METHODS } from '../../shared/ipc/api.ts';
import { dispatch, dispatchReply, isAppPage, senderRejection, type AppPage, type SenderInfo } from './dispatch.ts';
import type { Handlers } from './handlers.ts';

/** Handlers that answer with what they were given. */
const echo = Object.fromEntries(CHANNELS.map((channel) => [channel, (arg: unknown) => Promise.resolve({ channel, arg })])) as unknown as Handlers;

describe('dispatch', () => {
  it('covers every channel of the contract, and the API names exactly those', () => {
    expect(Object.values(API_METHODS).sort()).toEqual([...CHANNELS].sort());
  });

  it.each([['nope:nothing'], [42], [undefined], ['__proto__'], ['toString'], ['constructor']])('refuses the unknown channel %j', async (channel) => {
    await expect(dispatch(echo, channel, undefined)).rejects.toThrow(/^unknown channel/);
  });

  it('hands the validated argument, with defaults applied, to the handler', async () => {
    await expect(dispatch(echo, 'run:history', {})).resolves.toEqual({ channel: 'run:history', arg: { limit: 50 } });
    await expect(dispatch(echo, 'project:create', { path: '/tmp/x.landfall' })).resolves.toEqual({ channel: 'project:create', arg: { path: '/tmp/x.landfall', demo: false, typed: false } });
    await expect(dispatch(echo, 'project:current', undefined)).resolves.toEqual({ channel: 'project:current', arg: undefined });
  });

  it.each([
    ['project:open', { path: 5 }, /project:open: invalid argument: path: /],
    ['project:open', {}, /path: /],
    ['project:open', { path: '/x', extra: true }, /the argument: .*extra/],
    ['project:current', { sneaky: 1 }, /project:current: invalid argument: the argument: /],
    ['connection:save', { connection: {}, secrets: { password: 7 } }, /secrets\.password: /],
    ['connection:delete', { name: '' }, /name: /],
    ['entity:importFromSource', { connection: 'c', table: 't' }, /warehouse: /],
    ['sql:preview', { entityName: 'e', batchDate: '31/03/2026' }, /batchDate: /],
    ['run:start', { batchDate: '2026-02-30' }, /batchDate: must be a calendar day/],
    ['sql:preview', { entityName: 'e', dialect: 'oracle' }, /dialect: /],
    ['run:start', { parallel: 0 }, /parallel: /],
    ['run:start', { entities: ['a', 3] }, /entities\[1\]: /],
    ['run:cancel', {}, /runId: /],
    ['run:history', { limit: 10_000 }, /limit: /],
    ['project:create', null, /the argument: /],
  ])('refuses %s %j and names the field', async (channel, arg, message) => {
    await expect(dispatch(echo, channel, arg)).rejects.toThrow(message);
  });

  it('never calls the handler for a refused argument', async () => {
    let called = false;
    const handlers = { ...echo, 'project:open': () => ((called = true), Promise.resolve(null)) } as unknown as Handlers;
    await expect(dispatch(handlers, 'project:open', { path: 1 })).rejects.toThrow();
    expect(called).toBe(false);
  });

  it('dispatchReply wraps results and failures for the trip over IPC', async () => {
    await expect(dispatchReply(echo, 'run:history', { limit: 3 })).resolves.toEqual({ ok: true, value: { channel: 'run:history', arg: { limit: 3 } } });
    await expect(dispatchReply(echo, 'bogus', {})).resolves.toEqual({ ok: false, error: { message: 'unknown channel "bogus"' } });
    const failing = { ...echo, 'project:open': () => Promise.reject(new Error('no project at /x')) } as unknown as Handlers;
    await expect(dispatchReply(failing, 'project:open', { path: '/x' })).resolves.toEqual({ ok: false, error: { message: 'no project at /x' } });
  });
});

describe('senderRejection', () => {
  const page: AppPage = { fileUrl: 'file:///opt/Landfall/resources/app.asar/dist/renderer/index.html' };
  const dev: AppPage = { ...page, devServerUrl: 'http://localhost:5173/' };
  const trusted: SenderInfo = { frameUrl: `${page.fileUrl}#/connections`, fromAppWindow: true, isMainFrame: true };

  it('accepts the app window main frame showing the app page (any hash or query)', () => {
    expect(senderRejection(trusted, page)).toBeUndefined();
    expect(senderRejection({ ...trusted, frameUrl: `${page.fileUrl}?x=1` }, page)).toBeUndefined();
  });

  it('rejects a frame inside the page', () => {
    expect(senderRejection({ ...trusted, isMainFrame: false }, page)).toMatch(/a frame inside the page/);
  });

  it('rejects another web contents', () => {
    expect(senderRejection({ ...trusted, fromAppWindow: false }, page)).toMatch(/did not come from the app window/);
  });

  it('rejects a frame that is gone', () => {
    expect(senderRejection({ ...trusted, frameUrl: undefined }, page)).toMatch(/gone/);
  });

  it.each([
    'https://evil.example/index.html',
    'file:///tmp/dist/renderer/index.html',
    'file:///opt/Landfall/resources/app.asar/dist/renderer/other.html',
    'http://localhost:5173/',
    'data:text/html,<script>1</script>',
    'about:blank',
    'not a url',
  ])('rejects the foreign page %s', (frameUrl) => {
    expect(senderRejection({ ...trusted, frameUrl }, page)).toMatch(/is not the app's own page/);
  });

  it('accepts the dev server only when the app runs against it, and only its origin', () => {
    expect(senderRejection({ ...trusted, frameUrl: 'http://localhost:5173/#/runs' }, dev)).toBeUndefined();
    expect(senderRejection({ ...trusted, frameUrl: 'http://localhost:5174/' }, dev)).toMatch(/not the app's own page/);
    expect(senderRejection({ ...trusted, frameUrl: 'http://127.0.0.1:5173/' }, dev)).toMatch(/not the app's own page/);
    expect(isAppPage(page.fileUrl, dev)).toBe(true);
  });
});
