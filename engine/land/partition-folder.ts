/**
 * The partition folder of a row, for an extract with a partitioned layout (see
 * shared/model/lake-layout.ts): `year=2024/month=03/day=15` from a date column's value as written,
 * or `<column>=<escaped value>`. The row keeps every column, so a reader gets each value from the
 * file itself, in its own type; the folder only groups the files (and lets readers skip folders).
 *
 * Called once per row: it allocates nothing once a partition has been seen (the folder text is
 * cached by a number made of the date's digits, or by the value itself).
 */
import { createHash } from 'node:crypto';
import { datePartitionKeys, escapePartitionText, NULL_PARTITION } from '../../shared/model/lake-layout.ts';
import type { Partition } from '../../shared/model/schema.ts';
import type { FileColumn, Row } from '../format/file-builder.ts';
import { LakePathError } from './lake-path.ts';

/** A folder name part longer than this is cut and suffixed with a hash: file systems allow 255 bytes a name. */
export const MAX_PARTITION_VALUE = 100;
/** Values cached; past this a partition's folder text is made again for each row (a column of many values is a poor partition). */
const MAX_CACHED = 10_000;

/** The row → folder function of a partition over the file's columns. */
export type PartitionOf = (row: Row) => string;

/**
 * The folder part of a value: escaped (see escapePartitionText), and when longer than
 * {@link MAX_PARTITION_VALUE}, its first characters, `~` and 16 hex digits of the SHA-256 of the
 * whole value (`~` is never produced by escaping, so a cut name cannot equal a whole one).
 */
export function partitionValueText(value: string): string {
  const escaped = escapePartitionText(value);
  if (escaped.length <= MAX_PARTITION_VALUE) return escaped;
  let cut = MAX_PARTITION_VALUE - 17;
  // Never cut inside a %XX escape.
  const percent = escaped.lastIndexOf('%', cut - 1);
  if (percent >= 0 && percent > cut - 3) cut = percent;
  return `${escaped.slice(0, cut)}~${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
}

/** The partition folder function of an extract's layout over the columns it writes. */
export function partitionOf(partition: Partition, columns: readonly FileColumn[]): PartitionOf {
  const index = columns.findIndex((c) => c.name.toLowerCase() === partition.column.toLowerCase());
  if (index < 0) throw new Error(`the partition column "${partition.column}" is not one of the entity's columns`);
  const name = escapePartitionText(columns[index]!.name);
  return partition.kind === 'date' ? dateFolder(index, datePartitionKeys(partition.granularity).length) : valueFolder(index, name);
}

function dateFolder(index: number, depth: number): PartitionOf {
  const cache = new Map<number, string>();
  const nullFolder = datePartitionKeys('day').slice(0, depth).map((key) => `${key}=${NULL_PARTITION}`).join('/');
  return (row) => {
    const value = row[index];
    if (value === null || value === undefined) return nullFolder;
    // Values are `YYYY-MM-DD…` (values.ts): the digits make the key, with no substring made.
    const text = value as string;
    const year = digits(text, 0, 4);
    const month = depth > 1 ? digits(text, 5, 2) : 0;
    const day = depth > 2 ? digits(text, 8, 2) : 0;
    if (year < 0 || month < 0 || day < 0) throw new LakePathError(`the partition value "${text}" is not a date written YYYY-MM-DD`);
    const key = year * 10_000 + month * 100 + day;
    let folder = cache.get(key);
    if (folder === undefined) {
      folder = `year=${text.slice(0, 4)}${depth > 1 ? `/month=${text.slice(5, 7)}` : ''}${depth > 2 ? `/day=${text.slice(8, 10)}` : ''}`;
      if (cache.size < MAX_CACHED) cache.set(key, folder);
    }
    return folder;
  };
}

/** The number written by `length` digits at `at`; -1 when one of them is not a digit. */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

function valueFolder(index: number, name: string): PartitionOf {
  const cache = new Map<unknown, string>();
  const nullFolder = `${name}=${NULL_PARTITION}`;
  return (row) => {
    const value = row[index];
    if (value === null || value === undefined) return nullFolder;
    let folder = cache.get(value);
    if (folder === undefined) {
      folder = `${name}=${partitionValueText(String(value))}`;
      if (cache.size < MAX_CACHED) cache.set(value, folder);
    }
    return folder;
  };
}
