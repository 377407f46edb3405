// Aggregate's claims, measured with a real CSV file writer and a slow in-memory lander that records
// how many files it holds at once: at most `concurrency` files land at a time (and that many do),
// memory stays bounded by file size × files in flight, and reading stops while every slot is busy.
import { describe, expect, it } from 'vitest';
import { aggregate, type AggregateOptions } from './aggregate.ts';
import { csvLinesWriter, type LineBatch } from './format/csv-lines-writer.ts';
import type { Lander, LandingFile } from './land/lander.ts';

const LINE_BYTES = 7; // "000001\n"
const HEADER = 'id\n';
const LIMIT = 700; // bytes: 99 rows a file
const ROWS_PER_FILE = Math.floor((LIMIT - HEADER.length) / LINE_BYTES);
const BATCH = 40;

/** A source of `total` rows in batches, counting the rows the aggregator has pulled. */
function source(total: number) {
  const counts = { pulled: 0, closed: false };
  async function* batches(): AsyncGenerator<LineBatch> {
    try {
      for (let first = 1; first <= total; first += BATCH) {
        const lines: string[] = [];
        for (let n = first; n < Math.min(first + BATCH, total + 1); n++) lines.push(`${String(n).padStart(6, '0')}\n`);
        counts.pulled += lines.length;
        yield { length: lines.length, bytes: Buffer.from(lines.join('')), ends: lines.map((_, i) => (i + 1) * LINE_BYTES) };
      }
    } finally {
      counts.closed = true;
    }
  }
  return { batches: batches(), counts };
}

/**
 * A lander whose writes finish only when the test releases them (or at once when `auto`), and
 * which records the overlap: files and bytes in flight at once, and every file landed.
 */
function slowLander(auto: boolean) {
  const waiting: { release: () => void; fail: (error: Error) => void }[] = [];
  const stats = { inFlight: 0, maxInFlight: 0, bytesInFlight: 0, maxBytesInFlight: 0, landed: [] as LandingFile[] };
  const lander: Lander = {
    begin: () => Promise.resolve(),
    async land(file, signal) {
      signal.throwIfAborted();
      stats.inFlight++;
      stats.bytesInFlight += file.bytes;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      stats.maxBytesInFlight = Math.max(stats.maxBytesInFlight, stats.bytesInFlight);
      try {
        await new Promise<void>((release, fail) => {
          if (auto) setImmediate(release);
          else waiting.push({ release, fail });
        });
        stats.landed.push(file);
      } finally {
        stats.inFlight--;
        stats.bytesInFlight -= file.bytes;
      }
    },
    publish: () => Promise.resolve([]),
    discard: () => Promise.resolve(),
    restore: () => Promise.resolve(),
  };
  return { lander, stats, waiting };
}

function options(lander: Lander, concurrency: number): AggregateOptions<LineBatch> {
  return {
    entity: 'orders', writer: csvLinesWriter(HEADER, 'none'), limit: LIMIT, lander, concurrency,
    signal: new AbortController().signal, prepare: () => undefined, progress: () => undefined,
  };
}

/** Lets pending promise callbacks and I/O callbacks run until `done()` holds (bounded, no timers). */
async function settle(done: () => boolean = () => false, rounds = 200): Promise<void> {
  for (let n = 0; n < rounds && !done(); n++) await new Promise((resolve) => setImmediate(resolve));
}

describe('aggregate', () => {
  for (const concurrency of [1, 3]) {
    it(`lands at most ${concurrency} file(s) at once, and uses every slot`, async () => {
      const { batches } = source(5_000);
      const { lander, stats } = slowLander(true);
      const result = await aggregate(batches, options(lander, concurrency));
      expect(result.rows).toBe(5_000);
      expect(result.files).toBe(Math.ceil(5_000 / ROWS_PER_FILE));
      expect(stats.landed).toHaveLength(result.files);
      expect(stats.maxInFlight).toBe(concurrency);
      for (const file of stats.landed) expect(file.bytes).toBeLessThanOrEqual(LIMIT);
      expect(stats.maxBytesInFlight).toBeLessThanOrEqual(LIMIT * concurrency);
      // Every row lands once, in files named by their first row.
      const rows = stats.landed.flatMap((file) => Buffer.concat(file.chunks).toString().split('\n').slice(1, -1)).sort();
      expect(rows).toEqual(Array.from({ length: 5_000 }, (_, i) => String(i + 1).padStart(6, '0')));
      expect(stats.landed.map((f) => f.name)).toContain('orders_000000000100.csv');
    });
  }

  it('stops reading while every slot is busy, and reads on when one frees (memory ≤ file size × files in flight)', async () => {
    const concurrency = 2;
    const { batches, counts } = source(20_000);
    const { lander, stats, waiting } = slowLander(false);
    const run = aggregate(batches, options(lander, concurrency));

    await settle(() => waiting.length === concurrency);
    expect(waiting).toHaveLength(concurrency);
    await settle(); // give the reader every chance to run ahead
    const stalled = counts.pulled;
    await settle();
    expect(counts.pulled).toBe(stalled);
    // Held: the files landing, the one full file waiting for a slot, and the batches read ahead.
    expect(stalled).toBeLessThanOrEqual((concurrency + 1) * ROWS_PER_FILE + 2 * BATCH);

    let finished = false;
    void run.then(() => (finished = true), () => (finished = true));
    const landedRows = () => stats.landed.reduce((sum, file) => sum + file.rows, 0);
    let maxHeld = 0;
    while (!finished) {
      await settle(() => finished || waiting.length === concurrency || (counts.pulled === 20_000 && waiting.length > 0));
      maxHeld = Math.max(maxHeld, counts.pulled - landedRows());
      waiting.shift()?.release();
    }
    const result = await run;
    expect(result.rows).toBe(20_000);
    expect(stats.maxInFlight).toBe(concurrency);
    expect(maxHeld).toBeLessThanOrEqual((concurrency + 1) * ROWS_PER_FILE + 2 * BATCH);
  });

  it('a failed landing stops reading and closes the source', async () => {
    const { batches, counts } = source(20_000);
    const { lander, waiting } = slowLander(false);
    const run = aggregate(batches, options(lander, 2)).then(() => undefined, (error: unknown) => error);
    await settle(() => waiting.length === 2);
    waiting.shift()!.fail(new Error('disk full'));
    waiting.shift()!.release();
    expect(((await run) as Error).message).toBe('disk full');
    expect(counts.closed).toBe(true);
    expect(counts.pulled).toBeLessThan(20_000);
  });
});
