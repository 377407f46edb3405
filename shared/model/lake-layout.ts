/**
 * The lake layout of an entity's files, as text: the folders a partitioned extract writes under
 * its set (`Latest/`, an archived set), shared by the engine, which names each file's folder from
 * its row, and the preview, which shows the path pattern.
 */
import type { Partition, PartitionGranularity } from './schema.ts';

/** The folder of rows whose partition value is NULL (Hive's name for it, which readers know). */
export const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

/** The folder keys of a date partition, coarsest first; a granularity keeps a prefix of them. */
export const DATE_PARTITION_KEYS = ['year', 'month', 'day'] as const;

const DEPTH: Readonly<Record<PartitionGranularity, number>> = { year: 1, month: 2, day: 3 };
const PLACEHOLDER: Readonly<Record<(typeof DATE_PARTITION_KEYS)[number], string>> = { year: '{yyyy}', month: '{mm}', day: '{dd}' };

/** The folder keys a date partition of this granularity writes: `year`, then `month`, then `day`. */
export function datePartitionKeys(granularity: PartitionGranularity): readonly (typeof DATE_PARTITION_KEYS)[number][] {
  return DATE_PARTITION_KEYS.slice(0, DEPTH[granularity]);
}

/**
 * The folders of a partition as a pattern, e.g. `year={yyyy}/month={mm}` or `region={region}`
 * (the value escaped: characters other than letters, digits, `.`, `_` and `-` as `%XX` of their
 * UTF-8 bytes, a long value cut and suffixed with a hash of the whole).
 */
export function partitionPattern(partition: Partition): string {
  switch (partition.kind) {
    case 'date':
      return datePartitionKeys(partition.granularity).map((key) => `${key}=${PLACEHOLDER[key]}`).join('/');
    case 'value':
      return `${escapePartitionText(partition.column)}={${partition.column}}`;
  }
}

const KEPT = /[A-Za-z0-9._-]/;

/**
 * Text made safe as (part of) one folder name: letters, digits, `.`, `_` and `-` stay, every other
 * character becomes `%XX` per UTF-8 byte (`/` → `%2F`, NUL → `%00`, `%` → `%25`), so no value
 * can add a folder level, and different values stay different names.
 */
export function escapePartitionText(text: string): string {
  let out = '';
  for (const char of text) {
    if (KEPT.test(char)) {
      out += char;
      continue;
    }
    const code = char.codePointAt(0)!;
    const bytes = code < 0x80 ? [code]
      : code < 0x800 ? [0xc0 | (code >> 6), 0x80 | (code & 63)]
      : code < 0x10000 ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
      : [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
    for (const byte of bytes) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
