// Partitioned layouts through real runs: files land under year=/month= folders of a date column or
// <column>=<value> folders of a column's value, each partition's files cut at the file size and
// named by their first row, the manifest listing them by path; the warehouse stages them back to
// exactly the source rows, the partition column in its own type. Hostile values (`../`, `/`, NUL,
// very long text) never make a folder outside the entity's set.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../engine/duckdb.ts';
import type { ExtractInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, listTree, readManifest, readVersions, runOk, workspace, WAREHOUSE_KINDS, type TestRow, type Workspace } from './fixtures.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const hex = (id: number): string => createHash('sha256').update(String(id)).digest('hex');

async function readFileRows(path: string, sqlText: (file: string) => string): Promise<unknown[][]> {
  const db = await openDuckDb(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sqlText(path))).getRows();
  } finally {
    c.closeSync();
    await db.release();
  }
}

describe('date partitioned layout', () => {
  const ENTITY = 'events';
  const COLUMNS = [
    { name: 'id', type: 'int', nullable: false },
    { name: 'happened', type: 'datetime' },
    { name: 'payload', type: 'string(64)' },
  ];
  const ROWS: TestRow[] = Array.from({ length: 6000 }, (_, i) => [
    i + 1,
    i % 97 === 0 ? null : `2024-0${1 + (i % 4)}-${String(1 + (i % 28)).padStart(2, '0')} 1${i % 10}:00:00.${String(i % 1000).padStart(3, '0')}`,
    hex(i),
  ]);

  it('lands year=/month= folders of Parquet files cut at the size, and DuckDB stages exactly the source rows', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('events', COLUMNS);
    await source.insert('events', COLUMNS, ROWS);
    await source.close();
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: 1,
      entities: [{
        entity: { name: ENTITY, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: {
          entity: ENTITY, source: { kind: 'table', connection: 'src', table: 'events' }, pattern: { kind: 'full' },
          format: { kind: 'parquet' }, fileSizeMb: 0.0625, layout: { partition: { kind: 'date', column: 'happened', granularity: 'month' } },
        },
      }],
    });
    const { result, events } = await runOk(spec);
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS.length, inserted: ROWS.length });

    const manifest = (await readManifest(ws, ENTITY))!;
    const latest = join(entityFolder(ws, ENTITY), 'Latest');
    const folders = new Set(manifest.files.map((f) => f.name.split('/').slice(0, -1).join('/')));
    expect([...folders].sort()).toEqual(['year=2024/month=01', 'year=2024/month=02', 'year=2024/month=03', 'year=2024/month=04', 'year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__']);
    // Each month holds about 1,500 rows of 64 hex characters: more than one 64 KiB file.
    for (const folder of folders) {
      if (!folder.startsWith('year=2024')) continue;
      expect(manifest.files.filter((f) => f.name.startsWith(`${folder}/`)).length, folder).toBeGreaterThan(1);
    }
    let total = 0;
    for (const file of manifest.files) {
      const path = join(latest, ...file.name.split('/'));
      expect(statSync(path).size).toBe(file.bytes);
      expect(file.bytes).toBeLessThanOrEqual(64 * 1024);
      const [, month] = /month=(\d\d|__HIVE_DEFAULT_PARTITION__)\//.exec(file.name)!;
      const name = file.name.split('/').at(-1)!;
      expect(name).toMatch(/^events_\d{12}\.parquet$/);
      const [[rows, months, firstId]] = await readFileRows(path, (p) => `SELECT count(*), string_agg(DISTINCT coalesce(strftime(happened, '%m'), 'null'), ','), min(id) FROM read_parquet('${p}', hive_partitioning = false)`) as [[bigint, string, number]];
      expect(Number(rows)).toBe(file.rows);
      expect(months).toBe(month === '__HIVE_DEFAULT_PARTITION__' ? 'null' : month);
      // Named by its first row: the source's rows come in id order, so the first row's number is the smallest id.
      expect(Number(name.slice(7, 19))).toBe(firstId);
      total += file.rows;
    }
    expect(total).toBe(ROWS.length);

    const staged = await wh.query(`SELECT id, strftime(happened, '%Y-%m-%d %H:%M:%S.%g'), payload FROM psg."${ENTITY}" WHERE lf_is_current ORDER BY id`);
    expect(staged).toEqual(ROWS.map(([id, happened, payload]) => [String(id), happened, payload]));
    expect(await wh.query(`SELECT data_type FROM information_schema.columns WHERE table_schema = 'stage' AND table_name = '${ENTITY}' AND column_name = 'happened'`)).toEqual([['TIMESTAMP']]);

    const stage = events.flatMap((e) => (e.type === 'entity:statement' && e.entry.step === 'stage' ? [e.entry.sql] : []));
    // Read without Hive guessing (see duckdb-hive-paths.test.ts): the files hold every column.
    expect(stage.join('\n')).toContain('hive_partitioning = false');
  });
});

describe('value partitioned layout', () => {
  const ENTITY = 'accounts';
  const COLUMNS = [
    { name: 'id', type: 'int', nullable: false },
    { name: 'region', type: 'string(600)' },
  ];
  const HOSTILE = ['../', '../../victim', '/etc/passwd', 'a/b/../../c', '..', '.', '', 'EU', 'eu', 'Zürich 東京', '%2F', 'x'.repeat(500), `${'y'.repeat(300)}/../${'z'.repeat(200)}`];

  it.each(WAREHOUSE_KINDS)('%s: hostile values stay inside the entity folder and come back exactly', async (kind) => {
    // NUL never reaches a folder: the row check refuses it in text columns first (see partition-folder.test.ts for its escape).
    const values = HOSTILE;
    // MariaDB: NULL text comes back as '' from these CSV loads with or without a layout (left for its own fix), so no NULL rows there.
    const nulls = kind === 'mariadb' ? 0 : 5;
    const rows: TestRow[] = Array.from({ length: values.length * 20 + nulls }, (_, i) => [i + 1, i < nulls ? null : values[i % values.length]!]);
    const source = await createSource('sqlite', ws);
    await source.createTable('accounts', COLUMNS);
    await source.insert('accounts', COLUMNS, rows);
    await source.close();
    const wh = await createWarehouse(kind, ws);
    const format: ExtractInput['format'] = { kind: 'csv' };
    const spec = jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: 1,
      entities: [{
        entity: { name: ENTITY, columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: { entity: ENTITY, source: { kind: 'table', connection: 'src', table: 'accounts' }, pattern: { kind: 'full' }, format, layout: { partition: { kind: 'value', column: 'region' } } },
      }],
    });
    const { result } = await runOk(spec);
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: rows.length, inserted: rows.length });
    // A folder per value, each file a few hundred bytes against 128 MB: the result warns, with the numbers.
    const files = values.length + (nulls ? 1 : 0);
    expect(result.entities[0]!.warnings).toEqual([expect.stringMatching(new RegExp(`^${files} files averaging [\\d.]+ KB \\(smallest [\\d.]+ KB, largest [\\d.]+ KB, [\\d.]+ KB in all\\), far below the file size of 131072.0 KB`))]);

    // Everything in the lake is under the entity's own folder, one folder level per partition.
    const tree = await listTree(ws.lake);
    for (const path of tree) expect(path.split(sep)[0]).toBe(ENTITY);
    const manifest = (await readManifest(ws, ENTITY))!;
    for (const file of manifest.files) {
      const parts = file.name.split('/');
      expect(parts).toHaveLength(2);
      expect(parts[0]).toMatch(/^region=[A-Za-z0-9._%~-]*$/);
      expect(Buffer.byteLength(parts[0]!)).toBeLessThanOrEqual(110);
    }
    // Distinct values, distinct folders (EU and eu too), and NULL apart.
    const folders = new Set(manifest.files.map((f) => f.name.split('/')[0]));
    expect(folders.size).toBe(values.length + (nulls ? 1 : 0));
    expect(folders.has('region=__HIVE_DEFAULT_PARTITION__')).toBe(nulls > 0);
    expect(folders.has('region=..')).toBe(true);
    expect(folders.has('region=%2E') || folders.has('region=.')).toBe(true);

    const stored = await readVersions(wh, spec.entities[0]!.entity);
    const current = stored.filter((v) => v.current).map((v) => v.values).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(current).toEqual(rows.map(([id, region]) => [String(id), region]));
  });

  it('DuckDB reads the partition column from the file, in its own type, not from the folder', async () => {
    const columns = [{ name: 'id', type: 'int', nullable: false }, { name: 'amount', type: 'decimal(12,3)' }, { name: 'label', type: 'string(400)' }];
    const long = `${'L'.repeat(150)}/and more`;
    const rows: TestRow[] = Array.from({ length: 60 }, (_, i) => [i + 1, ['0.100', '12.500', '-3.000'][i % 3]!, i % 2 ? long : 'a%2Fb']);
    const source = await createSource('sqlite', ws);
    await source.createTable('amounts', columns);
    await source.insert('amounts', columns, rows);
    await source.close();
    const wh = await createWarehouse('duckdb', ws);
    const entities = (column: string, name: string): Parameters<typeof jobSpec>[0]['entities'][number] => ({
      entity: { name, columns, businessKey: ['id'], warehouse: 'wh' },
      extract: { entity: name, source: { kind: 'table', connection: 'src', table: 'amounts' }, pattern: { kind: 'full' }, format: { kind: 'parquet' }, layout: { partition: { kind: 'value', column } } },
    });
    const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [entities('amount', 'by_amount'), entities('label', 'by_label')] });
    await runOk(spec);
    const byAmount = (await readManifest(ws, 'by_amount'))!;
    expect(new Set(byAmount.files.map((f) => f.name.split('/')[0]))).toEqual(new Set(['amount=0.1', 'amount=12.5', 'amount=-3']));
    expect(await wh.query(`SELECT DISTINCT typeof(amount), CAST(amount AS VARCHAR) FROM stage.by_amount ORDER BY 2`)).toEqual([['DECIMAL(12,3)', '-3.000'], ['DECIMAL(12,3)', '0.100'], ['DECIMAL(12,3)', '12.500']]);
    const byLabel = (await readManifest(ws, 'by_label'))!;
    expect(byLabel.files.some((f) => f.name.includes('~'))).toBe(true);
    expect((await wh.query(`SELECT label, count(*) FROM stage.by_label GROUP BY 1`)).sort()).toEqual([['a%2Fb', '30'], [long, '30']].sort());
  });
});
