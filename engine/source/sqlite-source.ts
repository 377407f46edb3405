import Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import { sqliteBinding } from '../sqlite-binding.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Compiled } from '../../shared/sql/statement.ts';
import { BATCH_ROWS, type Source } from './source.ts';

/** The SQL function that tells whether a text value's stored bytes are UTF-8. */
const VALID_UTF8 = 'lf_valid_utf8';

/**
 * The extract with every text value whose stored bytes are not valid UTF-8 handed over as those
 * bytes: SQLite keeps whatever bytes were written as text, and better-sqlite3 would decode them
 * with U+FFFD in place of each bad sequence, changing the value without a word. As bytes, a text
 * column refuses the value with its row, and a binary column takes it exactly. Only values with a
 * byte outside printable ASCII (SQLite's own GLOB, no call into JavaScript) are checked, so ASCII
 * text costs one native scan. The CTE's column list names the columns by position, whatever the
 * query calls them.
 */
export function exactTextSql(sql: string, width: number): string {
  const items: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    const c = `lf_c${i}`;
    names.push(c);
    items.push(`CASE WHEN typeof(${c}) = 'text' AND ${c} GLOB '*[^ -~]*' AND NOT ${VALID_UTF8}(CAST(${c} AS BLOB)) THEN CAST(${c} AS BLOB) ELSE ${c} END`);
  }
  return `WITH lf_e(${names.join(', ')}) AS (\n${sql}\n)\nSELECT ${items.join(',\n       ')}\nFROM lf_e`;
}

/** What better-sqlite3 puts in place of each byte sequence that is not UTF-8. */
const REPLACEMENT = '\uFFFD';

/** Whether a row holds text better-sqlite3 may have decoded with U+FFFD in place of bad bytes. */
function mayBeReplaced(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    // Free for text without U+FFFD in it: V8 answers at once for one-byte strings.
    if (typeof value === 'string' && value.indexOf(REPLACEMENT) !== -1) return true;
  }
  return false;
}

/** Whether a row the exact query read again is the row the plain query gave (its text decoded the lossy way). */
function sameRow(plain: readonly unknown[], exact: readonly unknown[]): boolean {
  if (plain.length !== exact.length) return false;
  for (let i = 0; i < plain.length; i++) {
    const a = plain[i];
    const b = exact[i];
    if (a === b) continue;
    if (typeof a === 'string' && b instanceof Uint8Array && Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8') === a) continue;
    if (a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0) continue;
    return false;
  }
  return true;
}

/**
 * SQLite through better-sqlite3, read-only. Its reads are synchronous, so the loop yields to the
 * event loop after each batch; integers come back as bigint so none loses precision, and text
 * that is not valid UTF-8 as its bytes (see exactTextSql).
 *
 * The exact query costs about half again the plain one (1M narrow rows: 13.3 s against 8.9 s
 * under load), so rows are read plainly until one holds U+FFFD, the only sign of a lossy decode
 * (valid text holds it only where the source stored it). From that row on the exact query reads
 * the rest, skipping the rows already read, in the same read transaction (the plain statement is
 * still open when it starts), and the row it starts with must be the one that raised the doubt:
 * if SQLite gave the rows in another order, the extract stops rather than lose or repeat one.
 */
export function sqliteSource(path: string): Source {
  const db = new Database(path, { ...sqliteBinding(), readonly: true, fileMustExist: true });
  db.function(VALID_UTF8, { deterministic: true }, (bytes) => (bytes instanceof Uint8Array && isUtf8(bytes) ? 1 : 0));
  const read = (sql: string, params: readonly unknown[]): IterableIterator<unknown[]> =>
    db.prepare(sql).raw(true).safeIntegers(true).iterate(...params) as IterableIterator<unknown[]>;
  return {
    query(statement: Compiled) {
      return Promise.resolve(db.prepare(statement.sql).raw(true).safeIntegers(true).all(...statement.params) as unknown[][]);
    },
    resultColumns(statement: Compiled) {
      // Prepared, not run: better-sqlite3 names a statement's result columns without stepping it.
      return Promise.resolve(db.prepare(statement.sql).columns().map((column) => column.name));
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      let iterator = read(statement.sql, statement.params);
      let exact = false;
      let rows = 0;
      try {
        let batch: unknown[][] = [];
        for (;;) {
          const next = iterator.next();
          if (next.done) break;
          let row = next.value;
          if (!exact && mayBeReplaced(row)) {
            const again = read(`${exactTextSql(statement.sql, row.length)}\nLIMIT -1 OFFSET ${rows}`, statement.params);
            const first = again.next();
            iterator.return?.();
            iterator = again;
            exact = true;
            if (first.done || !sameRow(row, first.value)) {
              throw new Error(`SQLite returned the rows of the extract in another order when row ${rows + 1} was read again to check its text; add an ORDER BY on a unique key to the extract`);
            }
            row = first.value;
          }
          rows++;
          batch.push(row);
          if (batch.length === BATCH_ROWS) {
            yield batch;
            batch = [];
            await yieldToLoop();
            signal.throwIfAborted();
          }
        }
        if (batch.length) yield batch;
      } finally {
        iterator.return?.();
      }
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
