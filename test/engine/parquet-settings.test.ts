// An extract's Parquet settings reach the landed files: read back with DuckDB's parquet_metadata,
// the files show dictionary pages only where the setting asks, row groups of the configured size,
// min/max statistics on every column chunk, and still no file over its size limit.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../engine/duckdb.ts';
import type { ExtractInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, readManifest, runOk, workspace, type TestRow, type Workspace } from './fixtures.ts';

const ENTITY = 'orders';
const ROWS = 12_000;
const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'status', type: 'string(20)' },
  { name: 'amount', type: 'decimal(12,2)' },
];
const SOURCE_ROWS: TestRow[] = Array.from({ length: ROWS }, (_, i) => [i + 1, ['open', 'shipped', 'returned'][i % 3]!, `${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`]);

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function landed(format: ExtractInput['format'], fileSizeMb = 64): Promise<{ paths: string[]; metadata: unknown[][] }> {
  const source = await createSource('sqlite', ws);
  await source.createTable('orders', COLUMNS);
  await source.insert('orders', COLUMNS, SOURCE_ROWS);
  await source.close();
  const wh = await createWarehouse('duckdb', ws);
  const spec = jobSpec({
    ws,
    connections: [source.connection, wh.connection],
    batchId: 1,
    entities: [{
      entity: { name: ENTITY, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: ENTITY, source: { kind: 'table', connection: 'src', table: 'orders' }, pattern: { kind: 'full' }, format, fileSizeMb, lander: { connection: 'lake' } },
    }],
  });
  const { result } = await runOk(spec);
  expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS, inserted: ROWS });
  // One file at 64 MB: nothing to warn about. (At 64 KiB with dictionaries everywhere, files come out small and the run warns.)
  if (fileSizeMb === 64) expect(result.entities[0]!.warnings).toBeUndefined();
  const manifest = (await readManifest(ws, ENTITY))!;
  const paths = manifest.files.map((f) => join(entityFolder(ws, ENTITY), 'Latest', f.name));
  const db = await openDuckDb(':memory:');
  const connection = await db.connect();
  try {
    const list = `[${paths.map((p) => `'${p}'`).join(', ')}]`;
    const metadata = (await connection.runAndReadAll(
      `SELECT file_name, row_group_id, row_group_num_rows, path_in_schema, dictionary_page_offset IS NOT NULL AND encodings LIKE '%DICTIONARY%', stats_min_value, stats_max_value FROM parquet_metadata(${list}) ORDER BY file_name, row_group_id, path_in_schema`,
    )).getRows();
    return { paths, metadata };
  } finally {
    connection.closeSync();
    await db.release();
  }
}

describe('Parquet settings of an extract', () => {
  it('defaults: dictionary pages for the string column only, statistics everywhere', async () => {
    const { metadata } = await landed({ kind: 'parquet' });
    const dictionary = new Map(metadata.map((m) => [m[3], m[4]]));
    expect(Object.fromEntries(dictionary)).toEqual({ id: false, status: true, amount: false });
    expect(metadata.every((m) => m[5] !== null && m[6] !== null)).toBe(true);
    expect(new Set(metadata.map((m) => m[2]))).toEqual(new Set([BigInt(ROWS)]));
  });

  it('rowGroupRows and dictionary "none" as configured', async () => {
    const { metadata } = await landed({ kind: 'parquet', rowGroupRows: 5000, dictionary: 'none' });
    const groups = metadata.filter((m) => m[3] === 'id').map((m) => Number(m[2]));
    expect(groups).toEqual([5000, 5000, 2000]);
    expect(metadata.some((m) => m[4] === true)).toBe(false);
    expect(metadata.every((m) => m[5] !== null && m[6] !== null)).toBe(true);
    const stats = metadata.filter((m) => m[3] === 'id').map((m) => [m[5], m[6]]);
    expect(stats).toEqual([['1', '5000'], ['5001', '10000'], ['10001', '12000']]);
  });

  // Issue 16: Synapse's PolyBase reads Snappy and Gzip Parquet only; the codec reaches the files
  // (and the DuckDB warehouse reads each back: runOk above checks every row inserted).
  it.each([['zstd', 'ZSTD'], ['snappy', 'SNAPPY'], ['gzip', 'GZIP'], ['none', 'UNCOMPRESSED']] as const)('compression %s: every column chunk of the landed files is %s', async (compression, codec) => {
    const { paths } = await landed({ kind: 'parquet', compression });
    const db = await openDuckDb(':memory:');
    const connection = await db.connect();
    try {
      const list = `[${paths.map((p) => `'${p}'`).join(', ')}]`;
      expect((await connection.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata(${list})`)).getRows()).toEqual([[codec]]);
    } finally {
      connection.closeSync();
      await db.release();
    }
  });

  it('dictionary "all" within a small file size: every file within its limit', async () => {
    const { paths, metadata } = await landed({ kind: 'parquet', dictionary: 'all', rowGroupRows: 1000 }, 0.0625);
    expect(paths.length).toBeGreaterThan(1);
    expect(metadata.filter((m) => m[4] === true).length).toBeGreaterThan(0);
    for (const path of paths) expect(statSync(path).size).toBeLessThanOrEqual(64 * 1024);
  });
});
