// Pollers (seed 001, Case 2): two pollers at once never claim the same file, together they take
// every file once, and a poller killed midway leaves its file to be claimed again with nothing
// copied twice.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollThings } from '../../engine/fact/poll-things.ts';
import { ROOT } from '../engine/engine-child.ts';
import { expectConverged, freshWarehouse, pushedRows, requestsFact, type PushedRow } from './fact-fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `files` CSV files of `per` rows each in a new folder; every row pushed, in order. */
function thingsFolder(files: number, per: number): { folder: string; rows: PushedRow[] } {
  const folder = mkdtempSync(join(tmpdir(), 'landfall-poll-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const rows: PushedRow[] = [];
  for (let i = 0; i < files; i++) {
    const part = pushedRows(i * per, (i + 1) * per);
    rows.push(...part);
    writeFileSync(join(folder, `requests_${String(i).padStart(3, '0')}.csv`), `seq,host_name,event_at,bytes\n${part.map((r) => `${r.seq},${r.host},${r.at},${r.bytes}`).join('\n')}\n`);
  }
  return { folder, rows };
}

describe.each(['mariadb', 'postgres'] as const)('pollers on %s', (kind) => {
  it('two pollers at once never claim the same thing and take every thing once', async () => {
    const w = await freshWarehouse(kind, `poll_${kind}`);
    cleanups.push(() => w.drop());
    const { folder, rows } = thingsFolder(16, 60);
    const fact = requestsFact({ source: { kind: 'poll', folder, pattern: '*.csv' } });
    const base = join(folder, 'project.landfall');
    const [a, b] = await Promise.all([1, 2].map((poller) => pollThings(fact, w.connection, { poller, base })));
    const both = [...a!.claimed, ...b!.claimed];
    expect(new Set(both).size, `claims ${JSON.stringify({ a: a!.claimed, b: b!.claimed })}`).toBe(both.length);
    expect(both.length).toBe(16);
    expect(a!.rows + b!.rows).toBe(rows.length);
    // The fact's rows: every row once, ids mapping back, summaries the GROUP BY over the fact.
    await expectConverged(w, rows, expect);
    // Polling again finds nothing left.
    expect((await pollThings(fact, w.connection, { poller: 1, base })).things).toBe(0);
  });

  it('a poller killed midway leaves its thing to be claimed again, copied once', async () => {
    const w = await freshWarehouse(kind, `pollkill_${kind}`);
    cleanups.push(() => w.drop());
    const { folder, rows } = thingsFolder(3, 80);
    const fact = requestsFact({ source: { kind: 'poll', folder, pattern: '*.csv' } });
    const base = join(folder, 'project.landfall');
    // Killed inside the second thing's load transaction, after its copy to the fact.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'fact', 'process-child.ts'), JSON.stringify({ fact, connection: w.connection, step: 'load', n: 9, poller: 1, base })], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise((resolve) => child.on('exit', (_code, s) => resolve(s)));
    expect(signal, stderr).toBe('SIGKILL');
    expect((await w.rows('SELECT COUNT(*) FROM requests__things WHERE done = 1'))[0]?.[0]).toBe('1');
    const rerun = await pollThings(fact, w.connection, { poller: 2, base });
    expect(rerun.claimed).toEqual(['requests_001.csv', 'requests_002.csv']);
    await expectConverged(w, rows, expect);
  });
});
