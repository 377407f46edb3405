// Fact runs in the run history (promise 1 for facts): each `landfall process` pass is a run that
// `landfall runs` lists, whose statement log `landfall runs show --sql` prints, and whose
// statements `landfall sql <file> <fact> --run <id>` makes again from the inputs it recorded, byte
// for byte, on every fact warehouse; a pass that fails is recorded failed with the server's error.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ProjectStore } from '../app/store/project-store.ts';
import { ROOT } from '../test/engine/engine-child.ts';
import { createMariaDbDatabase, createPostgresDatabase } from '../test/services/databases.ts';
import { FACT_WAREHOUSES, factProjectFile, pushedRows, type FactWarehouse } from '../test/fact/fact-fixtures.ts';
import { landfall } from '../test/plan/landfall-cli.ts';
import { openWarehouse } from '../engine/connections.ts';
import { sql } from '../shared/sql/statement.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function project(kind: FactWarehouse): Promise<string> {
  let connection: Record<string, unknown> = { kind: 'duckdb', path: 'warehouse.duckdb' };
  if (kind !== 'duckdb') {
    const db = kind === 'postgres' ? await createPostgresDatabase(inject('postgres'), 'factruns') : await createMariaDbDatabase(inject('mariadb'), 'factruns');
    cleanups.push(() => db.drop());
    connection = { kind, host: db.host, port: db.port, database: db.database, user: db.user };
  }
  return factProjectFile(connection, cleanups);
}

const cli = landfall;

/** `landfall ingest` as a real process, the CSV on its standard input. */
function ingest(file: string, from: number, to: number): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'ingest', file, 'requests'], { cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdin.end(`seq,host_name,event_at,bytes\n${pushedRows(from, to).map((r) => `${r.seq},${r.host},${r.at},${r.bytes}`).join('\n')}\n`);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, err })));
}

const runIdOf = (out: string): string => /\(run ([0-9a-f-]{36})\)/.exec(out)![1]!;

describe.each(FACT_WAREHOUSES)('fact runs on %s', (kind) => {
  it('are listed, their statement log printed, and made again from their inputs byte for byte', async () => {
    const file = await project(kind);
    expect((await ingest(file, 0, 250)).code).toBe(0);
    const first = await cli('process', file, 'requests');
    expect(first.err).toBe('');
    expect((await ingest(file, 250, 300)).code).toBe(0);
    const second = await cli('process', file, 'requests');
    const ids = [runIdOf(first.out), runIdOf(second.out)];

    const listed = (await cli('runs', file)).out.split('\n');
    for (const id of ids) expect(listed.find((line) => line.startsWith(id))).toMatch(/ succeeded .* fact requests /);
    const [rows] = listed.filter((line) => line.startsWith(ids[1]!)).map((line) => line.split(/\s{2,}/)[6]);
    expect(rows).toBe('50');

    for (const id of ids) {
      const shown = await cli('runs', 'show', file, id, '--sql');
      expect(shown.code).toBe(0);
      const again = await cli('sql', file, 'requests', '--run', id);
      expect(again.err).toBe('');
      // The log as it ran ends the run's text; the plan made again is the same text.
      expect(shown.out.endsWith(again.out)).toBe(true);
      expect(again.out).toContain(`-- run ${id}; a generation left unprocessed: no`);
      const steps = [...again.out.matchAll(/^-- ==== (\w+): warehouse/gm)].map((m) => m[1]);
      expect(steps).toEqual(['setup', 'state', 'swap', 'count', 'normalize', 'load']);
    }
    expect((await cli('runs', 'show', file, ids[1]!)).out).toContain('requests (fact): done, 50 rows processed into the fact');
  });
});

describe('a fact run that fails', () => {
  it('is recorded failed with the server\'s error, its log up to the statement before the failing one', async () => {
    const file = await project('postgres');
    expect((await ingest(file, 0, 100)).code).toBe(0);
    expect((await cli('process', file, 'requests')).code).toBe(0);
    expect((await ingest(file, 100, 150)).code).toBe(0);
    // A normalization table that is not what the fact needs: setup's index on the name fails.
    const store = ProjectStore.open(file);
    const connection = store.getProject().connections[0]!;
    store.close();
    const warehouse = await openWarehouse(connection);
    await warehouse.run(sql`ALTER TABLE hosts RENAME COLUMN host_name TO renamed`);
    await warehouse.close();

    const failed = await cli('process', file, 'requests');
    expect(failed.code).toBe(1);
    const [latest] = JSON.parse((await cli('runs', file, '--json')).out) as { id: string; status: string; error?: string }[];
    expect(latest!.status).toBe('failed');
    expect(latest!.error).toMatch(/host_name/);
    const shown = (await cli('runs', 'show', file, latest!.id, '--sql')).out;
    expect(shown).toContain(`run ${latest!.id}: failed, fact requests`);
    expect(shown).toContain('-- ==== setup: warehouse (postgres) ====');
    expect(shown).not.toContain('-- ==== load:');
    expect((await cli('sql', file, 'requests', '--run', latest!.id)).err).toContain('recorded no inputs for fact "requests"');
  });
});
