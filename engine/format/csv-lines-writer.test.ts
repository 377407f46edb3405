import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { blockSizeFor } from './compressor.ts';
import { csvLines, csvLinesWriter, type LineBatch } from './csv-lines-writer.ts';

async function* chunks(parts: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part, 'utf8');
}

async function* chunks2(parts: readonly Buffer[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

async function lines(parts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of csvLines(chunks(parts), '"')) {
    expect(batch.length).toBe(batch.ends.length);
    batch.ends.forEach((end, i) => out.push(batch.bytes.subarray(i === 0 ? 0 : batch.ends[i - 1], end).toString('utf8')));
  }
  return out;
}

const TEXT = '1,plain\n2,"a ""quoted"" value, with comma"\n3,"line one\nline two"\n4,""\n5,\n6,"ends with quote """\n';
const EXPECTED = ['1,plain\n', '2,"a ""quoted"" value, with comma"\n', '3,"line one\nline two"\n', '4,""\n', '5,\n', '6,"ends with quote """\n'];

describe('csvLines', () => {
  it('splits at row ends only, whatever the chunk boundaries', async () => {
    expect(await lines([TEXT])).toEqual(EXPECTED);
    // Every split point, including inside doubled quotes and right after a quoted newline.
    for (let at = 1; at < TEXT.length; at++) {
      expect(await lines([TEXT.slice(0, at), TEXT.slice(at)])).toEqual(EXPECTED);
    }
    expect(await lines([...TEXT])).toEqual(EXPECTED);
  });

  it('never copies a chunk: only a line cut by a chunk end is glued, and goes out alone', async () => {
    // Buffers of their own (not slices of Node's shared pool), so that a copy would show.
    const own = (text: string): Buffer => {
      const buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
      buffer.write(text, 'utf8');
      return buffer;
    };
    const first = own('1,a\n2,"b\n');
    const second = own('c"\n3,d\n4,e\n');
    const batches = [];
    for await (const batch of csvLines(chunks2([first, second]), '"')) batches.push(batch);
    expect(batches.map((b) => b.bytes.toString('utf8'))).toEqual(['1,a\n', '2,"b\nc"\n', '3,d\n4,e\n']);
    expect(batches[0]!.bytes.buffer).toBe(first.buffer);
    expect(batches[2]!.bytes.buffer).toBe(second.buffer);
    expect(batches[2]!.ends).toEqual([4, 8]);
  });

  it('refuses a stream that ends inside a row', async () => {
    await expect(lines(['1,"open\n'])).rejects.toThrow('the CSV stream ended inside a row');
  });
});

describe('csvLinesWriter', () => {
  /** `count` lines of hex digests (about 2:1 compressible), 40 to 100 bytes, their ends counted as the writer reads them. */
  const batch = (count: number): { batch: LineBatch; reads: () => number } => {
    const text = Array.from({ length: count }, (_, i) => `${i},${createHash('sha256').update(String(i)).digest('hex').slice(0, 32 + (i % 60))}\n`).join('');
    const ends: number[] = [];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends.push(at + 1);
    let reads = 0;
    const counted = new Proxy(ends, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { batch: { length: count, bytes: Buffer.from(text, 'latin1'), ends: counted }, reads: () => reads };
  };

  it('cuts blocks and files without visiting every line, each file within its limit and near it', async () => {
    // Before: each line's end was read to add it to the block and to check the file's limit.
    const { batch: lines, reads } = batch(20_000);
    const limit = 128 * 1024;
    const writer = csvLinesWriter('n,x\n', 'gzip');
    const files: { rows: number; bytes: number; text: string }[] = [];
    for (let at = 0; at < lines.length;) {
      const file = writer.newFile(at + 1, limit);
      const taken = await file.add(lines, at, lines.length);
      const built = await file.finish();
      files.push({ rows: taken, bytes: built.bytes, text: gunzipSync(Buffer.concat(built.chunks)).toString('latin1') });
      at += taken;
    }
    expect(reads()).toBeLessThan(lines.length / 4);
    expect(files.map((f) => f.text.slice(4)).join('')).toBe(lines.bytes.toString('latin1'));
    // Every file within its limit, and full: the next line would not have fitted.
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(limit);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files.slice(0, -1)) expect(file.bytes).toBeGreaterThan(limit - blockSizeFor(limit));
    expect(files.reduce((sum, f) => sum + f.rows, 0)).toBe(lines.length);
  });
});
