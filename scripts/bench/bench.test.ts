// Keeps `npm run bench` from rotting: its core runs end to end on a tiny wide table (every column
// type, the tricky text, NULLs) against the test run's PostgreSQL and MariaDB, and every output
// must verify. Only the wide table: each engine arm is its own child process, and their start-up
// dominates here.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, test } from 'vitest';
import { createMariaDbDatabase, createPostgresDatabase, type TestDatabase } from '../../test/services/databases.ts';
import { parseArgs, runBench, runSweep } from './bench.ts';
import { formatReport, reportJson, type ArmResult } from './report.ts';
import { parquetCopy } from './duckdb-arms.ts';
import { formatSweep, sweepJson } from './sweep.ts';
import { verify } from './verification.ts';

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.drop();
});

const ARMS = [
  'psql-csv-zstd', 'psql-csv-gzip', 'psql-duckdb-parquet-pipe', 'psql-duckdb-parquet-sequential', 'duckdb-parquet',
  'engine-csv-zstd', 'engine-csv-gzip', 'engine-parquet', 'engine-csv-zstd-2-readers',
  'mariadb-tsv-zstd', 'engine-mariadb-csv-zstd', 'sqlite3-csv-zstd', 'engine-sqlite-csv-zstd',
];

/** The native arm each engine arm's ratio may be taken against. */
const VERSUS: Record<string, readonly string[]> = {
  'engine-csv-zstd': ['psql-csv-zstd'],
  'engine-csv-gzip': ['psql-csv-gzip'],
  'engine-csv-zstd-2-readers': ['psql-csv-zstd'],
  // Never the reference (duckdb-parquet): it times the COPY alone.
  'engine-parquet': ['psql-duckdb-parquet-pipe', 'psql-duckdb-parquet-sequential'],
  'engine-mariadb-csv-zstd': ['mariadb-tsv-zstd'],
  'engine-sqlite-csv-zstd': ['sqlite3-csv-zstd'],
};

interface JsonArm { source: string; kind: string; rowsPerSecond: number; mbPerSecond: number; peakRssMb: number | null; ratio?: number; versus?: string }

test('the bench runs every arm of every source on a tiny table, verifies every output and ends with one JSON line', async () => {
  const postgres = await createPostgresDatabase(inject('postgres'), 'bench');
  databases.push(postgres);
  const mariadb = await createMariaDbDatabase(inject('mariadb'), 'bench');
  databases.push(mariadb);
  const lines: string[] = [];
  const report = await runBench({ rows: 2000, postgres, mariadb, tables: ['wide'], log: (line) => lines.push(line) });

  expect(report.arms.filter((a) => a.problem !== null)).toEqual([]);
  expect(report.verified).toBe(true);
  expect(lines.some((line) => line.startsWith('seeded wide: 500 rows'))).toBe(true);
  expect(lines).toContain('copied wide to MariaDB and SQLite');

  const json = JSON.parse(reportJson(report)) as { rows: number; wideRows: number; verified: boolean; arms: Record<string, JsonArm> };
  expect(json).toMatchObject({ rows: 2000, wideRows: 500, verified: true });
  expect(Object.keys(json.arms).sort()).toEqual(ARMS.map((a) => `wide:${a}`).sort());
  for (const [name, arm] of Object.entries(json.arms)) {
    expect(arm.rowsPerSecond, name).toBeGreaterThan(0);
    expect(arm.mbPerSecond, name).toBeGreaterThanOrEqual(0);
    expect(arm.peakRssMb === null || arm.peakRssMb > 0, name).toBe(true);
    const versus = VERSUS[name.slice('wide:'.length)];
    if (versus) {
      expect(arm.kind, name).toBe('engine');
      expect(arm.ratio, name).toBeGreaterThan(0);
      expect(versus, name).toContain(arm.versus);
      // The ratio is taken against the faster of its native arms.
      const fastest = Math.max(...versus.map((v) => json.arms[`wide:${v}`]!.rowsPerSecond));
      expect(arm.ratio, name).toBeCloseTo(arm.rowsPerSecond / fastest, 1);
    } else {
      expect(arm.ratio, name).toBeUndefined();
    }
  }
  expect(json.arms['wide:duckdb-parquet']!.kind).toBe('reference');
  expect(json.arms['wide:engine-mariadb-csv-zstd']!.source).toBe('mariadb');
  for (const arm of report.arms) expect(arm.rows, arm.arm).toBe(500);

  const table = formatReport(report);
  expect(table).toContain('engine Parquet ZSTD');
  expect(table).toContain('mariadb --quick -B | zstd -1');
  expect(table).toContain('sqlite3 -csv | zstd -1');
  expect(table).toContain('verification: every output holds exactly the source rows');
  expect(reportJson(report)).not.toContain('\n');
}, 120_000);

test('the sweep runs each size on the narrow table and reports peak RSS per arm and size', async () => {
  const postgres = await createPostgresDatabase(inject('postgres'), 'bench_sweep');
  databases.push(postgres);
  const sweep = await runSweep([400, 200], { postgres, sources: ['sqlite'], log: () => undefined });
  expect(sweep.sizes).toEqual([200, 400]);
  // Only the extract arms have a peak RSS to judge: the load arms are not run.
  expect(sweep.reports.map((r) => r.loads ?? [])).toEqual([[], []]);
  expect(sweep.verified).toBe(true);
  const json = JSON.parse(sweepJson(sweep)) as { sweep: { rows: number; peakRssMb: Record<string, number>; ratio: Record<string, number> }[]; arms: Record<string, { boundMb?: number; withinBound?: boolean; flat: boolean }> };
  expect(json.sweep.map((s) => s.rows)).toEqual([200, 400]);
  for (const size of json.sweep) {
    expect(Object.keys(size.peakRssMb).sort()).toEqual(['narrow:engine-sqlite-csv-zstd', 'narrow:sqlite3-csv-zstd']);
    for (const peak of Object.values(size.peakRssMb)) expect(peak).toBeGreaterThan(0);
    expect(size.ratio['narrow:engine-sqlite-csv-zstd']).toBeGreaterThan(0);
  }
  // 128 MB files, 4 landing slots + the one being filled, + 200 MB.
  expect(json.arms['narrow:engine-sqlite-csv-zstd']!.boundMb).toBe(128 * 5 + 200);
  expect(json.arms['narrow:sqlite3-csv-zstd']!.boundMb).toBeUndefined();
  expect(formatSweep(sweep)).toContain('peak RSS (MB) per arm and size');
  expect(sweepJson(sweep)).not.toContain('\n');
}, 60_000);

test('mariadb -B output is verified with its escapes decoded and NULL as the word NULL', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-verify-'));
  try {
    // name: "a<TAB>b\c<LF>" escaped as a\tb\\c\n (6 bytes), then "日本" (6 bytes); note: one NULL, one empty text.
    const file = join(dir, 'mariadb.tsv');
    await writeFile(file, 'id\tqty\tname\tamount\tmodified\tnote\n1\tNULL\ta\\tb\\\\c\\n\tNULL\tNULL\tNULL\n2\t5\t日本\t1.5\t2020-01-01 00:00:00\t\n');
    const arm = (name: string): ArmResult => ({
      arm: `narrow:${name}`, name, table: 'narrow', source: 'mariadb', kind: 'native', output: 'tsv-zstd', reading: 'mariadb-tsv', paths: [file],
      rows: 2, seconds: 1, bytes: 0, files: 1, rowsPerSecond: 2, mbPerSecond: 0, peakRssMb: null, problem: null,
    });
    const right = await verify([arm('mariadb-tsv-zstd')], new Map([['narrow', { rows: 2, sumId: '3', textBytes: '12', nonNull: 1 }]]));
    expect(right[0]!.problem).toBeNull();
    const wrong = await verify([arm('mariadb-tsv-zstd')], new Map([['narrow', { rows: 2, sumId: '3', textBytes: '14', nonNull: 2 }]]));
    expect(wrong[0]!.problem).toBe('textBytes 12 ≠ source 14, nonNull 1 ≠ source 2');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--file-size-mb sets every arm\'s file size: the engine\'s files stay within it and the native Parquet arms ask DuckDB for the same', async () => {
  const postgres = await createPostgresDatabase(inject('postgres'), 'bench_files');
  databases.push(postgres);
  const lines: string[] = [];
  // 2,000 wide rows are ~190 KB as CSV + zstd and ~140 KB as Parquet: several files of 64 KiB each.
  const report = await runBench({ rows: 8000, postgres, sources: ['postgres'], tables: ['wide'], fileSizeMb: 0.0625, keep: true, log: (line) => lines.push(line) });
  const kept = lines.find((line) => line.startsWith('outputs kept in '))!.slice('outputs kept in '.length);
  try {
    expect(report.verified).toBe(true);
    expect(report.fileSizeMb).toBe(0.0625);
    expect(formatReport(report)).toContain('files of at most 0.0625 MB');
    expect(JSON.parse(reportJson(report))).toMatchObject({ fileSizeMb: 0.0625 });
    for (const name of ['engine-csv-zstd', 'engine-csv-gzip', 'engine-parquet', 'engine-csv-zstd-2-readers']) {
      const arm = report.arms.find((a) => a.name === name)!;
      expect(arm.files, name).toBeGreaterThan(1);
      // The engine's limit is exact: bytes written, after compression.
      for (const path of arm.paths) expect((await stat(path)).size, `${name} ${path}`).toBeLessThanOrEqual(64 * 1024);
    }
  } finally {
    await rm(kept, { recursive: true, force: true });
  }
  // DuckDB cuts a file only between row groups (122,880 rows), so these 2,000 rows stay one file there.
  expect(parquetCopy('SELECT 1', '/out', 0.0625)).toContain('FILE_SIZE_BYTES 65536)');
  expect(parquetCopy('SELECT 1', '/out', 128)).toContain(`FILE_SIZE_BYTES ${128 * 1024 * 1024})`);
}, 180_000);

test('--rows sets the size, --sweep the sizes, --sources the sources; anything else is refused', () => {
  expect(parseArgs([])).toEqual({ rows: 2_000_000, keep: false });
  expect(parseArgs(['--rows', '200000'])).toEqual({ rows: 200_000, keep: false });
  expect(parseArgs(['--rows=1_000', '--keep'])).toEqual({ rows: 1000, keep: true });
  expect(parseArgs(['--sweep', '1000000,4_000_000', '--sources=postgres,sqlite'])).toEqual({ rows: 2_000_000, keep: false, sweep: [1_000_000, 4_000_000], sources: ['postgres', 'sqlite'] });
  expect(() => parseArgs(['--rows', 'many'])).toThrow(/--rows needs a whole number/);
  expect(() => parseArgs(['--sweep', '1000000'])).toThrow(/--sweep needs at least two sizes/);
  expect(() => parseArgs(['--sweep', '1000000,x'])).toThrow(/--sweep needs a whole number of at least 4, not "x"/);
  expect(() => parseArgs(['--sources', 'postgres,oracle'])).toThrow(/--sources takes postgres, mariadb, sqlite .*not "oracle"/);
  expect(parseArgs(['--sweep', '1000,2000', '--file-size-mb', '4'])).toEqual({ rows: 2_000_000, keep: false, sweep: [1000, 2000], fileSizeMb: 4 });
  expect(parseArgs(['--file-size-mb=0.25'])).toEqual({ rows: 2_000_000, keep: false, fileSizeMb: 0.25 });
  expect(() => parseArgs(['--file-size-mb', '0.01'])).toThrow(/--file-size-mb needs a number of MB from 0.0625 to 4096, not "0.01"/);
  expect(() => parseArgs(['--file-size-mb', 'big'])).toThrow(/--file-size-mb needs a number of MB/);
  expect(() => parseArgs(['--file-size-mb'])).toThrow(/--file-size-mb needs a number of MB/);
  expect(() => parseArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
});
