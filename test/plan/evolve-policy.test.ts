// The `evolve` schema-drift policy through `landfall run`: a column new in the source table is
// added to the entity in the project (nullable, its type mapped), persistent staging gets it with
// ALTER TABLE … ADD COLUMN in the same run, and its values load; only rows with a value in it get a
// new version. A column the extract reads that is gone still stops the entity.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ProjectStore } from '../../app/store/project-store.ts';
import { landfall, stored } from './landfall-cli.ts';
import { createSource, createWarehouse, must, readVersions, WAREHOUSE_KINDS, workspace, type Workspace } from '../engine/fixtures.ts';
import { parseEntity } from '../../shared/model/index.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'name', type: 'string(20)' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('schemaDrift evolve, loading a %s warehouse', (kind) => {
  it('adds a new source column to the entity and to persistent staging in the same run', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, [[1, 'first'], [2, 'second']]);
    const wh = await createWarehouse(kind, ws);
    const file = join(ws.dir, 'evolve.landfall');
    const store = ProjectStore.create(file, { name: 'evolve' });
    try {
      store.saveConnection(source.connection);
      store.saveConnection(stored(wh.connection, `LF_EVOLVE_TEST_${kind.toUpperCase()}_PASSWORD`));
      store.saveConnection({ name: 'lake', kind: 'localfs', path: ws.lake });
      store.saveEntity({ name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh', schemaDrift: 'evolve' });
      store.saveExtract({ entity: 'items', source: { kind: 'table', connection: source.connection.name, table: 'items' }, pattern: { kind: 'full' }, format: { kind: 'csv', ...(kind === 'mariadb' ? { nullMarker: 'NULL' } : {}) }, lander: { connection: 'lake' } });
    } finally {
      store.close();
    }
    // The test source declares the columns INTEGER and TEXT: the mapping the entity import uses makes
    // them bigint and string, widenings of int and string(20), applied before the first load.
    const first = await landfall('run', file);
    expect(first.code).toBe(0);
    expect(first.out).toContain('entity "items": schema drift, evolved: column "id" widened from int to bigint: the source\'s type widened\n');
    expect(first.out).toContain('entity "items": schema drift, evolved: column "name" widened from string(20) to string: the source\'s type widened\n');

    await source.exec('ALTER TABLE items ADD COLUMN note VARCHAR(30)');
    await source.exec(`UPDATE items SET note = 'n1' WHERE id = 1`);
    const second = await landfall('run', file);
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect(second.out).toContain('entity "items": schema drift, evolved: column "note" (string(30), nullable) added to the entity: new in the source\n');
    const history = ProjectStore.open(file);
    try {
      expect(history.getProject().entities[0]!.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([['id', 'bigint', false], ['name', 'string', true], ['note', 'string(30)', true]]);
      const [latest] = history.listRuns(1);
      expect(latest!.entities[0]).toMatchObject({ status: 'done', inserted: 0, updated: 1, deleted: 0 });
      expect(latest!.entities[0]!.evolution).toEqual({ applied: ['column "note" added to persistent staging (nullable string(30)); its existing versions hold NULL'], reported: [] });
    } finally {
      history.close();
    }
    const entity = must(parseEntity({ name: 'items', columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'name', type: 'string' }, { name: 'note', type: 'string(30)' }], businessKey: ['id'], warehouse: 'wh' }));
    expect((await readVersions(wh, entity)).filter((v) => v.current).map((v) => v.values)).toEqual([['1', 'first', 'n1'], ['2', 'second', null]]);

    // Breaking still fails: the extract reads "name", and it is gone.
    await source.exec('ALTER TABLE items RENAME COLUMN name TO title');
    const third = await landfall('run', file);
    expect(third.code).toBe(1);
    expect(third.out + third.err).toContain('source column "name" is gone (entity column "name" reads it)');
  });
});
