// A business key that changed after persistent staging was built. Before, a key column dropped
// from the key, or an existing column added to it, went unnoticed: rows were compared by the new
// key against versions made by the old one. Now the key is recorded beside the entity's column
// types (zdm.entity_columns) and the model step stops the entity before anything lands, naming the
// old and new keys and what to do; a key column declared renamedFrom its old name is the same key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnInput } from '../../shared/model/schema.ts';
import { parseEntity } from '../../shared/model/index.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, listFiles, must, readVersions, run, runOk, WAREHOUSE_KINDS, workspace, type TestSource, type TestWarehouse, type WarehouseKind, type Workspace } from './fixtures.ts';

const COLUMNS: ColumnInput[] = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'code', type: 'string(10)', nullable: false },
  { name: 'amount', type: 'decimal(10,2)' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

function specOf(kind: WarehouseKind, source: TestSource, wh: TestWarehouse, batchId: number, businessKey: string[], columns = COLUMNS, mappings: { column: string; expression: string }[] = []) {
  return jobSpec({
    ws, connections: [source.connection, wh.connection], batchId,
    entities: [{
      entity: { name: 'items', columns, businessKey, warehouse: 'wh' },
      extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, mappings, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
    }],
  });
}

/** Persistent staging built with the key (id, code) by a first run. */
async function loaded(kind: WarehouseKind): Promise<{ source: TestSource; wh: TestWarehouse; files: { name: string; bytes: number }[] }> {
  const source = await createSource('sqlite', ws);
  await source.createTable('items', COLUMNS);
  await source.insert('items', COLUMNS, [[1, 'a', '1.50'], [2, 'b', null], [3, 'c', '-3.25']]);
  const wh = await createWarehouse(kind, ws);
  await runOk(specOf(kind, source, wh, 1, ['id', 'code']));
  return { source, wh, files: await listFiles(`${entityFolder(ws, 'items')}/Latest`) };
}

/** Persistent staging's name as each warehouse spells it (MariaDB has one database: schema and table joined). */
const PSG: Record<WarehouseKind, string> = { duckdb: '"psg"."items"', postgres: '"psg"."items"', mariadb: '`psg__items`' };
const refusal = (kind: WarehouseKind, problem: string): string => [`entity "items": its columns no longer match persistent staging ${PSG[kind]}; the run stopped before anything landed:`, `- ${problem}`].join('\n');
const versions = (wh: TestWarehouse, key: string[], columns = COLUMNS) => readVersions(wh, must(parseEntity({ name: 'items', columns, businessKey: key, warehouse: 'wh' })));

describe.each(WAREHOUSE_KINDS)('the business key changed after persistent staging was built, on a %s warehouse', (kind) => {
  it('a key column dropped from the key, or a column added to it, stops the entity before anything lands', async () => {
    const { source, wh, files } = await loaded(kind);
    const before = await versions(wh, ['id', 'code']);
    expect(before).toHaveLength(3);
    const dropped = await run(specOf(kind, source, wh, 2, ['id']));
    expect(dropped.result.entities[0]!.status).toBe('failed');
    expect(dropped.result.entities[0]!.error).toBe(refusal(kind,
      'the business key changed: persistent staging was built with the key (id, code), the entity\'s key is now (id); its versions are identified by the old key, so no row could be matched with them: load the entity under a new name (a new persistent staging), or keep the key (id, code)',
    ));
    const added = await run(specOf(kind, source, wh, 3, ['id', 'code', 'amount'], COLUMNS.map((c) => (c.name === 'amount' ? { ...c, nullable: false } : c))));
    expect(added.result.entities[0]!.error).toBe(refusal(kind,
      'the business key changed: persistent staging was built with the key (id, code), the entity\'s key is now (id, code, amount); its versions are identified by the old key, so no row could be matched with them: load the entity under a new name (a new persistent staging), or keep the key (id, code)',
    ));
    // Nothing landed and nothing was written.
    expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(files);
    expect(await versions(wh, ['id', 'code'])).toEqual(before);
    // The same key in another order is the same key: the run loads and makes no new version.
    const reordered = await runOk(specOf(kind, source, wh, 4, ['code', 'id']));
    expect(reordered.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
  });

  it('a key column renamed without renamedFrom stops the entity saying to declare the rename; declared, it loads with no new version', async () => {
    const { source, wh, files } = await loaded(kind);
    const renamed = COLUMNS.map((c) => (c.name === 'code' ? { name: 'item_code', type: c.type, nullable: false } : c));
    const undeclared = await run(specOf(kind, source, wh, 2, ['id', 'item_code'], renamed, [{ column: 'item_code', expression: 'code' }]));
    expect(undeclared.result.entities[0]?.status, JSON.stringify(undeclared.result)).toBe('failed');
    expect(undeclared.result.entities[0]!.error).toBe(refusal(kind,
      'the business key changed: persistent staging was built with the key (id, code), the entity\'s key is now (id, item_code); its versions are identified by the old key, so no row could be matched with them: load the entity under a new name (a new persistent staging), or keep the key (id, code); if "code" was renamed, declare the new column with renamedFrom: "code"',
    ));
    expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(files);

    const declared = renamed.map((c) => (c.name === 'item_code' ? { ...c, renamedFrom: 'code' } : c));
    const fixed = await runOk(specOf(kind, source, wh, 3, ['id', 'item_code'], declared, [{ column: 'item_code', expression: 'code' }]));
    expect(fixed.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(fixed.result.entities[0]!.evolution?.applied).toEqual(['column "code" renamed to "item_code" in persistent staging']);
    // The next run compares with the key recorded under its new name: nothing to do.
    const again = await runOk(specOf(kind, source, wh, 4, ['id', 'item_code'], renamed, [{ column: 'item_code', expression: 'code' }]));
    expect(again.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
  });
});
