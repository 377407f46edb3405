// Each source's native types read through the engine's source and normaliser: dates, timestamps
// with and without zones (instants in UTC), 38-digit decimals, bigints at the ends of their range,
// binary with zero bytes, booleans and NULLs come out exact.
import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duckdbSource } from '../../engine/source/duckdb-source.ts';
import { mariadbSource } from '../../engine/source/mariadb-source.ts';
import { postgresSource } from '../../engine/source/postgres-source.ts';
import type { Source } from '../../engine/source/source.ts';
import { sqliteSource } from '../../engine/source/sqlite-source.ts';
import { normalizer } from '../../engine/values.ts';
import { parseColumnType, type ColumnType } from '../../shared/model/index.ts';
import { createSource, type SourceKind, type TestSource, workspace, type Workspace } from './fixtures.ts';

/** The entity's columns, in the order every source table has them. */
const COLUMNS: [name: string, type: string][] = [
  ['id', 'int'],
  ['d', 'date'],
  ['ts', 'datetime'],
  ['tsz', 'datetimeoffset'],
  ['dec38', 'decimal(38,10)'],
  ['dec0', 'decimal(38,0)'],
  ['big', 'bigint'],
  ['bin', 'binary'],
  ['flag', 'boolean'],
  ['txt', 'string(20)'],
];
const TYPES = COLUMNS.map(([, t]) => parseColumnType(t) as ColumnType);

const BIG_MAX = 9223372036854775807n;
const BIG_MIN = -9223372036854775808n;
const DEC38 = '1234567890123456789012345678.0123456789';
const NINES = '9'.repeat(38);

/** Normalised values, binary shown as hex so rows compare with toEqual. */
type Expected = (string | bigint | number | boolean | null)[];

/** Instants with zones, in UTC. */
const UTC: [string, string] = ['2024-03-01 04:30:00+00:00', '1970-01-01 07:59:59.5+00:00'];

/** What every source gives for rows 1–3. */
const expected = (zoned: [string, string]): Expected[] => [
  [1, '2024-02-29', '2024-03-01 10:00:00.123456', zoned[0], DEC38, NINES, BIG_MAX, 'hex:00000100ff', true, 'é "q", \n;'],
  [2, '0001-01-01', '1970-01-01 00:00:00', zoned[1], '-0.0000000001', `-${NINES}`, BIG_MIN, 'hex:00', false, ''],
  [3, null, null, null, null, null, null, null, null, null],
];

interface Case {
  readonly kind: SourceKind;
  readonly fill: (source: TestSource) => Promise<void>;
  readonly open: (source: TestSource) => Promise<Source>;
  readonly expected: Expected[];
}

const CASES: Case[] = [
  {
    kind: 'sqlite',
    // SQLite has no date, decimal or zone types: text as written, offsets and all.
    fill: (s) =>
      s.exec(`CREATE TABLE t (id INTEGER, d TEXT, ts TEXT, tsz TEXT, dec38 TEXT, dec0 TEXT, big INTEGER, bin BLOB, flag INTEGER, txt TEXT);
        INSERT INTO t VALUES (1, '2024-02-29', '2024-03-01 10:00:00.123456', '2024-03-01 10:00:00+05:30', '${DEC38}', '${NINES}', ${BIG_MAX}, X'00000100ff', 1, 'é "q", ' || char(10) || ';');
        INSERT INTO t VALUES (2, '0001-01-01', '1970-01-01 00:00:00', '1969-12-31T23:59:59.5-08:00', '-1E-10', '-${NINES}', ${BIG_MIN}, X'00', 0, '');
        INSERT INTO t (id) VALUES (3);`),
    open: (s) => Promise.resolve(sqliteSource((s.connection as { path: string }).path)),
    expected: expected(UTC),
  },
  {
    kind: 'duckdb',
    fill: async (s) => {
      await s.exec(`CREATE TABLE t (id INTEGER, d DATE, ts TIMESTAMP, tsz TIMESTAMPTZ, dec38 DECIMAL(38,10), dec0 DECIMAL(38,0), big BIGINT, bin BLOB, flag BOOLEAN, txt VARCHAR)`);
      await s.exec(`INSERT INTO t VALUES
        (1, DATE '2024-02-29', TIMESTAMP '2024-03-01 10:00:00.123456', TIMESTAMPTZ '2024-03-01 10:00:00+05:30', '${DEC38}', '${NINES}', ${BIG_MAX}, '\\x00\\x00\\x01\\x00\\xFF'::BLOB, true, 'é "q", ' || chr(10) || ';'),
        (2, DATE '0001-01-01', TIMESTAMP '1970-01-01 00:00:00', TIMESTAMPTZ '1969-12-31 23:59:59.5-08:00', -0.0000000001, '-${NINES}', ${BIG_MIN}, '\\x00'::BLOB, false, ''),
        (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    },
    open: async (s) => {
      // The test's own handle on the file goes first, so the engine opens it afresh.
      await s.close();
      return duckdbSource((s.connection as { path: string }).path);
    },
    expected: expected(UTC),
  },
  {
    kind: 'postgres',
    fill: async (s) => {
      await s.exec(`CREATE TABLE t (id int, d date, ts timestamp(6), tsz timestamptz(6), dec38 numeric(38,10), dec0 numeric(38,0), big bigint, bin bytea, flag boolean, txt varchar(20))`);
      // Written from sessions in other zones: one offset spelled out, one taken from the session.
      await s.exec(`SET TimeZone = 'Asia/Kolkata'`);
      await s.exec(`INSERT INTO t VALUES (1, '2024-02-29', '2024-03-01 10:00:00.123456', '2024-03-01 10:00:00+05:30', '${DEC38}', '${NINES}', ${BIG_MAX}, '\\x00000100ff', true, E'é "q", \\n;')`);
      await s.exec(`SET TimeZone = 'America/Los_Angeles'`);
      await s.exec(`INSERT INTO t VALUES (2, '0001-01-01', '1970-01-01 00:00:00', '1969-12-31 23:59:59.5', -0.0000000001, '-${NINES}', ${BIG_MIN}, '\\x00', false, '')`);
      await s.exec(`INSERT INTO t (id) VALUES (3)`);
    },
    open: (s) => postgresSource({ ...s.server!, ssl: false }),
    expected: expected(UTC),
  },
  {
    kind: 'mariadb',
    fill: async (s) => {
      // TIMESTAMP holds an instant (converted from the session's zone); BOOLEAN is TINYINT(1).
      await s.exec(`CREATE TABLE t (id INT, d DATE, ts DATETIME(6), tsz TIMESTAMP(6) NULL, dec38 DECIMAL(38,10), dec0 DECIMAL(38,0), big BIGINT, bin VARBINARY(10), flag BOOLEAN, txt VARCHAR(20)) CHARACTER SET utf8mb4`);
      await s.exec(`SET time_zone = '+05:30'`);
      await s.exec(`INSERT INTO t VALUES (1, '2024-02-29', '2024-03-01 10:00:00.123456', '2024-03-01 10:00:00', '${DEC38}', '${NINES}', ${BIG_MAX}, X'00000100ff', TRUE, 'é "q", \\n;')`);
      await s.exec(`SET time_zone = '-08:00'`);
      await s.exec(`INSERT INTO t VALUES (2, '0001-01-01', '1970-01-01 00:00:00', '1969-12-31 23:59:59.5', -0.0000000001, '-${NINES}', ${BIG_MIN}, X'00', FALSE, '')`);
      await s.exec(`INSERT INTO t (id) VALUES (3)`);
    },
    open: (s) => mariadbSource(s.server!),
    expected: expected(UTC),
  },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const normalise = (rows: unknown[][]): Expected[] => {
  const normalisers = TYPES.map((t, i) => normalizer(t, i === 0));
  return rows.map((row) =>
    row.map((value, i) => {
      const v = normalisers[i]!(value);
      return v instanceof Uint8Array ? `hex:${Buffer.from(v).toString('hex')}` : (v as Expected[number]);
    }),
  );
};

const SELECT = `SELECT ${COLUMNS.map(([n]) => n).join(', ')} FROM t ORDER BY id`;

async function readBack({ kind, fill, open, expected: want }: Case): Promise<void> {
  const test = await createSource(kind, ws);
  await fill(test);
  const source = await open(test);
  try {
    const rows: unknown[][] = [];
    for await (const batch of source.stream({ sql: SELECT, params: [], types: [] }, new AbortController().signal)) rows.push(...batch);
    expect(normalise(rows)).toEqual(want);
    // Small queries (versions, metadata) give the same values.
    expect(normalise(await source.query({ sql: SELECT, params: [], types: [] }))).toEqual(want);
  } finally {
    await source.close();
  }
}

describe.each(CASES)('source $kind', (c) => {
  it('streams its native types as exact normalised values', () => readBack(c));
});

describe('source duckdb on a machine in another zone', () => {
  it('still gives TIMESTAMPTZ instants in UTC', async () => {
    // The driver writes TIMESTAMPTZ in the zone it found when it loaded: here as if in India.
    const zone = DuckDBTimestampTZValue.timezoneOffsetInMinutes;
    DuckDBTimestampTZValue.timezoneOffsetInMinutes = 330;
    try {
      await readBack(CASES.find((c) => c.kind === 'duckdb')!);
    } finally {
      DuckDBTimestampTZValue.timezoneOffsetInMinutes = zone;
    }
  });
});
