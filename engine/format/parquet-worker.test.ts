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
