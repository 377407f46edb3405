// The DuckDB load drops insertion order for its own connection only: the stage switches it off for
// the session (each CTAS and INSERT of the load then runs as a parallel, unordered insert), while a
// DuckDB source or another entity's load on the same instance keeps the order it had. A plain SET
// would change the whole instance.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDuckDb } from '../../engine/duckdb.ts';
import { duckdbWarehouse } from '../../engine/warehouse/duckdb-warehouse.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import type { StageTarget } from '../../shared/sql/stage-hook.ts';
import { sql } from '../../shared/sql/statement.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lf-unordered-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const d = dialect('duckdb');
const target: StageTarget = {
  entity: 'items',
  table: d.table('temp', 'items'),
  changeSet: d.table('temp', 'items_delta'),
  columns: [{ name: 'id', type: { kind: 'bigint' } }, { name: 'label', type: { kind: 'string' } }],
  operation: undefined,
  distribution: undefined,
  createEmpty: [],
  insert: () => sql``,
};

it('stages with insertion order off on the load connection and leaves the instance’s other connections as they were', async () => {
  const file = join(folder, 'items.csv');
  await writeFile(file, Array.from({ length: 3000 }, (_, i) => `${i + 1},"label ${i + 1}"`).join('\n'));
  const path = join(folder, 'warehouse.duckdb');
  const warehouse = await duckdbWarehouse(path);
  // The same instance, as a DuckDB source on the warehouse file gets it (engine/duckdb.ts).
  const other = await openDuckDb(path);
  const connection = await other.connect();
  try {
    const setting = "SELECT CAST(current_setting('preserve_insertion_order') AS VARCHAR)";
    for (const text of d.createSchemas()) await warehouse.run(sql`${text}`);
    expect(await warehouse.query(sql`${setting}`)).toEqual([['true']]);
    const items = d.stage(target, { files: [file], folder: { dataSource: 'lake', location: '/', url: folder }, format: { kind: 'csv', csv: { delimiter: ',', qualifier: '"', header: false, nullMarker: '' }, compression: 'none' } });
    for (const item of items) if (item.kind === 'run') await warehouse.run(item.statement);
    expect(await warehouse.query(sql`SELECT COUNT(*), SUM("id"), COUNT(DISTINCT "label") FROM ${target.table}`)).toEqual([[3000n, 4501500n, 3000n]]);
    expect(await warehouse.query(sql`${setting}`)).toEqual([['false']]);
    expect((await connection.runAndReadAll(setting)).getRows()).toEqual([['true']]);
  } finally {
    connection.closeSync();
    await other.release();
    await warehouse.close();
  }
});
