// A business key that arrives twice in one run (a source without a unique key) made two current
// versions of the key on a first Full or Date Range load, and an arbitrary one later — exit 0 both
// times. Now the entity fails before anything is committed, naming the key, unless the entity
// declares `duplicateKeys: keepLast` with an order column; a tie on that column still fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSource,
  createWarehouse,
  jobSpec,
  readControl,
  readVersions,
  run,
  WAREHOUSE_KINDS,
  workspace,
  type TestRow,
  type Workspace,
} from './fixtures.ts';
import { parseEntity } from '../../shared/model/index.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'changed_on', type: 'date' },
];
const ROWS: TestRow[] = [
  [1, 'first', '2026-02-20'],
  [1, 'second', '2026-02-27'],
  [2, 'only', '2026-02-25'],
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('duplicate business keys on a %s warehouse', (kind) => {
  async function setup(rows: readonly TestRow[], pattern: 'full' | 'dateRange', duplicateKeys?: { policy: 'keepLast'; orderBy: string }) {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, rows);
    const wh = await createWarehouse(kind, ws);
    const entity = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', ...(duplicateKeys ? { duplicateKeys } : {}) };
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      batchDate: '2026-03-01',
      entities: [{
        entity,
        extract: {
          entity: 'items',
          source: { kind: 'table', connection: 'src', table: 'items' },
          pattern: pattern === 'full' ? { kind: 'full' } : { kind: 'dateRange', column: 'changed_on', days: 30 },
          format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) },
        },
      }],
    });
    const parsed = parseEntity(entity);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return { spec, wh, entity: parsed.value };
  }

  it.each(['full', 'dateRange'] as const)('a %s extract with a repeated key fails, naming it, and commits nothing', async (pattern) => {
    const { spec, wh, entity } = await setup(ROWS, pattern);
    const { result } = await run(spec);
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toBe(
      'entity "items": the key id = 1 appears 2 times in this run\'s extract, but a business key must identify one row: fix the key or the source, or declare duplicateKeys { policy: keepLast, orderBy: <column> } to keep the latest — nothing was committed',
    );
    expect(await readVersions(wh, entity)).toEqual([]);
    expect(await readControl(wh)).toEqual([]);
  });

  it('keepLast keeps the row with the highest order value', async () => {
    const { spec, wh, entity } = await setup(ROWS, 'full', { policy: 'keepLast', orderBy: 'changed_on' });
    const { result } = await run(spec);
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: 3, inserted: 2 });
    const current = (await readVersions(wh, entity)).filter((v) => v.current);
    expect(current.map((v) => v.values)).toEqual([['1', 'second', '2026-02-27'], ['2', 'only', '2026-02-25']]);
  });

  it('keepLast refuses a tie on the order column', async () => {
    const { spec, wh, entity } = await setup([...ROWS, [2, 'twin', '2026-02-25']], 'full', { policy: 'keepLast', orderBy: 'changed_on' });
    const { result } = await run(spec);
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toContain('the key id = 2 appears 2 times with the same changed_on = ');
    expect(result.entities[0]!.error).toContain('keepLast cannot tell which row is the latest');
    expect(await readVersions(wh, entity)).toEqual([]);
  });
});
