/**
 * One Parquet file being written by parquet-wasm's `transformParquetStream`: record batches go in
 * through a pull-based stream, Parquet bytes come out and are kept as the file's chunks.
 */
import type * as pw from 'parquet-wasm';
import { transformParquetStream } from 'parquet-wasm';

export class RowGroupSink {
  /** Bytes the writer has passed on so far. */
  bytes = 0;
  private readonly chunks: Uint8Array[] = [];
  private controller!: ReadableStreamDefaultController<pw.RecordBatch>;
  private demand: Promise<void>;
  private onDemand!: () => void;
  private readonly done: Promise<void>;
  private failure: unknown;

  constructor(properties: pw.WriterProperties) {
    this.demand = this.nextDemand();
    const input = new ReadableStream<pw.RecordBatch>(
      { start: (c) => { this.controller = c; }, pull: () => { this.onDemand(); } },
      { highWaterMark: 0 },
    );
    // transformParquetStream reads the first batch (for the schema) before it resolves.
    this.done = (async () => {
      const output = (await transformParquetStream(input, properties)) as ReadableStream<Uint8Array>;
      const reader = output.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.chunks.push(value);
        this.bytes += value.length;
      }
    })();
    this.done.catch((error: unknown) => { this.failure = error ?? new Error('Parquet writer failed'); });
  }

  /**
   * Hands one row group to the writer; resolves once the writer asks for the next batch, i.e. once
   * it has encoded this one and passed on what it completed.
   */
  async write(batch: pw.RecordBatch): Promise<void> {
    await this.waitForDemand();
    this.demand = this.nextDemand();
    this.controller.enqueue(batch);
    await this.waitForDemand();
    // The writer has passed its output on; let the reader take it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.failure) throw asError(this.failure);
  }

  /** Ends the file (the writer adds the footer) and returns all its bytes, in order. */
  async close(): Promise<Uint8Array[]> {
    this.controller.close();
    await this.done;
    return this.chunks;
  }

  /** Stops the writer and drops what it produced. */
  abort(): void {
    try {
      this.controller.error(new Error('Parquet file abandoned'));
    } catch {
      // already closed or failed
    }
    this.chunks.length = 0;
  }

  private nextDemand(): Promise<void> {
    return new Promise<void>((resolve) => { this.onDemand = resolve; });
  }

  private async waitForDemand(): Promise<void> {
    await Promise.race([this.demand, this.done.then(() => { throw new Error('Parquet writer stopped early'); })]);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
