// The kept history layout through real runs: each committed run's files are kept, byte for byte,
// under the rendered path template beside Latest/ and Archive/; a run that fails before its commit
// keeps nothing and leaves no staging behind; retention by count removes the oldest runs after a
// commit, and retention by age (unit level, with a moved clock) those past the age.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderStore } from '../../engine/land/stores/folder-store.ts';
import { keptHistory } from '../../engine/land/kept-history.ts';
import { createSource, createWarehouse, entityFolder, jobSpec, listTree, readManifest, run, runOk, workspace, type Workspace } from './fixtures.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const COLUMNS = [{ name: 'id', type: 'int', nullable: false }, { name: 'region', type: 'string(10)' }];
const TEMPLATE = '{entity}/History/{yyyy}/{mm}/{dd}/{run_id}/{partition}/{entity}_{first_row}';

describe('kept history layout', () => {
  it('keeps committed runs only, byte for byte, and the newest keepRuns of them', async () => {
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    const wh = await createWarehouse('duckdb', ws);
    const spec = (runId: string, batchDate: string) => jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: runId.replace(/\D/g, ''), runId, batchDate,
      entities: [{
        entity: { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' },
        extract: {
          entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' },
          lander: { connection: 'lake', folder: 'raw' },
          layout: { partition: { kind: 'value', column: 'region' }, history: { path: TEMPLATE, keepRuns: 2 } },
        },
      }],
    });
    const history = join(ws.lake, 'raw', 'items', 'History');
    const keptFiles = async (): Promise<string[]> => (await listTree(history)).filter((p) => p.endsWith('.csv.zst'));

    await source.insert('items', COLUMNS, [[1, 'EU'], [2, 'US'], [3, 'EU']]);
    await runOk(spec('run-1', '2026-03-01'));
    const first = (await readManifest(ws, 'items', 'raw'))!;
    expect((await keptFiles()).sort()).toEqual(first.files.map((f) => join('2026', '03', '01', 'run-1', ...f.name.split('/'))).sort());
    for (const f of first.files) {
      expect(readFileSync(join(history, '2026', '03', '01', 'run-1', ...f.name.split('/')))).toEqual(readFileSync(join(entityFolder(ws, 'items', 'raw'), 'Latest', ...f.name.split('/'))));
    }

    await source.insert('items', COLUMNS, [[4, 'APAC']]);
    await runOk(spec('run-2', '2026-03-02'));
    // A repeated key stops the load before its commit: nothing of run 3 is kept.
    await source.insert('items', COLUMNS, [[4, 'APAC']]);
    const failed = await run(spec('run-3', '2026-03-03'));
    expect(failed.result.entities[0]?.status).toBe('failed');
    const runs = async (): Promise<string[]> => [...new Set((await keptFiles()).map((p) => p.split(/[\\/]/).slice(0, 4).join('/')))].sort();
    expect(await runs()).toEqual(['2026/03/01/run-1', '2026/03/02/run-2']);
    expect((await listTree(entityFolder(ws, 'items', 'raw'))).filter((p) => p.includes('_history_incoming'))).toEqual([]);

    await source.exec(`DELETE FROM "items" WHERE rowid = (SELECT max(rowid) FROM "items")`);
    await runOk(spec('run-4', '2026-03-04'));
    expect(await runs()).toEqual(['2026/03/02/run-2', '2026/03/04/run-4']);
    const index = JSON.parse(readFileSync(join(entityFolder(ws, 'items', 'raw'), '_history.json'), 'utf8')) as { runs: { runId: string }[] };
    expect(index.runs.map((r) => r.runId)).toEqual(['run-2', 'run-4']);
  });

  it('removes runs older than keepDays after a keep', async () => {
    const store = folderStore(ws.lake);
    let clock = new Date('2026-03-01T00:00:00Z');
    const keepRun = async (runId: string): Promise<void> => {
      const history = keptHistory({ template: '{entity}/H/{run_id}/{entity}_{first_row}', base: '', entity: 'e', batchDate: '2026-03-01', keepDays: 2, now: () => clock }, 'e', runId);
      const file = { name: 'e_000000000001.csv', firstRow: 1, rows: 1, chunks: [new TextEncoder().encode('x\n')], bytes: 2 };
      await store.write(history.stagedPath(file), file.chunks, file.bytes);
      await history.keep(store, (path) => store.read(path));
    };
    await keepRun('a');
    clock = new Date('2026-03-02T00:00:00Z');
    await keepRun('b');
    clock = new Date('2026-03-04T12:00:00Z');
    await keepRun('c');
    expect((await listTree(join(ws.lake, 'e', 'H'))).filter((p) => p.endsWith('.csv'))).toEqual([join('c', 'e_000000000001.csv')]);
  });
});
