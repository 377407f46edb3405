// Every source kind into every warehouse kind, over several batches: persistent staging holds
// exactly the expected versions after each batch (Full), and an unchanged Incremental run lands
// nothing and writes nothing while its watermark is the highest change value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityResult } from '../../shared/protocol/engine.ts';
import type { ExtractInput, StagingEntityInput } from '../../shared/model/index.ts';
import {
  canonical,
  columnTypes,
  createSource,
  createWarehouse,
  entityFolder,
  expectedText,
  jobSpec,
  listFiles,
  listTree,
  must,
  readControl,
  readManifest,
  readVersions,
  runOk,
  SOURCE_KINDS,
  WAREHOUSE_KINDS,
  workspace,
  type TestRow,
  type TestSource,
  type TestWarehouse,
  type Version,
  type WarehouseKind,
  type Workspace,
} from './fixtures.ts';
import { join } from 'node:path';
import { parseEntity } from '../../shared/model/index.ts';

const ENTITY = 'customer';
const TABLE = 'customers';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'big', type: 'bigint' },
  { name: 'amount', type: 'decimal(18,4)' },
  { name: 'name', type: 'string(100)' },
  { name: 'note', type: 'string(40)' },
  { name: 'born', type: 'date' },
  { name: 'modified_at', type: 'datetime' },
  { name: 'active', type: 'boolean' },
  { name: 'payload', type: 'binary(16)' },
] as const;
const MODIFIED = COLUMNS.findIndex((c) => c.name === 'modified_at');

const entityInput = (): StagingEntityInput => ({ name: ENTITY, columns: COLUMNS.map((c) => ({ ...c })), businessKey: ['id'], warehouse: 'wh' });
const entity = must(parseEntity(entityInput()));
const TYPES = columnTypes(entity);

const bytes = (...values: number[]): Buffer => Buffer.from(values);

/** Batch 1: quotes, delimiters, line breaks, unicode, the text "NULL", NULL and '' kept apart. */
const INITIAL: TestRow[] = [
  [1, 9007199254740993n, '12345678901234.5678', 'He said "hi", then left', null, '1980-02-29', '2026-01-01 08:00:00.123456', true, bytes(0, 1, 2, 255)],
  [2, -9223372036854775808n, '-0.0001', 'semi;colon|pipe\ttab,comma', '', '2000-01-01', '2026-01-01 08:00:01', false, bytes(0)],
  [3, 9223372036854775807n, '0.0000', 'line1\nline2\r\nline3', 'x', '1999-12-31', '2026-01-01 08:00:02.5', null, null],
  [4, 0n, '-99999999999999.9999', 'Ünïcödé 日本語 🚀 ∑', null, null, '2026-01-01 08:00:03.000001', true, bytes(0xde, 0xad, 0xbe, 0xef)],
  [5, null, null, 'NULL', '', '2024-02-29', '2026-01-01 08:00:04.999999', false, bytes(0, 0, 0)],
  [7, 42n, '1.5000', 'C:\\path\\to\\"file"\\', '""', '2026-12-31', '2026-01-01 08:00:05.01', true, bytes(92, 34, 10)],
];

type Change =
  | { readonly kind: 'insert'; readonly row: TestRow }
  | { readonly kind: 'update'; readonly id: number; readonly set: Readonly<Record<string, TestRow[number]>> }
  | { readonly kind: 'delete'; readonly id: number };

/** Batch 2: an insert, updates (text, NULL to '', '' to NULL) and a delete. */
const CHANGES: Change[] = [
  { kind: 'insert', row: [6, 6n, '6.0600', 'new, "quoted"\nrow', null, '2026-02-01', '2026-02-01 09:30:00.654321', false, bytes(6, 0, 6)] },
  { kind: 'update', id: 2, set: { name: 'semi;colon changed', modified_at: '2026-02-01 09:31:00.100000' } },
  { kind: 'update', id: 1, set: { note: '', modified_at: '2026-02-01 09:32:00.200000' } },
  { kind: 'update', id: 5, set: { note: null, modified_at: '2026-02-01 09:33:00.3' } },
  { kind: 'delete', id: 4 },
];

function applied(rows: readonly TestRow[], changes: readonly Change[]): TestRow[] {
  let out = rows.map((r) => [...r]);
  for (const change of changes) {
    if (change.kind === 'insert') out.push([...change.row]);
    else if (change.kind === 'delete') out = out.filter((r) => r[0] !== change.id);
    else {
      const row = out.find((r) => r[0] === change.id)!;
      for (const [column, value] of Object.entries(change.set)) row[COLUMNS.findIndex((c) => c.name === column)] = value;
    }
  }
  return out.sort((a, b) => Number(a[0]) - Number(b[0]));
}

async function applyChanges(source: TestSource, changes: readonly Change[]): Promise<void> {
  for (const change of changes) {
    if (change.kind === 'insert') await source.insert(TABLE, COLUMNS, [change.row]);
    else if (change.kind === 'update') await source.update(TABLE, COLUMNS, 'id', change.id, change.set);
    else await source.delete(TABLE, 'id', change.id);
  }
}

const text = (row: TestRow): (string | null)[] => row.map((value, i) => canonical(expectedText(value), TYPES[i]!));

interface FormatCase {
  readonly label: string;
  readonly format: ExtractInput['format'];
  readonly compression: NonNullable<ExtractInput['compression']>;
}

const FORMATS: Record<WarehouseKind, FormatCase[]> = {
  duckdb: [
    { label: 'csv+gzip', format: { kind: 'csv' }, compression: 'gzip' },
    { label: 'parquet', format: { kind: 'parquet' }, compression: 'zstd' },
  ],
  postgres: [{ label: 'csv+zstd', format: { kind: 'csv' }, compression: 'zstd' }],
  mariadb: [{ label: 'csv+zstd', format: { kind: 'csv', nullMarker: 'NULL' }, compression: 'zstd' }],
};

const CASES = SOURCE_KINDS.flatMap((source) => WAREHOUSE_KINDS.flatMap((warehouse) => FORMATS[warehouse].map((format) => ({ source, warehouse, ...format }))));

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

interface Setup {
  readonly source: TestSource;
  readonly wh: TestWarehouse;
  readonly spec: (batchId: number) => ReturnType<typeof jobSpec>;
}

async function setup(c: (typeof CASES)[number], pattern: ExtractInput['pattern']): Promise<Setup> {
  const source = await createSource(c.source, ws);
  const wh = await createWarehouse(c.warehouse, ws);
  await source.createTable(TABLE, COLUMNS);
  await source.insert(TABLE, COLUMNS, INITIAL);
  const spec = (batchId: number) =>
    jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId,
      entities: [{ entity: entityInput(), extract: { entity: ENTITY, source: { kind: 'table', connection: 'src', table: TABLE }, pattern, format: c.format, compression: c.compression } }],
    });
  return { source, wh, spec };
}

const only = (result: { entities: readonly EntityResult[] }): EntityResult => {
  expect(result.entities).toHaveLength(1);
  return result.entities[0]!;
};

/** Current, not deleted versions as value lists, by key. */
const currentRows = (versions: readonly Version[]): (string | null)[][] => versions.filter((v) => v.current && !v.deleted).map((v) => v.values);

describe.each(SOURCE_KINDS)('source %s', (sourceKind) => {
  describe.each(WAREHOUSE_KINDS)('into warehouse %s', (warehouseKind) => {
    const cases = CASES.filter((c) => c.source === sourceKind && c.warehouse === warehouseKind);

    it.each(cases)('Full extract, $label: persistent staging holds the expected versions after each batch', async (c) => {
      const { source, wh, spec } = await setup(c, { kind: 'full' });

      // Batch 1: every row is new.
      const first = only((await runOk(spec(1))).result);
      expect(first).toMatchObject({ status: 'done', mode: 'full', rows: INITIAL.length, inserted: INITIAL.length, updated: 0, deleted: 0 });
      const afterFirst = await readVersions(wh, entity);
      expect(afterFirst.map((v) => v.values)).toEqual(INITIAL.map(text));
      for (const v of afterFirst) expect(v).toMatchObject({ current: true, deleted: false, validTo: null, batchId: '1' });
      const batch1Time = afterFirst[0]!.validFrom;
      expect(afterFirst.every((v) => v.validFrom === batch1Time)).toBe(true);

      // Batch 2: an insert, three updates and a delete.
      await applyChanges(source, CHANGES);
      const expected = applied(INITIAL, CHANGES);
      const second = only((await runOk(spec(2))).result);
      expect(second).toMatchObject({ status: 'done', mode: 'full', rows: expected.length, inserted: 1, updated: 3, deleted: 1 });
      const afterSecond = await readVersions(wh, entity);
      expect(currentRows(afterSecond)).toEqual(expected.map(text));
      const batch2Time = afterSecond.find((v) => v.batchId === '2')!.validFrom;
      expect(batch2Time > batch1Time).toBe(true);
      const byId = (id: number): Version[] => afterSecond.filter((v) => v.values[0] === String(id));
      const original = (id: number): (string | null)[] => text(INITIAL.find((r) => r[0] === id)!);
      const now = (id: number): (string | null)[] => text(expected.find((r) => r[0] === id)!);
      for (const id of [1, 2, 5]) {
        // An update: the old version closed at batch 2's time, the new one current.
        expect(byId(id)).toEqual([
          { values: original(id), current: false, deleted: false, validFrom: batch1Time, validTo: batch2Time, batchId: '1', rowHash: expect.any(String) },
          { values: now(id), current: true, deleted: false, validFrom: batch2Time, validTo: null, batchId: '2', rowHash: expect.any(String) },
        ]);
        expect(byId(id)[0]!.rowHash).not.toBe(byId(id)[1]!.rowHash);
      }
      // A delete: the old version closed, a deleted version (with its last values) current.
      expect(byId(4)).toEqual([
        { values: original(4), current: false, deleted: false, validFrom: batch1Time, validTo: batch2Time, batchId: '1', rowHash: expect.any(String) },
        { values: original(4), current: true, deleted: true, validFrom: batch2Time, validTo: null, batchId: '2', rowHash: expect.any(String) },
      ]);
      for (const id of [3, 7]) expect(byId(id)).toEqual([{ values: original(id), current: true, deleted: false, validFrom: batch1Time, validTo: null, batchId: '1', rowHash: expect.any(String) }]);
      expect(byId(6)).toEqual([{ values: now(6), current: true, deleted: false, validFrom: batch2Time, validTo: null, batchId: '2', rowHash: expect.any(String) }]);
      expect(afterSecond).toHaveLength(expected.length + 4 + 1);

      // Batch 3: nothing changed in the source, so nothing is written.
      const third = only((await runOk(spec(3))).result);
      expect(third).toMatchObject({ status: 'done', mode: 'full', rows: expected.length, inserted: 0, updated: 0, deleted: 0 });
      expect(await readVersions(wh, entity)).toEqual(afterSecond);
      // A Full extract keeps no watermark.
      expect(await readControl(wh)).toEqual([]);
      const tree = await listTree(entityFolder(ws, ENTITY));
      expect(tree.filter((p) => p.includes('_incoming') || p.endsWith('.partial'))).toEqual([]);
    });

    it.each(cases)('Incremental extract, $label: an unchanged source extracts, lands and writes nothing; the watermark is the highest change value', async (c) => {
      const { source, wh, spec } = await setup(c, { kind: 'incremental', changeColumns: [{ column: 'modified_at' }], comparison: '>' });
      const maxModified = (rows: readonly TestRow[]): string | null => canonical(rows.map((r) => r[MODIFIED] as string).sort().at(-1)!, { kind: 'datetime' });

      // Batch 1: no watermark yet, so everything is read.
      const first = only((await runOk(spec(1))).result);
      expect(first).toMatchObject({ status: 'done', mode: 'full', rows: INITIAL.length, inserted: INITIAL.length });
      const afterFirst = await readVersions(wh, entity);
      expect(currentRows(afterFirst)).toEqual(INITIAL.map(text));
      const watermark = async (): Promise<(string | null)[]> => (await readControl(wh)).flatMap(([e, p, v]) => [e!, p!, canonical(v!, { kind: 'datetime' })]);
      expect(await watermark()).toEqual([ENTITY, 'modified_at', maxModified(INITIAL)]);

      // Batch 2: no change in the source: nothing extracted, no file landed, no version written.
      const manifestBefore = await readManifest(ws, ENTITY);
      expect(manifestBefore?.files.length).toBeGreaterThan(0);
      const second = only((await runOk(spec(2))).result);
      expect(second).toMatchObject({ status: 'done', mode: 'incremental', rows: 0, files: 0, bytes: 0, inserted: 0, updated: 0, deleted: 0 });
      expect((await readManifest(ws, ENTITY))?.files).toEqual([]);
      expect((await listFiles(join(entityFolder(ws, ENTITY), 'Latest'))).map((f) => f.name)).toEqual(['_manifest.json']);
      expect(await readVersions(wh, entity)).toEqual(afterFirst);
      expect(await watermark()).toEqual([ENTITY, 'modified_at', maxModified(INITIAL)]);

      // Batch 3: inserts and updates move the change column: only those rows are read.
      const changes = CHANGES.filter((ch) => ch.kind !== 'delete');
      await applyChanges(source, changes);
      const expected = applied(INITIAL, changes);
      const third = only((await runOk(spec(3))).result);
      expect(third).toMatchObject({ status: 'done', mode: 'incremental', rows: changes.length, inserted: 1, updated: 3, deleted: 0 });
      expect(currentRows(await readVersions(wh, entity))).toEqual(expected.map(text));
      expect(await watermark()).toEqual([ENTITY, 'modified_at', maxModified(expected)]);
    });
  });
});

describe.each(CASES.filter((c) => c.source === 'sqlite'))('edge values from sqlite into $warehouse ($label)', (c) => {
  it('keeps instants with offsets (as UTC) and empty binary apart from NULL', async () => {
    const columns = [
      { name: 'id', type: 'int', nullable: false },
      { name: 'seen_at', type: 'datetimeoffset' },
      { name: 'bytes', type: 'binary(8)' },
      { name: 'label', type: 'string(10)' },
    ];
    const source = await createSource('sqlite', ws);
    await source.exec(`CREATE TABLE edges (id INTEGER, seen_at TEXT, bytes BLOB, label TEXT);
      INSERT INTO edges VALUES (1, '2024-03-01 10:00:00+05:30', X'', ''), (2, '2024-03-01T10:00:00.5Z', NULL, NULL), (3, NULL, X'00', 'NULL'), (4, '2024-12-31 20:00:00-05:00', X'5c4e', '\\N');`);
    const wh = await createWarehouse(c.warehouse, ws);
    const edges = { name: 'edges', columns, businessKey: ['id'], warehouse: 'wh' };
    const spec = jobSpec({
      ws,
      connections: [source.connection, wh.connection],
      batchId: 1,
      entities: [{ entity: edges, extract: { entity: 'edges', source: { kind: 'table', connection: 'src', table: 'edges' }, pattern: { kind: 'full' }, format: c.format, compression: c.compression } }],
    });
    await runOk(spec);
    expect((await readVersions(wh, must(parseEntity(edges)))).map((v) => v.values)).toEqual([
      ['1', '2024-03-01 04:30:00+00:00', '', ''],
      ['2', '2024-03-01 10:00:00.5+00:00', null, null],
      ['3', null, '00', 'NULL'],
      ['4', '2025-01-01 01:00:00+00:00', '5c4e', '\\N'],
    ]);
    // The same values again make no new version.
    expect((await runOk({ ...spec, runId: `${spec.runId}-2`, batchId: '2' })).result.entities[0]).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
  });
});
