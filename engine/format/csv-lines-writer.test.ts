import { describe, expect, it } from 'vitest';
import { csvLines } from './csv-lines-writer.ts';

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
