// Issue 13, item 3: declarative data checks on the staged change set, before the commit. Before,
// a Full extract from a source table emptied by mistake marked every row deleted, and nothing
// checked the data. Now the default check refuses that, each declared check kind passes and fails
// as declared with its message (up to 10 failing rows), `warn` only reports, and the results are
// in the run's result.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity, type DataCheck, type StagingEntityInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, readControl, readVersions, run, runOk, WAREHOUSE_KINDS, workspace, type TestRow, type TestSource, type TestWarehouse, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'code', type: 'string(10)' },
  { name: 'status', type: 'string(10)' },
  { name: 'amount', type: 'int' },
];
const ROWS: TestRow[] = [
  [1, 'a', 'open', 10],
  [2, 'b', 'open', 20],
  [3, 'c', 'closed', 30],
  [4, 'd', 'closed', 40],
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('data checks on a %s warehouse', (kind) => {
  let source: TestSource;
  let wh: TestWarehouse;
  let batch = 0;
  beforeEach(async () => {
    source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, ROWS);
    wh = await createWarehouse(kind, ws);
    batch = 0;
  });
  const entityOf = (checks?: DataCheck[] | StagingEntityInput['checks']): StagingEntityInput => ({ name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', ...(checks ? { checks } : {}) });
  const spec = (entity: StagingEntityInput) => jobSpec({
    ws, batchId: ++batch, connections: [source.connection, wh.connection],
    entities: [{ entity, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) } } }],
  });
  const versions = async () => {
    const parsed = parseEntity(entityOf());
    if (!parsed.ok) throw new Error('bad entity');
    return readVersions(wh, parsed.value);
  };

  it('refuses a Full extract from an emptied source table by default, and commits nothing', async () => {
    await runOk(spec(entityOf()));
    const before = { versions: await versions(), control: await readControl(wh) };
    await source.exec('DELETE FROM items');
    const { result } = await run(spec(entityOf()));
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toBe('entity "items": data check "default: at most 50% of current rows deleted" failed: the run would delete 4 of 4 current rows (100%), more than the 50% allowed — nothing was committed');
    expect(result.entities[0]!.checks).toEqual([{ name: 'default: at most 50% of current rows deleted', kind: 'maxShare', severity: 'error', passed: false, detail: 'the run would delete 4 of 4 current rows (100%), more than the 50% allowed' }]);
    expect({ versions: await versions(), control: await readControl(wh) }).toEqual(before);
    // Two of four deleted is half: allowed.
    await source.insert('items', COLUMNS, ROWS.slice(0, 2));
    const half = await runOk(spec(entityOf()));
    expect(half.result.entities[0]).toMatchObject({ status: 'done', deleted: 2, checks: [{ passed: true }] });
    // Declaring the share turns the default off: 100% lets an emptied source delete everything.
    await source.exec('DELETE FROM items');
    const all = await runOk(spec(entityOf([{ kind: 'maxShare', of: 'deleted', percent: 100 }])));
    expect(all.result.entities[0]).toMatchObject({ status: 'done', deleted: 2 });
  });

  it('passes every check kind on clean data and reports each in the result', async () => {
    const checks: StagingEntityInput['checks'] = [
      { kind: 'rowCount', min: 1, max: 10 },
      { kind: 'maxShare', of: 'changed', percent: 50 },
      { kind: 'notNull', columns: ['code', 'status'] },
      { kind: 'unique', columns: ['code'] },
      { kind: 'acceptedValues', column: 'status', values: ['open', 'closed'] },
      { kind: 'sql', name: 'no negative amounts', sql: 'SELECT id, amount FROM {{staged}} AS s WHERE s.amount < 0' },
    ];
    const first = await runOk(spec(entityOf(checks)));
    expect(first.result.entities[0]!.checks!.map((c) => [c.name, c.passed])).toEqual([
      ['rowCount 1..10', true], ['maxShare changed 50%', true], ['notNull code, status', true], ['unique code', true],
      ['acceptedValues status', true], ['no negative amounts', true], ['default: at most 50% of current rows deleted', true],
    ]);
  });

  const failing: [string, DataCheck | StagingEntityInput['checks'], () => Promise<void>, string][] = [
    ['rowCount', [{ kind: 'rowCount', min: 5 }], async () => undefined, 'data check "rowCount 5..∞" failed: the extract delivered 4 rows, fewer than the 5 expected at least'],
    ['maxShare changed', [{ kind: 'maxShare', of: 'changed', percent: 25 }], async () => {
      await source.exec("UPDATE items SET amount = amount + 1 WHERE id <= 2");
    }, 'data check "maxShare changed 25%" failed: the run would change 2 of 4 current rows (50%), more than the 25% allowed'],
    ['notNull', [{ kind: 'notNull', columns: ['code'], name: 'code present' }], async () => {
      await source.exec('UPDATE items SET code = NULL WHERE id IN (2, 3)');
    }, 'data check "code present" failed: 2 failing rows: (id = 2, code = NULL), (id = 3, code = NULL)'],
    ['unique', [{ kind: 'unique', columns: ['code'] }], async () => {
      // Only key 4 changes: the repeat is between a row the run writes and a current row it leaves alone.
      await source.exec("UPDATE items SET code = 'a' WHERE id = 4");
    }, 'data check "unique code" failed: 1 repeated values: (code = "a", rows = 2)'],
    ['acceptedValues', [{ kind: 'acceptedValues', column: 'status', values: ['open', 'closed'] }], async () => {
      await source.exec("UPDATE items SET status = 'lost' WHERE id = 1");
    }, 'data check "acceptedValues status" failed: 1 failing rows: (id = 1, status = "lost")'],
    ['sql', [{ kind: 'sql', name: 'no negative amounts', sql: 'SELECT id, amount FROM {{staged}} AS s WHERE s.amount < 0 ORDER BY id' }], async () => {
      await source.exec('UPDATE items SET amount = -id');
    }, 'data check "no negative amounts" failed: 4 rows returned: (1, -1), (2, -2), (3, -3), (4, -4)'],
  ];

  it.each(failing)('a failing %s check stops the load, names the check and its rows, and commits nothing', async (_kind, checks, change, message) => {
    await runOk(spec(entityOf()));
    const before = await versions();
    await change();
    const { result } = await run(spec(entityOf(checks as StagingEntityInput['checks'])));
    expect(result.status).toBe('failed');
    expect(result.entities[0]!.error).toBe(`entity "items": ${message} — nothing was committed`);
    expect(await versions()).toEqual(before);
    // As a warning it only reports: the load commits.
    const warned = (checks as DataCheck[]).map((c) => ({ ...c, severity: 'warn' as const }));
    const outcome = await run(spec(entityOf(warned)));
    expect(outcome.result.status).toBe('succeeded');
    expect(outcome.result.entities[0]!.checks![0]).toMatchObject({ severity: 'warn', passed: false });
    expect(outcome.events.some((e) => e.type === 'log' && e.level === 'warn' && e.message.includes(`${message.replace(' failed:', ' (warn) failed:')}; the load goes on`))).toBe(true);
  });

  it('shows at most 10 failing rows and counts all of them', async () => {
    await source.insert('items', COLUMNS, Array.from({ length: 20 }, (_, i): TestRow => [100 + i, null, 'open', 1]));
    const { result } = await run(spec(entityOf([{ kind: 'notNull', columns: ['code'] }])));
    const check = result.entities[0]!.checks![0]!;
    expect(check.rows).toHaveLength(10);
    expect(check.detail).toMatch(/^20 failing rows \(the first 10\): \(id = 1\d\d, code = NULL\)/);
  });
});
