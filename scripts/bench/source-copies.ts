/**
 * The MariaDB and SQLite copies of a seeded PostgreSQL table: the same rows, in each database's own
 * column types (fixtures.ts), written by the native tools and then counted in the copy, which must
 * match what PostgreSQL counted. The copies are untimed.
 *
 * - MariaDB: psql writes COPY's text format (tab-separated, `\N` for NULL, backslash escapes), which
 *   is LOAD DATA's default format, and `mariadb` loads it with LOAD DATA LOCAL INFILE;
 * - SQLite: psql writes CSV with `\N` for NULL, `sqlite3 .import` reads it into the typed table
 *   (column affinity turns the text into integers and reals) and one UPDATE turns `\N` into NULL
 *   (.import has no NULL of its own).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerInfo } from '../../test/services/databases.ts';
import { runScript, shellWord, type Children } from './child-processes.ts';
import type { BenchTable, SourceFacts } from './fixtures.ts';
import { mariadbClient, psqlCopy, runPipeline, type NativeCommand } from './native-arms.ts';

/** A MariaDB string literal (backslashes and quotes escaped). */
const mariadbText = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The PostgreSQL SELECT that writes a table for a copy. */
const copySelect = (table: BenchTable): string => `SELECT ${table.columns.map((c) => c.copy ?? c.name).join(', ')} FROM ${table.name}`;

/** Runs one command and returns its stdout's last line split at tabs or `|`. */
async function lastLine(command: NativeCommand, file: string, dir: string, children: Children): Promise<string[]> {
  await runPipeline([command], file, dir, children);
  return (await readFile(file, 'utf8')).trim().split('\n').pop()!.split(/[\t|]/);
}

/** Compares a copy's counts with PostgreSQL's; a copy that differs would make every later figure meaningless. */
function sameFacts(where: string, table: BenchTable, got: readonly string[], source: SourceFacts): void {
  const expected = [source.rows, source.sumId, source.textBytes, source.nonNull].map(String);
  if (got.join(',') !== expected.join(',')) {
    throw new Error(`the ${where} copy of ${table.name} does not hold the PostgreSQL rows: count, sum(id), text bytes, non-NULL count ${got.join(', ')} ≠ ${expected.join(', ')}`);
  }
}

/** Creates `table` in the MariaDB database `maria` and fills it with the PostgreSQL rows. */
export async function copyToMariaDb(postgres: ServerInfo, maria: ServerInfo, table: BenchTable, source: SourceFacts, dir: string, children: Children): Promise<void> {
  const text = join(dir, `${table.name}.mariadb.txt`);
  await runPipeline([psqlCopy(postgres, copySelect(table), 'text')], text, dir, children);
  const ddl = `DROP TABLE IF EXISTS ${table.name}; CREATE TABLE ${table.name} (${table.columns.map((c) => `${c.name} ${c.mariadb}${c.name === 'id' ? ' NOT NULL' : ''}`).join(', ')}, PRIMARY KEY (id)) CHARACTER SET utf8mb4`;
  const load = `LOAD DATA LOCAL INFILE ${mariadbText(text)} INTO TABLE ${table.name} CHARACTER SET utf8mb4`;
  const client = mariadbClient(maria, '--local-infile=1', '-e', `${ddl}; ${load}`);
  await runScript(client.words.map(shellWord).join(' '), client.env ?? {}, children, 'mariadb LOAD DATA');
  await rm(text);
  const counts = mariadbClient(maria, '-N', '-B', '-e', `SELECT count(*), sum(id), coalesce(sum(octet_length(${table.text})), 0), count(${table.nullable}) FROM ${table.name}`);
  sameFacts('MariaDB', table, await lastLine(counts, join(dir, `${table.name}.mariadb.facts`), dir, children), source);
}

/** Creates the SQLite file `file` (replacing it) with `table` holding the PostgreSQL rows. */
export async function copyToSqlite(postgres: ServerInfo, file: string, table: BenchTable, source: SourceFacts, dir: string, children: Children): Promise<void> {
  const csv = join(dir, `${table.name}.sqlite.csv`);
  await runPipeline([psqlCopy(postgres, copySelect(table), 'csv', '\\N')], csv, dir, children);
  const nullable = table.columns.filter((c) => c.name !== 'id');
  const script = join(dir, `${table.name}.sqlite.sql`);
  await writeFile(script, [
    'PRAGMA journal_mode = OFF;',
    'PRAGMA synchronous = OFF;',
    `DROP TABLE IF EXISTS ${table.name};`,
    `CREATE TABLE ${table.name} (${table.columns.map((c) => (c.name === 'id' ? 'id INTEGER PRIMARY KEY' : `${c.name} ${c.sqlite}`)).join(', ')});`,
    `.import --csv --skip 1 ${shellWord(csv)} ${table.name}`,
    `UPDATE ${table.name} SET ${nullable.map((c) => `${c.name} = NULLIF(${c.name}, '\\N')`).join(', ')};`,
    '',
  ].join('\n'));
  await runScript(`sqlite3 -batch -bail ${shellWord(file)} < ${shellWord(script)}`, {}, children, 'sqlite3 .import');
  await rm(csv);
  await rm(script);
  const counts: NativeCommand = {
    name: 'sqlite3',
    words: ['sqlite3', '-batch', file, `SELECT count(*), sum(id), coalesce(sum(length(CAST(${table.text} AS BLOB))), 0), count(${table.nullable}) FROM ${table.name}`],
  };
  sameFacts('SQLite', table, await lastLine(counts, join(dir, `${table.name}.sqlite.facts`), dir, children), source);
}
