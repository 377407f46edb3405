// connection:test with a saved secret pointed elsewhere: a fake PostgreSQL server in a child
// process on 127.0.0.1 asks for the password in clear text and records every byte it receives.
// Saved ${secret:…} and ${env:…} values are sent only with their own connection's settings; the
// page that moves host, port, user or TLS gets a refusal and the listener receives nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Channel, RequestArg, RequestResult } from '../../shared/ipc/contract.ts';
import type { SecretCipher } from '../store/secret-cipher.ts';
import type { EngineLauncher } from '../engine-launcher.ts';
import { createHandlers } from './handlers.ts';
import { dispatch } from './dispatch.ts';

/** Listens on 127.0.0.1, prints its port, and for each client asks for a clear-text password (PostgreSQL's AuthenticationCleartextPassword), appending all it receives to the file in argv[1]. */
const LISTENER = `
const { createServer } = require('node:net');
const { appendFileSync } = require('node:fs');
const file = process.argv[1];
const server = createServer((socket) => {
  let seen = 0;
  socket.on('data', (data) => {
    appendFileSync(file, data);
    // The second message is the password: hang up, so the test does not wait for a timeout.
    if (++seen > 1) return void socket.destroy();
    const ask = Buffer.alloc(9); ask.write('R', 0); ask.writeInt32BE(8, 1); ask.writeInt32BE(3, 5);
    socket.write(ask);
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const SAVED_SECRET = 'saved-S3cret-must-stay-home';
const ENV_SECRET = 'env-S3cret-must-stay-home';
const OTHER_ENV = 'undeclared-env-value';
const xorCipher: SecretCipher = {
  id: 'test-xor',
  encrypt: (plaintext) => Buffer.from(Buffer.from(plaintext, 'utf8').map((byte) => byte ^ 0x5a)),
  decrypt: (ciphertext) => Buffer.from(ciphertext.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

let dir: string;
let listener: ChildProcess;
let port: number;
const received = (): string => {
  try {
    return readFileSync(join(dir, 'received.bin'), 'latin1');
  } catch {
    return '';
  }
};
const handlers = () =>
  createHandlers({
    stateFolder: join(dir, 'state'),
    cipher: xorCipher,
    launcher: {} as EngineLauncher,
    emit: () => undefined,
    env: { WAREHOUSE_PASSWORD: ENV_SECRET, SOME_OTHER_SECRET: OTHER_ENV },
    confirm: () => Promise.resolve(true),
  });
let h: ReturnType<typeof handlers>;
const call = <C extends Channel>(channel: C, arg: RequestArg<C>) => dispatch(h, channel, arg) as Promise<RequestResult<C>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-exfil-'));
  listener = spawn(process.execPath, ['-e', LISTENER, join(dir, 'received.bin')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(listener.stdout!, 'data')) as [Buffer];
  port = Number(line.toString().trim());
  h = handlers();
  await call('project:create', { path: join(dir, 'p.landfall'), typed: true });
});
afterAll(async () => {
  await h.dispose();
  listener.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('connection:test never sends a saved secret elsewhere', () => {
  const pg = () => inject('postgres');
  const saved = () => ({ kind: 'postgres', host: pg().host, port: pg().port, database: pg().database, user: pg().user });

  it('the listener records what a test sends it: a typed password arrives', async () => {
    const result = await call('connection:test', { connection: { name: 'probe', ...saved(), host: '127.0.0.1', port }, secrets: { password: 'typed-by-the-user' } });
    expect(result.ok).toBe(false);
    expect(received()).toContain('typed-by-the-user');
  });

  it('a saved ${secret:…} and a saved ${env:…} are used with their own connection\'s settings', async () => {
    const one = await call('connection:save', { connection: { name: 'crm', ...saved() }, secrets: { password: SAVED_SECRET } });
    const two = await call('connection:save', { connection: { name: 'dwh', ...saved(), user: 'postgres', database: pg().database, ssl: false, password: '${env:WAREHOUSE_PASSWORD}' }, secrets: {} });
    expect(one.ok && two.ok).toBe(true);
    const crm = (await call('project:current', undefined))!.project.connections.find((c) => c.name === 'crm')!;
    // The form sends the saved connection back as it is, reference and all: the real server answers.
    await expect(call('connection:test', { connection: crm, secrets: {} })).resolves.toMatchObject({ ok: true, message: expect.stringContaining('PostgreSQL') });
    await expect(call('connection:test', { connection: { name: 'dwh', ...saved(), user: 'postgres', ssl: false, password: '${env:WAREHOUSE_PASSWORD}' }, secrets: {} })).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['the saved ${secret:…} sent to another port', () => ({ port })],
    ['the saved ${secret:…} sent to another host', () => ({ host: 'localhost', port })],
    ['the saved ${secret:…} sent as another user', () => ({ port, user: 'someone' })],
  ])('refuses %s, and the listener receives nothing of it', async (_label, change) => {
    const crm = (await call('project:current', undefined))!.project.connections.find((c) => c.name === 'crm')!;
    const before = received().length;
    const result = await call('connection:test', { connection: { ...crm, ...change() }, secrets: {} });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^connection "crm", password: \$\{secret:[0-9a-f-]{36}\} is used in a test only by the saved connection that holds it, with the same settings/), milliseconds: 0 });
    expect(received().length).toBe(before);
    expect(received()).not.toContain(SAVED_SECRET);
  });

  it('refuses a saved ${env:…} pointed elsewhere, and any ${env:…} no saved connection uses', async () => {
    const moved = await call('connection:test', { connection: { name: 'dwh', ...saved(), user: 'postgres', ssl: false, host: '127.0.0.1', port, password: '${env:WAREHOUSE_PASSWORD}' }, secrets: {} });
    expect(moved).toMatchObject({ ok: false, message: expect.stringContaining('${env:WAREHOUSE_PASSWORD} is used in a test only by the saved connection that holds it') });
    const other = await call('connection:test', { connection: { name: 'x', ...saved(), host: '127.0.0.1', port }, secrets: { password: '${env:SOME_OTHER_SECRET}' } });
    expect(other).toMatchObject({ ok: false, message: expect.stringContaining('${env:SOME_OTHER_SECRET} is used in a test only by the saved connection') });
    expect(received()).not.toContain(ENV_SECRET);
    expect(received()).not.toContain(OTHER_ENV);
    expect(received()).not.toContain(SAVED_SECRET);
  });
});
