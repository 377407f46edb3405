/**
 * The bench's child processes, one per timed arm (the parent forks this file with the arm as its
 * argument, see child-processes.ts):
 * - `engine`: wraps `process.send` so that VmHWM is read synchronously when the engine emits
 *   `run:started`, `loading` and `run:finished`, then imports engine/utility.ts unchanged;
 * - `duckdb`: opens a DuckDB database and times one statement (a COPY to Parquet) when told to.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { DUCKDB_OPTIONS, type ChildMode, type DuckReply, type DuckRequest, type RssMessage } from './child-processes.ts';

/** VmHWM (peak resident set) of a process in KB, from /proc; 0 where /proc is not there. */
function vmHwmKb(pid: number | 'self'): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * The engine child: reads VmHWM at the moment the engine emits `run:started` (modules loaded),
 * `loading` (extract and land done, load not started) and `run:finished`, sends it ahead of the
 * event, then runs engine/utility.ts as it is.
 */
async function engineChild(): Promise<void> {
  const send = process.send!.bind(process) as (message: unknown, ...rest: unknown[]) => boolean;
  // LANDFALL_BENCH_TRACE=1: every event with its time since the child started, on stderr, to see
  // where an arm's seconds go (connecting, probing, reading, landing) before profiling.
  const trace = process.env.LANDFALL_BENCH_TRACE === '1';
  process.send = ((message: unknown, ...rest: unknown[]) => {
    const event = message as EngineEvent;
    if (trace) process.stderr.write(`${performance.now().toFixed(0).padStart(7)} ms ${JSON.stringify(event).slice(0, 240)}\n`);
    const phase = event.type === 'run:started' ? 'started' : event.type === 'run:finished' ? 'finished'
      : event.type === 'entity:state' && event.state === 'loading' ? 'loading' : undefined;
    if (phase) send({ type: 'bench:rss', phase, kb: vmHwmKb('self') } satisfies RssMessage);
    return send(message, ...rest);
  }) as typeof process.send;
  await import('../../engine/utility.ts');
}

/**
 * The DuckDB child: opens the database it is sent, says `ready`, and on `go` runs the statement and
 * answers with its seconds and VmHWM. Opening first keeps the child's start-up (Node, tsx, DuckDB's
 * library) out of the timings: the DuckDB CLI would start in milliseconds.
 */
function duckdbChild(): void {
  const baselineKb = vmHwmKb('self');
  const reply = (message: DuckReply, exit?: number): void => {
    process.send!(message, undefined, undefined, () => (exit === undefined ? undefined : process.exit(exit)));
  };
  let statement: { connection: DuckDBConnection; instance: DuckDBInstance; sql: string } | undefined;
  process.on('message', (message: DuckRequest) => {
    void (async () => {
      try {
        if (message.type === 'open') {
          const instance = await DuckDBInstance.create(message.database, { ...DUCKDB_OPTIONS, ...(message.database === ':memory:' ? {} : { access_mode: 'READ_ONLY' }) });
          statement = { instance, connection: await instance.connect(), sql: message.sql };
          reply({ type: 'ready', baselineKb });
          return;
        }
        if (!statement) throw new Error('go before open');
        const started = performance.now();
        await statement.connection.run(statement.sql);
        const seconds = (performance.now() - started) / 1000;
        statement.connection.closeSync();
        statement.instance.closeSync();
        reply({ type: 'done', seconds, peakKb: vmHwmKb('self') }, 0);
      } catch (error) {
        reply({ type: 'done', seconds: 0, peakKb: 0, error: error instanceof Error ? error.message : String(error) }, 1);
      }
    })();
  });
}

const mode = process.argv[2] as ChildMode | undefined;
if (mode === 'engine') await engineChild();
else if (mode === 'duckdb') duckdbChild();
else throw new Error(`scripts/bench/child.ts runs one arm of the bench (engine or duckdb), not "${String(mode)}"`);
