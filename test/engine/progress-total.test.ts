// The progress percentage needs a total: the plan's estimate step reads the source's row count
// (PostgreSQL's reltuples, MariaDB's TABLE_ROWS, SQLite's COUNT(*), DuckDB's estimated_size) before a table is read whole,
// and the engine's progress events carry it; a window, or a table PostgreSQL has never analysed,
// has none, so no percentage can be made up from it. A files source is measured in bytes.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConnection } from '../../shared/model/index.ts';
import type { EngineEvent, ProgressTotal } from '../../shared/protocol/engine.ts';
import { createSource, createWarehouse, jobSpec, must, runOk, workspace, type TestRow, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(40)' },
  { name: 'changed', type: 'int' },
];
const ROWS = 2500;
const SOURCE_ROWS: TestRow[] = Array.from({ length: ROWS }, (_, i) => [i + 1, `row ${i + 1}`, i % 7]);

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const totals = (events: readonly EngineEvent[]): (ProgressTotal | undefined)[] =>
  events.flatMap((e) => (e.type === 'entity:progress' ? [e.total] : []));
const estimateLog = (events: readonly EngineEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'entity:statement' && e.entry.step === 'estimate' ? [e.entry.sql] : []));

describe.each(['postgres', 'mariadb', 'sqlite', 'duckdb'] as const)('a %s source', (kind) => {
  async function loaded(pattern: 'full' | 'incremental') {
    const source = await createSource(kind, ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, SOURCE_ROWS);
    const wh = await createWarehouse('duckdb', ws);
    const spec = (batchId: number) => jobSpec({
      ws, connections: [source.connection, wh.connection], batchId,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: {
          entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' },
          pattern: pattern === 'full' ? { kind: 'full' } : { kind: 'incremental', changeColumns: [{ column: 'changed' }] },
        },
      }],
    });
    return { source, spec };
  }

  it('a table read whole: the estimate step runs on the source and every progress event carries its count', async () => {
    const { source, spec } = await loaded('full');
    // The catalogs' estimates are kept by ANALYZE (autovacuum, InnoDB's statistics); SQLite counts.
    if (kind === 'postgres') await source.exec('ANALYZE items');
    if (kind === 'mariadb') await source.exec('ANALYZE TABLE items');
    const { events } = await runOk(spec(1));
    await source.close();
    expect(estimateLog(events)).toHaveLength(1);
    const seen = totals(events);
    expect(seen.length).toBeGreaterThan(0);
    for (const total of seen) {
      expect(total?.kind).toBe('rows');
      // InnoDB samples pages: its TABLE_ROWS is near the count, not exact.
      if (kind === 'mariadb') expect(Math.abs(total!.expected - ROWS)).toBeLessThan(ROWS / 2);
      else expect(total).toEqual({ kind: 'rows', expected: ROWS });
    }
  });

  it('a view read whole claims no total (SQLite: counting it would run the view once more)', async () => {
    const { source, spec } = await loaded('full');
    await source.exec('ALTER TABLE items RENAME TO items_base');
    await source.exec('CREATE VIEW items AS SELECT * FROM items_base');
    const { events, result } = await runOk(spec(1));
    await source.close();
    expect(result.entities[0]!.rows).toBe(ROWS);
    // PostgreSQL, MariaDB and DuckDB keep no estimate of a view either: their catalogs answer nothing.
    expect(totals(events).every((t) => t === undefined)).toBe(true);
  });

  it('an incremental window reads no estimate, and its progress carries no total', async () => {
    const { source, spec } = await loaded('incremental');
    await runOk(spec(1));
    await source.insert('items', COLUMNS, [[ROWS + 1, 'late', 99]]);
    const { events, result } = await runOk(spec(2));
    await source.close();
    expect(result.entities[0]!.inserted).toBe(1);
    expect(estimateLog(events)).toEqual([]);
    expect(totals(events).every((t) => t === undefined)).toBe(true);
  });
});

it('a PostgreSQL table never analysed (reltuples -1): the estimate is read, and no total is claimed', async () => {
  const source = await createSource('postgres', ws);
  await source.createTable('items', COLUMNS);
  await source.insert('items', COLUMNS, SOURCE_ROWS);
  const wh = await createWarehouse('duckdb', ws);
  const { events } = await runOk(jobSpec({
    ws, connections: [source.connection, wh.connection], batchId: 1,
    entities: [{ entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' }, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' } } }],
  }));
  await source.close();
  expect(estimateLog(events)).toHaveLength(1);
  expect(totals(events).every((t) => t === undefined)).toBe(true);
});

it('a files source: the total is the matched files\' bytes, and the last progress has read them all', async () => {
  const inbox = join(ws.dir, 'inbox');
  mkdirSync(inbox);
  const sizes: number[] = [];
  for (let f = 0; f < 3; f++) {
    const lines = Array.from({ length: 4000 }, (_, i) => `${f * 4000 + i + 1},name ${i},${i % 5}`);
    writeFileSync(join(inbox, `items_${f}.csv`), `id,name,changed\n${lines.join('\n')}\n`);
    sizes.push(statSync(join(inbox, `items_${f}.csv`)).size);
  }
  const wh = await createWarehouse('duckdb', ws);
  const { events } = await runOk(jobSpec({
    ws, connections: [must(parseConnection({ name: 'inbox', kind: 'localfs', path: inbox })), wh.connection], batchId: 1,
    entities: [{
      entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: 'items', source: { kind: 'files', connection: 'inbox', pattern: 'items_*.csv', parallelFiles: 2, format: { kind: 'csv' } }, pattern: { kind: 'multiWildCardFile' } },
    }],
  }));
  const seen = totals(events);
  const expected = sizes.reduce((a, b) => a + b, 0);
  expect(seen.length).toBeGreaterThan(0);
  for (const total of seen) expect(total).toMatchObject({ kind: 'bytes', expected });
  expect(seen.at(-1)).toEqual({ kind: 'bytes', expected, read: expected });
  // Read only grows.
  const read = seen.map((t) => (t?.kind === 'bytes' ? t.read : -1));
  expect(read).toEqual([...read].sort((a, b) => a - b));
});
