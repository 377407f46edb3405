// `landfall migrate`: after the entity changed (a column added, one renamed, one widened, one
// removed), `--dry-run` prints the DDL and changes nothing; without it the DDL runs (in one
// transaction on PostgreSQL and DuckDB; MariaDB says it commits each ALTER), and the next run
// migrates nothing and writes no new version. A narrowing is refused with exit 1 and nothing runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ProjectStore } from '../../app/store/project-store.ts';
import type { StagingEntityInput } from '../../shared/model/index.ts';
import { preview } from '../../shared/sql/statement.ts';
import { landfall, stored } from './landfall-cli.ts';
import { createSource, createWarehouse, WAREHOUSE_KINDS, workspace, type TestWarehouse, type Workspace } from '../engine/fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
  { name: 'amount', type: 'decimal(10,2)' },
  { name: 'old_code', type: 'string(5)', nullable: false },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const columnNames = async (wh: TestWarehouse): Promise<string[]> => {
  const rows = await wh.query(preview(wh.dialect.tableColumns('psg', 'items'), wh.dialect));
  return rows.map((r) => r[0]!).filter((n) => !n.startsWith('lf_'));
};

describe.each(WAREHOUSE_KINDS)('landfall migrate on a %s warehouse', (kind) => {
  it('prints the DDL with --dry-run, runs it without, and the next run migrates nothing', async () => {
    const source = await createSource('sqlite', ws);
    const all = [...COLUMNS, { name: 'note', type: 'string(30)' }];
    await source.createTable('items', all);
    await source.insert('items', all, [[1, 'first', '1.50', 'a', 'n1'], [2, 'second', null, 'b', null]]);
    const wh = await createWarehouse(kind, ws);
    const file = join(ws.dir, 'migrate.landfall');
    const save = (entity: StagingEntityInput, create = false): void => {
      const renamed = entity.columns[1]!.name;
      const store = create ? ProjectStore.create(file, { name: 'migrate' }) : ProjectStore.open(file);
      try {
        if (create) {
          store.saveConnection(source.connection);
          store.saveConnection(stored(wh.connection, `LF_MIGRATE_TEST_${kind.toUpperCase()}_PASSWORD`));
          store.saveConnection({ name: 'lake', kind: 'localfs', path: ws.lake });
        }
        store.saveEntity(entity);
        store.saveExtract({
          entity: 'items', source: { kind: 'table', connection: source.connection.name, table: 'items' }, pattern: { kind: 'full' },
          mappings: [{ column: renamed, expression: 'name' }],
          format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) }, lander: { connection: 'lake' },
        });
      } finally {
        store.close();
      }
    };
    save({ name: 'items', columns: [COLUMNS[0]!, { name: 'title', type: 'string(20)' }, COLUMNS[2]!, COLUMNS[3]!], businessKey: ['id'], warehouse: 'wh' }, true);
    expect((await landfall('run', file)).code).toBe(0);

    const evolved = [COLUMNS[0]!, { name: 'heading', type: 'string(20)', renamedFrom: 'title' }, { name: 'amount', type: 'decimal(12,2)' }, { name: 'note', type: 'string(30)' }];
    save({ name: 'items', columns: evolved, businessKey: ['id'], warehouse: 'wh' });
    const psg = wh.dialect.table('psg', 'items');
    const dry = await landfall('migrate', file, '--dry-run');
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    const ddl = dry.out.split('\n').filter((line) => /^(ALTER|EXEC|BEGIN|START|COMMIT)/.test(line));
    expect(ddl.filter((l) => l.startsWith('ALTER'))).toHaveLength(4);
    expect(dry.out).toContain(`ALTER TABLE ${psg} RENAME COLUMN ${wh.dialect.quote('title')} TO ${wh.dialect.quote('heading')};`);
    expect(dry.out).toContain('column "old_code" is no longer in the entity: kept in persistent staging as history (now nullable), no longer hashed');
    expect(dry.out).toContain(kind === 'mariadb'
      ? 'dry run: nothing ran (it mariadb commits every ALTER TABLE at once: the statements run one by one, and one that fails leaves those before it applied)'
      : 'dry run: nothing ran (it runs in one transaction: all of it or none)');
    if (kind !== 'mariadb') expect(ddl[0]).toBe(`${wh.dialect.beginTransaction};`);
    expect(await columnNames(wh)).toEqual(['id', 'title', 'amount', 'old_code']);

    const applied = await landfall('migrate', file);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('applied (');
    expect(await columnNames(wh)).toEqual(['id', 'heading', 'amount', 'old_code', 'note']);
    const again = await landfall('migrate', file, '--dry-run');
    expect(again.out).toBe('entity "items":\n  nothing to change\n');

    // The source's rows are unchanged but for the new column: the row with a note gets a new version, the other none.
    const rerun = await landfall('run', file, '--json');
    expect(rerun.code).toBe(0);
    const finished = rerun.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; result?: { entities: { inserted: number; updated: number; deleted: number }[] } }).find((e) => e.type === 'run:finished');
    expect(finished?.result?.entities[0]).toMatchObject({ inserted: 0, updated: 1, deleted: 0 });

    // A source column the extract does not read is reported (old_code, no longer in the entity, and
    // a new one), and the run history keeps it with the entity's result.
    await source.exec('ALTER TABLE items ADD COLUMN extra INTEGER');
    expect((await landfall('run', file)).code).toBe(0);
    const history = ProjectStore.open(file);
    try {
      expect(history.listRuns(1)[0]!.entities[0]!.evolution).toEqual({
        applied: [],
        reported: ['source column "old_code" is not read by the extract: add it to the entity to load it', 'source column "extra" is not read by the extract: add it to the entity to load it'],
      });
    } finally {
      history.close();
    }

    // A narrowing cannot be migrated: exit 1, the reason, nothing run.
    save({ name: 'items', columns: [COLUMNS[0]!, { name: 'heading', type: 'string(20)' }, { name: 'amount', type: 'decimal(8,2)' }, { name: 'note', type: 'string(30)' }], businessKey: ['id'], warehouse: 'wh' });
    const refused = await landfall('migrate', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('entity "items":\n  cannot migrate: column "amount" is decimal(12,2) in persistent staging and decimal(8,2) in the entity: a narrower type cannot hold every existing version; keep decimal(12,2) or widen it\n  nothing ran\n');
  });
});
