// Schema drift of free query and Multi Wild Card File sources. Before, a query whose table lost a
// column failed on the source's own error and new columns went unnoticed; a file whose header no
// longer had a mapped column failed mid-read. Now the drift step reads a query's columns from a
// probe that returns no row (PostgreSQL, MariaDB, SQLite sources) and a file source's from its
// first file's CSV header or Parquet schema, and compares them with what the extract reads: a new
// column is reported (warn), stops the entity (fail) or is not mentioned (ignore); a column the
// extract reads that is gone stops it under every policy before anything lands, with the fix.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnInput } from '../../shared/model/schema.ts';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { parseConnection } from '../../shared/model/index.ts';
import { openDuckDb } from '../../engine/duckdb.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, listFiles, must, run, runOk, workspace, type SourceKind, type TestSource, type TestWarehouse, type Workspace } from './fixtures.ts';

const COLUMNS: ColumnInput[] = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'amount', type: 'decimal(10,2)' },
];
type Policy = 'warn' | 'fail' | 'ignore';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const ADDED = 'source column "note" is not read by the extract: add it to the entity to load it';
const warnings = (events: readonly EngineEvent[]): string[] => events.flatMap((e) => (e.type === 'log' && e.level === 'warn' ? [e.message] : []));
const stepSql = (events: readonly EngineEvent[], step: string): string[] => events.flatMap((e) => (e.type === 'entity:statement' && e.entry.step === step ? [e.entry.sql] : []));

describe.each(['postgres', 'mariadb', 'sqlite'] as const satisfies readonly SourceKind[])('a free query source on %s changed', (kind) => {
  // SELECT *, with a CTE: the query's columns follow the table's, and the probe hoists the CTE as the extract does.
  const QUERY = 'WITH picked AS (SELECT * FROM items WHERE id > 0) SELECT * FROM picked';
  const specOf = (source: TestSource, wh: TestWarehouse, batchId: number, schemaDrift?: Policy, mappings: { column: string; expression: string }[] = []) => jobSpec({
    ws, connections: [source.connection, wh.connection], batchId,
    entities: [{
      entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', ...(schemaDrift ? { schemaDrift } : {}) },
      extract: { entity: 'items', source: { kind: 'query', connection: 'src', sql: QUERY }, pattern: { kind: 'full' }, mappings, format: { kind: 'csv' } },
    }],
  });
  const loaded = async (schemaDrift?: Policy) => {
    const source = await createSource(kind, ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, [[1, 'first', '1.50'], [2, 'second', null]]);
    const wh = await createWarehouse('duckdb', ws);
    const first = await runOk(specOf(source, wh, 1, schemaDrift));
    expect(first.result.entities[0]).toMatchObject({ status: 'done', inserted: 2 });
    // The probe is the drift step's one statement, in the statement log like any other.
    expect(stepSql(first.events, 'drift')).toEqual([`WITH picked AS (SELECT * FROM items WHERE id > 0)\nSELECT * FROM (\nSELECT * FROM picked\n) AS src\nWHERE 1 = 0`]);
    return { source, wh, files: await listFiles(`${entityFolder(ws, 'items')}/Latest`) };
  };

  it('warn (the default) reports a new column and loads; ignore does not mention it; fail stops before anything lands', async () => {
    const { source, wh, files } = await loaded();
    await source.exec('ALTER TABLE items ADD COLUMN note VARCHAR(30)');
    const warned = await runOk(specOf(source, wh, 2));
    expect(warned.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(warned.result.entities[0]!.evolution).toEqual({ applied: [], reported: [ADDED] });
    expect(warnings(warned.events)).toContain(`schema drift: ${ADDED}`);

    const ignored = await runOk(specOf(source, wh, 3, 'ignore'));
    expect(ignored.result.entities[0]!.evolution).toBeUndefined();
    expect(warnings(ignored.events).filter((w) => w.startsWith('schema drift'))).toEqual([]);

    const before = await listFiles(`${entityFolder(ws, 'items')}/Latest`);
    expect(before.length).toBe(files.length);
    const failed = await run(specOf(source, wh, 4, 'fail'));
    expect(failed.result.entities[0]!.status).toBe('failed');
    expect(failed.result.entities[0]!.error).toBe([
      'entity "items": the source query changed and the entity\'s schemaDrift policy is fail; the run stopped before anything landed:',
      `- ${ADDED}`,
    ].join('\n'));
    expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(before);
  });

  it('a column the query no longer returns stops the entity before anything lands, under every policy; mapping it is the fix', async () => {
    for (const [i, policy] of (['warn', 'ignore'] as const).entries()) {
      if (i) {
        await ws.cleanup();
        ws = await workspace();
      }
      const { source, wh, files } = await loaded(policy);
      await source.exec('ALTER TABLE items RENAME COLUMN amount TO total');
      const { result, events } = await run(specOf(source, wh, 2, policy));
      expect(result.entities[0]!.status).toBe('failed');
      expect(result.entities[0]!.error).toBe([
        'entity "items": the source query no longer has every column the extract reads; the run stopped before anything landed:',
        '- source column "amount" is gone (entity column "amount" reads it): restore it at the source, map "amount" to another expression, or remove the column from the entity',
      ].join('\n'));
      // Stopped at the probe: no extract statement ran, and Latest is as it was.
      expect(stepSql(events, 'extract')).toEqual([]);
      expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(files);
      const fixed = await runOk(specOf(source, wh, 3, policy, [{ column: 'amount', expression: 'total' }]));
      expect(fixed.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
      expect(fixed.result.entities[0]!.evolution).toBeUndefined();
    }
  });
});

describe.each(['csv', 'parquet'] as const)('a %s file source changed', (format) => {
  const inbox = (): string => join(ws.dir, 'inbox');
  /** Writes the day's file with these columns (the first file matched, by name). */
  const writeFile = async (name: string, header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Promise<void> => {
    mkdirSync(inbox(), { recursive: true });
    const path = join(inbox(), `${name}.${format}`);
    if (format === 'csv') {
      writeFileSync(path, `${[header.join(','), ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n')}\n`);
      return;
    }
    const db = await openDuckDb(':memory:');
    const c = await db.connect();
    try {
      const values = rows.map((r) => `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`)).join(', ')})`).join(', ');
      await c.run(`COPY (SELECT * FROM (VALUES ${values}) AS t(${header.map((h) => `"${h}"`).join(', ')})) TO '${path}' (FORMAT parquet)`);
    } finally {
      c.closeSync();
      await db.release();
    }
  };
  const specOf = (wh: TestWarehouse, batchId: number, schemaDrift?: Policy, mappings: { column: string; expression: string }[] = []) => jobSpec({
    ws, connections: [must(parseConnection({ name: 'inbox', kind: 'localfs', path: inbox() })), wh.connection], batchId,
    entities: [{
      entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', ...(schemaDrift ? { schemaDrift } : {}) },
      extract: {
        entity: 'items', source: { kind: 'files', connection: 'inbox', pattern: `items_*.${format}`, format: { kind: format } }, pattern: { kind: 'multiWildCardFile' },
        mappings: [{ column: 'id', expression: 'Item ID' }, ...mappings], format: { kind: 'csv' },
      },
    }],
  });

  it('warn reports a new column in the first file; ignore does not; fail stops before anything lands', async () => {
    const wh = await createWarehouse('duckdb', ws);
    await writeFile('items_1', ['Item ID', 'name', 'amount', 'note'], [[1, 'first', '1.50', 'n']]);
    const warned = await runOk(specOf(wh, 1));
    expect(warned.result.entities[0]).toMatchObject({ status: 'done', inserted: 1 });
    expect(warned.result.entities[0]!.evolution).toEqual({ applied: [], reported: [ADDED] });
    expect(warnings(warned.events)).toContain(`schema drift: ${ADDED}`);

    await writeFile('items_2', ['Item ID', 'name', 'amount', 'note'], [[2, 'second', null, 'n']]);
    const ignored = await runOk(specOf(wh, 2, 'ignore'));
    expect(ignored.result.entities[0]).toMatchObject({ status: 'done', inserted: 1 });
    expect(ignored.result.entities[0]!.evolution).toBeUndefined();

    await writeFile('items_3', ['Item ID', 'name', 'amount', 'note'], [[3, 'third', '3.00', 'n']]);
    const latest = await listFiles(`${entityFolder(ws, 'items')}/Latest`);
    const failed = await run(specOf(wh, 3, 'fail'));
    expect(failed.result.entities[0]!.status).toBe('failed');
    expect(failed.result.entities[0]!.error).toBe([
      `entity "items": file items_3.${format} (the first matching "items_*.${format}") changed and the entity's schemaDrift policy is fail; the run stopped before anything landed:`,
      `- ${ADDED}`,
    ].join('\n'));
    expect(await listFiles(`${entityFolder(ws, 'items')}/Latest`)).toEqual(latest);
  });

  it('a mapped column missing from the first file stops the entity before any row is read, under every policy; mapping it is the fix', async () => {
    const wh = await createWarehouse('duckdb', ws);
    await writeFile('items_1', ['Item ID', 'name', 'total'], [[1, 'first', '1.50']]);
    for (const [i, policy] of (['warn', 'ignore', 'fail'] as const).entries()) {
      const { result } = await run(specOf(wh, i + 1, policy));
      expect(result.entities[0]!.status).toBe('failed');
      expect(result.entities[0]!.rows).toBe(0);
      expect(result.entities[0]!.error).toBe([
        `entity "items": file items_1.${format} (the first matching "items_*.${format}") ${policy === 'fail' ? 'changed and the entity\'s schemaDrift policy is fail' : 'no longer has every column the extract reads'}; the run stopped before anything landed:`,
        '- source column "amount" is gone (entity column "amount" reads it): restore it at the source, map "amount" to another expression, or remove the column from the entity',
        // Under fail the file's unread column is a difference too.
        ...(policy === 'fail' ? ['- source column "total" is not read by the extract: add it to the entity to load it'] : []),
      ].join('\n'));
    }
    const fixed = await runOk(specOf(wh, 4, 'fail', [{ column: 'amount', expression: 'total' }]));
    expect(fixed.result.entities[0]).toMatchObject({ status: 'done', inserted: 1 });
    expect(fixed.result.entities[0]!.evolution).toBeUndefined();
  });
});
