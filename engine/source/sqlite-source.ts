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

/**
 * SQLite through better-sqlite3, read-only. Its reads are synchronous, so the loop yields to the
 * event loop after each batch; integers come back as bigint so none loses precision, and text
 * that is not valid UTF-8 as its bytes (see exactTextSql).
 */
export function sqliteSource(path: string): Source {
  const db = new Database(path, { ...sqliteBinding(), readonly: true, fileMustExist: true });
  db.function(VALID_UTF8, { deterministic: true }, (bytes) => (bytes instanceof Uint8Array && isUtf8(bytes) ? 1 : 0));
  const extract = (statement: Compiled): Database.Statement => {
    const plain = db.prepare(statement.sql);
    // Statements that return no rows have nothing to decode.
    if (!plain.reader) return plain;
    return db.prepare(exactTextSql(statement.sql, plain.columns().length));
  };
  return {
    query(statement: Compiled) {
      return Promise.resolve(db.prepare(statement.sql).raw(true).safeIntegers(true).all(...statement.params) as unknown[][]);
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      const iterator = extract(statement).raw(true).safeIntegers(true).iterate(...statement.params) as IterableIterator<unknown[]>;
      try {
        let batch: unknown[][] = [];
        for (const row of iterator) {
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
