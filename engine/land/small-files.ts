/**
 * The small-file warning: a run whose files come out far below the extract's file size (many
 * partitions, or a low file size with small batches) leaves readers opening many files for little
 * data. The run still succeeds; its result says so, with the numbers.
 */
import type { PublishedFile } from './lander.ts';

/** Files averaging under this share of the file size are "far below" it. */
export const SMALL_FILE_SHARE = 0.25;

/** The warning for a run's published files, or undefined when they are few or large enough. */
export function smallFilesWarning(files: readonly PublishedFile[], limitBytes: number): string | undefined {
  // One file is what any small extract makes: nothing to merge.
  if (files.length < 2) return undefined;
  let total = 0;
  let smallest = Infinity;
  let largest = 0;
  for (const f of files) {
    total += f.bytes;
    smallest = Math.min(smallest, f.bytes);
    largest = Math.max(largest, f.bytes);
  }
  const average = total / files.length;
  if (average >= limitBytes * SMALL_FILE_SHARE) return undefined;
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  return `${files.length} files averaging ${kb(average)} (smallest ${kb(smallest)}, largest ${kb(largest)}, ${kb(total)} in all), far below the file size of ${kb(limitBytes)}: readers open many files for little data; choose a coarser partition or a smaller file size, or merge them`;
}
