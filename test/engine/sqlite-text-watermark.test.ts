// An Incremental entity from SQLite, whose datetimes are text written with trailing zeros in the
// fraction (`2026-11-20 10:30:00.500`): the warehouse saves the maximum as `…:00.5` (or MariaDB's
// `…:00.500000`), and the second run must read nothing, although the texts differ.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractInput, StagingEntityInput } from '../../shared/model/index.ts';
import { canonical, createSource, createWarehouse, jobSpec, readControl, runOk, WAREHOUSE_KINDS, workspace, type WarehouseKind, type Workspace } from './fixtures.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'modified_at', type: 'datetime' },
] as const;

const entity: StagingEntityInput = { name: 'orders', columns: COLUMNS.map((c) => ({ ...c })), businessKey: ['id'], warehouse: 'wh' };

const OUTPUT: Record<WarehouseKind, Pick<ExtractInput, 'format' | 'compression'>> = {
  duckdb: { format: { kind: 'csv' }, compression: 'gzip' },
  postgres: { format: { kind: 'csv' }, compression: 'zstd' },
  mariadb: { format: { kind: 'csv', nullMarker: 'NULL' }, compression: 'zstd' },
};

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

describe.each(WAREHOUSE_KINDS)('SQLite text datetimes into %s', (warehouse) => {
  it.each(['>', '>='] as const)('an unchanged source reads nothing on the second Incremental run (comparison %s)', async (comparison) => {
    const source = await createSource('sqlite', ws);
    const wh = await createWarehouse(warehouse, ws);
    await source.exec(`CREATE TABLE orders (id INTEGER, modified_at TEXT);
      INSERT INTO orders VALUES (1, '2026-11-20 10:29:59.250'), (2, '2026-11-20 10:30:00.500'), (3, '2026-11-20 10:30:00.500');`);
    const spec = (batchId: number) =>
      jobSpec({
        ws,
        connections: [source.connection, wh.connection],
        batchId,
        entities: [{ entity, extract: { entity: 'orders', source: { kind: 'table', connection: 'src', table: 'orders' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'modified_at' }], comparison }, ...OUTPUT[warehouse] } }],
      });

    const first = (await runOk(spec(1))).result.entities[0]!;
    expect(first).toMatchObject({ status: 'done', mode: 'full', rows: 3, inserted: 3 });
    const saved = (await readControl(wh)).map(([, parameter, value]) => [parameter, canonical(value!, { kind: 'datetime' })]);
    expect(saved).toEqual([['modified_at', '2026-11-20 10:30:00.5']]);

    const second = (await runOk(spec(2))).result.entities[0]!;
    // ">=" re-reads the rows at the watermark by design (and finds them unchanged); ">" reads none.
    expect(second).toMatchObject({ status: 'done', mode: 'incremental', rows: comparison === '>' ? 0 : 2, inserted: 0, updated: 0, deleted: 0 });

    // A row a little after the watermark, written with trailing zeros too, is read.
    await source.exec(`INSERT INTO orders VALUES (4, '2026-11-20 10:30:00.501000');`);
    const third = (await runOk(spec(3))).result.entities[0]!;
    expect(third).toMatchObject({ status: 'done', mode: 'incremental', rows: comparison === '>' ? 1 : 3, inserted: 1, updated: 0 });
  });
});
