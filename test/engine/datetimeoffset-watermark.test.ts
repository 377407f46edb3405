// An Incremental entity whose change column carries an offset (`timestamptz`), written at +02:00
// and -05:00 around the watermark, run by the engine as the app runs it (a child process) on a
// machine whose local time zone is not UTC. The saved watermark is an instant; the second run must
// read exactly the rows added since (none lost at the boundary, none read again), whatever the
// machine's zone and whatever offset a row was written with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDb } from '../../engine/duckdb.ts';
import type { JobSpec, RunResult } from '../../shared/protocol/engine.ts';
import type { StagingEntityInput } from '../../shared/model/index.ts';
import { forkEngine } from './engine-child.ts';
import { createSource, createWarehouse, jobSpec, listTree, readControl, workspace, type Workspace } from './fixtures.ts';

const entity: StagingEntityInput = {
  name: 'orders',
  columns: [
    { name: 'id', type: 'int', nullable: false },
    { name: 'changed_at', type: 'datetimeoffset' },
  ],
  businessKey: ['id'],
  warehouse: 'wh',
};

// The first run's maximum is row 2, 09:30:00Z, written at -05:00; row 1 is later as text
// (11:00 > 04:30) but earlier as an instant.
const FIRST = `(1, '2026-06-01 11:00:00+02:00'), (2, '2026-06-01 04:30:00-05:00'), (3, '2026-06-01 10:00:00+02:00')`;
// One second past the watermark at +02:00 (sorts before it in local-time text) and one minute past at -05:00.
const SECOND = `(4, '2026-06-01 11:30:01+02:00'), (5, '2026-06-01 04:31:00-05:00')`;

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** Writes to the source and lets go of it, so the engine's own process can open it. */
type Writer = (rows: string) => Promise<void>;

async function postgresSource(): Promise<{ connection: JobSpec['connections'][number]; write: Writer }> {
  const source = await createSource('postgres', ws);
  await source.exec('CREATE TABLE orders (id INTEGER, changed_at TIMESTAMPTZ)');
  return { connection: source.connection, write: (rows) => source.exec(`INSERT INTO orders VALUES ${rows}`) };
}

async function duckdbSource(): Promise<{ connection: JobSpec['connections'][number]; write: Writer }> {
  const source = await createSource('duckdb', ws);
  await source.exec('CREATE TABLE orders (id INTEGER, changed_at TIMESTAMPTZ)');
  // A DuckDB file is locked by the process that holds it open: the test lets go before each run.
  await source.close();
  const write: Writer = async (rows) => {
    const handle = await openDuckDb(join(ws.dir, 'src.duckdb'), { externalAccess: false });
    const connection = await handle.connect();
    await connection.run(`INSERT INTO orders VALUES ${rows}`);
    connection.closeSync();
    await handle.release();
  };
  return { connection: source.connection, write };
}

const SOURCES = { postgres: postgresSource, duckdb: duckdbSource };

async function runIn(zone: string, spec: JobSpec): Promise<RunResult['entities'][number]> {
  const engine = forkEngine(spec, { TZ: zone });
  const result = await engine.result();
  if (result.status !== 'succeeded') throw new Error(`run ${result.status}: ${[result.error, ...result.entities.map((e) => e.error)].filter(Boolean).join('; ')}\n${engine.stderr()}`);
  return result.entities[0]!;
}

describe.each(['postgres', 'duckdb'] as const)('a timestamptz change column in a %s source', (kind) => {
  it.each(['America/New_York', 'Asia/Kolkata'])('the second Incremental run reads exactly the new rows with the machine in %s', async (zone) => {
    const source = await SOURCES[kind]();
    const wh = await createWarehouse('postgres', ws);
    await source.write(FIRST);
    const spec = (batchId: number) =>
      jobSpec({
        ws,
        connections: [source.connection, wh.connection],
        batchId,
        entities: [{ entity, extract: { entity: 'orders', source: { kind: 'table', connection: 'src', table: 'orders' }, pattern: { kind: 'incremental', changeColumns: [{ column: 'changed_at' }], comparison: '>' }, format: { kind: 'csv' }, compression: 'gzip' } }],
      });

    expect(await runIn(zone, spec(1))).toMatchObject({ status: 'done', mode: 'full', rows: 3, inserted: 3 });
    const saved = (await readControl(wh)).map(([, parameter, value]) => [parameter, value]);
    expect(saved).toEqual([['changed_at', '2026-06-01 09:30:00.000000']]);

    await source.write(SECOND);
    expect(await runIn(zone, spec(2))).toMatchObject({ status: 'done', mode: 'incremental', rows: 2, inserted: 2, updated: 0 });
    expect((await readControl(wh)).map(([, parameter, value]) => [parameter, value])).toEqual([['changed_at', '2026-06-01 09:31:00.000000']]);

    // Nothing new: nothing read again.
    expect(await runIn(zone, spec(3))).toMatchObject({ status: 'done', mode: 'incremental', rows: 0, inserted: 0 });
    expect(await wh.query('SELECT id FROM psg.orders ORDER BY id')).toEqual([['1'], ['2'], ['3'], ['4'], ['5']]);
  });
});

describe('a timestamptz column in a DuckDB source on a machine whose zone is not UTC', () => {
  it.each(['America/New_York', 'Asia/Kolkata'])('lands the same text as on a UTC machine, in %s (DuckDB renders instants in the session zone: the source session is UTC, as PostgreSQL\'s)', async (zone) => {
    const source = await duckdbSource();
    await source.write(FIRST);
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({
      ws, connections: [source.connection, wh.connection], batchId: 1,
      entities: [{ entity, extract: { entity: 'orders', source: { kind: 'table', connection: 'src', table: 'orders' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, compression: 'none' } }],
    });
    expect(await runIn(zone, spec)).toMatchObject({ status: 'done', rows: 3 });
    const [file] = (await listTree(ws.lake)).filter((path) => path.endsWith('.csv') && path.includes('Latest'));
    const text = readFileSync(join(ws.lake, file!), 'utf8');
    expect(text.split('\n').slice(1).filter(Boolean).sort()).toEqual([
      '1,2026-06-01 09:00:00+00:00',
      '2,2026-06-01 09:30:00+00:00',
      '3,2026-06-01 08:00:00+00:00',
    ]);
  });
});
