// Keeps `npm run bench` from rotting: its core runs end to end on a tiny wide table (every column
// type, the tricky text, NULLs) against the test run's PostgreSQL, and every output must verify.
// Only the wide table: each engine arm is its own child process, and their start-up dominates here.
import { afterEach, expect, inject, test } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../test/services/databases.ts';
import { parseArgs, runBench } from './bench.ts';
import { formatReport, reportJson } from './report.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

const ARMS = ['psql-csv-zstd', 'psql-csv-gzip', 'duckdb-parquet', 'engine-csv-zstd', 'engine-csv-gzip', 'engine-parquet'];

test('the bench runs every arm on a tiny table, verifies every output and ends with one JSON line', async () => {
  database = await createPostgresDatabase(inject('postgres'), 'bench');
  const lines: string[] = [];
  const report = await runBench({ rows: 2000, postgres: database, tables: ['wide'], log: (line) => lines.push(line) });

  expect(report.arms.filter((a) => a.problem !== null)).toEqual([]);
  expect(report.verified).toBe(true);
  expect(lines.some((line) => line.startsWith('seeded wide: 500 rows'))).toBe(true);

  const json = JSON.parse(reportJson(report)) as {
    rows: number;
    wideRows: number;
    verified: boolean;
    arms: Record<string, { rowsPerSecond: number; mbPerSecond: number; peakRssMb: number | null; ratio?: number }>;
  };
  expect(json).toMatchObject({ rows: 2000, wideRows: 500, verified: true });
  expect(Object.keys(json.arms).sort()).toEqual(ARMS.map((a) => `wide:${a}`).sort());
  for (const [name, arm] of Object.entries(json.arms)) {
    expect(arm.rowsPerSecond, name).toBeGreaterThan(0);
    expect(arm.mbPerSecond, name).toBeGreaterThanOrEqual(0);
    expect(arm.peakRssMb === null || arm.peakRssMb > 0, name).toBe(true);
    if (name.includes(':engine-')) expect(arm.ratio, name).toBeGreaterThan(0);
    else expect(arm.ratio, name).toBeUndefined();
  }
  for (const arm of report.arms) expect(arm.rows, arm.arm).toBe(500);

  const table = formatReport(report);
  expect(table).toContain('engine Parquet ZSTD');
  expect(table).toContain('verification: every output holds exactly the source rows');
  expect(reportJson(report)).not.toContain('\n');
}, 60_000);

test('--rows sets the size; anything else is refused', () => {
  expect(parseArgs([])).toEqual({ rows: 2_000_000, keep: false });
  expect(parseArgs(['--rows', '200000'])).toEqual({ rows: 200_000, keep: false });
  expect(parseArgs(['--rows=1_000', '--keep'])).toEqual({ rows: 1000, keep: true });
  expect(() => parseArgs(['--rows', 'many'])).toThrow(/--rows needs a whole number/);
  expect(() => parseArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
});
