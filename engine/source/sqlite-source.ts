import Database from 'better-sqlite3';
import { sqliteBinding } from '../sqlite-binding.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Compiled } from '../../shared/sql/statement.ts';
import { BATCH_ROWS, type Source } from './source.ts';

/**
 * SQLite through better-sqlite3, read-only. Its reads are synchronous, so the loop yields to the
 * event loop after each batch; integers come back as bigint so none loses precision.
 */
export function sqliteSource(path: string): Source {
  const db = new Database(path, { ...sqliteBinding(), readonly: true, fileMustExist: true });
  return {
    query(statement: Compiled) {
      return Promise.resolve(db.prepare(statement.sql).raw(true).safeIntegers(true).all(...statement.params) as unknown[][]);
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      const iterator = db.prepare(statement.sql).raw(true).safeIntegers(true).iterate(...statement.params) as IterableIterator<unknown[]>;
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
