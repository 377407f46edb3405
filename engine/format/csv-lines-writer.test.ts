import { describe, expect, it } from 'vitest';
import { csvLines } from './csv-lines-writer.ts';

async function* chunks(parts: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part, 'utf8');
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

  it('refuses a stream that ends inside a row', async () => {
    await expect(lines(['1,"open\n'])).rejects.toThrow('the CSV stream ended inside a row');
  });
});
