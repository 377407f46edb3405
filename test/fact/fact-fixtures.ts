// A fact under test on each warehouse the engine runs: its definition, fresh warehouses (a
// database per test on the harness's servers, a DuckDB file in a temporary folder), rows to push
// with repeated names, and the checks "Done when" asks for, each as SQL on the warehouse.
import { inject } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ProjectStore } from '../../app/store/project-store.ts';
import { parseConnection, parseFact, type Connection, type Fact, type FactInput, type Validated } from '../../shared/model/index.ts';
import { factDialect } from '../../shared/fact/fact-dialect.ts';
import { dialect, type DialectName } from '../../shared/sql/dialect.ts';
import { sql } from '../../shared/sql/statement.ts';
import { openWarehouse } from '../../engine/connections.ts';
import type { Warehouse } from '../../engine/warehouse/warehouse.ts';
import { createMariaDbDatabase, createPostgresDatabase } from '../services/databases.ts';

export const FACT_WAREHOUSES = ['mariadb', 'postgres', 'duckdb'] as const satisfies readonly DialectName[];
export type FactWarehouse = (typeof FACT_WAREHOUSES)[number];

export const valid = <T>(result: Validated<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

/** Web requests: a host name, a time, bytes sent; hosts normalized, an hourly summary per host. */
export function requestsFact(overrides: Partial<FactInput> = {}): Fact {
  return valid(parseFact({
    name: 'requests',
    warehouse: 'wh',
    columns: [
      { name: 'seq', type: 'bigint', nullable: false },
      { name: 'host_name', type: 'string(99)', nullable: false },
      { name: 'event_at', type: 'datetime', nullable: false },
      { name: 'bytes', type: 'int', nullable: false },
      { name: 'note', type: 'string(20)' },
    ],
    normalizations: [{ column: 'host_name', table: 'hosts', id: 'host_id', idType: 'mediumint' }],
    summaries: [{
      table: 'requests_hourly',
      groupBy: [{ column: 'host_id' }, { column: 'event_at', bucket: 'hour', as: 'hour' }],
      measures: [
        { function: 'count', as: 'requests' },
        { function: 'sum', column: 'bytes', as: 'bytes' },
        { function: 'min', column: 'bytes', as: 'smallest' },
        { function: 'max', column: 'bytes', as: 'largest' },
      ],
    }],
    batchRows: 100,
    ...overrides,
  }));
}

export interface WarehouseUnderTest {
  readonly connection: Connection;
  /** Rows of a query, every value as text. */
  rows(text: string): Promise<string[][]>;
  drop(): Promise<void>;
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && 'micros' in value) return new Date(Number((value as { micros: bigint }).micros / 1000n)).toISOString();
  return String(value);
};

/** A fresh warehouse of kind `kind`. */
export async function freshWarehouse(kind: FactWarehouse, hint: string): Promise<WarehouseUnderTest> {
  let drop: () => Promise<void>;
  let connection: Connection;
  if (kind === 'duckdb') {
    const dir = mkdtempSync(join(tmpdir(), `landfall-${hint}-`));
    connection = valid(parseConnection({ name: 'wh', kind: 'duckdb', path: join(dir, 'warehouse.duckdb') }));
    drop = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const db = kind === 'postgres' ? await createPostgresDatabase(inject('postgres'), hint) : await createMariaDbDatabase(inject('mariadb'), hint);
    connection = valid(parseConnection({ name: 'wh', kind, host: db.host, port: db.port, database: db.database, user: db.user }));
    drop = db.drop;
  }
  return {
    connection,
    async rows(query) {
      const warehouse = await openWarehouse(connection);
      try {
        const result = await warehouse.query(sql`${query}`);
        return Array.isArray(result) ? result.map((row) => row.map(text)) : [];
      } finally {
        await warehouse.close();
      }
    },
    drop,
  };
}

export interface PushedRow {
  readonly seq: number;
  readonly host: string;
  readonly at: string;
  readonly bytes: number;
}

/** Rows `from`…`to`-1: names repeat within and across batches, and new names keep arriving. */
export function pushedRows(from: number, to: number): PushedRow[] {
  const rows: PushedRow[] = [];
  for (let seq = from; seq < to; seq++) {
    const host = `host-${(seq * 7) % (5 + Math.floor(seq / 50))}`;
    const minute = seq % (60 * 30);
    rows.push({ seq, host, at: `2026-11-${String(1 + Math.floor(minute / 600)).padStart(2, '0')} ${String(Math.floor((minute % 600) / 25)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`, bytes: (seq * 31) % 1000 });
  }
  return rows;
}

/** The rows as CSV with a header row, columns in another order than the fact's. */
export function csvOf(rows: readonly PushedRow[]): Readable {
  const lines = ['bytes,host_name,event_at,seq', ...rows.map((r) => `${r.bytes},${r.host},${r.at},${r.seq}`)];
  return Readable.from([`${lines.join('\n')}\n`]);
}

/** Opens a warehouse for a test's inserter. */
export const openFor = (w: WarehouseUnderTest): Promise<Warehouse> => openWarehouse(w.connection);

/** What the fact must hold after everything is processed: checked against what was pushed. */
export async function expectConverged(w: WarehouseUnderTest, pushed: readonly PushedRow[], expect: (actual: unknown, message?: string) => { toEqual(v: unknown): void; toBe(v: unknown): void }): Promise<void> {
  const d = dialect(w.connection.kind as FactWarehouse);
  const f = factDialect(d.name)!;
  const q = d.quote;
  // Every fact row once, and its id maps back to the name that was pushed.
  const mapped = await w.rows(`SELECT f.${q('seq')}, h.${q('host_name')}, f.${q('bytes')} FROM ${q('requests')} AS f JOIN ${q('hosts')} AS h ON h.${q('host_id')} = f.${q('host_id')} ORDER BY f.${q('seq')}`);
  expect(mapped.length, 'fact rows').toBe(pushed.length);
  expect(mapped).toEqual([...pushed].sort((a, b) => a.seq - b.seq).map((r) => [String(r.seq), r.host, String(r.bytes)]));
  // No burned ids: the largest id is the number of names.
  const [[largest, count]] = (await w.rows(`SELECT MAX(${q('host_id')}), COUNT(*) FROM ${q('hosts')}`)) as [[string, string]];
  expect(largest, 'largest host id').toBe(count);
  expect(Number(count), 'host names').toBe(new Set(pushed.map((r) => r.host)).size);
  // The summary is the GROUP BY over the fact.
  const hour = f.bucket(q('event_at'), 'hour');
  const grouped = await w.rows(`SELECT ${q('host_id')}, ${hour}, COUNT(*), SUM(${q('bytes')}), MIN(${q('bytes')}), MAX(${q('bytes')}) FROM ${q('requests')} GROUP BY ${q('host_id')}, ${hour} ORDER BY 1, 2`);
  const summary = await w.rows(`SELECT ${q('host_id')}, ${q('hour')}, ${q('requests')}, ${q('bytes')}, ${q('smallest')}, ${q('largest')} FROM ${q('requests_hourly')} ORDER BY 1, 2`);
  expect(summary.length, 'summary rows').toBe(grouped.length);
  expect(summary).toEqual(grouped);
}

/** A project file in a new temporary folder (removed by `cleanups`) with connection `wh` and the requests fact. */
export function factProjectFile(connection: Record<string, unknown>, cleanups: (() => Promise<void> | void)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-factcli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'p.landfall');
  const store = ProjectStore.create(file, { name: 'p' });
  try {
    store.saveConnection({ name: 'wh', ...connection });
    store.saveFact(requestsFact());
  } finally {
    store.close();
  }
  return file;
}
