// Persistent staging written before the row-hash scheme changed holds hashes computed the old way
// (sha256 of the length-prefixed text on DuckDB and PostgreSQL): compared with the new hashes,
// every row would look changed and get a new version on the first run after the upgrade. The
// persist transaction now rehashes current rows when `zdm.row_hash_schemes` does not name the
// current scheme, so such a run writes no version; a real change is still seen afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity } from '../../shared/model/index.ts';
import { META, typedColumns, rowHash } from '../../shared/sql/steps/columns.ts';
import { createSource, createWarehouse, jobSpec, readVersions, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type WarehouseKind, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'amount', type: 'decimal(10,2)' },
  { name: 'changed_on', type: 'date' },
];
const ROWS: TestRow[] = [
  [1, 'first', '1.50', '2026-02-20'],
  [2, '', null, '2026-02-27'],
  [3, null, '-3.25', null],
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** The source table of three rows, a warehouse of `kind`, the entity and its Full extract's job spec per batch. */
async function seeded(kind: WarehouseKind) {
  const source = await createSource('sqlite', ws);
  await source.createTable('items', COLUMNS);
  await source.insert('items', COLUMNS, ROWS);
  const wh = await createWarehouse(kind, ws);
  const entityInput = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };
  const spec = (batchId: number) => jobSpec({
    ws, connections: [source.connection, wh.connection], batchId, batchDate: '2026-03-01',
    entities: [{ entity: entityInput, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } } }],
  });
  const parsed = parseEntity(entityInput);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { source, wh, spec, entity: parsed.value };
}

describe.each(WAREHOUSE_KINDS)('persistent staging from before the row-hash scheme, on a %s warehouse', (kind) => {
  it('is rehashed in the load transaction: the next run writes no version, a later change one', async () => {
    const { source, wh, spec, entity } = await seeded(kind);

    await runOk(spec(1));
    const first = await readVersions(wh, entity);
    expect(first).toHaveLength(3);

    // The warehouse as an earlier release left it: a text row-hash column (where the hash is a
    // number now) holding the sha256 of the length-prefixed text in every row, and no scheme table.
    const d = wh.dialect;
    const textHash = rowHash({ ...d, valuesHash: undefined }, 'p', typedColumns(entity));
    const psg = d.table('psg', 'items');
    // (MariaDB kept that hash: only its scheme table is new.)
    const changedHash = d.valuesHash !== undefined;
    if (changedHash) {
      if (d.hashRetype) await wh.query(`ALTER TABLE ${psg} ALTER COLUMN ${d.quote(META.rowHash)} TYPE VARCHAR(64)`);
      await wh.query(`UPDATE ${psg} AS p SET ${d.quote(META.rowHash)} = ${textHash}`);
    }
    await wh.query(`DROP TABLE ${d.table('zdm', 'row_hash_schemes')}`).catch((error: unknown) => {
      // The MariaDB helper reads a result set that DDL does not have; the table is dropped all the same.
      if (!(error instanceof TypeError)) throw error;
    });
    expect(await wh.exists('zdm', 'row_hash_schemes')).toBe(false);
    if (changedHash) expect((await readVersions(wh, entity)).map((v) => v.rowHash)).not.toEqual(first.map((v) => v.rowHash));

    const { result } = await runOk(spec(2));
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    const rerun = await readVersions(wh, entity);
    expect(rerun.map((v) => ({ ...v, rowHash: v.rowHash.trim() }))).toEqual(first);

    await source.exec(`UPDATE items SET name = 'renamed' WHERE id = 2`);
    const changed = await runOk(spec(3));
    expect(changed.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 1, deleted: 0 });
    expect((await readVersions(wh, entity)).filter((v) => v.current).map((v) => v.values[1])).toEqual(['first', 'renamed', null]);
  });
});

// The warehouses whose row hash is a number (`Dialect.hashRetype`).
describe.each(['duckdb', 'postgres'] as const)('a text row-hash column of an earlier release, on a %s warehouse', (kind) => {
  // Releases before this one kept DuckDB's and PostgreSQL's 64-bit hash as its text: the migrate
  // step converts the column in place (the same numbers, so the scheme still holds) and the next
  // run writes no version.
  it('converts a text row-hash column of an earlier release to the number it holds, with no new version', async () => {
    const { wh, spec, entity } = await seeded(kind);
    await runOk(spec(1));
    const first = await readVersions(wh, entity);
    const d = wh.dialect;
    const psg = d.table('psg', 'items');
    const hashType = async (): Promise<string> => String((await wh.query(`SELECT data_type FROM information_schema.columns WHERE table_schema = 'psg' AND table_name = 'items' AND column_name = '${META.rowHash}'`))[0]?.[0]).toLowerCase();
    expect(await hashType()).toBe(d.hashRetype!.catalogType.toLowerCase());
    await wh.query(`ALTER TABLE ${psg} ALTER COLUMN ${d.quote(META.rowHash)} TYPE VARCHAR(64)`);
    expect(await hashType()).not.toBe(d.hashRetype!.catalogType.toLowerCase());

    const { result } = await runOk(spec(2));
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(await hashType()).toBe(d.hashRetype!.catalogType.toLowerCase());
    expect(await readVersions(wh, entity)).toEqual(first);
    expect(result.entities[0]?.evolution?.applied).toEqual([expect.stringContaining(`row-hash column "${META.rowHash}" converted`)]);
  });
});
