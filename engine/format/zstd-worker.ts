/**
 * Zstandard compression on a worker thread. zstd-napi compresses synchronously on the calling
 * thread (Node 20 has no zstd in zlib, whose gzip already runs on libuv's pool), so on the main
 * thread every block compressed was time not spent reading and cutting the next one. Here the
 * main thread hands a block to one worker and goes on; the worker answers with the block's
 * compressed, flushed bytes.
 *
 * One worker serves every stream of the process (several files may be compressing at once), each
 * stream a zstd context of its own, answered in order. The worker is started on first use and
 * unreferenced, so it never keeps a finished process alive.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A zstd stream whose blocks compress on the worker. */
export interface ZstdWorkerStream {
  /** Compresses `block` and flushes, resolving with the bytes produced (decodable up to here). */
  write(block: Uint8Array): Promise<Uint8Array>;
  /** Ends the frame: resolves with the epilogue's bytes; the stream is closed. */
  end(): Promise<Uint8Array>;
  /** Drops the stream (cancellation, failure); pending answers are discarded. */
  destroy(): void;
}

type Request =
  | { readonly id: number; readonly op: 'open'; readonly level: number }
  | { readonly id: number; readonly op: 'write'; readonly block: Uint8Array }
  | { readonly id: number; readonly op: 'end' | 'close' };

interface Answer {
  readonly id: number;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

/**
 * The worker's code, evaluated as a CommonJS script: a separate file would need tsx's loader in
 * the worker when run from source and a copy next to the built output otherwise, while the
 * binding is a path resolved here. Each answer's bytes are one exact-size buffer, transferred:
 * a scratch-sized buffer per answer would hold several times the file's size in memory.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const binding = require(workerData.binding);
const streams = new Map();
let scratch = Buffer.allocUnsafe(binding.cStreamOutSize());
const EMPTY = new Uint8Array(0);
function run(cctx, src, directive) {
  const parts = [];
  let total = 0;
  for (;;) {
    const [left, produced, consumed] = cctx.compressStream2(scratch, src, directive);
    if (produced > 0) {
      parts.push(Buffer.from(scratch.subarray(0, produced)));
      total += produced;
    }
    src = src.subarray(consumed);
    if (src.length === 0 && left === 0) break;
    if (left > scratch.length) scratch = Buffer.allocUnsafe(left);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}
parentPort.on('message', (m) => {
  try {
    if (m.op === 'open') {
      const cctx = new binding.CCtx();
      cctx.setParameter(binding.CParameter.compressionLevel, m.level);
      streams.set(m.id, cctx);
      return;
    }
    if (m.op === 'close') { streams.delete(m.id); return; }
    const cctx = streams.get(m.id);
    if (!cctx) throw new Error('zstd stream ' + m.id + ' is not open');
    const ending = m.op === 'end';
    const bytes = run(cctx, ending ? EMPTY : m.block, ending ? binding.EndDirective.end : binding.EndDirective.flush);
    if (ending) streams.delete(m.id);
    parentPort.postMessage({ id: m.id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.message || error) });
  }
});
`;

interface Waiter {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

/** The process's compression worker and the answers each stream waits for, in order. */
class ZstdWorkerPool {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter[]>();
  private nextId = 1;
  private failure: Error | undefined;
  /**
   * Answers still to come (one per request that asks): the worker keeps the process alive only
   * while some are, so a finished run exits and a run waiting for its bytes does not.
   */
  private expected = 0;

  /** The worker died: streams opened from now on need a new pool. */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  constructor() {
    // Packaged, the add-on sits in app.asar.unpacked (electron-builder.yml): a worker's require
    // cannot load a native module from inside the archive.
    const binding = createRequire(import.meta.url).resolve('zstd-napi/binding').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { binding } });
    this.worker.on('message', (answer: Answer) => this.answer(answer));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the compression worker ended (exit code ${code})`)));
    // Idle until asked (see `expected`); after the listeners, since attaching one refs it again.
    this.worker.unref();
  }

  open(level: number): ZstdWorkerStream {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const queue: Waiter[] = [];
    this.waiting.set(id, queue);
    this.post({ id, op: 'open', level });
    let closed = false;
    const ask = (request: Request, transfer: ArrayBuffer[]): Promise<Uint8Array> =>
      new Promise<Uint8Array>((resolve, reject) => {
        if (closed) return reject(new Error('the zstd stream was closed'));
        if (this.failure) return reject(this.failure);
        queue.push({ resolve, reject });
        if (this.expected++ === 0) this.worker.ref();
        this.post(request, transfer);
      });
    return {
      write: (block) => {
        // Hand the block's memory over when it owns a buffer of its own; a view into a shared
        // buffer (Node's pool) is copied instead, since transferring would detach the rest.
        const whole = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength && block.buffer instanceof ArrayBuffer;
        return ask({ id, op: 'write', block }, whole ? [block.buffer as ArrayBuffer] : []);
      },
      end: async () => {
        const bytes = await ask({ id, op: 'end' }, []);
        closed = true;
        this.waiting.delete(id);
        return bytes;
      },
      destroy: () => {
        if (closed) return;
        closed = true;
        this.waiting.delete(id);
        if (!this.failure) this.post({ id, op: 'close' });
      },
    };
  }

  private post(request: Request, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private answer(answer: Answer): void {
    // A destroyed stream's late answers have no queue any more and are dropped.
    if (--this.expected === 0) this.worker.unref();
    const waiter = this.waiting.get(answer.id)?.shift();
    if (!waiter) return;
    if (answer.error !== undefined) waiter.reject(new Error(`zstd compression failed: ${answer.error}`));
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
 * Process-wide, like libuv's thread pool that gzip uses: started on first use, one thread for
 * every stream, so a run of many small files does not start a thread per file.
 */
let pool: ZstdWorkerPool | undefined;

/** Opens a zstd stream at `level` whose blocks compress on the shared worker thread. */
export function zstdWorkerStream(level: number): ZstdWorkerStream {
  if (!pool || pool.broken) pool = new ZstdWorkerPool();
  return pool.open(level);
}
