/**
 * The Multi Wild Card File pattern: no query; every file matching the pattern in the source
 * folder is read (several at once), its columns mapped to the entity's by header name (or
 * position), `@parameter` mappings filled in (`@file_name` is the file's name), and after the
 * load commits the files are moved to the archive folder. A failed run leaves them in place, so
 * the rerun reads them again.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parse } from 'csv-parse';
import { glob } from 'tinyglobby';
import type { Extract } from '../../shared/model/schema.ts';
import { openDuckDb } from '../duckdb.ts';

type FilesSource = Extract['source'] & { kind: 'files' };

/** Rows per batch from a file. */
const FILE_BATCH_ROWS = 2000;

/** The matching files, sorted by name (the order their rows are numbered in). */
export async function matchingFiles(root: string, source: FilesSource): Promise<string[]> {
  const folder = join(root, source.folder);
  const files = await glob(source.pattern, { cwd: folder, absolute: true, onlyFiles: true, caseSensitiveMatch: false, deep: 1 });
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Where each staging column comes from in a file: a column index, or a fixed parameter value. */
export type ColumnSource = { readonly index: number } | { readonly value: (file: string) => string };

/**
 * Maps the entity's columns onto a file's header: a mapping's expression names the file column
 * (or `@parameter`); without a mapping the same-named column is used (any case). Files without a
 * header map by position.
 */
export function columnSources(
  entity: string,
  columns: readonly string[],
  mappings: Extract['mappings'],
  header: readonly string[] | undefined,
  parameter: (name: string, file: string) => string,
  file: string,
): ColumnSource[] {
  const lowerHeader = header?.map((h) => h.trim().toLowerCase());
  return columns.map((column, position) => {
    const mapping = mappings.find((m) => m.column.toLowerCase() === column.toLowerCase());
    const expression = mapping?.expression.trim() ?? column;
    const param = /^@(\w+)$/.exec(expression);
    if (param) return { value: (f: string) => parameter(param[1]!, f) };
    if (!lowerHeader) {
      const numbered = /^\$(\d+)$/.exec(expression);
      return { index: numbered ? Number(numbered[1]) - 1 : position };
    }
    const index = lowerHeader.indexOf(expression.toLowerCase());
    if (index < 0) {
      throw new Error(`entity "${entity}", column "${column}": file ${basename(file)} has no column "${expression}" (it has: ${header!.join(', ')}); map the column to one of them`);
    }
    return { index };
  });
}

export interface FileReadOptions {
  readonly entity: string;
  readonly columns: readonly string[];
  readonly extract: Extract;
  readonly parameter: (name: string, file: string) => string;
  readonly signal: AbortSignal;
}

async function* csvRows(file: string, source: FilesSource & { format: { kind: 'csv' } }, options: FileReadOptions): AsyncGenerator<unknown[][]> {
  const format = source.format;
  const parser = createReadStream(file, { encoding: format.encoding === 'utf16le' ? 'utf16le' : format.encoding === 'latin1' ? 'latin1' : 'utf8' }).pipe(
    parse({ delimiter: format.delimiter, quote: format.qualifier, escape: format.qualifier, bom: true, relax_column_count: false, skip_empty_lines: true }),
  );
  const stop = (): void => void parser.destroy();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    let sources: ColumnSource[] | undefined;
    let batch: unknown[][] = [];
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!sources) {
        sources = columnSources(options.entity, options.columns, options.extract.mappings, format.header ? record : undefined, options.parameter, file);
        if (format.header) continue;
      }
      const row = new Array<unknown>(sources.length);
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i]!;
        // A CSV field has no NULL: an empty one is taken as NULL.
        const v = 'index' in s ? record[s.index] : s.value(file);
        row[i] = v === '' || v === undefined ? null : v;
      }
      batch.push(row);
      if (batch.length === FILE_BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    options.signal.throwIfAborted();
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
    const text = (value: string): string => `'${value.replaceAll("'", "''")}'`;
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${text(file)})`);
    const header = described.getRows().map((row) => String(row[0]));
    const sources = columnSources(options.entity, options.columns, options.extract.mappings, header, options.parameter, file);
    const result = await connection.stream(`SELECT * FROM read_parquet(${text(file)})`);
    for (;;) {
      options.signal.throwIfAborted();
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      yield chunk.getRows().map((record) =>
        sources.map((s) => {
          const v = 'index' in s ? record[s.index] : s.value(file);
          if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
          return 'bytes' in v && (v as { bytes: unknown }).bytes instanceof Uint8Array ? (v as { bytes: Uint8Array }).bytes : String(v);
        }),
      );
    }
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
  const folder = join(root, source.folder);
  const archive = join(folder, source.archiveFolder, runId.replace(/[^A-Za-z0-9._-]+/g, '_'));
  await mkdir(archive, { recursive: true });
  for (const file of files) await rename(file, join(archive, relative(folder, file)));
}
