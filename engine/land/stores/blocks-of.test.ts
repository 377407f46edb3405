import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blocksOf } from './blocks-of.ts';

describe('blocksOf', () => {
  it('splits in-memory chunks into blocks without changing a byte', () => {
    const bytes = randomBytes(100);
    const chunks = [bytes.subarray(0, 30), bytes.subarray(30, 30), bytes.subarray(30, 95), bytes.subarray(95)];
    const blocks = [...blocksOf(chunks, 40)];
    expect(blocks.map((b) => [b.offset, b.data.byteLength])).toEqual([[0, 40], [40, 40], [80, 20]]);
    expect(Buffer.compare(Buffer.concat(blocks.map((b) => b.data)), bytes)).toBe(0);
    const aligned = [bytes.subarray(0, 50), bytes.subarray(50)];
    expect([...blocksOf(aligned, 50)].map((b) => b.data)).toEqual(aligned);
    expect([...blocksOf([], 50)]).toEqual([]);
  });
});
