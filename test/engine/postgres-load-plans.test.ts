// How a PostgreSQL warehouse spends its backend on the load (issue 11): a first load builds
// persistent staging's key index once after its insert instead of maintaining it row by row, and
// a rerun with a few changed rows closes their versions through that index (UPDATE … FROM the
// change set) instead of scanning every version; the repeated-key check sorts instead of hashing,
// the counts scan only the batch's rows, and the delete-share check counts the current rows only
// when something is deleted. All on a real server, with the versions checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity } from '../../shared/model/index.ts';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { createSource, createWarehouse, jobSpec, readVersions, runOk, workspace, type TestRow, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(40)' },
  { name: 'amount', type: 'decimal(10,2)' },
];
const ROWS = 20_000;
/**
 * Every 1000th row changes between the runs: 20 rows, few enough next to 20,000 versions that
 * probing the key index 20 times is the cheaper plan (at 1% the table would need 200,000 rows).
 */
const CHANGED_EVERY = 1000;
const rows: TestRow[] = Array.from({ length: ROWS }, (_, i) => [i + 1, `name ${i + 1}`, `${i % 1000}.25`]);

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** The statements of one step a run logged, in order. */
const stepLog = (events: readonly EngineEvent[], step: string): string[] =>
  events.flatMap((e) => (e.type === 'entity:statement' && e.entry.step === step ? [e.entry.sql] : []));
/** The persist statements a run logged, in order. */
const persistLog = (events: readonly EngineEvent[]): string[] => stepLog(events, 'persist');

describe('loads into a PostgreSQL warehouse', () => {
  it('build the key index after a first insert, and close changed versions through it', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, rows);
    const wh = await createWarehouse('postgres', ws);
    const entityInput = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };
    const spec = (batchId: number) => jobSpec({
      ws, batchId, connections: [source.connection, { ...wh.connection, name: 'wh' }],
      entities: [{ entity: entityInput, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv' } } }],
    });
    const parsed = parseEntity(entityInput);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const index = `SELECT CAST(i.indisvalid AS TEXT), pg_get_indexdef(i.indexrelid) FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = 'psg' AND c.relname = 'items__lf_key'`;

    // First load: the index setup made is dropped before the insert and built after it, in the
    // persist transaction, so the rows never go through it one at a time.
    const first = await runOk(spec(1));
    expect(first.result.entities[0]).toMatchObject({ status: 'done', inserted: ROWS, updated: 0, deleted: 0 });
    const firstLog = persistLog(first.events);
    const at = (pattern: RegExp): number => firstLog.findIndex((s) => pattern.test(s));
    expect(at(/^DROP INDEX IF EXISTS "psg"\."items__lf_key"$/)).toBeGreaterThan(0);
    expect(at(/^INSERT INTO "psg"\."items"/)).toBeGreaterThan(at(/^DROP INDEX/));
    expect(at(/^CREATE INDEX IF NOT EXISTS "items__lf_key"/)).toBeGreaterThan(at(/^INSERT INTO "psg"\."items"/));
    expect(at(/^COMMIT$/)).toBeGreaterThan(at(/^CREATE INDEX/));
    expect(await wh.query(index)).toEqual([['true', 'CREATE INDEX items__lf_key ON psg.items USING btree (id, lf_is_current)']]);
    const explain = async (statement: string): Promise<string> => (await wh.query(`EXPLAIN ${statement}`)).map((row) => row[0]).join('\n');
    // The repeated-key check groups the staged keys in order (the first load leaves them staged):
    // the hash aggregate of every staged key spilled to disk once they outgrew work_mem.
    const [check] = stepLog(first.events, 'check');
    const checkPlan = await explain(check!);
    expect(checkPlan).toMatch(/GroupAggregate/);
    expect(checkPlan).toMatch(/Sort/);
    expect(checkPlan).not.toMatch(/HashAggregate/);
    // A first load's counts are one count of its rows: no join with the (absent) older versions.
    const firstCounts = await explain(stepLog(first.events, 'counts')[0]!);
    expect(firstCounts).toMatch(/Seq Scan on items p/);
    expect(firstCounts).not.toMatch(/Join|Unique|HashAggregate|SubPlan/);

    // A few rows changed: versions exist, so the index stays, and the close goes through it.
    for (let id = CHANGED_EVERY; id <= ROWS; id += CHANGED_EVERY) await source.update('items', COLUMNS, 'id', id, { name: `changed ${id}` });
    const changed = await runOk(spec(2));
    expect(changed.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: ROWS / CHANGED_EVERY, deleted: 0 });
    const changedLog = persistLog(changed.events);
    expect(changedLog.some((s) => s.startsWith('DROP INDEX'))).toBe(false);
    const closing = changedLog.filter((s) => s.startsWith('UPDATE "psg"."items" AS p\nSET "lf_valid_to"'));
    expect(closing).toHaveLength(1);
    // The change set is still the staging table after the run: the planner's choice for the
    // statement as it ran. The EXISTS form was a hash semi-join over a scan of all 20,000 versions
    // (after the first load's ANALYZE too).
    const plan = (await wh.query(`EXPLAIN ${closing[0]!}`)).map((row) => row[0]).join('\n');
    expect(plan).toMatch(/Index Scan using items__lf_key on items p/);
    expect(plan).not.toMatch(/Seq Scan on items p/);
    expect(await wh.query(index)).toEqual([['true', 'CREATE INDEX items__lf_key ON psg.items USING btree (id, lf_is_current)']]);
    // The counts look up older versions of the batch's 20 rows through the key index, instead of
    // reading the distinct keys of all 20,000 older versions.
    const changedCounts = await explain(stepLog(changed.events, 'counts')[0]!);
    expect(changedCounts).toMatch(/SubPlan[\s\S]*Index Scan using items__lf_key on items o/);
    expect(changedCounts).not.toMatch(/Join|Unique|HashAggregate/);

    const versions = await readVersions(wh, parsed.value);
    expect(versions).toHaveLength(ROWS + ROWS / CHANGED_EVERY);
    const current = versions.filter((v) => v.current);
    expect(current).toHaveLength(ROWS);
    expect(current.filter((v) => v.values[1]?.startsWith('changed ')).map((v) => Number(v.values[0])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: ROWS / CHANGED_EVERY }, (_, i) => (i + 1) * CHANGED_EVERY),
    );
    expect(versions.filter((v) => !v.current).every((v) => Number(v.values[0]) % CHANGED_EVERY === 0)).toBe(true);

    // A rerun with nothing changed writes nothing and keeps the index.
    const rerun = await runOk(spec(3));
    expect(rerun.result.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    // The default check (at most 50% of current rows deleted) deletes none here, so it never counts
    // the current rows: each scan of persistent staging in its plan was never executed. The change
    // set (the staging table after the run) is what the check read.
    const [deletes] = stepLog(rerun.events, 'checks');
    const checkLines = (await wh.query(`EXPLAIN (ANALYZE) ${deletes!}`)).map((row) => String(row[0]));
    const currentScans = checkLines.filter((_line, i) => /^\s*Filter: \(lf_is_current AND \(NOT lf_is_deleted\)\)/.test(checkLines[i + 1] ?? ''));
    expect(currentScans.length).toBeGreaterThan(0);
    for (const scan of currentScans) expect(scan).toMatch(/never executed/);
    expect(await readVersions(wh, parsed.value)).toHaveLength(ROWS + ROWS / CHANGED_EVERY);
  }, 120_000);
});
