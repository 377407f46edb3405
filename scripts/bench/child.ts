/**
 * The bench's child processes, one per timed arm (the parent forks this file with the arm as its
 * argument, see child-processes.ts):
 * - `engine`: wraps `process.send` so that VmHWM is read synchronously when the engine emits
 *   `run:started`, `loading` and `run:finished`, then imports engine/utility.ts unchanged;
 * - `duckdb`: opens the loaded DuckDB file and times the Parquet COPY only.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { DUCKDB_OPTIONS, type ChildMode, type DuckCopyReply, type DuckCopyRequest, type RssMessage } from './child-processes.ts';
import { FILE_SIZE_MB } from './fixtures.ts';

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
  process.send = ((message: unknown, ...rest: unknown[]) => {
    const event = message as EngineEvent;
    const phase = event.type === 'run:started' ? 'started' : event.type === 'run:finished' ? 'finished'
      : event.type === 'entity:state' && event.state === 'loading' ? 'loading' : undefined;
    if (phase) send({ type: 'bench:rss', phase, kb: vmHwmKb('self') } satisfies RssMessage);
    return send(message, ...rest);
  }) as typeof process.send;
  await import('../../engine/utility.ts');
}

/** The DuckDB child: opens the loaded database file and times the Parquet COPY only. */
function duckdbChild(): void {
  const baselineKb = vmHwmKb('self');
  process.once('message', (message: DuckCopyRequest) => {
    void (async () => {
      let reply: DuckCopyReply;
      try {
        const instance = await DuckDBInstance.create(message.database, { ...DUCKDB_OPTIONS, access_mode: 'READ_ONLY' });
        const connection = await instance.connect();
        const started = performance.now();
        await connection.run(
          `COPY (${message.select}) TO ${dialect('duckdb').literal({ type: 'text', value: message.folder })} (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES '${FILE_SIZE_MB}MiB')`,
        );
        const seconds = (performance.now() - started) / 1000;
        reply = { seconds, peakKb: vmHwmKb('self'), baselineKb };
        connection.closeSync();
        instance.closeSync();
      } catch (error) {
        reply = { seconds: 0, peakKb: 0, baselineKb, error: error instanceof Error ? error.message : String(error) };
      }
      process.send!(reply, undefined, undefined, () => process.exit(reply.error ? 1 : 0));
    })();
  });
}

const mode = process.argv[2] as ChildMode | undefined;
if (mode === 'engine') await engineChild();
else if (mode === 'duckdb') duckdbChild();
else throw new Error(`scripts/bench/child.ts runs one arm of the bench (engine or duckdb), not "${String(mode)}"`);
