// Schema drift: the source table changed after the extract was designed. Before, a dropped source
// column failed mid-extract with the source's own error (after the warehouse was read, the lander
// prepared) and a new one went unnoticed. Now the source's catalog is read before extracting: a
// column the extract reads that is gone stops the entity before anything lands, naming it and the
// fix; a new column is reported (warn), stops the entity (fail) or is not mentioned (ignore).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnInput } from '../../shared/model/schema.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, listFiles, readVersions, run, runOk, must, WAREHOUSE_KINDS, workspace, type TestSource, type TestWarehouse, type WarehouseKind, type Workspace } from './fixtures.ts';
import { parseEntity } from '../../shared/model/index.ts';

const COLUMNS: ColumnInput[] = [
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

function specOf(kind: WarehouseKind, source: TestSource, wh: TestWarehouse, batchId: number, schemaDrift?: 'warn' | 'fail' | 'ignore', mappings: { column: string; expression: string }[] = []) {
  return jobSpec({
    ws, connections: [source.connection, wh.connection], batchId,
    entities: [{
      entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', ...(schemaDrift ? { schemaDrift } : {}) },
      extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, mappings, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
    }],
  });
}

async function loaded(kind: WarehouseKind, schemaDrift?: 'warn' | 'fail' | 'ignore'): Promise<{ source: TestSource; wh: TestWarehouse; files: { name: string; bytes: number }[] }> {
  const source = await createSource('sqlite', ws);
  await source.createTable('items', COLUMNS);
  await source.insert('items', COLUMNS, [[1, 'first', '1.50'], [2, 'second', null]]);
  const wh = await createWarehouse(kind, ws);
  await runOk(specOf(kind, source, wh, 1, schemaDrift));
  return { source, wh, files: await listFiles(`${entityFolder(ws, 'items')}/Latest`) };
}

const entity = must(parseEntity({ name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' }));

describe.each(WAREHOUSE_KINDS)('the source table changed, loading a %s warehouse', (kind) => {
  it('warn (the default): a new source column is reported in the output and result, and the run loads', async () => {
    const { source, wh } = await loaded(kind);
    await source.exec(`ALTER TABLE items ADD COLUMN note VARCHAR(30)`);
    const { result, events } = await runOk(specOf(kind, source, wh, 2));
    expect(result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(result.entities[0]!.evolution).toEqual({ applied: [], reported: ['source column "note" is not read by the extract: add it to the entity to load it'] });
    expect(events.filter((e) => e.type === 'log' && e.level === 'warn').map((e) => e.type === 'log' && e.message)).toContain('schema drift: source column "note" is not read by the extract: add it to the entity to load it');
  });

  it('ignore: a new source column is not mentioned', async () => {
    const { source, wh } = await loaded(kind, 'ignore');
    await source.exec(`ALTER TABLE items ADD COLUMN note VARCHAR(30)`);
    const { result } = await runOk(specOf(kind, source, wh, 2, 'ignore'));
    expect(result.entities[0]!.evolution).toBeUndefined();
  });

  it('fail: a new source column stops the entity before anything lands', async () => {
    const { source, wh, files } = await loaded(kind, 'fail');
    await source.exec(`ALTER TABLE items ADD COLUMN note VARCHAR(30)`);
    const { result } = await run(specOf(kind, source, wh, 2, 'fail'));
    expect(result.entities[0]!.status).toBe('failed');
    expect(result.entities[0]!.error).toBe([
      `entity "items": source table items changed and the entity's schemaDrift policy is fail; the run stopped before anything landed:`,
      '- source column "note" is not read by the extract: add it to the entity to load it',
    ].join('\n'));
    expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(files);
  });

  it('a column the extract reads that is gone stops the entity before anything lands, under every policy', async () => {
    for (const policy of ['warn', 'ignore'] as const) {
      await ws.cleanup();
      ws = await workspace();
      const { source, wh, files } = await loaded(kind, policy);
      await source.exec(`ALTER TABLE items RENAME COLUMN amount TO total`);
      const { result } = await run(specOf(kind, source, wh, 2, policy));
      expect(result.entities[0]!.status).toBe('failed');
      expect(result.entities[0]!.error).toBe([
        `entity "items": source table items no longer has every column the extract reads; the run stopped before anything landed:`,
        '- source column "amount" is gone (entity column "amount" reads it): restore it at the source, map "amount" to another expression, or remove the column from the entity',
      ].join('\n'));
      expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(files);
      expect(await readVersions(wh, entity)).toHaveLength(2);
      // Mapping the column to its new name is the fix: the run loads, and nothing is reported.
      const fixed = await runOk(specOf(kind, source, wh, 3, policy, [{ column: 'amount', expression: 'total' }]));
      expect(fixed.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
      expect(fixed.result.entities[0]!.evolution).toBeUndefined();
    }
  });
});
