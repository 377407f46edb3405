/**
 * The aggregate step: rows go into in-memory files cut at the size limit; each finished file is
 * handed to the lander while reading goes on, with at most `concurrency` files landing at once.
 * When every landing slot is busy the loop stops pulling rows, so memory stays bounded by about
 * file size × (concurrency + 1) whatever the table size.
 */
import type { Batch, FileBuilder, FileFormatWriter, Row } from './format/file-builder.ts';
import type { Lander } from './land/lander.ts';
import { safeName } from './land/lake-path.ts';

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

export async function aggregate<B extends Batch = Row[]>(batches: AsyncIterable<B>, options: AggregateOptions<B>): Promise<AggregateResult> {
  const { writer, limit, lander, concurrency, signal } = options;
  const landing = new Set<Promise<void>>();
  let failure: unknown;
  let rows = 0;
  let files = 0;
  let bytes = 0;
  let landedRows = 0;
  let file: FileBuilder<B> | undefined;

  const handOff = async (done: FileBuilder<B>): Promise<void> => {
    const built = await done.finish();
    while (landing.size >= concurrency && failure === undefined) await Promise.race(landing);
    if (failure !== undefined) throw failure;
    signal.throwIfAborted();
    const name = fileName(options.entity, built.firstRow, writer.extension);
    const task = lander
      .land({ name, firstRow: built.firstRow, rows: built.rows, chunks: built.chunks, bytes: built.bytes }, signal)
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
    await Promise.all(landing);
    if (failure !== undefined) throw failure;
    signal.throwIfAborted();
    // Every row read must be in a landed file: a writer that dropped rows must not pass as done.
    if (landedRows !== rows) throw new Error(`read ${rows} rows but the landed files hold ${landedRows}; nothing was published`);
    return { rows, files, bytes };
  } catch (error) {
    file?.abandon();
    // Stop the source: its generator closes the query (after the read ahead settles).
    if (ahead) await ahead.then(() => iterator.return?.(), () => undefined).catch(() => undefined);
    await Promise.allSettled(landing);
    throw error;
  }
}
