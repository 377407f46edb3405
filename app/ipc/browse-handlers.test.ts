// The designer's data looks through the real gate (dispatch) and handlers: the first rows of an
// extract query from SQLite and PostgreSQL (a deadline and a cancel against a query that sleeps on
// the server), the landed files of real runs read with DuckDB, the lake's sets, and persistent
// staging's batches and a key's versions after a source change.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { designerHandlers } from '../../test/ipc/designer-handlers.ts';
import { createPostgresDatabase, type TestDatabase } from '../../test/services/databases.ts';

describe('data preview, lake browser and versions', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-browse-'));
  const { handlers, call, runEntities: run } = designerHandlers(dir, { previewTimeoutMs: 2000 });
  const runEntities = async (entities: string[]): Promise<void> => void (await run(entities));
  let db: TestDatabase;

  beforeAll(async () => {
    await call('project:create', { path: join(dir, 'demo.landfall'), demo: true, typed: true });
    db = await createPostgresDatabase(inject('postgres'), 'browse_preview');
  });
  afterAll(async () => {
    await handlers.dispose();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the first rows of the extract query, typed by the entity, with @parameters bound to sample values', async () => {
    const grid = await call('preview:source', { entityName: 'product', previewId: 'p1' });
    expect(grid.columns.map((c) => `${c.name}: ${c.type}`)).toContain('source_system: string(20)');
    const system = grid.columns.findIndex((c) => c.name === 'source_system');
    expect(grid.rows.length).toBeGreaterThan(0);
    expect(grid.rows.every((row) => row[system] === 'demo-sales')).toBe(true);
    expect(grid.statement).toContain("'demo-sales'");
    expect(grid.from).toBe('products on sqlite connection "sales"');
  });

  it('reads at most 100 rows of a large source and says there were more; a draft is previewed as typed', async () => {
    const project = (await call('project:current', undefined))!.project;
    const extract = project.extracts.find((x) => x.entity === 'customer')!;
    const endless = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) SELECT i AS customer_id, \'c\' || i AS name, NULL AS email, NULL AS city, NULL AS country, \'2024-01-01 00:00:00\' AS created_at, NULL AS modified_at FROM n';
    const started = performance.now();
    const grid = await call('preview:source', { entityName: 'customer', extract: { ...extract, source: { kind: 'query', connection: 'sales', sql: endless } }, previewId: 'p2' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(grid.rows).toHaveLength(100);
    expect(grid.truncated).toBe(true);
    expect(grid.rows[99]![0]).toBe('100');
  });

  const sleepingEntity = async (): Promise<void> => {
    await call('connection:save', { connection: { name: 'pg', kind: 'postgres', host: db.host, port: db.port, database: db.database, user: db.user }, secrets: { password: db.password || 'unused' } });
    await call('entity:save', { entity: { name: 'sleepy', columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'warehouse' } });
    await call('extract:save', { extract: { entity: 'sleepy', source: { kind: 'query', connection: 'pg', sql: 'SELECT 1 AS id FROM pg_sleep(30)' }, pattern: { kind: 'full' }, lander: { connection: 'lake' } } });
  };
  const sleeping = async (): Promise<number> => {
    const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
    await client.connect();
    try {
      const found = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()");
      return Number(found.rows[0]!.n);
    } finally {
      await client.end();
    }
  };

  it('stops a source that does not answer within the deadline, naming the connection', async () => {
    await sleepingEntity();
    const started = performance.now();
    await expect(call('preview:source', { entityName: 'sleepy', previewId: 'p3' })).rejects.toThrow('postgres connection "pg" did not answer within 2 s: the preview was stopped');
    expect(performance.now() - started).toBeLessThan(6000);
  });

  it('cancels a running preview at once; a cancel of a preview that is not running answers false', async () => {
    const previewing = call('preview:source', { entityName: 'sleepy', previewId: 'p4' });
    previewing.catch(() => undefined);
    await expect.poll(sleeping, { timeout: 5000 }).toBeGreaterThan(0);
    const started = performance.now();
    await expect(call('preview:cancel', { previewId: 'p4' })).resolves.toBe(true);
    await expect(previewing).rejects.toThrow('the preview was cancelled');
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(call('preview:cancel', { previewId: 'p4' })).resolves.toBe(false);
  });

  it('lists the lake sets of real runs, opens their files with DuckDB, and refuses paths outside them', async () => {
    await expect(call('preview:landed', { entityName: 'customer' })).rejects.toThrow('entity "customer" has no published Latest set in lander "lake" yet: run it first');
    await runEntities(['customer', 'product']);
    const landed = await call('preview:landed', { entityName: 'customer' });
    expect(landed.columns.find((c) => c.name === 'customer_id')?.type).toMatch(/INTEGER/);
    expect(landed.rows.length).toBeGreaterThan(0);
    // CSV files hold text: the entity's types stand beside them.
    const products = await call('preview:landed', { entityName: 'product' });
    expect(products.columns.find((c) => c.name === 'unit_price')?.type).toBe('decimal(10,2)');

    const [latest, ...archived] = await call('lake:sets', { entityName: 'customer' });
    expect(latest).toMatchObject({ kind: 'latest', folder: 'customer/Latest' });
    expect(archived).toEqual([]);
    const rows = latest!.files.reduce((sum, f) => sum + f.rows, 0);
    expect(rows).toBe(500);
    expect(landed).toMatchObject({ truncated: true, from: 'customer/Latest (1 file) on lander "lake"' });
    expect(landed.rows).toHaveLength(100);
    const file = await call('lake:readFile', { entityName: 'customer', path: latest!.files[0]!.path });
    expect(file.rows).toEqual(landed.rows);
    await expect(call('lake:readFile', { entityName: 'customer', path: '../../../etc/passwd' })).rejects.toThrow('climbs out of its folder');
    await expect(call('lake:readFile', { entityName: 'customer', path: 'customer/Latest/_manifest.json' })).rejects.toThrow('"customer/Latest/_manifest.json" is not a file of a published set of entity "customer" in lander "lake"');
    await expect(call('lake:readFile', { entityName: 'customer', path: 'product/Latest/' + latest!.files[0]!.name })).rejects.toThrow('is not a file of a published set');
  });

  it('counts what each batch wrote and shows a changed key\'s versions, after a source change', async () => {
    const source = new Database(join(dir, 'sales-source.sqlite'));
    try {
      source.prepare("UPDATE customers SET city = 'Zwolle', modified_at = '2026-03-31 10:00:00' WHERE customer_id = 3").run();
      // The source's referential integrity is not what this test is about.
      source.pragma('foreign_keys = OFF');
      source.prepare('DELETE FROM customers WHERE customer_id = 5').run();
    } finally {
      source.close();
    }
    await runEntities(['customer']);
    const batches = await call('versions:batches', { entityName: 'customer' });
    expect(batches).toHaveLength(2);
    const total = (await call('lake:sets', { entityName: 'customer' }))[1]!.files.reduce((sum, f) => sum + f.rows, 0);
    expect(batches[1]).toMatchObject({ inserted: total, changed: 0, deleted: 0 });
    expect(batches[0]).toMatchObject({ inserted: 0, changed: 1, deleted: 1 });
    expect(BigInt(batches[0]!.batchId)).toBeGreaterThan(BigInt(batches[1]!.batchId));

    const timeline = await call('versions:timeline', { entityName: 'customer', key: ['3'] });
    expect(timeline).toHaveLength(2);
    expect(timeline[0]).toMatchObject({ isCurrent: false, isDeleted: false, changed: [] });
    expect(timeline[0]!.validTo).toBe(timeline[1]!.validFrom);
    expect(timeline[1]).toMatchObject({ isCurrent: true, validTo: null, values: { city: 'Zwolle' } });
    expect(timeline[1]!.changed).toEqual(['city', 'modified_at']);
    const gone = await call('versions:timeline', { entityName: 'customer', key: ['5'] });
    expect(gone.at(-1)).toMatchObject({ isDeleted: true });
    await expect(call('versions:timeline', { entityName: 'customer', key: ['three'] })).rejects.toThrow('business key column "customer_id" is int: "three" is not a whole number');
    await expect(call('versions:timeline', { entityName: 'customer', key: ['3', '4'] })).rejects.toThrow('has a business key of 1 column (customer_id): give 1 value, not 2');
  });

  it('shows the saved watermarks of an incremental entity, and the extract the next run will use with them', async () => {
    await expect(call('ledger:current', { entityName: 'sales_order' })).resolves.toEqual({});
    await runEntities(['sales_order']);
    const saved = await call('ledger:current', { entityName: 'sales_order' });
    expect(Object.keys(saved)).toEqual(['changed_at']);
    expect(saved.changed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const next = await call('sql:preview', { entityName: 'sales_order', watermarks: saved });
    const extract = next.ok ? next.steps.find((s) => s.step === 'extract')!.text : '';
    // The saved value less the pattern's lookback, as the run will compare it.
    expect(extract).toMatch(/\nWHERE \(COALESCE\(modified_at, created_at\)\) > '\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+';$/);
  });
});
