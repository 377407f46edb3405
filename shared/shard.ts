/**
 * Shards: `landfall run --shard K/N` runs the entities whose name hashes to K of N, so N runners
 * split one project without talking to each other. The hash is of the lower-cased name (names are
 * unique without regard to case), FNV-1a over its UTF-8 bytes: the same on every machine and
 * release, whatever order the entities are listed in, and an added entity moves no other one.
 */

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `K/N` (1 ≤ K ≤ N ≤ 1024); the error says what is wrong. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!match) return `"${text}" must be K/N, such as 2/4 (this runner's share K of N shares)`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 1024) return `"${text}": N must be from 1 to 1024`;
  if (index < 1 || index > count) return `"${text}": K must be from 1 to N (${count})`;
  return { index, count };
}

/** FNV-1a (32 bits) of the name's lower-cased UTF-8 bytes (encoded here: shared code has no TextEncoder). */
export function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  const add = (byte: number): void => {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  };
  for (const char of name.toLowerCase()) {
    const c = char.codePointAt(0)!;
    if (c < 0x80) add(c);
    else if (c < 0x800) { add(0xc0 | (c >> 6)); add(0x80 | (c & 0x3f)); }
    else if (c < 0x10000) { add(0xe0 | (c >> 12)); add(0x80 | ((c >> 6) & 0x3f)); add(0x80 | (c & 0x3f)); }
    else { add(0xf0 | (c >> 18)); add(0x80 | ((c >> 12) & 0x3f)); add(0x80 | ((c >> 6) & 0x3f)); add(0x80 | (c & 0x3f)); }
  }
  return hash;
}

/** Whether the entity named `name` belongs to `shard`. */
export function inShard(name: string, shard: Shard): boolean {
  return nameHash(name) % shard.count === shard.index - 1;
}
