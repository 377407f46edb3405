// Files cut at the size limit: a source of several MB with 1 MB files gives several files, none
// over 1 MiB, named by their first row, all published under Latest/ with nothing left behind, and
// the warehouse holds exactly the source's rows.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractInput } from '../../shared/model/index.ts';
import {
  createSource,
  createWarehouse,
  entityFolder,
  jobSpec,
  listFiles,
  listTree,
  readManifest,
  runOk,
  workspace,
  type TestRow,
  type Workspace,
} from './fixtures.ts';

const ENTITY = 'blob_rows';
const ROWS = 30_000;
const LIMIT = 1024 * 1024;
const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'hex', type: 'string(200)' },
];

/** Hex text that compresses only about 2:1, the same on every run. */
function hexOf(id: number): string {
  let text = '';
  for (let i = 0; text.length < 192; i++) text += createHash('sha256').update(`${id}:${i}`).digest('hex');
  return text.slice(0, 192);
}

const SOURCE_ROWS: TestRow[] = Array.from({ length: ROWS }, (_, i) => [i + 1, hexOf(i + 1)]);

const CASES: { label: string; format: ExtractInput['format']; compression: NonNullable<ExtractInput['compression']>; extension: string }[] = [
  { label: 'csv+zstd', format: { kind: 'csv' }, compression: 'zstd', extension: '.csv.zst' },
  { label: 'csv+gzip', format: { kind: 'csv' }, compression: 'gzip', extension: '.csv.gz' },
  { label: 'csv+none', format: { kind: 'csv' }, compression: 'none', extension: '.csv' },
  { label: 'parquet', format: { kind: 'parquet' }, compression: 'zstd', extension: '.parquet' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('files cut at fileSizeMb', () => {
  it.each(CASES)('$label: several files of at most 1 MiB, named by first row, published whole', async ({ format, compression, extension }) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('big', COLUMNS);
    await source.insert('big', COLUMNS, SOURCE_ROWS);
    await source.close();
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{
        entity: { name: ENTITY, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: ENTITY, source: { kind: 'table', connection: 'src', table: 'big' }, pattern: { kind: 'full' }, format, compression, fileSizeMb: 1, lander: { connection: 'lake', concurrency: 2 } },
      }],
    });

    const { result } = await runOk(spec);
    const entity = result.entities[0]!;
    expect(entity).toMatchObject({ status: 'done', rows: ROWS, inserted: ROWS });

    const manifest = (await readManifest(ws, ENTITY))!;
    expect(manifest.runId).toBe(spec.runId);
    expect(manifest.files.length).toBeGreaterThanOrEqual(3);
    expect(entity.files).toBe(manifest.files.length);
    const latest = join(entityFolder(ws, ENTITY), 'Latest');
    const onDisk = new Map((await listFiles(latest)).map((f) => [f.name, f.bytes]));
    expect([...onDisk.keys()].sort()).toEqual([...manifest.files.map((f) => f.name), '_manifest.json'].sort());

    let firstRow = 1;
    for (const [index, file] of manifest.files.entries()) {
      expect(file.name).toBe(`${ENTITY}_${String(firstRow).padStart(12, '0')}${extension}`);
      expect(onDisk.get(file.name)).toBe(file.bytes);
      expect(file.bytes).toBeLessThanOrEqual(LIMIT);
      // Files are cut near the limit, not early: only the last one may be small.
      if (index < manifest.files.length - 1) expect(file.bytes).toBeGreaterThan(LIMIT / 2);
      expect(file.rows).toBeGreaterThan(0);
      firstRow += file.rows;
    }
    expect(firstRow - 1).toBe(ROWS);
    expect(entity.bytes).toBe(manifest.files.reduce((sum, f) => sum + f.bytes, 0));

    const tree = await listTree(entityFolder(ws, ENTITY));
    expect(tree.filter((p) => p.endsWith('.partial') || p.split(/[\\/]/).includes('_incoming'))).toEqual([]);

    const stored = await wh.query(`SELECT CAST(id AS VARCHAR), hex FROM psg."${ENTITY}" WHERE lf_is_current AND NOT lf_is_deleted ORDER BY id`);
    expect(stored.length).toBe(ROWS);
    expect(stored).toEqual(SOURCE_ROWS.map(([id, hex]) => [String(id), hex]));
  });
});
