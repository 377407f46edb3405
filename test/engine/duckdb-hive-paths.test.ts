// DuckDB guesses Hive partitioning from a path's `key=value` folders: a lander folder named like
// one (here `payload=oops`, the name of an entity column, and `region=eu`) must not add a column
// to staging or replace the files' own values, in CSV or Parquet, unpartitioned or in a date layout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, readVersions, runOk, workspace, type TestRow, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'payload', type: 'string(40)' },
  { name: 'happened', type: 'date' },
];
const ROWS: TestRow[] = [[1, 'first', '2026-01-05'], [2, null, '2026-02-10'], [3, 'third', '2026-02-11']];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const CASES = (['csv', 'parquet'] as const).flatMap((format) =>
  (['payload=oops', 'region=eu/payload=oops'] as const).flatMap((folder) => (['flat', 'date'] as const).map((layout) => ({ format, folder, layout }))),
);

describe('a lander folder that looks like a Hive partition', () => {
  it.each(CASES)('$format, folder $folder, $layout layout', async ({ format, folder, layout }) => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, ROWS);
    const wh = await createWarehouse('duckdb', ws);
    const partition: ExtractInput['layout'] = layout === 'date' ? { partition: { kind: 'date', column: 'happened', granularity: 'month' } } : undefined;
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: {
          entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' },
          format: { kind: format }, lander: { connection: 'lake', folder }, ...(partition ? { layout: partition } : {}),
        },
      }],
    });
    await runOk(spec);
    expect((await wh.query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'stage' AND table_name = 'items' ORDER BY ordinal_position")).flat()).toEqual(['id', 'payload', 'happened']);
    const current = (await readVersions(wh, spec.entities[0]!.entity)).filter((v) => v.current).map((v) => v.values);
    expect(current).toEqual(ROWS.map((row) => row.map((v) => (v === null ? null : String(v)))));
  });
});
