/**
 * The aggregate step: rows go into in-memory files cut at the size limit; each finished file is
 * handed to the lander while reading goes on, with at most `concurrency` files landing at once.
 * When every landing slot is busy the loop stops pulling rows, so memory stays bounded by about
 * file size × (concurrency + 1) whatever the table size.
 */
import type { Batch, FileBuilder, FileFormatWriter, Row } from './format/file-builder.ts';
import type { Lander } from './land/lander.ts';
import { safeName } from './land/lake-path.ts';
import type { PartitionOf } from './land/partition-folder.ts';

export interface AggregateOptions<B extends Batch = Row[]> {
  readonly entity: string;
  readonly writer: FileFormatWriter<B>;
  /** Largest file, in bytes after compression. */
  readonly limit: number;
  readonly lander: Lander;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  /** Checks and converts a batch in place; `firstRow` is the number of its first row. */
  readonly prepare: (batch: B, firstRow: number) => void;
  /** Called once reading has ended, while the last files may still be landing. */
  readonly readDone?: () => void;
  /** Called after each batch and each landed file. */
  readonly progress: (rows: number, landedBytes: number, landedFiles: number) => void;
  /**
   * A partitioned layout: each row's partition folder (rows only, never server-formatted lines).
   * Every partition fills files of its own, each cut at the limit and named by its first row.
   */
  readonly partitionOf?: [B] extends [Row[]] ? PartitionOf : never;
}

/**
 * Most partition files open at once: past it, the file used longest ago is finished early (a
 * smaller file, which `landfall compact` can merge later), so memory stays bounded by about file
 * size × (open files + landing) whatever the number of partitions.
 */
export const MAX_OPEN_PARTITIONS = 32;

/** A partition's rows of the current batch, and the number of each in the extract (arrays kept from batch to batch). */
interface Bucket {
  readonly rows: Row[];
  readonly numbers: number[];
}

export interface AggregateResult {
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
}

/** The name of a file by the number of its first row, e.g. `customer_000000000001.csv.zst`. */
export function fileName(entity: string, firstRow: number, extension: string): string {
  return `${safeName(entity)}_${String(firstRow).padStart(12, '0')}${extension}`;
}

/**
 * Formats the batches into files and lands them: one file at a time, or with `partitionOf`, one
 * open file per partition (at most {@link MAX_OPEN_PARTITIONS}). Resolves once every file has
 * landed and holds every row read.
 */
export async function aggregate<B extends Batch = Row[]>(batches: AsyncIterable<B>, options: AggregateOptions<B>): Promise<AggregateResult> {
  const { writer, limit, lander, concurrency, signal } = options;
  const landing = new Set<Promise<void>>();
  let failure: unknown;
  let rows = 0;
  let files = 0;
  let bytes = 0;
  let landedRows = 0;
  let file: FileBuilder<B> | undefined;
  /** Partitioned: the open file of each partition, the one used longest ago first. */
  const open = new Map<string, FileBuilder<B>>();
  const buckets = new Map<string, Bucket>();
  const touched: string[] = [];

  const handOff = async (done: FileBuilder<B>, folder?: string): Promise<void> => {
    const built = await done.finish();
    while (landing.size >= concurrency && failure === undefined) await Promise.race(landing);
    if (failure !== undefined) throw failure;
    signal.throwIfAborted();
    const name = fileName(options.entity, built.firstRow, writer.extension);
    const task = lander
      .land({ name, ...(folder ? { folder } : {}), firstRow: built.firstRow, rows: built.rows, chunks: built.chunks, bytes: built.bytes }, signal)
      .then(() => {
        files++;
        bytes += built.bytes;
        landedRows += built.rows;
        options.progress(rows, bytes, files);
      })
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => landing.delete(task));
    landing.add(task);
  };

  /** Sorts a batch's rows by partition, then adds each partition's rows to its own file. */
  const addPartitioned = async (batch: Row[], folderOf: PartitionOf): Promise<void> => {
    for (let r = 0; r < batch.length; r++) {
      const row = batch[r]!;
      const folder = folderOf(row);
      let bucket = buckets.get(folder);
      if (bucket === undefined) buckets.set(folder, (bucket = { rows: [], numbers: [] }));
      if (bucket.rows.length === 0) touched.push(folder);
      bucket.rows.push(row);
      bucket.numbers.push(rows + r + 1);
    }
    for (const folder of touched) {
      const bucket = buckets.get(folder)!;
      const held = bucket.rows as unknown as B;
      let at = 0;
      while (at < bucket.rows.length) {
        let current = open.get(folder);
        if (current === undefined) {
          if (open.size >= MAX_OPEN_PARTITIONS) {
            const [oldest, evicted] = open.entries().next().value!;
            open.delete(oldest);
            await handOff(evicted, oldest);
          }
          current = writer.newFile(bucket.numbers[at]!, limit);
        } else {
          open.delete(folder);
        }
        // Last used, so last to be finished early.
        open.set(folder, current);
        at += await current.add(held, at, bucket.rows.length);
        if (at < bucket.rows.length) {
          open.delete(folder);
          await handOff(current, folder);
        }
      }
      bucket.rows.length = 0;
      bucket.numbers.length = 0;
    }
    touched.length = 0;
  };

  const iterator = batches[Symbol.asyncIterator]();
  // One batch read ahead: the source fetches the next while this one is formatted.
  let ahead: Promise<IteratorResult<B>> | undefined = iterator.next();
  ahead.catch(() => undefined);
  try {
    for (;;) {
      const step: IteratorResult<B> = await ahead;
      if (step.done) {
        ahead = undefined;
        break;
      }
      ahead = iterator.next();
      ahead.catch(() => undefined);
      const batch = step.value;
      if (failure !== undefined) throw failure;
      signal.throwIfAborted();
      options.prepare(batch, rows + 1);
      if (options.partitionOf) {
        await addPartitioned(batch as unknown as Row[], options.partitionOf);
        rows += batch.length;
        options.progress(rows, bytes, files);
        continue;
      }
      let at = 0;
      while (at < batch.length) {
        file ??= writer.newFile(rows + at + 1, limit);
        at += await file.add(batch, at, batch.length);
        if (at < batch.length) {
          const full = file;
          file = undefined;
          await handOff(full);
        }
      }
      rows += batch.length;
      options.progress(rows, bytes, files);
    }
    options.readDone?.();
    if (file && file.rows > 0) {
      const last = file;
      file = undefined;
      await handOff(last);
    }
    for (const [folder, last] of [...open]) {
      open.delete(folder);
      await handOff(last, folder);
    }
    await Promise.all(landing);
    if (failure !== undefined) throw failure;
    signal.throwIfAborted();
    // Every row read must be in a landed file: a writer that dropped rows must not pass as done.
    if (landedRows !== rows) throw new Error(`read ${rows} rows but the landed files hold ${landedRows}; nothing was published`);
    return { rows, files, bytes };
  } catch (error) {
    file?.abandon();
    for (const left of open.values()) left.abandon();
    // Stop the source: its generator closes the query (after the read ahead settles).
    if (ahead) await ahead.then(() => iterator.return?.(), () => undefined).catch(() => undefined);
    await Promise.allSettled(landing);
    throw error;
  }
}
