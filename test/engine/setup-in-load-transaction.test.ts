// A first run whose load failed after setup (here: a business key staged twice, which the check
// step refuses) left psg.*, zdm.control_parameters and the staging table behind: setup ran and
// committed on its own before the load. Where the warehouse's DDL is transactional (PostgreSQL,
// DuckDB) the load's transaction now opens before setup, so such a run leaves none of Landfall's
// schemas or tables. MariaDB commits every CREATE implicitly: there setup still commits before the
// load, and its tables stay (documented here so that a change of it is seen).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, createWarehouse, jobSpec, run, runOk, WAREHOUSE_KINDS, workspace, type TestWarehouse, type WarehouseKind, type Workspace } from './fixtures.ts';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import type { LogEntry } from '../../shared/plan/statement-log.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
];

/** Where each warehouse's setup commits: with the load, or on its own before it. */
const SETUP_COMMITS: Record<WarehouseKind, 'withLoad' | 'before'> = { postgres: 'withLoad', duckdb: 'withLoad', mariadb: 'before' };

/** Every schema and table in the warehouse that is not the server's own, sorted. */
async function objects(wh: TestWarehouse): Promise<string[]> {
  const rows = wh.kind === 'postgres'
    ? await wh.query(`SELECT 'schema ' || schema_name FROM information_schema.schemata WHERE schema_name NOT LIKE 'pg\\_%' AND schema_name NOT IN ('information_schema', 'public')
        UNION ALL SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`)
    : wh.kind === 'duckdb'
      ? await wh.query(`SELECT 'schema ' || schema_name FROM information_schema.schemata WHERE catalog_name = current_database() AND schema_name NOT IN ('main', 'information_schema', 'pg_catalog')
          UNION ALL SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_catalog = current_database()`)
      : await wh.query('SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()');
  return rows.map((r) => r[0]!).sort();
}

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('a load that fails after setup, on a %s warehouse', (kind) => {
  it('leaves no schema or table where DDL is transactional; the good entity of the same run loads', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('dup', COLUMNS);
    await source.insert('dup', COLUMNS, [[1, 'one'], [1, 'again'], [2, 'two']]);
    await source.createTable('good', COLUMNS);
    await source.insert('good', COLUMNS, [[1, 'one'], [2, 'two']]);
    const wh = await createWarehouse(kind, ws);
    const entity = (name: string) => ({
      entity: { name, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: name, source: { kind: 'table' as const, connection: 'src', table: name }, pattern: { kind: 'full' as const }, format: { kind: 'csv' as const, ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } },
    });
    const spec = (names: string[], batchId: number) => jobSpec({ ws, connections: [source.connection, wh.connection], batchId, parallel: 2, entities: names.map(entity) });
    const statements = (events: EngineEvent[], name: string): LogEntry[] =>
      events.flatMap((e) => (e.type === 'entity:statement' && e.entity === name ? [e.entry] : []));
    const before = kind === 'duckdb' ? [] : await objects(wh);

    // 1. A fresh warehouse: the only entity fails in its check step, after setup has run.
    const first = await run(spec(['dup'], 1));
    expect(first.result.entities[0]!.status).toBe('failed');
    expect(first.result.entities[0]!.error).toContain('the key id = 1 appears 2 times');
    const log = statements(first.events, 'dup');
    const setupAt = log.findIndex((e) => e.step === 'setup');
    if (SETUP_COMMITS[kind] === 'withLoad') {
      expect(log[setupAt]!.sql).toBe(wh.dialect.beginTransaction);
      expect(log.at(-1)).toMatchObject({ step: 'check', sql: wh.dialect.rollback });
      // The DuckDB file is opened (so created) once the files have landed; it holds nothing.
      expect(await objects(wh)).toEqual(before);
    } else {
      expect(log[setupAt]!.sql).not.toBe(wh.dialect.beginTransaction);
      expect(log.some((e) => e.sql === wh.dialect.rollback)).toBe(false);
      expect(await wh.exists('psg', 'dup')).toBe(true);
      expect(await wh.exists('zdm', 'control_parameters')).toBe(true);
    }

    // 2. Still fresh where it was: both entities at once; the good one creates the shared schemas
    // and control table, the failing one's tables are rolled back with its load.
    const second = await run(spec(['dup', 'good'], 2));
    expect(second.result.entities.map((e) => [e.entity, e.status])).toEqual([['dup', 'failed'], ['good', 'done']]);
    expect(second.result.entities[1]).toMatchObject({ inserted: 2 });
    expect(await wh.exists('psg', 'good')).toBe(true);
    expect(await wh.exists('zdm', 'control_parameters')).toBe(true);
    expect(await wh.exists('psg', 'dup')).toBe(SETUP_COMMITS[kind] === 'before');
    expect(await wh.exists('temp', 'dup')).toBe(SETUP_COMMITS[kind] === 'before');
    const afterGood = await objects(wh);

    // 3. The warehouse is set up now: the failing entity's setup still goes with its load.
    const third = await run(spec(['dup'], 3));
    expect(third.result.entities[0]!.status).toBe('failed');
    expect(await objects(wh)).toEqual(afterGood);

    // 4. Fixed at the source, it loads; the two entities run together again, each in its transaction.
    await source.exec("DELETE FROM dup WHERE name = 'again'");
    const fixed = await runOk(spec(['dup', 'good'], 4));
    expect(fixed.result.entities.map((e) => [e.entity, e.status, e.inserted])).toEqual([['dup', 'done', 2], ['good', 'done', 0]]);
    expect(await wh.exists('psg', 'dup')).toBe(true);
  });
});
