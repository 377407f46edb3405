// Promise 2, exact or fail, for the two values a CSV file can confuse: a NULL lands as NULL and an
// empty string as an empty string, in one text column side by side, and a NULL of every other
// type (numbers, decimals, dates, times of day, booleans) lands as NULL — through real runs from
// PostgreSQL (COPY and row paths) and SQLite sources, into MariaDB (LOAD DATA), PostgreSQL (COPY)
// and DuckDB (read_csv, read_parquet) warehouses, unpartitioned and partitioned by the text column
// itself (its NULL and its '' in folders of their own).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractInput } from '../../shared/model/index.ts';
import { canonical, columnTypes, createSource, createWarehouse, expectedText, jobSpec, listTree, readVersions, run, runOk, workspace, type TestRow, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'label', type: 'string(20)' },
  { name: 'qty', type: 'int' },
  { name: 'price', type: 'decimal(10,2)' },
  { name: 'day', type: 'date' },
  { name: 'at', type: 'datetime' },
  { name: 'flag', type: 'boolean' },
  { name: 'tail', type: 'string(20)' },
];

// `tail` is last on the line, where a reader may treat a missing field and an empty one alike.
const ROWS: TestRow[] = [
  [1, null, null, null, null, null, null, null],
  [2, '', 0, '0.00', '2026-01-02', '2026-01-02 03:04:05', false, ''],
  [3, 'NULL', 7, '-1.50', '1999-12-31', '2026-01-02 00:00:00', true, null],
  [4, ' ', null, null, null, null, null, ''],
  [5, '""', -1, '12.34', '2024-02-29', '2026-12-31 23:59:59.5', null, 'NULL'],
  [6, null, 3, null, '2026-06-01', null, false, ' '],
];

type Layout = 'flat' | 'partitioned';
interface Case {
  readonly source: 'postgres' | 'sqlite';
  readonly warehouse: 'mariadb' | 'postgres' | 'duckdb';
  readonly format: ExtractInput['format'];
  readonly layout: Layout;
}

const FORMATS: readonly Pick<Case, 'warehouse' | 'format'>[] = [
  { warehouse: 'mariadb', format: { kind: 'csv', nullMarker: 'NULL' } },
  { warehouse: 'postgres', format: { kind: 'csv' } },
  { warehouse: 'duckdb', format: { kind: 'csv' } },
  { warehouse: 'duckdb', format: { kind: 'parquet' } },
  // A marker a number or a boolean can be written as: 0, false (written 0) and 1, true (1) stay values.
  { warehouse: 'duckdb', format: { kind: 'csv', nullMarker: '0' } },
  { warehouse: 'postgres', format: { kind: 'csv', nullMarker: '1' } },
];
const CASES: Case[] = (['postgres', 'sqlite'] as const).flatMap((source) =>
  FORMATS.flatMap((f) => (['flat', 'partitioned'] as const).map((layout) => ({ source, ...f, layout }))),
);

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe('a NULL lands as NULL and an empty string as an empty string', () => {
  it.each(CASES)('$source → $warehouse, $format.kind, $layout', async (c) => {
    const source = await createSource(c.source, ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, ROWS);
    const wh = await createWarehouse(c.warehouse, ws);
    const layout: ExtractInput['layout'] = c.layout === 'partitioned' ? { partition: { kind: 'value', column: 'label' } } : undefined;
    const specOf = (batchId: number) => jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: c.format, ...(layout ? { layout } : {}) },
      }],
    });
    const spec = specOf(1);
    const { result } = await runOk(spec);
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS.length, inserted: ROWS.length });
    const entity = spec.entities[0]!.entity;
    const types = columnTypes(entity);
    const stored = (await readVersions(wh, entity)).filter((v) => v.current).map((v) => v.values);
    expect(stored).toEqual(ROWS.map((row) => row.map((value, i) => canonical(expectedText(value), types[i]!))));
    // The rerun of an unchanged source sees the same values: no row looks changed by its NULLs.
    const rerun = await runOk(specOf(2));
    expect(rerun.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
  });
});

describe('a NULL marker the warehouse cannot read back is refused before anything is read', () => {
  // MariaDB's LOAD DATA reads an empty field as '' (0, '0000-00-00'): files written with the
  // empty marker (the schema's default) would land every NULL of a text column as ''. The
  // project's validation refuses it; the engine must not trust a spec made without it.
  it.each(['postgres', 'sqlite'] as const)('%s → mariadb, CSV with the empty NULL marker', async (sourceKind) => {
    const source = await createSource(sourceKind, ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, ROWS);
    const wh = await createWarehouse('mariadb', ws);
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', nullMarker: '' } },
      }],
    });
    const { result } = await run(spec);
    expect(result.entities[0]).toMatchObject({
      status: 'failed',
      rows: 0,
      error: 'entity "items": MariaDB\'s LOAD DATA reads NULL only as the unquoted word NULL, but the extract writes NULL as "", which would land NULLs as values: set the extract\'s NULL marker to "NULL"',
    });
    expect(await listTree(ws.lake)).toEqual([]);
    expect(await wh.exists('psg', 'items')).toBe(false);
    expect(await wh.exists('zdm', 'control_parameters')).toBe(false);
  });
});
