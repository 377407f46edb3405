/**
 * The fact ingestion arms (seed 001) on MariaDB, the seed's warehouse: the same pushed rows through
 *
 * - **flip-flop**: `ingestRows` in batches of the fact's `batchRows` per INSERT into Staging, then
 *   one `processFact` pass (swap, normalize by the seed's two statements, summary upsert and copy
 *   in one transaction);
 * - **naive**, the path the seed warns about: per row, look the name up in the normalization
 *   table (inserting it when missing), then one INSERT into the fact and one upsert of the summary.
 *
 * Both end with the same fact and summary, which `verifyArms` checks; rows/s is pushed rows per
 * second, start to the last commit.
 */
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import type { Connection, Fact } from '../../shared/model/index.ts';
import { parseFact } from '../../shared/model/validate.ts';
import { openWarehouse } from '../../engine/connections.ts';
import { ingestRows } from '../../engine/fact/ingest-rows.ts';
import { processFact, setupFact } from '../../engine/fact/process-fact.ts';

export interface FactArmResult {
  readonly arm: 'flip-flop' | 'naive';
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** The flip-flop arm: seconds of pushing into Staging, and of the processing pass. */
  readonly ingestSeconds?: number;
  readonly processSeconds?: number;
}

/** The bench fact: events by host, normalized, with an hourly summary. */
export function benchFact(name: string): Fact {
  const parsed = parseFact({
    name,
    warehouse: 'wh',
    columns: [
      { name: 'host_name', type: 'string(99)', nullable: false },
      { name: 'event_at', type: 'datetime', nullable: false },
      { name: 'bytes', type: 'int', nullable: false },
    ],
    normalizations: [{ column: 'host_name', table: `${name}_hosts`, id: 'host_id', idType: 'mediumint' }],
    summaries: [{ table: `${name}_hourly`, groupBy: [{ column: 'host_id' }, { column: 'event_at', bucket: 'hour', as: 'hour' }], measures: [{ function: 'count', as: 'events' }, { function: 'sum', column: 'bytes', as: 'bytes' }] }],
    batchRows: 1000,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** Row `i` of the pushed stream: 500 hosts, a day of seconds. */
function row(i: number): [string, string, number] {
  const second = i % 86_400;
  const at = `2026-11-01 ${String(Math.floor(second / 3600)).padStart(2, '0')}:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
  return [`host-${(i * 7919) % 500}.example.com`, at, (i * 31) % 5000];
}

function* ndjson(rows: number): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const [host, at, bytes] = row(i);
    chunk += `{"host_name":"${host}","event_at":"${at}","bytes":${bytes}}\n`;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The flip-flop arm: batched inserts into Staging, then one processing pass. */
export async function flipFlopArm(connection: Connection, rows: number): Promise<FactArmResult> {
  const fact = benchFact('ff');
  const warehouse = await openWarehouse(connection);
  const started = performance.now();
  try {
    await setupFact(fact, warehouse);
    await ingestRows(fact, warehouse, Readable.from(ndjson(rows)), 'ndjson');
  } finally {
    await warehouse.close();
  }
  const ingested = performance.now();
  await processFact(fact, connection);
  const seconds = (performance.now() - started) / 1000;
  return { arm: 'flip-flop', rows, seconds, rowsPerSecond: rows / seconds, ingestSeconds: (ingested - started) / 1000, processSeconds: (performance.now() - ingested) / 1000 };
}

/** The naive arm: a lookup (and insert) of the name, an INSERT into the fact and a summary upsert, per row. */
export async function naiveArm(connection: Connection & { kind: 'mariadb' }, rows: number): Promise<FactArmResult> {
  const warehouse = await openWarehouse(connection);
  try {
    await setupFact(benchFact('nv'), warehouse);
  } finally {
    await warehouse.close();
  }
  const db = await mysql.createConnection({ host: connection.host, port: connection.port, user: connection.user, database: connection.database, ...(connection.password ? { password: connection.password } : {}) });
  const started = performance.now();
  try {
    for (let i = 0; i < rows; i++) {
      const [host, at, bytes] = row(i);
      const [found] = await db.query({ sql: 'SELECT host_id FROM nv_hosts WHERE host_name = ?', values: [host], rowsAsArray: true });
      let id = (found as unknown[][])[0]?.[0];
      if (id === undefined) {
        const [inserted] = await db.query({ sql: 'INSERT INTO nv_hosts (host_name) VALUES (?)', values: [host] });
        id = (inserted as { insertId: number }).insertId;
      }
      await db.query({ sql: 'INSERT INTO nv (host_id, event_at, bytes) VALUES (?, ?, ?)', values: [id, at, bytes] });
      await db.query({
        sql: "INSERT INTO nv_hourly (host_id, hour, events, bytes) VALUES (?, CAST(DATE_FORMAT(?, '%Y-%m-%d %H:00:00') AS DATETIME), 1, ?) ON DUPLICATE KEY UPDATE events = events + 1, bytes = bytes + VALUES(bytes)",
        values: [id, at, bytes],
      });
    }
  } finally {
    await db.end();
  }
  const seconds = (performance.now() - started) / 1000;
  return { arm: 'naive', rows, seconds, rowsPerSecond: rows / seconds };
}

/** Both arms' facts and summaries hold the same rows (by name and hour): the arms did the same work. */
export async function verifyArms(connection: Connection & { kind: 'mariadb' }): Promise<string[]> {
  const db = await mysql.createConnection({ host: connection.host, port: connection.port, user: connection.user, database: connection.database, ...(connection.password ? { password: connection.password } : {}) });
  try {
    const problems: string[] = [];
    const facts = "SELECT h.host_name, COUNT(*), SUM(f.bytes) FROM {f} AS f JOIN {f}_hosts AS h ON h.host_id = f.host_id GROUP BY h.host_name ORDER BY h.host_name";
    const summaries = 'SELECT h.host_name, s.hour, s.events, s.bytes FROM {f}_hourly AS s JOIN {f}_hosts AS h ON h.host_id = s.host_id ORDER BY h.host_name, s.hour';
    for (const [what, query] of [['fact', facts], ['summary', summaries]] as const) {
      const [a] = await db.query({ sql: query.replaceAll('{f}', 'ff'), rowsAsArray: true });
      const [b] = await db.query({ sql: query.replaceAll('{f}', 'nv'), rowsAsArray: true });
      if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`the two arms' ${what} tables differ`);
    }
    return problems;
  } finally {
    await db.end();
  }
}
