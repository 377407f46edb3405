// Partition-parallel extracts from PostgreSQL: several connections read one table in ranges of a
// key or of ctid pages, all in the coordinator's exported snapshot. What lands must be the table
// of one moment exactly — also while another connection moves, updates and deletes rows during
// the read — on both COPY paths (CSV, and binary tuples for Parquet); a refused value is
// named with its reader's range; a failure or cancel closes every reader's connection.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntity, type Connection, type StagingEntityInput } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, must, readManifest, readVersions, run, runOk, workspace, type JobEntityInput, type TestSource, type Workspace } from './fixtures.ts';

const ROWS = 60_000;
/** A moved row's new key: far above every key, so it lands in the last reader's range. */
const MOVED = 1_000_000;
const COLUMNS = [
  { name: 'id', type: 'bigint', nullable: false },
  { name: 'code', type: 'string(20)', nullable: false },
  { name: 'amount', type: 'decimal(12,2)' },
  { name: 'note', type: 'string(40)' },
];

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

/** CSV through `COPY … TO STDOUT`, or Parquet through binary COPY. */
type Path = 'binary' | 'copy';
type Ranges = 'key' | 'ctid';

function client(connection: Connection): pg.Client {
  if (connection.kind !== 'postgres') throw new Error('a PostgreSQL connection');
  return new pg.Client({ host: connection.host, port: connection.port, database: connection.database, user: connection.user, password: connection.password, application_name: 'parallel-reads test' });
}

async function bigTable(): Promise<TestSource> {
  const source = await createSource('postgres', ws);
  await source.exec(`CREATE TABLE big (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, amount NUMERIC(12,2), note TEXT)`);
  await source.exec(`INSERT INTO big SELECT i, 'k' || i, (i % 997) * 1.25, md5(i::text) FROM generate_series(1, ${ROWS}) AS i ORDER BY i`);
  await source.exec('VACUUM ANALYZE big');
  return source;
}

/** Ranges of the integer key `id`, or (key `code`, a string) of the table's pages. */
function job(source: TestSource, path: Path, ranges: Ranges, readers = 4, fileSizeMb = 0.25): JobEntityInput & { entity: StagingEntityInput } {
  return {
    entity: { name: 'big', columns: COLUMNS, businessKey: [ranges === 'key' ? 'id' : 'code'], warehouse: 'wh' },
    extract: {
      entity: 'big',
      source: { kind: 'table', connection: source.connection.name, table: 'big' },
      pattern: { kind: 'full' },
      format: path === 'copy' ? { kind: 'csv' } : { kind: 'parquet' },
      compression: 'zstd',
      fileSizeMb,
      parallelReads: readers,
    },
  };
}

async function extractSessions(source: TestSource): Promise<number> {
  const c = client(source.connection);
  await c.connect();
  try {
    const deadline = Date.now() + 5000;
    for (;;) {
      const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'landfall extract'`);
      const n = Number(rows[0]!.n);
      // A closed connection's backend exits a moment after the client has gone.
      if (n === 0 || Date.now() > deadline) return n;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await c.end();
  }
}

describe.each<[Path, Ranges]>([['binary', 'key'], ['copy', 'key'], ['binary', 'ctid'], ['copy', 'ctid']])('parallel reads on the %s path by %s ranges', (path, ranges) => {
  it('land the table exactly: every row once, files within the limit, named by first row', async () => {
    const source = await bigTable();
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [job(source, path, ranges)] });
    const { result, events } = await runOk(spec);
    expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS });
    // Four readers, each joined to the coordinator's snapshot.
    const statements = events.flatMap((e) => (e.type === 'entity:statement' ? [e.entry] : []));
    expect(statements.filter((s) => s.step === 'extract' && s.sql.startsWith('SET TRANSACTION SNAPSHOT'))).toHaveLength(4);
    expect(statements.filter((s) => s.step === 'partition').map((s) => s.sql.split('\n')[0])).toEqual([
      'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY',
      'SELECT pg_export_snapshot()',
      ranges === 'key' ? 'SELECT CAST(min(p."id") AS TEXT), CAST(max(p."id") AS TEXT)' : 'SELECT CAST(pg_relation_size(c.oid) / current_setting(\'block_size\')::bigint AS TEXT), CAST(c.relkind AS TEXT)',
    ]);
    expect(result.entities[0]!.inputs!.partitions!.bounds).toEqual(ranges === 'key' ? { kind: 'column', column: 'id', min: '1', max: String(ROWS) } : { kind: 'pages', pages: expect.any(Number) });

    const manifest = (await readManifest(ws, 'big'))!;
    expect(manifest.files.length).toBeGreaterThan(3);
    let firstRow = 1;
    for (const file of manifest.files) {
      expect(file.name).toBe(`big_${String(firstRow).padStart(12, '0')}.${path === 'copy' ? 'csv.zst' : 'parquet'}`);
      expect(file.bytes).toBeLessThanOrEqual(0.25 * 1024 * 1024);
      firstRow += file.rows;
    }
    expect(firstRow - 1).toBe(ROWS);

    const versions = await readVersions(wh, must(parseEntity(job(source, path, ranges).entity)));
    expect(versions).toHaveLength(ROWS);
    expect(new Set(versions.map((v) => v.values[0])).size).toBe(ROWS);
    const sum = versions.reduce((total, v) => total + Math.round(Number(v.values[2]) * 100), 0);
    const c = client(source.connection);
    await c.connect();
    const { rows } = await c.query<{ s: string }>('SELECT CAST(sum(amount) * 100 AS BIGINT) AS s FROM big');
    await c.end();
    expect(sum).toBe(Number(rows[0]!.s));
  });

  it('read one moment while another connection moves, updates and deletes rows', async () => {
    const source = await bigTable();
    const wh = await createWarehouse('duckdb', ws);
    const { rows: [before] } = await (async () => {
      const c = client(source.connection);
      await c.connect();
      try {
        return await c.query<{ s: string }>('SELECT CAST(sum(amount) * 100 AS BIGINT) AS s FROM big');
      } finally {
        await c.end();
      }
    })();
    // Each write keeps what every moment of the table has: ROWS rows, one per k (as k or k + MOVED),
    // and the same sum. Moving a row deletes it from the first range and inserts it into the last;
    // the amounts move between the first and the last range too.
    const writer = client(source.connection);
    await writer.connect();
    let writing = true;
    let moves = 0;
    let movesAtSnapshot = -1;
    let movesAtEnd = -1;
    const writes = (async () => {
      for (let k = 1; writing && k < ROWS / 2; k++) {
        // One round trip per move: the more moves while the readers start, the surer a reader out of the snapshot shows.
        await writer.query(`BEGIN; WITH gone AS (DELETE FROM big WHERE id = ${k} RETURNING *) INSERT INTO big SELECT id + ${MOVED}, code, amount, note FROM gone;`
          + ` UPDATE big SET amount = amount + 1 WHERE id = ${ROWS / 2 + k}; UPDATE big SET amount = amount - 1 WHERE id = ${ROWS - k}; COMMIT`);
        moves++;
      }
    })();
    try {
      // Let the writer get going before the snapshot.
      while (moves < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [job(source, path, ranges, 4, 0.0625)] });
      const { result } = await run(spec, {
        onEvent: (event) => {
          if (event.type === 'entity:statement' && event.entry.sql === 'SELECT pg_export_snapshot()') movesAtSnapshot = moves;
          if (event.type === 'entity:state' && event.state === 'landing') movesAtEnd = moves;
        },
      });
      writing = false;
      await writes;
      expect(result.entities[0]!.error).toBeUndefined();
      expect(result.entities[0]).toMatchObject({ status: 'done', rows: ROWS });
      // The writes went on while the readers read.
      expect(movesAtEnd - movesAtSnapshot).toBeGreaterThan(5);
    } finally {
      writing = false;
      await writes.catch(() => undefined);
      await writer.end();
    }
    const versions = await readVersions(wh, must(parseEntity(job(source, path, ranges).entity)));
    expect(versions).toHaveLength(ROWS);
    const ids = new Set(versions.map((v) => Number(v.values[0]) % MOVED));
    expect(ids.size).toBe(ROWS);
    const sum = versions.reduce((total, v) => total + Math.round(Number(v.values[2]) * 100), 0);
    expect(sum).toBe(Number(before!.s));
  }, 60_000);
});

describe('parallel reads that stop', () => {
  it.each<Path>(['binary', 'copy'])('name a refused value (%s path) by its reader\'s range and its row there, and close every connection', async (path) => {
    const source = await bigTable();
    // The third row of the second reader's range (ids 15001 to 30000).
    await source.exec(`UPDATE big SET note = repeat('x', 41) WHERE id = 15003`);
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [job(source, path, 'key')] });
    const { result } = await run(spec);
    expect(result.entities[0]!.status).toBe('failed');
    expect(result.entities[0]!.error).toMatch(/^entity "big", column "note", row 3 of reader 2 of 4 \(id 15001 to 30000\): .*longer than the column's 40 characters/);
    expect(await extractSessions(source)).toBe(0);
    expect(await readManifest(ws, 'big')).toBeUndefined();
  });

  it.each<Path>(['binary', 'copy'])('stop every reader on cancel (%s path) and close every connection', async (path) => {
    const source = await bigTable();
    const wh = await createWarehouse('duckdb', ws);
    const spec = jobSpec({ ws, connections: [source.connection, wh.connection], batchId: 1, entities: [job(source, path, 'ctid', 4, 0.0625)] });
    const controller = new AbortController();
    const { result } = await run(spec, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'entity:progress' && event.rows > 0 && !controller.signal.aborted) controller.abort();
      },
    });
    expect(result.entities[0]!.status).toBe('cancelled');
    expect(result.entities[0]!.rows).toBeLessThan(ROWS);
    expect(await extractSessions(source)).toBe(0);
    expect(await readManifest(ws, 'big')).toBeUndefined();
  });
});
