// A row the warehouse cannot take fails its entity with entity, column and row in the message,
// commits nothing of that entity (persistent staging, watermark and Latest stay as they were),
// and does not stop the other entities of the run; the run fails and `landfall run` exits 1.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../cli/landfall.ts';
import { ProjectStore } from '../../app/store/project-store.ts';
import type { ExtractInput } from '../../shared/model/index.ts';
import { parseEntity } from '../../shared/model/index.ts';
import {
  createSource,
  createWarehouse,
  entityFolder,
  jobSpec,
  listTree,
  must,
  readControl,
  readManifest,
  readVersions,
  run,
  runOk,
  WAREHOUSE_KINDS,
  workspace,
  type TestSource,
  type TestWarehouse,
  type WarehouseKind,
  type Workspace,
} from './fixtures.ts';

const ORDER_COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'qty', type: 'int' },
  { name: 'code', type: 'string(5)' },
  { name: 'modified_at', type: 'datetime' },
];
const PRODUCT_COLUMNS = [
  { name: 'sku', type: 'string(10)', nullable: false },
  { name: 'label', type: 'string(50)' },
];
const orders = { name: 'orders', columns: ORDER_COLUMNS, businessKey: ['id'], warehouse: 'wh' };
const products = { name: 'products', columns: PRODUCT_COLUMNS, businessKey: ['sku'], warehouse: 'wh' };

const GOOD_ORDERS = [
  [1, 10, 'A1', '2026-01-01 10:00:00'],
  [2, 20, 'B22', '2026-01-01 10:00:01'],
  [3, 30, 'C333', '2026-01-01 10:00:02'],
  [4, 40, 'D4444', '2026-01-01 10:00:03'],
] as const;

interface BadCase {
  readonly label: string;
  /** Makes the source bad; the extract then reads rows in id order (SQLite's rowid order). */
  readonly spoil: (source: TestSource) => Promise<void>;
  readonly column: string;
  readonly row: number;
  readonly message: RegExp;
}

const BAD: BadCase[] = [
  {
    label: 'text in an int column',
    spoil: (s) => s.exec(`UPDATE orders SET qty = 'lots' WHERE id = 3`),
    column: 'qty',
    row: 3,
    message: /"lots" is not a whole number/,
  },
  {
    label: 'a value longer than string(5)',
    spoil: (s) => s.exec(`UPDATE orders SET code = 'TOOLONG' WHERE id = 2`),
    column: 'code',
    row: 2,
    message: /longer than the column's 5 characters/,
  },
  {
    label: 'a NULL business key',
    spoil: (s) => s.exec(`INSERT INTO orders (id, qty, code, modified_at) VALUES (NULL, 50, 'E', '2026-01-02 00:00:00')`),
    column: 'id',
    row: 5,
    message: /NULL in a business key column/,
  },
];

const format = (kind: WarehouseKind): Pick<ExtractInput, 'format' | 'compression'> =>
  kind === 'mariadb' ? { format: { kind: 'csv', nullMarker: 'NULL' }, compression: 'zstd' } : { format: { kind: 'csv' }, compression: 'zstd' };

async function fill(source: TestSource): Promise<void> {
  await source.createTable('orders', ORDER_COLUMNS);
  await source.insert('orders', ORDER_COLUMNS, GOOD_ORDERS.map((r) => [...r]));
  await source.createTable('products', PRODUCT_COLUMNS);
  await source.insert('products', PRODUCT_COLUMNS, [['P1', 'first'], ['P2', 'second']]);
}

/** Everything an entity's failed run must leave as it was. */
async function snapshot(ws: Workspace, wh: TestWarehouse): Promise<unknown> {
  return {
    versions: await readVersions(wh, must(parseEntity(orders))),
    control: await readControl(wh),
    latest: await readManifest(ws, 'orders'),
  };
}

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('into warehouse %s', (warehouseKind) => {
  it.each(BAD)('$label fails its entity with entity, column and row; nothing of it is committed; the other entity succeeds', async (bad) => {
    const source = await createSource('sqlite', ws);
    await fill(source);
    const wh = await createWarehouse(warehouseKind, ws);
    const spec = (batchId: number) =>
      jobSpec({
        ws,
        connections: [source.connection, wh.connection],
        batchId,
        parallel: 1,
        entities: [
          {
            entity: orders,
            extract: { entity: 'orders', source: { kind: 'table', connection: 'src', table: 'orders' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'modified_at' }] }, ...format(warehouseKind) },
          },
          { entity: products, extract: { entity: 'products', source: { kind: 'table', connection: 'src', table: 'products' }, pattern: { kind: 'full' }, ...format(warehouseKind) } },
        ],
      });

    await runOk(spec(1));
    const before = await snapshot(ws, wh);
    expect((before as { versions: unknown[] }).versions).toHaveLength(4);
    expect((before as { control: unknown[] }).control).toHaveLength(1);

    // Every order changes, so the extract reads them all (in id order) and the bad one is at its place.
    await source.exec(`UPDATE orders SET modified_at = '2026-01-02 00:00:00'`);
    await bad.spoil(source);
    await source.insert('products', PRODUCT_COLUMNS, [['P3', 'third']]);
    const { result, events } = await run(spec(2));

    expect(result.status).toBe('failed');
    const [failed, other] = result.entities;
    expect(failed).toMatchObject({ entity: 'orders', status: 'failed' });
    expect(failed!.error).toContain(`entity "orders", column "${bad.column}", row ${bad.row}:`);
    expect(failed!.error).toMatch(bad.message);
    expect(events).toContainEqual(expect.objectContaining({ type: 'entity:state', entity: 'orders', state: 'failed', error: failed!.error }));
    expect(other).toMatchObject({ entity: 'products', status: 'done', inserted: 1 });

    expect(await snapshot(ws, wh)).toEqual(before);
    expect((await listTree(entityFolder(ws, 'orders'))).filter((p) => p.includes('_incoming') || p.endsWith('.partial'))).toEqual([]);
    const productVersions = await readVersions(wh, must(parseEntity(products)));
    expect(productVersions.filter((v) => v.current).map((v) => v.values)).toEqual([['P1', 'first'], ['P2', 'second'], ['P3', 'third']]);
  });
});

describe('landfall run', () => {
  it('exits 1 when an entity meets a bad row, and 0 once it is fixed', async () => {
    const source = await createSource('sqlite', ws);
    await fill(source);
    const file = join(ws.dir, 'bad.landfall');
    const store = ProjectStore.create(file, { name: 'bad' });
    try {
      store.saveConnection({ name: 'src', kind: 'sqlite', path: 'src.sqlite' });
      store.saveConnection({ name: 'wh', kind: 'duckdb', path: 'wh.duckdb' });
      store.saveConnection({ name: 'lake', kind: 'localfs', path: 'lake' });
      store.saveEntity(orders);
      store.saveEntity(products);
      store.saveExtract({ entity: 'orders', source: { kind: 'table', connection: 'src', table: 'orders' }, pattern: { kind: 'full' }, lander: { connection: 'lake' } });
      store.saveExtract({ entity: 'products', source: { kind: 'table', connection: 'src', table: 'products' }, pattern: { kind: 'full' }, lander: { connection: 'lake' } });
    } finally {
      store.close();
    }
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const io: CliIo = { out: (text) => void (out += text), err: (text) => void (err += text) };
      const code = await main(argv, io);
      return { code, out, err };
    };

    const good = await cli('run', file, '--batch-date', '2026-03-01');
    expect(good.code, good.out + good.err).toBe(0);

    await source.exec(`UPDATE orders SET qty = 'lots' WHERE id = 3`);
    const bad = await cli('run', file, '--batch-date', '2026-03-02');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('entity "orders", column "qty", row 3:');
    expect(bad.out).toMatch(/run \S+ failed: 1 of 2 entities done/);

    await source.exec(`UPDATE orders SET qty = 33 WHERE id = 3`);
    const fixed = await cli('run', file, '--batch-date', '2026-03-03');
    expect(fixed.code, fixed.out + fixed.err).toBe(0);
  });
});
