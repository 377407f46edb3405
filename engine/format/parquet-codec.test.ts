// Issue 16: an extract's Parquet codec (Synapse's PolyBase reads Snappy and Gzip Parquet, not
// ZSTD). Each codec is written, read back by DuckDB (parquet_metadata names the codec of every
// column chunk, the values come back whole), and the size bound holds for each: on incompressible
// data, where a codec's own framing makes pages larger than their raw bytes, no file passes its
// limit, and files still come out reasonably full.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbHandle } from '../duckdb.ts';
import { PARQUET_COMPRESSIONS, type ParquetDictionary } from '../../shared/model/schema.ts';
import type { BuiltFile, FileColumn, Row } from './file-builder.ts';
import { parquetWriter } from './parquet-writer.ts';

/** DuckDB as the engine opens it, and a folder for the files it reads back. */
const reader = { dir: '', handle: undefined as DuckDbHandle | undefined, connection: undefined as DuckDBConnection | undefined, saved: 0 };

beforeAll(async () => {
  reader.dir = mkdtempSync(join(tmpdir(), 'landfall-parquet-codec-'));
  reader.handle = await openDuckDb(':memory:');
  reader.connection = await reader.handle.connect();
});

afterAll(async () => {
  reader.connection?.closeSync();
  await reader.handle?.release();
  if (reader.dir) rmSync(reader.dir, { recursive: true, force: true });
});

const COLUMNS: FileColumn[] = [
  { name: 'id', type: { kind: 'bigint' } },
  { name: 'token', type: { kind: 'string', length: 64 } },
  { name: 'payload', type: { kind: 'binary' } },
];
const ROWS = 6_000;
// Random bytes and their hex: nothing for a codec to gain, so only its worst case is left.
const DATA: Row[] = Array.from({ length: ROWS }, (_, i) => {
  const bytes = randomBytes(24 + (i % 40));
  return [BigInt(i + 1), i % 17 === 0 ? null : randomBytes(16).toString('hex'), bytes];
});
const DUCKDB_CODEC = { zstd: 'ZSTD', snappy: 'SNAPPY', gzip: 'GZIP', none: 'UNCOMPRESSED' } as const;

/** The aggregator's loop: rows offered in batches, a new file started when one is full. */
async function writeFiles(compression: (typeof PARQUET_COMPRESSIONS)[number], dictionary: ParquetDictionary, limit: number): Promise<BuiltFile[]> {
  const writer = parquetWriter(COLUMNS, { compression, dictionary, rowGroupRows: 1000 });
  const files: BuiltFile[] = [];
  let file = writer.newFile(1, limit);
  for (let start = 0; start < ROWS; start += 500) {
    const batch = DATA.slice(start, start + 500);
    let at = 0;
    while (at < batch.length) {
      at += await file.add(batch, at, batch.length);
      if (at < batch.length) {
        files.push(await file.finish());
        file = writer.newFile(start + at + 1, limit);
      }
    }
  }
  files.push(await file.finish());
  return files;
}

function save(file: BuiltFile): string {
  const path = join(reader.dir, `f${++reader.saved}.parquet`);
  writeFileSync(path, Buffer.concat(file.chunks));
  return path;
}

async function query(sql: string): Promise<unknown[][]> {
  return (await reader.connection!.runAndReadAll(sql)).getRows();
}

describe.each(PARQUET_COMPRESSIONS)('Parquet compressed with %s', (compression) => {
  it.each(['none', 'all'] as const)('is read back by DuckDB with its codec and every value, no file over its limit (dictionary %s)', async (dictionary) => {
    const limit = 64 * 1024;
    const files = await writeFiles(compression, dictionary, limit);
    const sizes = files.map((f) => f.bytes);
    expect(files.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
    // The bound is not so loose that files come out near empty (a dictionary column's worst case is about twice its raw bytes, grown by the codec).
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(dictionary === 'all' ? limit / 5 : limit / 2);

    const list = `[${files.map(save).map((p) => `'${p}'`).join(', ')}]`;
    expect(await query(`SELECT DISTINCT compression FROM parquet_metadata(${list})`)).toEqual([[DUCKDB_CODEC[compression]]]);
    const back = await query(`SELECT id, token, hex(payload) FROM read_parquet(${list}) ORDER BY id`);
    expect(back).toEqual(DATA.map((row) => [row[0], row[1], (row[2] as Buffer).toString('hex').toUpperCase()]));
  });
});

it('writes ZSTD when no codec is asked for', async () => {
  const file = parquetWriter(COLUMNS).newFile(1, 1 << 20);
  await file.add(DATA, 0, 10);
  const path = save(await file.finish());
  expect(await query(`SELECT DISTINCT compression FROM parquet_metadata('${path}')`)).toEqual([['ZSTD']]);
});
