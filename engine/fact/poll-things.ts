/**
 * The seed's Case 2, polling: several `landfall process --poller K` processes, each with its own
 * staging table, share the files of a fact's `poll` source. Each file is a "thing" registered in
 * the claims table; a poller claims one under a lock in the warehouse (MariaDB `GET_LOCK`, a
 * PostgreSQL advisory lock, the DuckDB file lock: held by the poller's session, freed by the
 * server when it ends, killed or not), reads it into its staging table, normalizes, and in one
 * transaction summarizes, copies to the fact and marks the thing done. A poller killed midway
 * leaves its thing not done and its lock freed: another poller (or its rerun) claims it again, and
 * since "done" commits with the copy, nothing is copied twice.
 */
import { createReadStream } from 'node:fs';
import { isAbsolute, join, dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { Connection, Fact } from '../../shared/model/index.ts';
import { factPlan, thingStatements } from '../../shared/fact/fact-plan.ts';
import { openWarehouse } from '../connections.ts';
import { acquireRunLock, LockHeld } from '../run-lock.ts';
import { ingestRows } from './ingest-rows.ts';
import { runFactSteps, setupFact, type FactProcessOptions } from './process-fact.ts';

export interface PollOptions extends FactProcessOptions {
  readonly poller: number;
  /** The project file: a relative source folder is read from beside it. */
  readonly base: string;
  /** Told of each thing this poller claimed, before it reads it (the tests' named point). */
  readonly onClaim?: (thing: string) => void;
}

export interface PollResult {
  readonly things: number;
  readonly rows: number;
  readonly claimed: readonly string[];
}

/** The claim lock of one thing. */
export const thingLockName = (fact: string, thing: string): string => `fact:${fact}:thing:${thing}`;

/** Polls until no unclaimed thing is left: registers the files, then claims and processes them one at a time. */
export async function pollThings(fact: Fact, connection: Connection, options: PollOptions): Promise<PollResult> {
  if (fact.source.kind !== 'poll') throw new Error(`fact "${fact.name}" is fed by ${fact.source.kind === 'push' ? 'pushed rows' : `entity "${fact.source.entity}"`}, not polled: set its source to poll files, or run landfall process without --poller`);
  const source = fact.source;
  const folder = isAbsolute(source.folder) ? source.folder : resolve(dirname(options.base), source.folder);
  const warehouse = await openWarehouse(connection);
  const signal = options.signal ?? new AbortController().signal;
  const claimed: string[] = [];
  let rows = 0;
  try {
    await setupFact(fact, warehouse, options.poller);
    const things = thingStatements(fact, warehouse.dialect);
    const files = (await glob(source.pattern, { cwd: folder, onlyFiles: true, deep: 1 })).sort();
    for (const file of files) await warehouse.query(things.register(file));
    for (const [thing] of (await warehouse.query(things.pending)) as [string][]) {
      signal.throwIfAborted();
      let lock;
      try {
        lock = await acquireRunLock(options.runId ?? `poller ${options.poller}`, [{ warehouse: connection, entities: [thingLockName(fact.name, thing)] }], { signal, onRetry: () => undefined });
      } catch (error) {
        if (error instanceof LockHeld) continue; // another poller has it
        throw error;
      }
      try {
        // Done between the list and the claim by a poller that has let go of it since.
        const [[done] = [1]] = (await warehouse.query(things.done(thing))) as [number][];
        if (Number(done) === 1) continue;
        claimed.push(thing);
        options.onClaim?.(thing);
        const plan = factPlan(fact, warehouse.dialect, { poller: options.poller, thing });
        await runFactSteps(warehouse, plan, ['clear'], options);
        await ingestRows(fact, warehouse, createReadStream(join(folder, thing)), source.format, { poller: options.poller, signal });
        rows += await runFactSteps(warehouse, plan, ['count', 'normalize', 'load'], options);
      } finally {
        await lock.release();
      }
    }
  } finally {
    await warehouse.close();
  }
  return { things: claimed.length, rows, claimed };
}
