/**
 * The Multi Wild Card File pattern: no query; every file matching the pattern in the source
 * folder is read (several at once), its columns mapped to the entity's by header name (or
 * position), `@parameter` mappings filled in (`@file_name` is the file's name), and after the
 * load commits the files are moved to the archive folder. A failed run leaves them in place, so
 * the rerun reads them again.
 */
import { createReadStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { basename, dirname, relative } from 'node:path';
import { parse } from 'csv-parse';
import { glob } from 'tinyglobby';
import type { Extract } from '../../shared/model/schema.ts';
import { openDuckDb } from '../duckdb.ts';
import { insideRoot, lakePath, LakePathError, safeName } from '../land/lake-path.ts';
import { makeFolder } from '../make-folder.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { plainValue } from './duckdb-source.ts';
import { BATCH_ROWS } from './source.ts';

type FilesSource = Extract['source'] & { kind: 'files' };

/**
 * The matching files, sorted by name (the order their rows are numbered in). The folder and the
 * pattern stay inside the connection's folder: a `..` in either is refused.
 */
export async function matchingFiles(root: string, source: FilesSource): Promise<string[]> {
  const folder = insideRoot(root, source.folder);
  lakePath(source.pattern);
  const found = await glob(source.pattern, { cwd: folder, absolute: true, onlyFiles: true, caseSensitiveMatch: false, deep: 1 });
  // The pattern itself has no `..`, yet a glob may still reach out (an absolute pattern): keep the proof in one place.
  for (const file of found) insideRoot(folder, relative(folder, file));
  return found.sort();
}

/**
 * Where each staging column comes from in one file: a column index, or (index -1) a parameter,
 * whose value is looked up once per file on the first row that needs it.
 */
interface FileLayout {
  readonly indexes: readonly number[];
  readonly parameters: readonly (string | undefined)[];
  readonly values: (string | undefined)[];
}

/**
 * Maps the entity's columns onto a file's header: a mapping's expression names the file column
 * (or `@parameter`); without a mapping the same-named column is used (any case). Files without a
 * header map by position.
 */
function fileLayout(options: FileReadOptions, header: readonly string[] | undefined, file: string): FileLayout {
  const lowerHeader = header?.map((h) => h.trim().toLowerCase());
  const indexes: number[] = [];
  const parameters: (string | undefined)[] = [];
  options.columns.forEach((column, position) => {
    const mapping = options.extract.mappings.find((m) => m.column.toLowerCase() === column.toLowerCase());
    const expression = mapping?.expression.trim() ?? column;
    const param = /^@(\w+)$/.exec(expression);
    parameters.push(param?.[1]);
    if (param) indexes.push(-1);
    else if (!lowerHeader) {
      const numbered = /^\$(\d+)$/.exec(expression);
      indexes.push(numbered ? Number(numbered[1]) - 1 : position);
    } else {
      const index = lowerHeader.indexOf(expression.toLowerCase());
      if (index < 0) {
        throw new Error(`entity "${options.entity}", column "${column}": file ${basename(file)} has no column "${expression}" (it has: ${header!.join(', ')}); map the column to one of them`);
      }
      indexes.push(index);
    }
  });
  return { indexes, parameters, values: [] };
}

/** One staging row from a file's record; `convert` turns a file value into a row value. */
function mapRecord(record: readonly unknown[], layout: FileLayout, file: string, options: FileReadOptions, convert: (value: unknown) => unknown): unknown[] {
  const { indexes, parameters, values } = layout;
  const row = new Array<unknown>(indexes.length);
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i]!;
    row[i] = index >= 0 ? convert(record[index]) : (values[i] ??= options.parameter(parameters[i]!, file));
  }
  return row;
}

// A CSV field has no NULL: an empty one is taken as NULL.
const csvValue = (value: unknown): unknown => (value === '' || value === undefined ? null : value);

export interface FileReadOptions {
  readonly entity: string;
  readonly columns: readonly string[];
  readonly extract: Extract;
  readonly parameter: (name: string, file: string) => string;
  readonly signal: AbortSignal;
  /** Told the bytes of the files read since it was last told (a batch's worth, or a whole Parquet file): the progress of a files source. */
  readonly bytesRead?: ((bytes: number) => void) | undefined;
}

async function* csvRows(file: string, source: FilesSource & { format: { kind: 'csv' } }, options: FileReadOptions): AsyncGenerator<unknown[][]> {
  const format = source.format;
  const stream = createReadStream(file, { encoding: format.encoding === 'utf16le' ? 'utf16le' : format.encoding === 'latin1' ? 'latin1' : 'utf8' });
  let reported = 0;
  // Once per batch, not per row: the stream counts the bytes it has read.
  const report = (): void => {
    options.bytesRead?.(stream.bytesRead - reported);
    reported = stream.bytesRead;
  };
  const parser = stream.pipe(
    parse({ delimiter: format.delimiter, quote: format.qualifier, escape: format.qualifier, bom: true, relax_column_count: false, skip_empty_lines: true }),
  );
  const stop = (): void => void parser.destroy();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    let layout: FileLayout | undefined;
    let batch: unknown[][] = [];
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!layout) {
        layout = fileLayout(options, format.header ? record : undefined, file);
        if (format.header) continue;
      }
      batch.push(mapRecord(record, layout, file, options, csvValue));
      if (batch.length === BATCH_ROWS) {
        report();
        yield batch;
        batch = [];
      }
    }
    options.signal.throwIfAborted();
    report();
    if (batch.length) yield batch;
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    throw new Error(`file ${basename(file)}: ${(error as Error).message}`);
  } finally {
    options.signal.removeEventListener('abort', stop);
    parser.destroy();
  }
}

async function* parquetRows(file: string, options: FileReadOptions): AsyncGenerator<unknown[][]> {
  const handle = await openDuckDb(':memory:');
  const connection = await handle.connect();
  try {
    const files = `read_parquet(${dialect('duckdb').literal({ type: 'text', value: file })})`;
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${files}`);
    const layout = fileLayout(options, described.getRows().map((row) => String(row[0])), file);
    const result = await connection.stream(`SELECT * FROM ${files}`);
    for (;;) {
      options.signal.throwIfAborted();
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      yield chunk.getRows().map((record) => mapRecord(record, layout, file, options, plainValue));
    }
    // DuckDB reads the file in row groups of its own choosing: the file counts as read once it ends.
    if (options.bytesRead) options.bytesRead((await stat(file)).size);
  } finally {
    connection.closeSync();
    await handle.release();
  }
}

/** Reads the files, up to `parallel` at once, as one stream of row batches. */
export async function* readFiles(files: readonly string[], parallel: number, options: FileReadOptions): AsyncGenerator<unknown[][]> {
  const source = options.extract.source as FilesSource;
  const open = (file: string): AsyncGenerator<unknown[][]> =>
    source.format.kind === 'csv' ? csvRows(file, source as FilesSource & { format: { kind: 'csv' } }, options) : parquetRows(file, options);
  const readers = new Map<number, { iterator: AsyncGenerator<unknown[][]>; next: Promise<{ id: number; step: IteratorResult<unknown[][]> }> }>();
  let nextFile = 0;
  const start = (): void => {
    const id = nextFile++;
    const iterator = open(files[id]!);
    readers.set(id, { iterator, next: iterator.next().then((step) => ({ id, step })) });
  };
  try {
    while (nextFile < files.length && readers.size < parallel) start();
    while (readers.size) {
      const { id, step } = await Promise.race([...readers.values()].map((r) => r.next));
      const reader = readers.get(id)!;
      if (step.done) {
        readers.delete(id);
        if (nextFile < files.length) start();
        continue;
      }
      reader.next = reader.iterator.next().then((s) => ({ id, step: s }));
      yield step.value;
    }
  } finally {
    await Promise.allSettled([...readers.values()].map((r) => r.iterator.return(undefined)));
  }
}

/** Moves the files of a committed run into the archive folder (kept beside the source folder's files). */
export async function archiveFiles(root: string, source: FilesSource, files: readonly string[], runId: string): Promise<void> {
  const folder = insideRoot(root, source.folder);
  const archive = lakePath(source.folder, source.archiveFolder, safeName(runId));
  await makeFolder(insideRoot(root, archive));
  for (const file of files) {
    const name = relative(folder, file);
    if (dirname(name) !== '.') throw new LakePathError(`${file} is not a file of ${folder}`);
    await rename(insideRoot(folder, name), insideRoot(root, lakePath(archive, name)));
  }
}
