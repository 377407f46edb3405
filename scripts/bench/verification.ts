/**
 * Every output must hold exactly the source rows: each is read back with DuckDB and its count,
 * sum(id), the UTF-8 bytes of the tricky text column and the non-NULL count of a nullable column
 * are compared with what PostgreSQL counted after seeding.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseColumnType } from '../../shared/model/column-type.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { DUCKDB_OPTIONS } from './child-processes.ts';
import { TABLES, type BenchTable, type SourceFacts, type TableName } from './fixtures.ts';
import type { ArmResult, Reading } from './report.ts';

const duckdb = dialect('duckdb');
const text = (value: string): string => duckdb.literal({ type: 'text', value });

/** The files of a folder ending in `extension` (not the manifest), by name. */
export async function outputFiles(folder: string, extension: string): Promise<string[]> {
  const names = existsSync(folder) ? (await readdir(folder)).filter((n) => n.endsWith(extension)).sort() : [];
  return names.map((n) => join(folder, n));
}

/** Their size on disk, in bytes. */
export async function totalBytes(files: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += (await stat(file)).size;
  return bytes;
}

/** The DuckDB type of a bench column, from the model's type the way the warehouse spells it. */
function duckdbType(type: string): string {
  const parsed = parseColumnType(type);
  if (typeof parsed === 'string') throw new Error(`bench column type: ${parsed}`);
  return duckdb.columnType(parsed);
}

/** A DuckDB `read_csv` of CSV files written with a header, `,`, `"` and empty text quoted. */
export function csvReader(table: BenchTable, files: readonly string[]): string {
  const columns = table.columns.map((c) => `${text(c.name)}: ${text(duckdbType(c.type))}`).join(', ');
  // Quoted empty text is text, not NULL (allow_quoted_nulls=false): that is how both writers keep them apart.
  return `read_csv([${files.map(text).join(', ')}], header=true, delim=',', quote='"', escape='"', ` +
    `allow_quoted_nulls=false, columns={${columns}}, auto_detect=false)`;
}

const parquetReader = (files: readonly string[]): string => `read_parquet([${files.map(text).join(', ')}])`;

/** Every column as text: the native tools write their own forms (SQLite's 0/1 booleans, MariaDB's padded fractions). */
const textColumns = (table: BenchTable): string => table.columns.map((c) => `${text(c.name)}: 'VARCHAR'`).join(', ');

/**
 * The verification query of each reading: count, sum(id), the UTF-8 bytes of the text column and
 * the non-NULL count of the nullable one.
 * - `text-csv` (`sqlite3 -csv`): RFC 4180 CSV, NULL unquoted empty, empty text quoted (`""`);
 * - `mariadb-tsv` (`mariadb -B`): tab-separated, no quoting, NULL as the word NULL, and a tab,
 *   newline, NUL or backslash in a value written as `\t`, `\n`, `\0`, `\\`; each such pair is one
 *   byte of the value, so the text's bytes are its length less one per escape.
 */
const QUERIES: Record<Reading, (table: BenchTable, files: readonly string[]) => string> = {
  'typed-csv': (table, files) => facts(csvReader(table, files), 'id', `strlen(${table.text})`, table.nullable),
  parquet: (table, files) => facts(parquetReader(files), 'id', `strlen(${table.text})`, table.nullable),
  'text-csv': (table, files) => facts(
    `read_csv([${files.map(text).join(', ')}], header=true, delim=',', quote='"', escape='"', allow_quoted_nulls=false, columns={${textColumns(table)}}, auto_detect=false)`,
    'CAST(id AS BIGINT)', `strlen(${table.text})`, table.nullable,
  ),
  'mariadb-tsv': (table, files) => facts(
    `read_csv([${files.map(text).join(', ')}], header=true, delim='\t', quote='', escape='', nullstr='NULL', columns={${textColumns(table)}}, auto_detect=false)`,
    'CAST(id AS BIGINT)', `strlen(${table.text}) - len(regexp_extract_all(${table.text}, '\\\\.', 0))`, table.nullable,
  ),
};

function facts(reader: string, id: string, textBytes: string, nullable: string): string {
  return `SELECT count(*), coalesce(sum(${id}), 0)::VARCHAR, coalesce(sum(${textBytes}), 0)::VARCHAR, count(${nullable}) FROM ${reader}`;
}

/** Reads each output back with DuckDB and compares it with the source; an arm that differs gets its `problem`. */
export async function verify(arms: readonly ArmResult[], facts: ReadonlyMap<TableName, SourceFacts>): Promise<ArmResult[]> {
  const instance = await DuckDBInstance.create(':memory:', { ...DUCKDB_OPTIONS });
  const connection = await instance.connect();
  try {
    const checked: ArmResult[] = [];
    for (const a of arms) {
      if (a.problem !== null) {
        checked.push(a);
        continue;
      }
      const table = TABLES.find((t) => t.name === a.table)!;
      const files = a.paths;
      const source = facts.get(table.name)!;
      let problem: string | null = null;
      if (!files.length) {
        problem = 'no output files';
      } else {
        try {
          const result = await connection.runAndReadAll(QUERIES[a.reading](table, files));
          const [rows, sumId, textBytes, nonNull] = result.getRows()[0]!;
          const got = { rows: Number(rows), sumId: String(sumId), textBytes: String(textBytes), nonNull: Number(nonNull) };
          const wrong = (Object.keys(source) as (keyof SourceFacts)[]).filter((k) => String(got[k]) !== String(source[k]));
          if (wrong.length) problem = wrong.map((k) => `${k} ${got[k]} ≠ source ${source[k]}`).join(', ');
        } catch (error) {
          problem = `could not read the output: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      checked.push({ ...a, problem });
    }
    return checked;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
