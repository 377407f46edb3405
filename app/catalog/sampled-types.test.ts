// SQLite columns typed by their values: a real SQLite file, read through the catalog as an import reads it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readTable } from './source-catalog.ts';
import { SAMPLE_ROWS, sampledType, withSampledTypes } from './sampled-types.ts';

describe('SQLite types inferred by sampling', () => {
  it('maps text of dates and datetimes and NUMERIC amounts, and leaves mixed or float columns as declared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'landfall-sampled-'));
    const path = join(dir, 'source.sqlite');
    const db = new Database(path);
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, day TEXT, at TEXT, amount NUMERIC, ratio REAL, mixed TEXT, code TEXT, empty TEXT, late TEXT)`);
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= SAMPLE_ROWS + 5; i++) {
        insert.run(i, `2025-01-${String((i % 28) + 1).padStart(2, '0')}`, i % 2 ? '2025-03-01 10:00:00' : '2025-03-01T10:00:00.125', i % 3 ? 84.74 + i : -1200, i / 7, i === 500 ? 'soon' : '2025-01-01', `0${i}`, null, i > SAMPLE_ROWS ? 'not a date' : '2025-01-01');
      }
    })();
    db.close();
    try {
      const connection = { name: 'src', kind: 'sqlite' as const, path };
      const sampled = await withSampledTypes(connection, { name: 't' }, await readTable(connection, { name: 't' }));
      const types = Object.fromEntries(sampled.columns.map((c) => [c.name, c.inferred?.type]));
      expect(types).toEqual({ id: undefined, day: 'date', at: 'datetime', amount: 'decimal(10,2)', ratio: undefined, mixed: undefined, code: undefined, empty: undefined, late: 'date' });
      expect(sampled.columns.find((c) => c.name === 'amount')!.inferred!.note).toBe(`imported as decimal(10,2), not double, so amounts stay exact — the ${SAMPLE_ROWS} sampled values have at most 2 decimal places and 4 digits before the point`);
      // Rows past the sample are not read: the note says what the mapping rests on.
      expect(sampled.columns.find((c) => c.name === 'late')!.inferred!.note).toMatch(/^imported as date, not text — the 1000 sampled values are all dates .* check the type if other rows hold other text$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps floating point and whole numbers as they are declared', () => {
    expect(sampledType(['1', '2'], 'decimal')).toBeUndefined();
    expect(sampledType(['1e-07'], 'decimal')).toBeUndefined();
    expect(sampledType(['0.142857142857143'], 'decimal')).toBeUndefined();
    expect(sampledType([], 'temporal')).toBeUndefined();
    expect(sampledType(['2025-02-30'], 'temporal')).toMatchObject({ type: 'date' });
  });
});
