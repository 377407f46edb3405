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

/** The placeholders of a history path (see {@link historyTemplateProblems}). */
export const HISTORY_PLACEHOLDERS = ['entity', 'yyyy', 'mm', 'dd', 'run_id', 'first_row', 'partition'] as const;
export type HistoryPlaceholder = (typeof HISTORY_PLACEHOLDERS)[number];

/** Folder names the publish protocol owns inside an entity's folder: a history path must not reach into them. */
const RESERVED_FOLDERS = ['latest', 'archive', '_incoming', '_history_incoming'];

const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;

/**
 * What is wrong with a history path template, if anything. A template is the path of each kept
 * file without its extension, relative to the lander's folder, e.g.
 * `{entity}/History/{yyyy}/{mm}/{dd}/{run_id}/{partition}/{entity}_{first_row}`:
 * - only known placeholders, `{partition}` alone in its segment (it stands for the partition's folders);
 * - relative, without `.`, `..` or empty segments, so it stays under the lander's folder;
 * - `{entity}` and then `{run_id}` in folder segments: the folder up to the `{run_id}` segment is
 *   the run's own (retention removes it whole), and `{first_row}` in the file name, so no two
 *   files of a run, runs or entities share a path;
 * - no segment named like the publish protocol's folders (Latest, Archive, _incoming).
 */
export function historyTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const [, name] of template.matchAll(PLACEHOLDER_PATTERN)) {
    if (!(HISTORY_PLACEHOLDERS as readonly string[]).includes(name!)) {
      problems.push(`"{${name}}" is not a placeholder of a history path; use ${HISTORY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
    }
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER_PATTERN, ''))) problems.push('has a "{" or "}" that opens or closes no placeholder');
  if (/^[\\/]/.test(template) || /^[A-Za-z]:/.test(template)) problems.push('must be relative to the lander\'s folder: remove the leading "/" or drive');
  const segments = template.split(/[\\/]/);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) problems.push('must not have empty, "." or ".." segments: a history path stays inside the lander\'s folder');
  if (segments.some((s) => RESERVED_FOLDERS.includes(s.toLowerCase()))) problems.push('must not use a folder named Latest, Archive, _incoming or _history_incoming: those belong to the published sets');
  if (segments.some((s) => s.includes('{partition}') && s !== '{partition}')) problems.push('"{partition}" stands for the partition\'s folders and must be a segment of its own');
  const run = historyRunDepth(template);
  if (run < 0) problems.push('needs {run_id} in a folder of the path (not the file name): each run keeps its files in a folder of its own');
  else {
    const runFolder = segments.slice(0, run + 1);
    if (!runFolder.some((s) => s.includes('{entity}'))) problems.push('needs {entity} in the folders up to {run_id}: runs of several entities share their run id');
    if (runFolder.some((s) => s.includes('{first_row}') || s.includes('{partition}'))) problems.push('{first_row} and {partition} belong after {run_id}: the folder up to {run_id} holds the whole run');
  }
  if (!segments.at(-1)!.includes('{first_row}')) problems.push('needs {first_row} in the file name (the last segment): it tells a run\'s files apart');
  return problems;
}

/** The index of the segment holding `{run_id}`, when it is a folder segment; -1 otherwise. */
export function historyRunDepth(template: string): number {
  const segments = template.split(/[\\/]/);
  const at = segments.findIndex((s) => s.includes('{run_id}'));
  return at >= 0 && at < segments.length - 1 ? at : -1;
}

/** A history template with its placeholders replaced (values already safe as path parts; `partition` may be empty). */
export function renderHistory(template: string, values: Readonly<Record<HistoryPlaceholder, string>>): string {
  return template.replace(PLACEHOLDER_PATTERN, (_, name: string) => values[name as HistoryPlaceholder]);
}
