import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { decompress } from 'zstd-napi';
import { blockCompressor } from './compressor.ts';
import { zstdWorkerStream } from './zstd-worker.ts';

const text = (i: number, size: number): Buffer => Buffer.from(`${i},"row ${i}, ""quoted""",é€😀\n`.repeat(Math.ceil(size / 30)).slice(0, size), 'utf8');

describe('zstd on the worker thread', () => {
  it('decodes to the blocks written, for streams interleaved on the one worker', async () => {
    const streams = [1, 2, 3].map(() => ({ stream: zstdWorkerStream(1), raw: [] as Buffer[], out: [] as Uint8Array[] }));
    for (let block = 0; block < 6; block++) {
      // Every stream's write in flight at once: answers must come back to the stream that asked.
      await Promise.all(streams.map(async (s, k) => {
        const raw = block === 3 && k === 1 ? randomBytes(70_000) : text(block * 10 + k, 50_000 + k * 1000);
        s.raw.push(raw);
        s.out.push(await s.stream.write(new Uint8Array(raw)));
      }));
    }
    for (const s of streams) {
      s.out.push(await s.stream.end());
      expect(Buffer.compare(decompress(Buffer.concat(s.out)), Buffer.concat(s.raw))).toBe(0);
    }
  });

  it('copies a view into a shared buffer instead of taking the buffer away from its owner', async () => {
    const stream = zstdWorkerStream(1);
    const raw: Buffer[] = [];
    const out: Uint8Array[] = [];
    for (let block = 0; block < 4; block++) {
      raw.push(text(block, 20_000));
      // A view into a larger buffer (not transferable): copied, and the caller's buffer stays usable.
      const shared = Buffer.concat([Buffer.alloc(7), raw.at(-1)!, Buffer.alloc(5)]);
      const view = shared.subarray(7, 7 + raw.at(-1)!.length);
      out.push(await stream.write(view));
      expect(shared.buffer.byteLength).toBeGreaterThan(0);
      expect(Buffer.compare(view, raw.at(-1)!)).toBe(0);
    }
    out.push(await stream.end());
    expect(Buffer.compare(decompress(Buffer.concat(out)), Buffer.concat(raw))).toBe(0);
  });

  it('a destroyed stream leaves the others working and refuses further writes', async () => {
    const dropped = zstdWorkerStream(1);
    const kept = zstdWorkerStream(1);
    void dropped.write(new Uint8Array(text(1, 100_000)));
    dropped.destroy();
    await expect(dropped.write(new Uint8Array(text(2, 10)))).rejects.toThrow('the zstd stream was closed');
    const raw = text(3, 30_000);
    const out = [await kept.write(new Uint8Array(raw)), await kept.end()];
    // The dropped stream's answer is discarded, never delivered to the kept stream.
    expect(Buffer.compare(decompress(Buffer.concat(out)), raw)).toBe(0);
  });

  it('keeps bytes exact after each write in the block compressor, as file cutting needs', async () => {
    const out = blockCompressor('zstd');
    const raw = [text(1, 200_000), text(2, 200_000), text(3, 1000)];
    for (const block of raw) {
      await out.write(new Uint8Array(block));
      expect(out.bytes + out.inFlight).toBeGreaterThan(0);
    }
    await out.end();
    expect(out.bytes).toBe(out.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    expect(Buffer.compare(decompress(Buffer.concat(out.chunks)), Buffer.concat(raw))).toBe(0);
  });
});

describe('the worker threads and the process lifetime', () => {
  /** Runs `code` (an ES module that imports the engine's workers) in a fresh Node with tsx. */
  const runNode = async (code: string): Promise<{ code: number | null; out: string }> => {
    const folder = await mkdtemp(join(tmpdir(), 'lf-worker-exit-'));
    const script = join(folder, 'script.mjs');
    await writeFile(script, code);
    return new Promise((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), timeout: 60_000 }, () => undefined);
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.on('exit', (exit) => {
        void rm(folder, { recursive: true, force: true });
        resolve({ code: exit, out });
      });
    });
  };
  const here = (file: string): string => JSON.stringify(new URL(file, import.meta.url).href);

  it('keeps a process alive while it waits for its bytes, and lets it exit once done', async () => {
    // Before: an unreferenced worker let the process end in the middle of an await (exit 13);
    // a referenced one kept a finished `landfall run` alive for ever (killed at the timeout).
    const { code, out } = await runNode(`
      const { zstdWorkerStream } = await import(${here('./zstd-worker.ts')});
      const { parquetWorkerFile } = await import(${here('./parquet-worker.ts')});
      const stream = zstdWorkerStream(1);
      const bytes = [await stream.write(new Uint8Array(300000).fill(65)), await stream.end()];
      const file = parquetWorkerFile({ rowGroupRows: 10 });
      const ipc = new Uint8Array(Buffer.from(${JSON.stringify(Buffer.from(arrow.tableToIPC(arrow.tableFromArrays({ id: Int32Array.from([1, 2, 3]) }), 'stream')).toString('base64'))}, 'base64'));
      const parquet = [await file.write(ipc), await file.close()];
      console.log('done', bytes.every((b) => b.length > 0), parquet.reduce((n, b) => n + b.length, 0) > 0);
    `);
    expect(out.trim()).toBe('done true true');
    expect(code).toBe(0);
  });

  it('starts the zstd worker when a CSV writer is made, before its first block', async () => {
    // Before: the worker booted at the first block, which waited for it (about 250 ms on a busy
    // machine) while the COPY behind it stalled. gzip runs on libuv's pool: no thread of ours.
    const { code, out } = await runNode(`
      const { csvLinesWriter } = await import(${here('./csv-lines-writer.ts')});
      const { csvWriter } = await import(${here('./csv-writer.ts')});
      const started = [];
      // The 'worker' event comes a tick after the thread is made.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
      process.on('worker', () => started.push('worker'));
      const columns = [{ name: 'id', type: { kind: 'int' } }];
      const layout = { delimiter: ',', qualifier: '"', nullMarker: '' };
      csvLinesWriter('id\\n', 'gzip');
      csvWriter(columns, { ...layout, compression: 'none' });
      await settle();
      started.push('plain');
      csvLinesWriter('id\\n', 'zstd');
      await settle();
      started.push('lines');
      csvWriter(columns, { ...layout, compression: 'zstd' });
      await settle();
      console.log(started.join(' '));
    `);
    expect(out.trim()).toBe('plain worker lines');
    expect(code).toBe(0);
    // The row writer (every source but PostgreSQL's COPY) starts it too.
    const rows = await runNode(`
      const { csvWriter } = await import(${here('./csv-writer.ts')});
      let started = 0;
      process.on('worker', () => started++);
      csvWriter([{ name: 'id', type: { kind: 'int' } }], { delimiter: ',', qualifier: '"', nullMarker: '', compression: 'zstd' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      console.log('workers', started);
    `);
    expect(rows.out.trim()).toBe('workers 1');
  });
});
