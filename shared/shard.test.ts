// Shards: K/N parsed strictly; every entity in exactly one of N shards; the assignment is a fixed
// function of the name (case-insensitive), so runners on different machines and releases agree.
import { describe, expect, it } from 'vitest';
import { inShard, nameHash, parseShard } from './shard.ts';

describe('parseShard', () => {
  it('takes K/N and names what is wrong otherwise', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toBe('"0/4": K must be from 1 to N (4)');
    expect(parseShard('5/4')).toBe('"5/4": K must be from 1 to N (4)');
    expect(parseShard('1/0')).toBe('"1/0": N must be from 1 to 1024');
    expect(parseShard('2of4')).toBe('"2of4" must be K/N, such as 2/4 (this runner\'s share K of N shares)');
  });
});

describe('inShard', () => {
  const names = Array.from({ length: 20 }, (_, i) => `entity_${String(i + 1).padStart(2, '0')}`);
  it('puts every entity in exactly one shard, the same one for any spelling of its name', () => {
    for (const name of names) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(name, { index, count: 4 }));
      expect(owners).toHaveLength(1);
      expect(inShard(name.toUpperCase(), { index: owners[0]!, count: 4 })).toBe(true);
    }
  });
  it('is FNV-1a of the UTF-8 bytes: fixed values', () => {
    // Reference values of 32-bit FNV-1a: "" and "a" from the published test vectors.
    expect(nameHash('')).toBe(0x811c9dc5);
    expect(nameHash('a')).toBe(0xe40c292c);
    expect(nameHash('é')).toBe(nameHash('É'));
    expect(names.map((n) => nameHash(n) % 4 + 1).join('')).toBe('12341234132143214322');
  });
});
