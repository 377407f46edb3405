import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompress } from 'zstd-napi';
import type { Compression } from '../../shared/model/schema.ts';
import { BLOCKS_IN_FLIGHT, blockCompressor, blockSizeFor } from './compressor.ts';
import { csvLinesWriter, type LineBatch } from './csv-lines-writer.ts';
import { csvWriter } from './csv-writer.ts';
import type { Batch, FileFormatWriter } from './file-builder.ts';

const INFLATE: Record<Exclude<Compression, 'none'>, (bytes: Buffer) => Buffer> = { zstd: (bytes) => decompress(bytes), gzip: (bytes) => gunzipSync(bytes) };

/** `count` CSV lines of random text (about 4:3 compressible), each `width` bytes with its `\n`. */
function lines(count: number, width: number): LineBatch {
  const bytes = Buffer.alloc(count * width);
  const ends: number[] = [];
  for (let i = 0; i < count; i++) {
    bytes.write(randomBytes(width).toString('base64').slice(0, width - 1), i * width, 'latin1');
    bytes[(i + 1) * width - 1] = 10;
    ends.push((i + 1) * width);
  }
  return { length: count, bytes, ends };
}

describe('blockCompressor', () => {
  it.each(['zstd', 'gzip'] as const)('%s: keeps several blocks compressing while the writer goes on, bytes exact once settled', async (compression) => {
    const out = blockCompressor(compression);
    const blocks = [1, 2, 3].map((i) => Buffer.from(`${i},row ${i}\n`.repeat(20_000)));
    const raw = Buffer.concat(blocks);
    // Before: each write waited for the block before it, a round trip to the worker (or libuv's
    // pool) per block; the writer then only ever had one block compressing.
    for (const block of blocks) await out.write(block);
    expect(out.inFlight).toBe(raw.length);
    await out.settle();
    expect(out.inFlight).toBe(0);
    expect(out.bytes).toBe(out.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    await out.end();
    expect(Buffer.compare(INFLATE[compression](Buffer.concat(out.chunks)), raw)).toBe(0);
  });

  it('waits for the oldest block once BLOCKS_IN_FLIGHT are compressing', async () => {
    const out = blockCompressor('zstd');
    const block = (): Buffer => Buffer.from('a,b\n'.repeat(10_000));
    for (let i = 0; i < BLOCKS_IN_FLIGHT; i++) await out.write(block());
    expect(out.inFlight).toBe(BLOCKS_IN_FLIGHT * 40_000);
    await out.write(block());
    // The oldest came back before the next went out: never more than the window in flight.
    expect(out.inFlight).toBeLessThanOrEqual(BLOCKS_IN_FLIGHT * 40_000);
    expect(out.bytes).toBeGreaterThan(0);
    await out.end();
    expect(decompress(Buffer.concat(out.chunks)).length).toBe((BLOCKS_IN_FLIGHT + 1) * 40_000);
  });
});

/** Cuts `batch` into files of `limit` bytes with `writer`; each file's size and the text of them all (headers dropped). */
async function cut<B extends Batch>(writer: FileFormatWriter<B>, batch: B, limit: number, compression: Exclude<Compression, 'none'>): Promise<{ sizes: number[]; text: string }> {
  let at = 0;
  const sizes: number[] = [];
  let text = '';
  while (at < batch.length) {
    const file = writer.newFile(at + 1, limit);
    at += await file.add(batch, at, batch.length);
    const built = await file.finish();
    sizes.push(built.bytes);
    text += INFLATE[compression](Buffer.concat(built.chunks)).toString('latin1').slice(2);
  }
  return { sizes, text };
}

describe('files cut with blocks in flight', () => {
  const limit = 64 * 1024;
  const width = 100;
  // Blocks in flight count at their raw size until compressed: a writer that cut its file without
  // waiting for them to come back ended files short by about what was in flight.
  const full = (sizes: readonly number[]): void => {
    for (const bytes of sizes) expect(bytes).toBeLessThanOrEqual(limit);
    for (const bytes of sizes.slice(0, -1)) expect(bytes).toBeGreaterThan(limit - blockSizeFor(limit) - width);
  };

  it.each(['zstd', 'gzip'] as const)('%s, COPY lines: a file ends within its limit and within a block of it', async (compression) => {
    const batch = lines(5000, width);
    const { sizes, text } = await cut(csvLinesWriter('h\n', compression), batch, limit, compression);
    expect(text).toBe(batch.bytes.toString('latin1'));
    full(sizes);
  });

  it.each(['zstd', 'gzip'] as const)('%s, rows: a file ends within its limit and within a block of it', async (compression) => {
    const batch = lines(5000, width);
    const rows = batch.ends.map((end) => [batch.bytes.toString('latin1', end - width, end - 1)]);
    const writer = csvWriter([{ name: 'h', type: { kind: 'string' } }], { delimiter: ',', qualifier: '"', nullMarker: '', header: true, compression, binary: 'hex' });
    const { sizes, text } = await cut(writer, rows, limit, compression);
    expect(text).toBe(batch.bytes.toString('latin1'));
    full(sizes);
  });
});
