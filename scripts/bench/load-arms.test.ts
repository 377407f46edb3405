// Keeps the load arms from rotting: the three cases into DuckDB and PostgreSQL on a small narrow
// table (the tricky text, NULLs and empty text) against the test run's PostgreSQL, each with the
// counts it must find and a native denominator, and their lines in the report.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, test } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../test/services/databases.ts';
import { Children } from './child-processes.ts';
import { TABLES, seedTable } from './fixtures.ts';
import { formatLoadArms, loadArmsJson, runLoadArms } from './load-arms.ts';

let database: TestDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

test('the load arms run first, rerun and 1% changed into DuckDB and PostgreSQL, with their counts and ratios', async () => {
  database = await createPostgresDatabase(inject('postgres'), 'loadarms');
  dir = await mkdtemp(join(tmpdir(), 'landfall-load-arms-'));
  const narrow = TABLES.find((t) => t.name === 'narrow')!;
  const children = new Children();
  await seedTable(database, narrow, 1000, (stop) => children.add(stop), () => undefined);
  const loads = await runLoadArms(narrow, database, dir, 1000, children, new AbortController().signal, () => undefined);

  expect(loads.map((l) => [l.arm, l.problem, l.counts])).toEqual([
    ['narrow:load-duckdb-first', null, [1000, 0, 0]],
    ['narrow:load-duckdb-rerun', null, [0, 0, 0]],
    ['narrow:load-duckdb-changed', null, [0, 10, 0]],
    ['narrow:load-postgres-first', null, [1000, 0, 0]],
    ['narrow:load-postgres-rerun', null, [0, 0, 0]],
    ['narrow:load-postgres-changed', null, [0, 10, 0]],
  ]);
  for (const l of loads) {
    expect(l.ratio, l.arm).toBeGreaterThan(0);
    expect(l.nativeSeconds, l.arm).toBeGreaterThan(0);
    // CPU, the measure that holds on a shared machine: the engine's side and the native load's
    // (for PostgreSQL the backends' own /proc clocks), each at least the wall time's order.
    expect(l.cpuSeconds, l.arm).toBeGreaterThan(0);
    expect(l.nativeCpuSeconds, l.arm).toBeGreaterThan(0);
    expect(l.cpuSeconds, l.arm).toBeLessThan(l.seconds * 4);
    // A Full entity runs the default data check; migrate has nothing to do on tables that match.
    expect(Object.keys(l.steps), l.arm).toEqual(['setup', 'stage', 'check', 'changeSet', 'checks', 'persist', 'counts']);
  }
  expect(formatLoadArms(loads).join('\n')).toContain('postgres changed');
  expect(Object.keys(loadArmsJson(loads))).toHaveLength(6);
  expect(formatLoadArms(loads).join('\n')).toContain('CPU ratio');
}, 120_000);
