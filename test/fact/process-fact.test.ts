// Facts on MariaDB (InnoDB), PostgreSQL and DuckDB: pushed rows through staging, normalization
// without burned ids, summaries equal to a GROUP BY over the fact, flip-flop swaps under four
// concurrent inserters, and a processor killed with SIGKILL at named points converging on rerun.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ingestRows, IngestError } from '../../engine/fact/ingest-rows.ts';
import { processFact, setupFact } from '../../engine/fact/process-fact.ts';
import { Readable } from 'node:stream';
import { ROOT } from '../engine/engine-child.ts';
import { csvOf, expectConverged, FACT_WAREHOUSES, freshWarehouse, openFor, pushedRows, requestsFact, type PushedRow, type WarehouseUnderTest } from './fact-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function warehouse(kind: (typeof FACT_WAREHOUSES)[number], hint: string): Promise<WarehouseUnderTest> {
  const w = await freshWarehouse(kind, hint);
  cleanups.push(() => w.drop());
  return w;
}

async function push(w: WarehouseUnderTest, rows: readonly PushedRow[], fact = requestsFact()): Promise<void> {
  const inserter = await openFor(w);
  try {
    await setupFact(fact, inserter);
    await ingestRows(fact, inserter, csvOf(rows), 'csv');
  } finally {
    await inserter.close();
  }
}

describe.each(FACT_WAREHOUSES)('facts on %s', (kind) => {
  it('ten batches with repeated names: no burned ids, ids map back to the names, summaries are the GROUP BY over the fact', async () => {
    const w = await warehouse(kind, `fact_${kind}`);
    for (const mode of ['flipFlop', 'single'] as const) {
      const fact = requestsFact({ staging: { mode } });
      const pushed: PushedRow[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const rows = pushedRows(batch * 120, (batch + 1) * 120);
        await push(w, rows, fact);
        pushed.push(...rows);
        const result = await processFact(fact, w.connection);
        expect(result.rows).toBe(120);
      }
      await expectConverged(w, pushed, expect);
      // Nothing is left to process, and a pass over nothing changes nothing.
      expect((await processFact(fact, w.connection)).rows).toBe(0);
      await expectConverged(w, pushed, expect);
      if (mode === 'flipFlop') {
        // Single staging next, on fresh tables.
        const q = (await import('../../shared/sql/dialect.ts')).dialect(kind).quote;
        for (const table of ['requests', 'hosts', 'requests_hourly', 'requests__staging', 'requests__process', 'requests__state']) await w.rows(`DROP TABLE ${q(table)}`);
        if (kind === 'duckdb') await w.rows(`DROP SEQUENCE ${q('hosts__id')}`);
      }
    }
  });

  it('a bad pushed row is refused naming its row and column', async () => {
    const w = await warehouse(kind, `bad_${kind}`);
    const inserter = await openFor(w);
    cleanups.push(() => inserter.close());
    const rows = pushedRows(0, 3);
    const text = `seq,host_name,event_at,bytes\n${rows.map((r) => `${r.seq},${r.host},${r.at},${r.bytes}`).join('\n')}\n4,host-x,2026-11-01 10:00:00,many\n`;
    await processFact(requestsFact(), w.connection);
    await expect(ingestRows(requestsFact(), inserter, Readable.from([text]), 'csv')).rejects.toThrow(/fact "requests", column "bytes", row 4: "many" is not/);
    const ndjson = '{"seq": 1, "host_name": "a", "event_at": "2026-11-01 10:00:00", "bytes": 1}\n{"seq": 2, "event_at": "2026-11-01 10:00:00", "bytes": 1}\n';
    await expect(ingestRows(requestsFact(), inserter, Readable.from([ndjson]), 'ndjson')).rejects.toThrow(/column "host_name", row 2: is missing in a column that is not nullable/);
    await expect(ingestRows(requestsFact(), inserter, Readable.from(['{"seq": 1, "hostname": "a"}\n']), 'ndjson')).rejects.toThrow(IngestError);
  });

  it('a pushed datetime with a seventh fraction digit is refused, not rounded or cut by the warehouse', async () => {
    const w = await warehouse(kind, `digits_${kind}`);
    const inserter = await openFor(w);
    cleanups.push(() => inserter.close());
    await processFact(requestsFact(), w.connection);
    const text = 'seq,host_name,event_at,bytes\n1,host-a,2026-11-01 10:00:00.123456,1\n2,host-a,2026-11-01 10:00:00.1234567,1\n';
    await expect(ingestRows(requestsFact(), inserter, Readable.from([text]), 'csv')).rejects.toThrow(`fact "requests", column "event_at", row 2: "2026-11-01 10:00:00.1234567" has more fraction digits than a ${kind} warehouse keeps (6)`);
  });
});

describe.each(['mariadb', 'postgres'] as const)('flip-flop on %s under concurrent inserters', (kind) => {
  it('four inserters pushing while the processor swaps every second lose no row and duplicate none', async () => {
    const w = await warehouse(kind, `flip_${kind}`);
    const fact = requestsFact();
    await processFact(fact, w.connection);
    const per = 2_400;
    let inserting = true;
    const inserters = [0, 1, 2, 3].map(async (k) => {
      const inserter = await openFor(w);
      try {
        // Small pushes, so that many of them straddle the swaps.
        for (let from = k * per; from < (k + 1) * per; from += 200) {
          await ingestRows(fact, inserter, csvOf(pushedRows(from, from + 200)), 'csv');
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      } finally {
        await inserter.close();
      }
    });
    const all = Promise.all(inserters).finally(() => (inserting = false));
    let swaps = 0;
    while (inserting) {
      await processFact(fact, w.connection);
      swaps++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await all;
    await processFact(fact, w.connection);
    expect(swaps).toBeGreaterThanOrEqual(2);
    await expectConverged(w, pushedRows(0, 4 * per), expect);
  });
});

/** Runs processFact in a child process that SIGKILLs itself after the n-th statement of `step`. */
function killedProcessor(w: WarehouseUnderTest, step: string, n: number): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'fact', 'process-child.ts'), JSON.stringify({ fact: requestsFact(), connection: w.connection, step, n })], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal, stderr })));
}

describe.each(FACT_WAREHOUSES)('a processor killed on %s', (kind) => {
  // After the swap (a generation pending), after a normalization, inside the load's transaction.
  it.each([['swap', 4], ['normalize', 1], ['load', 3]] as const)('after %s statement %i: the rerun converges to the same fact and summaries', async (step, n) => {
    const w = await warehouse(kind, `kill_${kind}`);
    const fact = requestsFact();
    const first = pushedRows(0, 300);
    await push(w, first);
    await processFact(fact, w.connection);
    const second = pushedRows(300, 700);
    await push(w, second);
    const killed = await killedProcessor(w, step, n);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    await processFact(fact, w.connection);
    await expectConverged(w, [...first, ...second], expect);
  });
});
