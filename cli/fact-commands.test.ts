// The fact commands end to end as a user runs them: `landfall ingest` from standard input of a real
// child process, `landfall process`, `landfall serve` over HTTP with its token, `landfall list` and
// `landfall sql` for a fact, on a DuckDB warehouse beside the project (PostgreSQL for serve, so the
// server and the checks can share the warehouse).
import { afterEach, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../test/engine/engine-child.ts';
import { createPostgresDatabase } from '../test/services/databases.ts';
import { factProjectFile, pushedRows } from '../test/fact/fact-fixtures.ts';
import { main, type CliIo } from './landfall.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const project = (connection: Record<string, unknown>): string => factProjectFile(connection, cleanups);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await main(argv, io);
  return { code, out, err };
}

/** `landfall` as a real process, `input` on its standard input. */
function landfall(args: string[], input: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

const csv = (from: number, to: number): string => `seq,host_name,event_at,bytes\n${pushedRows(from, to).map((r) => `${r.seq},${r.host},${r.at},${r.bytes}`).join('\n')}\n`;

it('ingest from standard input, then process; list and sql show the fact', async () => {
  const file = project({ kind: 'duckdb', path: 'warehouse.duckdb' });
  const ingested = await landfall(['ingest', file, 'requests'], csv(0, 450));
  expect(ingested.err).toBe('');
  expect(ingested.out).toBe('fact requests: 450 rows into staging in 5 batches\n');
  const bad = await landfall(['ingest', file, 'requests'], 'seq,host_name,event_at,bytes\n1,a,2026-11-01 10:00:00,lots\n');
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('fact "requests", column "bytes", row 1: "lots" is not');
  const processed = await cli('process', file, 'requests');
  expect(processed.err).toBe('');
  expect(processed.out).toMatch(/^fact requests: 450 rows processed in /);
  const listed = await cli('list', file);
  expect(listed.out).toContain('Facts:\n  requests    5 columns  → wh  from pushed rows; host_name→hosts.host_id; summaries requests_hourly; flipFlop staging');
  const text = await cli('sql', file, 'requests');
  expect(text.out).toContain('RENAME TO "requests__process"');
  expect((await cli('sql', file, 'requests', '--dialect', 'mariadb')).out).toContain('RENAME TABLE `requests__staging` TO `requests__swap`');
  expect((await cli('process', file, 'requests', '--every', 'soon')).code).toBe(2);
});

it('serve takes batches over HTTP with the token from the environment, refuses without it', async () => {
  const db = await createPostgresDatabase(inject('postgres'), 'serve');
  cleanups.push(() => db.drop());
  const file = project({ kind: 'postgres', host: db.host, port: db.port, database: db.database, user: db.user });
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'serve', file, '--port', '0', '--token', '${env:FACT_TOKEN}'], { cwd: ROOT, env: { ...process.env, FACT_TOKEN: 's3cret' }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGTERM'));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => reject(new Error('serve exited')));
  });
  const post = (body: string, headers: Record<string, string>) => fetch(`${url}/facts/requests`, { method: 'POST', body, headers });
  expect((await post(csv(0, 10), { 'content-type': 'text/csv' })).status).toBe(401);
  expect((await post(csv(0, 10), { 'content-type': 'text/csv', authorization: 'Bearer wrong' })).status).toBe(401);
  const ok = await post(csv(0, 250), { 'content-type': 'text/csv', authorization: 'Bearer s3cret' });
  expect(await ok.json()).toEqual({ fact: 'requests', rows: 250, batches: 3 });
  const ndjson = pushedRows(250, 260).map((r) => JSON.stringify({ seq: r.seq, host_name: r.host, event_at: r.at, bytes: r.bytes })).join('\n');
  expect(await (await post(ndjson, { 'content-type': 'application/x-ndjson', authorization: 'Bearer s3cret' })).json()).toEqual({ fact: 'requests', rows: 10, batches: 1 });
  const bad = await post('seq,host_name,event_at,bytes\n1,a,yesterday,1\n', { 'content-type': 'text/csv', authorization: 'Bearer s3cret' });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toContain('column "event_at", row 1');
  const processed = await cli('process', file, 'requests');
  expect(processed.out).toMatch(/^fact requests: 260 rows processed/);
});
