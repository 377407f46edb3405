/**
 * Partition-parallel reads: the coordinator connection's snapshot and bounds, then one connection
 * per range, their batches merged into the one stream the aggregate step cuts into files. Rows are
 * numbered as they arrive in that stream, so numbers stay unique and files are named by their
 * first row. A reader is asked for its next batch only after its last one was taken, so a slow
 * lake holds every reader back; when one reader fails, or the stream is left, the others are
 * stopped and every reader's connection is closed.
 */
import type { PlanStatement, PlanStep } from '../../shared/plan/run-plan.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { compile, type Compiled } from '../../shared/sql/statement.ts';
import type { EntitySqlInput } from '../../shared/sql/steps/entity-sql-input.ts';
import { partitionInputs, type PartitionInputs } from '../../shared/sql/steps/partition.ts';
import type { Source } from './source.ts';

/** One reader of a parallel extract: how messages name it, and its statements in order (the extract last). */
export interface Reader {
  /** `reader 2 of 4 (id 2501 to 5000)`. */
  readonly name: string;
  readonly statements: readonly Compiled[];
}

/**
 * Runs the coordinator's statements of a plan's partition step on `source`: its transaction (left
 * open: the readers join its snapshot), the snapshot export and the bounds query.
 */
export async function readPartitions(source: Source, step: PlanStep, input: EntitySqlInput, executing: (step: PlanStep, item: PlanStatement) => void): Promise<PartitionInputs> {
  const spoken = dialect(step.dialect!);
  const results: unknown[][][] = [];
  for (const item of step.statements) {
    executing(step, item);
    results.push(await source.query(compile(item.statement, spoken)));
  }
  const [, exported, bounds] = results;
  return partitionInputs(input, exported?.[0]?.[0], bounds?.[0]);
}

/** A parallel extract step's statements grouped by reader, compiled, with each reader's name. */
export function readersOf(step: PlanStep): Reader[] {
  const labels = step.readers ?? [];
  const spoken = dialect(step.dialect!);
  return labels.map((label, index) => ({
    name: `reader ${index + 1} of ${labels.length} (${label})`,
    statements: step.statements.filter((item) => item.reader === index).map((item) => compile(item.statement, spoken)),
  }));
}

/** Reads one range on a connection of its own, closed when the range is read, fails or is stopped. */
async function* onItsOwnConnection<T>(open: () => Promise<Source>, read: (source: Source, signal: AbortSignal) => AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const source = await open();
  try {
    signal.throwIfAborted();
    yield* read(source, signal);
  } finally {
    await source.close();
  }
}

/**
 * The batches of every reader, merged as they come. `read` runs one reader's statements on its
 * source and yields its batches; `signal` cancels them all. At most one batch per reader is read
 * ahead of the consumer.
 */
export async function* parallelReads<T>(
  readers: readonly Reader[],
  open: () => Promise<Source>,
  read: (reader: Reader, source: Source, signal: AbortSignal) => AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const stop = new AbortController();
  const cancel = (): void => stop.abort(signal.reason);
  signal.addEventListener('abort', cancel, { once: true });
  const iterators = readers.map((reader) => onItsOwnConnection(open, (source, stopped) => read(reader, source, stopped), stop.signal)[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number): void => void pending.set(index, iterators[index]!.next().then((result) => ({ index, result })));
  try {
    iterators.forEach((_, index) => pull(index));
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      yield result.value;
      // Only now, with its batch taken, is this reader asked for the next.
      pull(index);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    if (pending.size > 0) {
      // A reader failed, or the consumer stopped: closing the others' connections ends their reads at once.
      stop.abort(signal.aborted ? signal.reason : new Error('another reader of this extract stopped'));
      await Promise.allSettled(pending.values());
      await Promise.allSettled(iterators.map((iterator) => iterator.return?.(undefined)));
    }
  }
}
