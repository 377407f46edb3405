import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

const hash = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/**
 * Brings a project file up to the newest schema. Each migration runs in its own transaction
 * together with its row in `schema_migration`, so a failure leaves the file at the last good
 * version. A migration whose recorded hash differs from the checked-in text was edited after it
 * was applied, which would make files diverge silently: that is refused.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Map(
    (db.prepare('SELECT version, sha256 FROM schema_migration').all() as { version: number; sha256: string }[]).map(
      (row) => [row.version, row.sha256],
    ),
  );
  const newest = Math.max(0, ...applied.keys());
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`this project file was written by a newer Landfall (schema ${newest}; this version knows ${known}); upgrade Landfall to open it`);
  }
  const ran: number[] = [];
  for (const migration of migrations) {
    const recorded = applied.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== hash(migration.sql)) {
        throw new Error(`migration ${migration.version} (${migration.name}) was changed after it was applied to this file; restore it and add a new migration instead`);
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migration (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version, migration.name, hash(migration.sql), new Date().toISOString(),
      );
    })();
    ran.push(migration.version);
  }
  return ran;
}
