// A parallel extract's plan is what runs: `landfall run` of a PostgreSQL table read by four
// connections (CSV and binary COPY for Parquet, key and ctid ranges), then for each run
// `landfall sql --run` is byte-identical to its statement log, snapshot and bounds included; the
// preview shows the partition step and sample ranges, marked as samples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ProjectStore } from '../../app/store/project-store.ts';
import type { Connection } from '../../shared/model/index.ts';
import { landfall } from './landfall-cli.ts';
import { createSource, createWarehouse, workspace, type TestSource, type Workspace } from '../engine/fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'bigint', nullable: false },
  { name: 'code', type: 'string(20)', nullable: false },
  { name: 'amount', type: 'decimal(12,2)' },
];
const ENTITIES = {
  big_copy: { key: 'id', format: { kind: 'csv' } },
  big_rows: { key: 'id', format: { kind: 'parquet' } },
  big_pages: { key: 'code', format: { kind: 'csv' } },
} as const;
type Entity = keyof typeof ENTITIES;

function stored(connection: Connection): Connection {
  if ('password' in connection && connection.password !== undefined && connection.password !== '') {
    process.env.LF_PARALLEL_PLAN_PASSWORD = connection.password;
    return { ...connection, password: '${env:LF_PARALLEL_PLAN_PASSWORD}' };
  }
  return connection;
}

describe('the plan of a parallel extract', () => {
  let ws: Workspace;
  let file: string;
  let source: TestSource;
  let runs: string[];

  beforeAll(async () => {
    ws = await workspace();
    source = await createSource('postgres', ws);
    await source.exec(`CREATE TABLE big (id BIGINT PRIMARY KEY, code TEXT NOT NULL, amount NUMERIC(12,2))`);
    await source.exec(`INSERT INTO big SELECT i, 'k' || i, i * 0.5 FROM generate_series(1, 20000) AS i`);
    const warehouse = await createWarehouse('duckdb', ws);
    file = join(ws.dir, 'parallel.landfall');
    const store = ProjectStore.create(file, { name: 'parallel' });
    try {
      store.saveConnection(stored(source.connection));
      store.saveConnection(warehouse.connection);
      store.saveConnection({ name: 'lake', kind: 'localfs', path: ws.lake });
      for (const [name, { key, format }] of Object.entries(ENTITIES)) {
        store.saveEntity({ name, columns: COLUMNS, businessKey: [key], warehouse: warehouse.connection.name });
        store.saveExtract({ entity: name, source: { kind: 'table', connection: source.connection.name, table: 'big' }, pattern: { kind: 'full' }, format, parallelReads: 4, lander: { connection: 'lake' } });
      }
      const valid = store.validate();
      if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    } finally {
      store.close();
    }
    expect(await landfall('run', file, '--batch-date', '2026-03-01')).toMatchObject({ code: 0, err: '' });
    await source.exec(`DELETE FROM big WHERE id % 7 = 0; INSERT INTO big SELECT i, 'k' || i, 1 FROM generate_series(20001, 23000) AS i`);
    expect(await landfall('run', file, '--batch-date', '2026-03-02')).toMatchObject({ code: 0, err: '' });
    const list = ProjectStore.open(file);
    try {
      runs = list.listRuns().map((r) => r.id).reverse();
    } finally {
      list.close();
    }
  }, 240_000);

  afterAll(async () => {
    await ws?.cleanup();
  });

  it.each(Object.keys(ENTITIES) as Entity[])('%s: `landfall sql --run` is byte-identical to the statement log', async (entity) => {
    expect(runs).toHaveLength(2);
    for (const runId of runs) {
      const shown = await landfall('runs', 'show', file, runId, '--entity', entity, '--sql');
      expect(shown.code).toBe(0);
      const log = shown.out.slice(shown.out.indexOf('\n-- entity ') + 1);
      const planned = await landfall('sql', file, entity, '--run', runId);
      expect(planned).toMatchObject({ code: 0, err: '' });
      expect(log).toBe(planned.out);
      expect(log).toMatch(/^-- partition bounds: snapshot [0-9A-F]+-[0-9A-F]+-\d+, /m);
      expect(log).toContain('-- ==== partition: source (postgres) ====\nBEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n\nSELECT pg_export_snapshot();');
      expect(log.match(/^SET TRANSACTION SNAPSHOT '[0-9A-F]+-[0-9A-F]+-\d+';$/gm)).toHaveLength(4);
    }
  });

  it('reads key ranges from the bounds of the run, and page ranges for a table without an integer key', async () => {
    const second = (await landfall('sql', file, 'big_rows', '--run', runs[1]!)).out;
    expect(second).toContain('-- partition bounds: snapshot ');
    expect(second).toContain(', id from 1 to 23000');
    expect(second).toContain('WHERE p."id" < 5751 OR p."id" IS NULL\n');
    expect(second).toContain('WHERE p."id" >= 17251\n');
    const pages = (await landfall('sql', file, 'big_pages', '--run', runs[0]!)).out;
    expect(pages).toMatch(/, \d+ pages\n/);
    expect(pages).toMatch(/\nWHERE ctid < CAST\('\(\d+,0\)' AS tid\)\n\) AS lf_e\n/);
  });

  it('previews the partition step with sample bounds and ranges, marked as samples', async () => {
    const preview = await landfall('sql', file, 'big_copy', '--batch-date', '2026-03-03');
    expect(preview).toMatchObject({ code: 0, err: '' });
    expect(preview.out).toContain('-- partition bounds (sample): snapshot 00000003-00000002-1, id from 1 to 1000000');
    expect(preview.out).toContain('-- 4 readers, each on a connection of its own in the snapshot: 1) id up to 250000, and NULL; 2) id 250001 to 500000; 3) id 500001 to 750000; 4) id from 750001');
    expect(preview.out.match(/SET TRANSACTION SNAPSHOT '00000003-00000002-1';/g)).toHaveLength(4);
    const pages = await landfall('sql', file, 'big_pages', '--batch-date', '2026-03-03');
    expect(pages.out).toContain('-- partition bounds (sample): snapshot 00000003-00000002-1, 10000 pages');
    expect(pages.out).toContain("ctid >= CAST('(7500,0)' AS tid)");
  });
});
