// Model evolution: an entity whose columns changed after its warehouse tables were created. Before,
// an added column failed with a raw `Binder Error: Table "items" does not have a column with name
// "note"`, a renamed one with `Binder Error: The combining JOIN type must be INNER or LEFT for a
// LATERAL reference`, and a removed one silently wrote a new version of every row. Now the next run
// migrates persistent staging in its load (or stops before anything lands, saying what differs and
// what to do), and a removed column makes no new version.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnInput } from '../../shared/model/schema.ts';
import { createSource, createWarehouse, jobSpec, listFiles, entityFolder, readVersions, run, runOk, must, WAREHOUSE_KINDS, workspace, type TestSource, type TestWarehouse, type WarehouseKind, type Workspace } from './fixtures.ts';
import { parseEntity } from '../../shared/model/index.ts';

const BASE: ColumnInput[] = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'amount', type: 'decimal(10,2)' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function setup(kind: WarehouseKind): Promise<{ source: TestSource; wh: TestWarehouse }> {
  const source = await createSource('sqlite', ws);
  await source.createTable('items', [...BASE, { name: 'note', type: 'string(30)' }, { name: 'code', type: 'string(10)' }]);
  await source.insert('items', [...BASE, { name: 'note', type: 'string(30)' }, { name: 'code', type: 'string(10)' }], [
    [1, 'first', '1.50', 'n1', 'a'],
    [2, 'second', null, null, 'b'],
    [3, null, '-3.25', 'n3', 'c'],
  ]);
  return { source, wh: await createWarehouse(kind, ws) };
}

function specOf(kind: WarehouseKind, source: TestSource, wh: TestWarehouse, columns: ColumnInput[], batchId: number, mappings: { column: string; expression: string }[] = []) {
  return jobSpec({
    ws, connections: [source.connection, wh.connection], batchId,
    entities: [{
      entity: { name: 'items', columns, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, mappings, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
    }],
  });
}

const entityOf = (columns: ColumnInput[]) => must(parseEntity({ name: 'items', columns, businessKey: ['id'], warehouse: 'wh' }));

describe.each(WAREHOUSE_KINDS)('an entity changed after its tables exist, on a %s warehouse', (kind) => {
  it('an added column is created nullable in persistent staging and filled from the next run on', async () => {
    const { source, wh } = await setup(kind);
    await runOk(specOf(kind, source, wh, BASE, 1));
    const added = [...BASE, { name: 'note', type: 'string(30)' }];
    const { result } = await runOk(specOf(kind, source, wh, added, 2));
    // The rows whose note is not NULL change; the one whose note is NULL stays as it was.
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 2, deleted: 0 });
    const current = (await readVersions(wh, entityOf(added))).filter((v) => v.current).map((v) => v.values);
    expect(current).toEqual([['1', 'first', '1.50', 'n1'], ['2', 'second', null, null], ['3', null, '-3.25', 'n3']]);
    expect(result.entities[0]!.evolution?.applied).toEqual([`column "note" added to persistent staging (nullable string(30)); its existing versions hold NULL`]);
  });

  it('an added column with a declared default fills the existing versions with it', async () => {
    const { source, wh } = await setup(kind);
    await runOk(specOf(kind, source, wh, BASE, 1));
    const added = [...BASE, { name: 'code', type: 'string(10)', nullable: false, default: 'a' }];
    const { result } = await runOk(specOf(kind, source, wh, added, 2));
    // Only the rows whose code is not the default change.
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 2, deleted: 0 });
    const versions = await readVersions(wh, entityOf(added));
    expect(versions.filter((v) => !v.current).map((v) => v.values[3])).toEqual(['a', 'a']);
  });

  it('a removed column stays in persistent staging as history, is no longer hashed, and makes no new version', async () => {
    const { source, wh } = await setup(kind);
    const before = [...BASE, { name: 'note', type: 'string(30)', nullable: false }];
    await source.exec(`UPDATE items SET note = 'n2' WHERE id = 2`);
    await runOk(specOf(kind, source, wh, before, 1));
    const { result } = await runOk(specOf(kind, source, wh, BASE, 2));
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(result.entities[0]!.evolution?.applied).toEqual([`column "note" is no longer in the entity: kept in persistent staging as history (now nullable), no longer hashed`]);
    const versions = await readVersions(wh, entityOf(before));
    expect(versions).toHaveLength(3);
    expect(versions.map((v) => v.values[3])).toEqual(['n1', 'n2', 'n3']);
    // A third run with the same source still writes nothing; a real change one version.
    expect((await runOk(specOf(kind, source, wh, BASE, 3))).result.entities[0]).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    await source.exec(`UPDATE items SET name = 'changed' WHERE id = 1`);
    expect((await runOk(specOf(kind, source, wh, BASE, 4))).result.entities[0]).toMatchObject({ inserted: 0, updated: 1, deleted: 0 });
    const latest = (await readVersions(wh, entityOf(before))).filter((v) => v.current);
    expect(latest[0]!.values).toEqual(['1', 'changed', '1.50', null]);
  });

  it('a column declared renamed is renamed, its history kept, with no new version', async () => {
    const { source, wh } = await setup(kind);
    await runOk(specOf(kind, source, wh, BASE, 1));
    const renamed: ColumnInput[] = [BASE[0]!, { name: 'title', type: 'string(20)', renamedFrom: 'name' }, BASE[2]!];
    const { result } = await runOk(specOf(kind, source, wh, renamed, 2, [{ column: 'title', expression: 'name' }]));
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(result.entities[0]!.evolution?.applied).toEqual([`column "name" renamed to "title" in persistent staging`]);
    expect((await readVersions(wh, entityOf(renamed))).map((v) => v.values[1])).toEqual(['first', 'second', null]);
  });

  it('a widened type is altered; the rows keep their versions', async () => {
    const { source, wh } = await setup(kind);
    await runOk(specOf(kind, source, wh, BASE, 1));
    const widened: ColumnInput[] = [{ name: 'id', type: 'bigint', nullable: false }, { name: 'name', type: 'string(40)' }, { name: 'amount', type: 'decimal(12,2)' }];
    const { result } = await runOk(specOf(kind, source, wh, widened, 2));
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(result.entities[0]!.evolution?.applied).toEqual([
      'column "id" widened from int to bigint in persistent staging',
      'column "name" widened from string(20) to string(40) in persistent staging',
      'column "amount" widened from decimal(10,2) to decimal(12,2) in persistent staging',
    ]);
  });

  it('a narrowed type or a new NOT NULL column without a default stops the entity before anything lands', async () => {
    const { source, wh } = await setup(kind);
    await runOk(specOf(kind, source, wh, BASE, 1));
    const files = await listFiles(`${entityFolder(ws, 'items')}/Latest`);
    const changed: ColumnInput[] = [...BASE.slice(0, 2), { name: 'amount', type: 'decimal(8,2)' }, { name: 'code', type: 'string(10)', nullable: false }];
    const { result } = await run(specOf(kind, source, wh, changed, 2));
    expect(result.entities[0]!.status).toBe('failed');
    expect(result.entities[0]!.error).toBe([
      `entity "items": its columns no longer match persistent staging ${wh.dialect.table('psg', 'items')}; the run stopped before anything landed:`,
      '- column "amount" is decimal(10,2) in persistent staging and decimal(8,2) in the entity: a narrower type cannot hold every existing version; keep decimal(10,2) or widen it',
      '- column "code" is new and NOT NULL, but the existing versions have no value for it: declare a default for it, or make it nullable',
    ].join('\n'));
    expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(files);
    expect(await readVersions(wh, entityOf(BASE))).toHaveLength(3);
  });
});
