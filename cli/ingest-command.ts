/**
 * `landfall ingest <project> <fact> [--format csv|ndjson]`: rows from standard input into the
 * fact's staging table, in batches (see engine/fact/ingest-rows.ts); `landfall process` takes them
 * from there.
 */
import type { Readable } from 'node:stream';
import { ingestRows, type IngestFormat } from '../engine/fact/ingest-rows.ts';
import { setupFact } from '../engine/fact/process-fact.ts';
import { openWarehouse } from '../engine/connections.ts';
import { factTarget } from '../app/run/fact-target.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import type { RunIo } from './run-command.ts';

/** Runs the command; returns the exit code. */
export async function ingestCommand(file: string, name: string, input: Readable, format: IngestFormat, io: RunIo, signal: AbortSignal): Promise<number> {
  const store = ProjectStore.open(file);
  let target;
  try {
    target = factTarget(store, file, name);
  } finally {
    store.close();
  }
  const warehouse = await openWarehouse(target.connection);
  try {
    await setupFact(target.fact, warehouse);
    const result = await ingestRows(target.fact, warehouse, input, format, { signal });
    io.out(`fact ${target.fact.name}: ${result.rows.toLocaleString('en-US')} rows into staging in ${result.batches} batch${result.batches === 1 ? '' : 'es'}\n`);
    return 0;
  } finally {
    await warehouse.close();
  }
}
