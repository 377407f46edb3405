// PostgreSQL sources with CSV output run as COPY (…) TO STDOUT: the server formats the CSV and
// checks values against the entity's types. These tests hold that path to the same promises as
// the row path: files cut within the limit at row ends (values with quotes and newlines across
// COPY's chunks), the same rows in the warehouse, and bad values named by entity, column and row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { decompress } from 'zstd-napi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity } from '../../shared/model/index.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, must, readManifest, readVersions, run, runOk, workspace, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'note', type: 'string(200)' },
  { name: 'flag', type: 'boolean' },
  { name: 'amount', type: 'decimal(12,2)' },
];
const entity = { name: 'notes', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('PostgreSQL source through COPY TO STDOUT', () => {
  it('cuts files within the limit at row ends, keeps quoted newlines whole, and loads every row', async () => {
    const source = await createSource('postgres', ws);
    await source.createTable('notes', COLUMNS);
    // About 6 MB of text: quotes, delimiters, newlines, unicode; random hex keeps zstd from shrinking it away.
    await source.exec(`INSERT INTO notes SELECT i, 'n°' || i || ' "q", line' || chr(10) || 'two ' || md5(i::text) || md5((i * 7)::text), i % 2 = 0, (i * 1.25)::numeric(12,2) FROM generate_series(1, 60000) AS i`);
    await source.exec(`UPDATE notes SET note = '' WHERE id = 5`);
    await source.exec(`UPDATE notes SET note = NULL, flag = NULL, amount = NULL WHERE id = 6`);
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{ entity, extract: { entity: 'notes', source: { kind: 'table', connection: 'src', table: 'notes' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, compression: 'zstd', fileSizeMb: 1 } }],
    });
    const { result } = await runOk(spec);
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: 60000 });

    const manifest = (await readManifest(ws, 'notes'))!;
    expect(manifest.files.length).toBeGreaterThan(2);
    let firstRow = 1;
    for (const file of manifest.files) {
      expect(file.name).toBe(`notes_${String(firstRow).padStart(12, '0')}.csv.zst`);
      expect(file.bytes).toBeLessThanOrEqual(1024 * 1024);
      const text = decompress(readFileSync(join(entityFolder(ws, 'notes'), 'Latest', file.name))).toString('utf8');
      // Every file starts with the header and ends at a row end.
      expect(text.startsWith('id,note,flag,amount\n')).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
      firstRow += file.rows;
    }
    expect(firstRow - 1).toBe(60000);

    const versions = await readVersions(wh, must(parseEntity(entity)));
    expect(versions).toHaveLength(60000);
    const byId = new Map(versions.map((v) => [v.values[0], v.values]));
    expect(byId.get('2')).toEqual(['2', `n°2 "q", line\ntwo ${md5(2)}${md5(14)}`, 'true', '2.50']);
    // NULL and '' stay apart through the server's CSV.
    expect(byId.get('5')?.[1]).toBe('');
    expect(byId.get('6')?.slice(1)).toEqual([null, null, null]);
  });

  it.each([
    { label: 'a value longer than its string column', spoil: `ALTER TABLE notes ALTER COLUMN note TYPE TEXT; UPDATE notes SET note = repeat('x', 201) WHERE id = 3`, column: 'note', row: 3, message: /longer than the column's 200 characters/ },
    { label: 'a NULL business key', spoil: `ALTER TABLE notes ALTER COLUMN id DROP NOT NULL; UPDATE notes SET id = NULL WHERE id = 2`, column: 'id', row: 5, message: /NULL in a business key column/ },
  ])('stops on $label with entity, column and row, committing nothing', async (bad) => {
    const source = await createSource('postgres', ws);
    await source.createTable('notes', COLUMNS);
    await source.exec(`INSERT INTO notes SELECT i, 'note ' || i, true, i FROM generate_series(1, 5) AS i ORDER BY i`);
    const wh = await createWarehouse('postgres', ws);
    const spec = (batchId: number) =>
      jobSpec({
        ws,
        connections: [source.connection, wh.connection],
        batchId,
        entities: [{ entity, extract: { entity: 'notes', source: { kind: 'query', connection: 'src', sql: 'SELECT * FROM notes ORDER BY id NULLS LAST' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, compression: 'gzip' } }],
      });
    await runOk(spec(1));
    const before = await readVersions(wh, must(parseEntity(entity)));
    await source.exec(bad.spoil);
    const { result } = await run(spec(2));
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toMatch(new RegExp(`^entity "notes", column "${bad.column}", row ${bad.row}: `));
    expect(result.entities[0]!.error).toMatch(bad.message);
    expect(await readVersions(wh, must(parseEntity(entity)))).toEqual(before);
  });
});

function md5(n: number): string {
  return createHash('md5').update(String(n)).digest('hex');
}
