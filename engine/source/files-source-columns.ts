/**
 * The columns of a Multi Wild Card File source as its first matched file has them, read before
 * any row is: a CSV file's header record (parsed as the reader parses it), a Parquet file's schema.
 * The schema drift check compares them with what the extract reads.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Extract } from '../../shared/model/schema.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { openDuckDb } from '../duckdb.ts';

type FilesSource = Extract['source'] & { kind: 'files' };

/** The file's column names; undefined for a CSV source without a header (its columns are read by position). */
export async function filesSourceColumns(file: string, source: FilesSource): Promise<string[] | undefined> {
  const format = source.format;
  if (format.kind === 'parquet') {
    const handle = await openDuckDb(':memory:');
    const connection = await handle.connect();
    try {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${dialect('duckdb').literal({ type: 'text', value: file })})`);
      return described.getRows().map((row) => String(row[0]));
    } finally {
      connection.closeSync();
      await handle.release();
    }
  }
  if (!format.header) return undefined;
  const parser = createReadStream(file, { encoding: format.encoding === 'utf16le' ? 'utf16le' : format.encoding === 'latin1' ? 'latin1' : 'utf8' }).pipe(
    parse({ delimiter: format.delimiter, quote: format.qualifier, escape: format.qualifier, bom: true, skip_empty_lines: true }),
  );
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record.map((name) => name.trim());
    return [];
  } finally {
    parser.destroy();
  }
}
