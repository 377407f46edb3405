import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { parquetWorkerFile } from './parquet-worker.ts';

/** One row group as Arrow IPC: ids from `from` and their text. */
function group(from: number, rows: number): Uint8Array {
  const ids = Int32Array.from({ length: rows }, (_, i) => from + i);
  const table = arrow.tableFromArrays({ id: ids, name: Array.from(ids, (id) => `name ${id}, "é"`) });
  return arrow.tableToIPC(table, 'stream');
}

function readIds(bytes: Uint8Array): number[] {
  const table = arrow.tableFromIPC(pw.readParquet(bytes).intoIPCStream());
  return Array.from(table.getChild('id')!.toArray() as Int32Array);
}

const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

describe('Parquet encoding on the worker thread', () => {
  it('writes interleaved files whose row groups read back in order', async () => {
    const a = parquetWorkerFile({ rowGroupRows: 1000 });
    const b = parquetWorkerFile({ rowGroupRows: 500 });
    const partsA: Uint8Array[] = [];
    const partsB: Uint8Array[] = [];
    for (let g = 0; g < 3; g++) {
      const [x, y] = await Promise.all([a.write(group(g * 1000, 1000)), b.write(group(100_000 + g * 500, 500))]);
      partsA.push(x);
      partsB.push(y);
    }
    partsA.push(await a.close());
    partsB.push(await b.close());
    expect(readIds(concat(partsA))).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(readIds(concat(partsB))).toEqual(Array.from({ length: 1500 }, (_, i) => 100_000 + i));
  });

  it('an abandoned file leaves others intact; a bad row group fails its own file only', async () => {
    const dropped = parquetWorkerFile({ rowGroupRows: 100 });
    void dropped.write(group(0, 100)).catch(() => undefined);
    dropped.abort();
    await expect(dropped.write(group(0, 1))).rejects.toThrow('the Parquet file was closed');
    const bad = parquetWorkerFile({ rowGroupRows: 100 });
    await expect(bad.write(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow('Parquet encoding failed');
    bad.abort();
    const kept = parquetWorkerFile({ rowGroupRows: 100 });
    const parts = [await kept.write(group(7, 100)), await kept.close()];
    expect(readIds(concat(parts))).toEqual(Array.from({ length: 100 }, (_, i) => 7 + i));
  });
});

describe('parquet-wasm on the worker only', () => {
  it('writes files with rows and without while the calling thread never loads parquet-wasm', async () => {
    // Before: parquet-writer.ts imported parquet-wasm to write the zero-row file that sizes the
    // footer, so every Parquet extract compiled the 5 MB WebAssembly module on the main thread too
    // (and built the writer properties a second time). A fresh process tells what it loaded.
    const folder = await mkdtemp(join(tmpdir(), 'lf-parquet-main-'));
    try {
      const script = join(folder, 'script.mjs');
      const here = (file: string): string => JSON.stringify(new URL(file, import.meta.url).href);
      await writeFile(script, `
        import { createRequire } from 'node:module';
        const { parquetWriter } = await import(${here('./parquet-writer.ts')});
        const columns = [{ name: 'id', type: { kind: 'bigint' } }, { name: 'name', type: { kind: 'string' } }];
        const sizes = [];
        for (const compression of ['zstd', 'snappy']) {
          const writer = parquetWriter(columns, { compression });
          const empty = await writer.newFile(1, 1 << 20).finish();
          const file = writer.newFile(1, 1 << 20);
          await file.add([[1n, 'a'], [2n, 'b']], 0, 2);
          const full = await file.finish();
          sizes.push(empty.rows, empty.bytes > 0, full.rows, full.bytes > empty.bytes);
        }
        const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('parquet-wasm'));
        console.log(JSON.stringify({ sizes, loaded }));
      `);
      const out = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
      });
      expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ sizes: [0, true, 2, true, 0, true, 2, true], loaded: [] });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
