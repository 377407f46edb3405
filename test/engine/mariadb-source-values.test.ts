// The MariaDB source's values as the row path reads them: BIGINT as numbers where they are safe
// integers and as their exact digits beyond, DATETIME fractions padded by the server to the
// column's precision written without their trailing zeros; the small queries keep BIGINT as text.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mariadbSource } from '../../engine/source/mariadb-source.ts';
import type { Source } from '../../engine/source/source.ts';
import { valueNormalizer } from '../../engine/values.ts';
import { createSource, workspace, type TestSource, type Workspace } from './fixtures.ts';

let ws: Workspace;
let source: TestSource;
let opened: Source;
beforeEach(async () => {
  ws = await workspace();
  source = await createSource('mariadb', ws);
  opened = await mariadbSource(source.server!);
  ws.defer(() => opened.close());
});
afterEach(async () => {
  await ws.cleanup();
});

const read = async (sql: string): Promise<unknown[][]> => {
  const rows: unknown[][] = [];
  for await (const batch of opened.stream({ sql, params: [], types: [] }, new AbortController().signal)) rows.push(...batch);
  return rows;
};

const SAFE = 2n ** 53n - 1n;
const BIGINTS = [0n, 1n, -1n, SAFE, -SAFE, SAFE + 1n, SAFE + 2n, -(SAFE + 2n), 2n ** 63n - 1n, -(2n ** 63n)];

it('streams BIGINT as numbers up to 2^53 - 1 and as exact digits beyond, each normalised to the same bigint', async () => {
  await source.exec('CREATE TABLE b (i INT PRIMARY KEY, v BIGINT, u BIGINT UNSIGNED)');
  await source.exec(`INSERT INTO b VALUES ${BIGINTS.map((v, i) => `(${i}, ${v}, ${v < 0n ? 0n : v})`).join(', ')}, (${BIGINTS.length}, NULL, 18446744073709551615)`);
  const rows = await read('SELECT v, u FROM b ORDER BY i');
  const big = valueNormalizer({ kind: 'bigint' });
  expect(rows.slice(0, -1).map((r) => r[0])).toEqual(BIGINTS.map((v) => (v >= -SAFE && v <= SAFE ? Number(v) : String(v))));
  expect(rows.slice(0, -1).map((r) => big(r[0]))).toEqual(BIGINTS);
  expect(rows.at(-1)).toEqual([null, '18446744073709551615']);
  // Past the column type's range: refused, as before.
  expect(() => big(rows.at(-1)![1])).toThrow(/"18446744073709551615" is out of range for bigint/);
  // Versions, bounds and watermarks read by query() keep their text.
  expect(await opened.query({ sql: 'SELECT v FROM b WHERE i = 1', params: [], types: [] })).toEqual([['1']]);
});

it('writes DATETIME fractions the server pads to the column\'s precision without their trailing zeros', async () => {
  await source.exec('CREATE TABLE d (i INT PRIMARY KEY, f6 DATETIME(6), f3 DATETIME(3), f0 DATETIME)');
  await source.exec(`INSERT INTO d VALUES
    (1, '2024-03-01 10:00:00.123456', '2024-03-01 10:00:00.123', '2024-03-01 10:00:00'),
    (2, '2024-03-01 10:00:00.100000', '2024-03-01 10:00:00.120', '2024-03-01 10:00:10'),
    (3, '2024-02-29 23:59:59.000000', '2024-02-29 23:59:59.000', '2024-02-29 23:59:59'),
    (4, '0001-01-01 00:00:00.000010', '9999-12-31 23:59:59.990', '9999-12-31 23:59:59')`);
  const rows = await read('SELECT f6, f3, f0 FROM d ORDER BY i');
  // What the server sends: every fraction padded to the column's digits.
  expect(rows[1]).toEqual(['2024-03-01 10:00:00.100000', '2024-03-01 10:00:00.120', '2024-03-01 10:00:10']);
  const datetime = valueNormalizer({ kind: 'datetime' });
  expect(rows.map((r) => r.map(datetime))).toEqual([
    ['2024-03-01 10:00:00.123456', '2024-03-01 10:00:00.123', '2024-03-01 10:00:00'],
    ['2024-03-01 10:00:00.1', '2024-03-01 10:00:00.12', '2024-03-01 10:00:10'],
    ['2024-02-29 23:59:59', '2024-02-29 23:59:59', '2024-02-29 23:59:59'],
    ['0001-01-01 00:00:00.00001', '9999-12-31 23:59:59.99', '9999-12-31 23:59:59'],
  ]);
});
