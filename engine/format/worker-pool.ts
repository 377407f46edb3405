/**
 * One worker thread serving many streams, each answered in order: what the zstd and the Parquet
 * workers share (zstd-worker.ts, parquet-worker.ts). The worker's code is a CommonJS script
 * evaluated from a string (a separate file would need tsx's loader in the worker when run from
 * source, and a copy next to the built output otherwise). Every message carries its stream's `id`
 * and an `op`; every request that asks is answered with `{ id, bytes }` or `{ id, error }`.
 *
 * The worker is unreferenced while no answer is due, so it never keeps a finished process alive,
 * and referenced while one is, so a run waiting for its bytes is not ended under it.
 */
import { Worker } from 'node:worker_threads';

/** A request to the worker, without the stream's id (the pool adds it). */
export type WorkerRequest = { readonly op: string } & Record<string, unknown>;

interface Answer {
  readonly id: number;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

interface Waiter {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

/** One stream of a pool's worker. */
export interface PooledStream {
  /** Sends a request the worker answers; `bytes` (if given) are handed over where they own their buffer. */
  ask(request: WorkerRequest, bytes?: Uint8Array): Promise<Uint8Array>;
  /** Sends the stream's last request: once it is answered the stream is closed. */
  finish(request: WorkerRequest): Promise<Uint8Array>;
  /** Drops the stream (cancellation, failure): pending answers are discarded; `request` tells the worker. */
  drop(request: WorkerRequest): void;
}

/** What a pool's messages call the work, e.g. "zstd compression" or "Parquet encoding". */
export interface PoolNames {
  /** As in "the <worker> worker ended". */
  readonly worker: string;
  /** As in "<work> failed: …". */
  readonly work: string;
  /** As in "the <stream> was closed". */
  readonly stream: string;
}

/**
 * The buffers to transfer with `bytes`: its memory when it owns a buffer of its own; a view into
 * a shared buffer (Node's pool) is copied instead, since transferring would detach the rest.
 */
function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? [bytes.buffer as ArrayBuffer] : [];
}

/** A worker thread and the answers each of its streams waits for, in order. */
export class WorkerPool {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter[]>();
  private nextId = 1;
  private failure: Error | undefined;
  /** Answers still to come: the worker is referenced only while some are. */
  private expected = 0;

  constructor(source: string, workerData: unknown, private readonly names: PoolNames) {
    this.worker = new Worker(source, { eval: true, workerData });
    this.worker.on('message', (answer: Answer) => this.answer(answer));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the ${names.worker} worker ended (exit code ${code})`)));
    // Idle until asked (see `expected`); after the listeners, since attaching one refs it again.
    this.worker.unref();
  }

  /** The worker died: streams opened from now on need a new pool. */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Opens a stream with its first request (answered by nothing). */
  open(request: WorkerRequest): PooledStream {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const queue: Waiter[] = [];
    this.waiting.set(id, queue);
    this.worker.postMessage({ ...request, id });
    let closed = false;
    const ask = (message: WorkerRequest, bytes?: Uint8Array): Promise<Uint8Array> =>
      new Promise<Uint8Array>((resolve, reject) => {
        if (closed) return reject(new Error(`the ${this.names.stream} was closed`));
        if (this.failure) return reject(this.failure);
        queue.push({ resolve, reject });
        if (this.expected++ === 0) this.worker.ref();
        this.worker.postMessage({ ...message, id }, bytes ? transferable(bytes) : []);
      });
    return {
      ask,
      finish: async (message) => {
        const bytes = await ask(message);
        closed = true;
        this.waiting.delete(id);
        return bytes;
      },
      drop: (message) => {
        if (closed) return;
        closed = true;
        this.waiting.delete(id);
        if (!this.failure) this.worker.postMessage({ ...message, id });
      },
    };
  }

  private answer(answer: Answer): void {
    // A dropped stream's late answers have no queue any more and are discarded.
    if (--this.expected === 0) this.worker.unref();
    const waiter = this.waiting.get(answer.id)?.shift();
    if (!waiter) return;
    if (answer.error !== undefined) waiter.reject(new Error(`${this.names.work} failed: ${answer.error}`));
    else waiter.resolve(answer.bytes!);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.expected = 0;
    this.worker.unref();
    for (const queue of this.waiting.values()) for (const waiter of queue.splice(0)) waiter.reject(this.failure);
  }
}

/**
 * A process-wide pool, like libuv's thread pool that gzip uses: started on first use, one thread
 * for every stream (a run of many small files does not start a thread per file), started again
 * if its worker died.
 */
export function sharedPool(create: () => WorkerPool): () => WorkerPool {
  let pool: WorkerPool | undefined;
  return () => {
    if (!pool || pool.broken) pool = create();
    return pool;
  };
}
