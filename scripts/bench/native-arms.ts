/**
 * The native tools' commands (psql `\copy`, `mariadb --quick -B`, `sqlite3 -csv`) and how a
 * pipeline of them is timed: through bash, each command under `/usr/bin/time -f %M` for its peak
 * RSS, the commands of one pipeline running at the same time (so their peaks are summed).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerInfo } from '../../test/services/databases.ts';
import { runScript, shellWord, type Children } from './child-processes.ts';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One command of a pipeline: its words, and the environment it needs (passwords). */
export interface NativeCommand {
  readonly name: string;
  readonly words: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** psql writing `select` to stdout as COPY CSV with a header (or COPY's text format, for LOAD DATA). */
export function psqlCopy(info: ServerInfo, select: string, format: 'csv' | 'text' = 'csv', nullMarker?: string): NativeCommand {
  const options = format === 'csv' ? `FORMAT csv, HEADER${nullMarker === undefined ? '' : `, NULL '${nullMarker}'`}` : 'FORMAT text';
  return {
    name: 'psql',
    words: ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', info.host, '-p', String(info.port), '-U', info.user, '-d', info.database, '-c', `\\copy (${select}) TO STDOUT WITH (${options})`],
    env: info.password ? { PGPASSWORD: info.password } : {},
  };
}

/**
 * The mariadb client's connection words, in utf8mb4 (its default would turn 4-byte characters into
 * `?`); the password goes by MYSQL_PWD, not on the command line.
 */
export function mariadbClient(info: ServerInfo, ...rest: string[]): NativeCommand {
  return {
    name: 'mariadb',
    words: ['mariadb', '--no-defaults', '--default-character-set=utf8mb4', '-h', info.host, '-P', String(info.port), '-u', info.user, '-D', info.database, ...rest],
    env: info.password ? { MYSQL_PWD: info.password } : {},
  };
}

/** `mariadb --quick -B -e <select>`: rows unbuffered, tab-separated, with a header line. */
export const mariadbExport = (info: ServerInfo, select: string): NativeCommand => mariadbClient(info, '--quick', '-B', '-e', select);

/** `sqlite3 -csv -header <file> <select>`. */
export const sqlite3Export = (file: string, select: string): NativeCommand => ({ name: 'sqlite3', words: ['sqlite3', '-batch', '-csv', '-header', file, select] });

export const ZSTD: NativeCommand = { name: 'zstd', words: ['zstd', '-1', '-q', '-c'] };
export const GZIP: NativeCommand = { name: 'gzip', words: ['gzip', '-1', '-c'] };

/** The text of a pipeline, for error messages. */
export const describePipeline = (commands: readonly NativeCommand[]): string => commands.map((c) => c.words[0]).join(' | ');

/**
 * Runs `commands` as one pipeline writing to `file`; its wall time and the sum of each command's
 * peak RSS (null without /usr/bin/time). `rssDir` keeps the time outputs.
 */
export async function runPipeline(commands: readonly NativeCommand[], file: string, rssDir: string, children: Children): Promise<{ seconds: number; peakKb: number | null }> {
  const rssFiles = commands.map((c, i) => join(rssDir, `${c.name}-${i}.rss`));
  const measured = commands.map((c, i) => {
    const words = c.words.map(shellWord).join(' ');
    return TIME ? `${TIME} -f %M -o ${shellWord(rssFiles[i]!)} ${words}` : words;
  });
  const env = Object.assign({}, ...commands.map((c) => c.env ?? {})) as NodeJS.ProcessEnv;
  const { seconds } = await runScript(`${measured.join(' | ')} > ${shellWord(file)}`, env, children, describePipeline(commands));
  if (!TIME) return { seconds, peakKb: null };
  let peakKb = 0;
  for (const rss of rssFiles) peakKb += Number((await readFile(rss, 'utf8')).trim().split('\n').pop());
  return { seconds, peakKb };
}
