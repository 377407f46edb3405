// Run metrics and the watermark ledger in the warehouse: zdm.run_log (one row per run, however
// many of its entities load in parallel), zdm.entity_run_log (one row per entity run, exact figures
// of what landed) and zdm.control_parameter_history (one row per change of a saved watermark, none
// for a run that changes nothing), on DuckDB, PostgreSQL and MariaDB; the run result's metrics
// agree with them and with the published manifest.
import { afterEach, describe, expect, it } from 'vitest';
import { smallFileBytes } from '../../shared/run-metrics.ts';
import type { EntityResult } from '../../shared/protocol/engine.ts';
import { canonical, createSource, createWarehouse, jobSpec, readManifest, runOk, WAREHOUSE_KINDS, workspace, type JobEntityInput, type TestRow, type TestWarehouse, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int' },
  { name: 'name', type: 'string(40)' },
  { name: 'version', type: 'bigint' },
];
/** Rows per entity: a big one cut into several small files, a small one, one of a single row. */
const SIZES: Readonly<Record<string, number>> = { big: 12_000, small: 50, one: 1 };
const FILE_MB = 0.0625;

const rows = (count: number, from = 1, version = (id: number) => id): TestRow[] =>
  Array.from({ length: count }, (_, i) => [from + i, `name ${from + i} ${'x'.repeat(20)}`, version(from + i)]);

function entity(name: string): JobEntityInput {
  return {
    entity: { name, columns: COLUMNS.map((c) => ({ ...c, nullable: false })), businessKey: ['id'], warehouse: 'wh' },
    extract: {
      entity: name,
      source: { kind: 'table', connection: 'src', table: name },
      pattern: { kind: 'incremental', changeColumns: [{ column: 'version' }] },
      format: { kind: 'csv', nullMarker: 'NULL' },
      compression: 'none',
      fileSizeMb: FILE_MB,
    },
  };
}

const median = (sorted: readonly number[]): number => sorted[Math.floor((sorted.length - 1) / 2)]!;

/** The entity's row of zdm.entity_run_log for a run, by column name. */
async function logRow(wh: TestWarehouse, runId: string, name: string): Promise<Record<string, string | null>> {
  const d = wh.dialect;
  const columns = ['mode', 'rows_read', 'rows_written', 'bytes_landed', 'files', 'file_bytes_min', 'file_bytes_median', 'file_bytes_max', 'small_files', 'small_file_bytes', 'skew', 'watermark_parameter', 'watermark_before', 'watermark_after', 'previous_success_at', 'started_at', 'batch_id'];
  const [row] = await wh.query(`SELECT ${columns.map((c) => d.quote(c)).join(', ')} FROM ${d.table('zdm', 'entity_run_log')} WHERE ${d.quote('run_id')} = '${runId}' AND ${d.quote('entity')} = '${name}'`);
  expect(row, `entity_run_log row of ${name} in ${runId}`).toBeDefined();
  return Object.fromEntries(columns.map((c, i) => [c, row![i]!]));
}

async function ledger(wh: TestWarehouse): Promise<(string | null)[][]> {
  const d = wh.dialect;
  const rows = await wh.query(`SELECT entity, parameter, old_value, new_value, run_id, changed_at, changed_by FROM ${d.table('zdm', 'control_parameter_history')} ORDER BY changed_at, entity`);
  return rows.map((r) => [...r.slice(0, 5), canonical(r[5]!, { kind: 'datetime' }), r[6]!]);
}

/** Checks an entity's metrics row and result against the manifest the run published. */
async function expectMetrics(ws: Workspace, wh: TestWarehouse, runId: string, result: EntityResult, expected: { mode: string; before: string | null; after: string; previous: string | null }): Promise<void> {
  const manifest = (await readManifest(ws, result.entity))!;
  expect(manifest.runId).toBe(runId);
  const bytes = manifest.files.map((f) => f.bytes).sort((a, b) => a - b);
  const fileRows = manifest.files.map((f) => f.rows).sort((a, b) => a - b);
  const threshold = smallFileBytes(FILE_MB);
  const skew = (fileRows[fileRows.length - 1]! / median(fileRows)).toFixed(2);
  const row = await logRow(wh, runId, result.entity);
  const written = (result.inserted ?? 0) + (result.updated ?? 0) + (result.deleted ?? 0);
  expect({ ...row, skew: Number(row.skew).toFixed(2), started_at: canonical(row.started_at ?? null, { kind: 'datetime' }), previous_success_at: canonical(row.previous_success_at ?? null, { kind: 'datetime' }) }).toEqual({
    mode: expected.mode,
    rows_read: String(result.rows),
    rows_written: String(written),
    bytes_landed: String(bytes.reduce((a, b) => a + b, 0)),
    files: String(manifest.files.length),
    file_bytes_min: String(bytes[0]),
    file_bytes_median: String(median(bytes)),
    file_bytes_max: String(bytes[bytes.length - 1]),
    small_files: String(bytes.filter((b) => b < threshold).length),
    small_file_bytes: String(threshold),
    skew,
    watermark_parameter: 'version',
    watermark_before: expected.before,
    watermark_after: expected.after,
    previous_success_at: expected.previous,
    started_at: canonical(result.inputs!.startedAt, { kind: 'datetime' }),
    batch_id: result.inputs!.batchId,
  });
  expect(result.bytes).toBe(bytes.reduce((a, b) => a + b, 0));
  expect(result.metrics).toMatchObject({
    rowsRead: result.rows, rowsWritten: written, files: manifest.files.length, fileBytesMin: bytes[0], fileBytesMax: bytes[bytes.length - 1],
    smallFiles: bytes.filter((b) => b < threshold).length, skew: Number(skew),
    watermarks: [{ parameter: 'version', before: expected.before, after: expected.after, lag: expected.before === null ? null : Number(expected.after) - Number(expected.before), unit: 'units' }],
  });
  const steps = result.metrics!.steps;
  for (const ms of [steps.extract, steps.land, steps.stage, steps.changeSet, steps.persist]) expect(ms).toBeGreaterThanOrEqual(0);
}

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe.each(WAREHOUSE_KINDS)('run metrics and the watermark ledger on a %s warehouse', (kind) => {
  it('one run row per run, one metrics row per entity run, one ledger row per watermark change', async () => {
    ws = await workspace();
    const source = await createSource('sqlite', ws);
    ws.defer(() => source.close());
    for (const [name, count] of Object.entries(SIZES)) {
      await source.createTable(name, COLUMNS);
      await source.insert(name, COLUMNS, rows(count));
    }
    const wh = await createWarehouse(kind, ws);
    const entities = Object.keys(SIZES).map(entity);
    const spec = (runId: string, batchId: number) => jobSpec({ ws: ws!, connections: [source.connection, wh.connection], entities, batchId, runId, parallel: 3 });

    // 1: a first (full) run of three entities at once.
    const first = (await runOk(spec('run-1', 1))).result;
    const firstStart = canonical(first.entities[0]!.inputs!.startedAt, { kind: 'datetime' });
    for (const result of first.entities) {
      await expectMetrics(ws, wh, 'run-1', result, { mode: 'full', before: null, after: String(SIZES[result.entity]), previous: null });
    }
    expect(first.entities.find((e) => e.entity === 'big')!.metrics!.files).toBeGreaterThan(3);

    // 2: `big` changes (ten rows updated to higher versions, five added); the others do not.
    const big = SIZES.big!;
    for (let id = 1; id <= 10; id++) await source.update('big', COLUMNS, 'id', id, { name: `renamed ${id}`, version: big + 100 + id });
    await source.insert('big', COLUMNS, rows(5, big + 1, (id) => id + 1000));
    const second = (await runOk(spec('run-2', 2))).result;
    const secondStart = canonical(second.entities[0]!.inputs!.startedAt, { kind: 'datetime' });
    const newMax = String(big + 5 + 1000);
    for (const result of second.entities) {
      const after = result.entity === 'big' ? newMax : String(SIZES[result.entity]);
      if (result.entity === 'big') {
        expect(result).toMatchObject({ rows: 15, inserted: 5, updated: 10 });
        await expectMetrics(ws, wh, 'run-2', result, { mode: 'incremental', before: String(big), after, previous: firstStart });
      } else {
        // Nothing new: nothing extracted, landed as an empty set, the watermark unchanged.
        const row = await logRow(wh, 'run-2', result.entity);
        expect(row).toMatchObject({ rows_read: '0', rows_written: '0', watermark_before: after, watermark_after: after });
        expect(canonical(row.previous_success_at!, { kind: 'datetime' })).toBe(firstStart);
        expect(result.metrics!.watermarks).toEqual([{ parameter: 'version', before: after, after, lag: 0, unit: 'units' }]);
      }
    }

    // One row per run in zdm.run_log, though three entities committed in each.
    const d = wh.dialect;
    const runs = await wh.query(`SELECT run_id, batch_id, batch_date FROM ${d.table('zdm', 'run_log')} ORDER BY run_id`);
    expect(runs).toEqual([['run-1', '1', '2026-03-01'], ['run-2', '2', '2026-03-01']]);
    expect(await wh.query(`SELECT COUNT(*) FROM ${d.table('zdm', 'entity_run_log')}`)).toEqual([['6']]);

    // The ledger: each entity's first watermark, then big's one change; the unchanged ones made none.
    expect(await ledger(wh)).toEqual([
      ['big', 'version', null, String(big), 'run-1', firstStart, 'run'],
      ['one', 'version', null, '1', 'run-1', firstStart, 'run'],
      ['small', 'version', null, '50', 'run-1', firstStart, 'run'],
      ['big', 'version', String(big), newMax, 'run-2', secondStart, 'run'],
    ]);
  }, 120_000);
});
