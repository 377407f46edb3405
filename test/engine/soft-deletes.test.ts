// Issue 13, item 1: a source that marks rows deleted (`is_deleted = 1`) instead of removing them.
// Before, a Full extract loaded the flagged row as an ordinary current version and an Incremental
// one never learned of the delete. Now the entity's soft delete condition makes such rows delete
// versions in persistent staging, for Full, Date Range and Incremental extracts, without the flag
// column being one of the entity's columns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity, type ExtractInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, readVersions, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type Workspace } from './fixtures.ts';

const SOURCE_COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'changed_on', type: 'date' },
  { name: 'is_deleted', type: 'int' },
];
const COLUMNS = SOURCE_COLUMNS.slice(0, 3);
const ROWS: TestRow[] = [
  [1, 'one', '2026-02-20', 0],
  [2, 'two', '2026-02-21', 0],
  [3, 'three', '2026-02-22', 0],
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const PATTERNS: Record<string, ExtractInput['pattern']> = {
  full: { kind: 'full' },
  dateRange: { kind: 'dateRange', column: 'changed_on', days: 60 },
  incremental: { kind: 'incremental', changeColumns: [{ column: 'changed_on' }] },
};

describe.each(WAREHOUSE_KINDS)('soft deletes on a %s warehouse', (kind) => {
  it.each(Object.keys(PATTERNS))('a %s extract makes a row the source marks deleted a delete version', async (pattern) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', SOURCE_COLUMNS);
    await source.insert('items', SOURCE_COLUMNS, [...ROWS, [4, 'gone before', '2026-02-23', 1]]);
    const wh = await createWarehouse(kind, ws);
    const entityInput = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', softDelete: { expression: 'is_deleted = 1' } };
    const spec = (batchId: number) => jobSpec({
      ws, batchId, batchDate: '2026-03-01', connections: [source.connection, wh.connection],
      entities: [{ entity: entityInput, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: PATTERNS[pattern]!, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } } }],
    });
    const entity = parseEntity(entityInput);
    if (!entity.ok) throw new Error(JSON.stringify(entity.issues));

    // A key deleted before it was ever loaded makes no version at all.
    const first = await runOk(spec(1));
    expect(first.result.entities[0]).toMatchObject({ status: 'done', rows: 4, inserted: 3, deleted: 0 });
    expect((await readVersions(wh, entity.value)).map((v) => v.values[0])).toEqual(['1', '2', '3']);

    await source.update('items', SOURCE_COLUMNS, 'id', 2, { is_deleted: 1, changed_on: '2026-02-25' });
    const second = await runOk(spec(2));
    expect(second.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 1 });
    const versions = await readVersions(wh, entity.value);
    const two = versions.filter((v) => v.values[0] === '2');
    expect(two.map((v) => ({ current: v.current, deleted: v.deleted }))).toEqual([{ current: false, deleted: false }, { current: true, deleted: true }]);
    // The delete version keeps the last values the key had, and the others stay as they were.
    expect(two[1]!.values).toEqual(['2', 'two', '2026-02-21']);
    expect(versions.filter((v) => v.current && !v.deleted).map((v) => v.values[0])).toEqual(['1', '3']);

    // Run again: the flagged row is still there and still deleted; nothing new is written.
    const third = await runOk(spec(3));
    expect(third.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    // The source undeletes it: a new current version.
    await source.update('items', SOURCE_COLUMNS, 'id', 2, { is_deleted: 0, changed_on: '2026-02-26' });
    const fourth = await runOk(spec(4));
    expect(fourth.result.entities[0]).toMatchObject({ status: 'done', deleted: 0 });
    const back = (await readVersions(wh, entity.value)).filter((v) => v.values[0] === '2' && v.current);
    expect(back.map((v) => [v.deleted, v.values[2]])).toEqual([[false, '2026-02-26']]);
  });
});
