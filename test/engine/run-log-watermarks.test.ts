// zdm.entity_run_watermarks: one row per saved parameter of each entity run, so an Incremental
// extract with two change columns records both (zdm.entity_run_log keeps only the first in its
// own columns), on DuckDB, PostgreSQL and MariaDB, with each column's value before and after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, createWarehouse, jobSpec, runOk, WAREHOUSE_KINDS, workspace, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'version', type: 'bigint' },
  { name: 'changed_on', type: 'date' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('every watermark of an entity run is recorded', () => {
  it.each(WAREHOUSE_KINDS)('%s: both change columns, before and after', async (kind) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, [[1, 10, '2026-01-01'], [2, 20, '2026-01-03']]);
    const wh = await createWarehouse(kind, ws);
    const spec = (batchId: number) => jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'version' }, { column: 'changed_on' }] } },
      }],
    });
    const first = spec(1);
    await runOk(first);
    await source.insert('items', COLUMNS, [[3, 30, '2026-01-05']]);
    const second = spec(2);
    await runOk(second);
    const d = wh.dialect;
    const rows = await wh.query(`SELECT ${['run_id', 'entity', 'parameter', 'watermark_before', 'watermark_after'].map((c) => d.quote(c)).join(', ')} FROM ${d.table('zdm', 'entity_run_watermarks')} ORDER BY ${d.quote('watermark_after')}, ${d.quote('parameter')}`);
    const day = (text: string | null): string | null => text?.slice(0, 10) ?? null;
    const shown = rows.map(([run, entity, parameter, before, after]) => [run === first.runId ? 1 : run === second.runId ? 2 : run, entity, parameter, parameter === 'changed_on' ? day(before!) : before, parameter === 'changed_on' ? day(after!) : after]);
    expect(shown.sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[2]).localeCompare(String(b[2])))).toEqual([
      [1, 'items', 'changed_on', null, '2026-01-03'],
      [1, 'items', 'version', null, '20'],
      [2, 'items', 'changed_on', '2026-01-03', '2026-01-05'],
      [2, 'items', 'version', '20', '30'],
    ]);
    // The entity's own row still names the first change column.
    expect(await wh.query(`SELECT ${d.quote('watermark_parameter')} FROM ${d.table('zdm', 'entity_run_log')} ORDER BY ${d.quote('started_at')}`)).toEqual([['version'], ['version']]);
  });
});
