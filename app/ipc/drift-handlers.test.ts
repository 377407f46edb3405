// The schema drift review through the real gate (dispatch) and handlers, on the demo's SQLite source
// and DuckDB warehouse with real runs: a run stopped by a new source column (policy fail) carries the
// drift in its result; the review lists the difference, the entity change and the migration DDL
// (the statements `landfall migrate --dry-run` prints); applying it lets the next run load the new
// column; a gone column stops the run under any policy, its review proposes removing it, and a
// policy switch is saved as asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import type { StagingEntity } from '../../shared/model/schema.ts';
import { designerHandlers } from '../../test/ipc/designer-handlers.ts';

describe('schema drift review: differences, apply to the entity, switch the policy', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-drift-'));
  const { handlers, call, runEntities, runResult } = designerHandlers(dir);
  const source = (statement: string): void => {
    const db = new Database(join(dir, 'sales-source.sqlite'));
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
  };
  const product = async (): Promise<StagingEntity> => (await call('project:current', undefined))!.project.entities.find((e) => e.name === 'product')!;
  const warehouseColumns = async (): Promise<string[]> => {
    const instance = await DuckDBInstance.create(join(dir, 'warehouse.duckdb'), { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_schema = 'psg' AND table_name = 'product' ORDER BY ordinal_position");
      return reader.getRows().map((r) => String(r[0]));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  };

  beforeAll(async () => {
    await call('project:create', { path: join(dir, 'demo.landfall'), demo: true, typed: true });
  });
  afterAll(async () => {
    await handlers.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reviews a new source column that stopped a run, applies it with the migration shown, and the next run loads it', async () => {
    await runEntities(['product']);
    // Nothing differs yet: nothing to apply.
    const calm = await call('drift:review', { entityName: 'product' });
    expect(calm).toMatchObject({ entity: 'product', policy: 'warn', breaking: [], added: [], entityChanges: [], problems: [], statements: [] });
    await expect(call('drift:apply', { entityName: 'product', change: { kind: 'columns' } })).resolves.toEqual({ ok: false, issues: [{ object: 'entity "product"', field: 'columns', message: 'already reads every column of its source: nothing to apply' }] });

    const policy = await call('drift:apply', { entityName: 'product', change: { kind: 'policy', policy: 'fail' } });
    expect(policy).toMatchObject({ ok: true, value: { schemaDrift: 'fail' } });
    source('ALTER TABLE products ADD COLUMN weight_kg REAL');
    const stopped = await runResult(['product']);
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toContain('source table products changed and the entity\'s schemaDrift policy is fail');
    expect(stopped.drift).toEqual({ breaking: [], added: ['source column "weight_kg" is not read by the extract: add it to the entity to load it'] });

    const review = await call('drift:review', { entityName: 'product' });
    expect(review).toMatchObject({ policy: 'fail', source: 'connection "sales", products', breaking: [], added: stopped.drift!.added, problems: [] });
    expect(review.entityChanges).toEqual([expect.stringMatching(/^column "weight_kg" \(.+, nullable\) added to the entity: new in the source$/)]);
    expect(review.statements.join('\n')).toMatch(/ALTER TABLE "psg"\."product" ADD COLUMN "weight_kg"/);
    expect(review.note).toBe('runs in one transaction: all of it or none');
    // A review is a dry run: persistent staging is as it was, and so is the entity.
    expect(await warehouseColumns()).not.toContain('weight_kg');
    expect((await product()).columns.map((c) => c.name)).not.toContain('weight_kg');

    const applied = await call('drift:apply', { entityName: 'product', change: { kind: 'columns' } });
    expect(applied.ok).toBe(true);
    expect((await product()).columns.at(-1)).toMatchObject({ name: 'weight_kg', nullable: true });
    expect((await product()).schemaDrift).toBe('fail');
    await runEntities(['product']);
    expect(await warehouseColumns()).toContain('weight_kg');
    expect(await call('drift:review', { entityName: 'product' })).toMatchObject({ breaking: [], added: [], entityChanges: [] });
  });

  it('reviews a gone source column, refuses to remove a key or a mapped column, removes a plain one', async () => {
    source('ALTER TABLE products DROP COLUMN weight_kg');
    const stopped = await runResult(['product']);
    expect(stopped.status).toBe('failed');
    expect(stopped.drift?.breaking).toEqual(['source column "weight_kg" is gone (entity column "weight_kg" reads it): restore it at the source, map "weight_kg" to another expression, or remove the column from the entity']);
    const review = await call('drift:review', { entityName: 'product' });
    expect(review.entityChanges).toEqual(['column "weight_kg" removed from the entity: gone from the source']);
    // The column was added nullable: it stays as history with no DDL, only the record of the entity's columns changes.
    expect(review.statements.join('\n')).not.toContain('ALTER TABLE');
    expect(review.statements.join('\n')).toContain('DELETE FROM "zdm"."entity_columns" WHERE "entity" = \'product\'');
    expect(review.problems).toEqual([]);

    // A mapped column whose source column is gone cannot be fixed by the review: the mapping must change.
    source('ALTER TABLE products RENAME COLUMN name TO title');
    const mapped = await call('drift:review', { entityName: 'product' });
    expect(mapped.problems).toEqual(['entity column "product_name" is mapped to source column "name", which is gone: map it to another expression in the extract']);
    await expect(call('drift:apply', { entityName: 'product', change: { kind: 'columns' } })).resolves.toMatchObject({ ok: false, issues: [{ field: 'columns', message: mapped.problems[0] }] });
    expect((await product()).columns.map((c) => c.name)).toContain('weight_kg');
    source('ALTER TABLE products RENAME COLUMN title TO name');

    await expect(call('drift:apply', { entityName: 'product', change: { kind: 'columns' } })).resolves.toMatchObject({ ok: true });
    expect((await product()).columns.map((c) => c.name)).not.toContain('weight_kg');
    await runEntities(['product']);
    // Kept in persistent staging as history.
    expect(await warehouseColumns()).toContain('weight_kg');

    // The page cannot pick a policy the model does not have; a real one is saved.
    await expect(call('drift:apply', { entityName: 'product', change: { kind: 'policy', policy: 'sometimes' } } as never)).rejects.toThrow('drift:apply: invalid argument');
    await expect(call('drift:apply', { entityName: 'product', change: { kind: 'policy', policy: 'ignore' } })).resolves.toMatchObject({ ok: true, value: { schemaDrift: 'ignore' } });
    // A query source has no table to compare with.
    await expect(call('drift:review', { entityName: 'sales_order_line' })).rejects.toThrow('entity "sales_order_line" reads a query: schema drift is checked for a source table or view only');
  });
});
