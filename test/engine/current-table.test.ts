// Issue 13, item 4: an entity's published current table, `cur.<entity>`: its current, not deleted
// rows without the lf_ columns, replaced with every load. Before, readers had only psg.* with its
// version columns. A reader on another connection polls the table while runs replace it, and must
// only ever see a complete table of one load: never a missing, empty or half-filled one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StagingEntityInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'load_no', type: 'int' },
];
const N = 3000;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('the current table on a %s warehouse', (kind) => {
  it('holds the current rows without lf_ columns, and a reader never sees it missing, empty or partial', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, Array.from({ length: N }, (_, i): TestRow => [i + 1, `n${i + 1}`, 1]));
    const wh = await createWarehouse(kind, ws);
    // The test's own connection, not the engine's (for DuckDB another connection of the same database instance).
    const reader = wh.query;
    let batch = 0;
    const spec = (extra: Partial<StagingEntityInput> = {}) => jobSpec({
      ws, batchId: ++batch, connections: [source.connection, wh.connection],
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', currentTable: {}, ...extra },
        extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
      }],
    });
    const d = wh.dialect;
    const table = d.table('cur', 'items');
    await runOk(spec());

    const columns = kind === 'mariadb'
      ? await wh.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cur__items' ORDER BY ORDINAL_POSITION")
      : await wh.query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'cur' AND table_name = 'items' ORDER BY ordinal_position");
    expect(columns.map((r) => r[0])).toEqual(['id', 'name', 'load_no']);

    // Each load rewrites every row's load_no: one load's table has one load_no throughout.
    const seen: string[] = [];
    const problems: string[] = [];
    let reading = true;
    const poll = (async () => {
      while (reading) {
        try {
          const [row] = await reader(`SELECT COUNT(*), MIN(${d.quote('load_no')}), MAX(${d.quote('load_no')}) FROM ${table}`);
          const [count, min, max] = row!;
          const state = `${count} rows of load ${min}${min === max ? '' : `..${max}`}`;
          if (Number(count) !== N || min !== max) problems.push(state);
          if (seen[seen.length - 1] !== state) seen.push(state);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    })();
    try {
      for (let load = 2; load <= 5; load++) {
        await source.exec(`UPDATE items SET load_no = ${load}`);
        await runOk(spec());
      }
    } finally {
      reading = false;
      await poll;
    }
    expect(problems).toEqual([]);
    expect(seen[seen.length - 1]).toBe(`${N} rows of load 5`);
    // The reader saw loads replaced while it read (not only the last one).
    expect(seen.length).toBeGreaterThan(1);

    // Deleted rows leave the table with the load that deletes them; nothing is left over.
    await source.exec('DELETE FROM items WHERE id > 10');
    await runOk(spec({ checks: [{ kind: 'maxShare', of: 'deleted', percent: 100 }] }));
    const rows = await wh.query(`SELECT ${d.quote('id')}, ${d.quote('name')} FROM ${table} ORDER BY ${d.quote('id')}`);
    expect(rows).toEqual(Array.from({ length: 10 }, (_, i) => [String(i + 1), `n${i + 1}`]));
    const leftovers = kind === 'mariadb'
      ? await wh.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'cur\\_\\_%' ORDER BY TABLE_NAME")
      : await wh.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'cur' ORDER BY table_name");
    expect(leftovers.map((r) => r[0])).toEqual([kind === 'mariadb' ? 'cur__items' : 'items']);
  });
});
