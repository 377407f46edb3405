// The lake browser's grid reads landed files as they are: a folder above them that looks like a
// Hive partition (`payload=oops`) adds no column, whatever DuckDB would guess.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEntity, parseExtract } from '../../shared/model/index.ts';
import { readLandedFiles } from './lake-browser.ts';

const dir = mkdtempSync(join(tmpdir(), 'landfall-lake-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const must = <T>(result: { ok: true; value: T } | { ok: false; issues: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

describe('readLandedFiles', () => {
  const entity = must(parseEntity({ name: 'items', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'name', type: 'string(20)' }], businessKey: ['id'], warehouse: 'wh' }));
  it.each(['csv', 'parquet'] as const)('shows only the %s file\'s own columns under a folder named like a partition', async (format) => {
    const folder = join(dir, format, 'payload=oops', 'items', 'Latest');
    mkdirSync(folder, { recursive: true });
    const extract = must(parseExtract({ entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, lander: { connection: 'lake' }, format: { kind: format } }));
    const csvFile = join(folder, 'items_1.csv');
    writeFileSync(csvFile, 'id,name\n1,one\n2,two\n');
    let file = csvFile;
    if (format === 'parquet') {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      file = join(folder, 'items_1.parquet');
      await connection.run(`COPY (SELECT * FROM read_csv('${csvFile}', hive_partitioning = false)) TO '${file}' (FORMAT parquet)`);
      connection.closeSync();
      instance.closeSync();
    }
    const grid = await readLandedFiles(extract, entity, [file], 'Latest');
    expect(grid.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(grid.rows).toHaveLength(2);
  });
});
