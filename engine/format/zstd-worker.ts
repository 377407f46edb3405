/**
 * Zstandard compression on a worker thread. zstd-napi compresses synchronously on the calling
 * thread (Node 20 has no zstd in zlib, whose gzip already runs on libuv's pool), so on the main
 * thread every block compressed was time not spent reading and cutting the next one. Here the
 * main thread hands a block to one worker and goes on; the worker answers with the block's
 * compressed, flushed bytes.
 *
 * One worker serves every stream of the process (several files may be compressing at once), each
 * stream a zstd context of its own, answered in order (worker-pool.ts).
 */
import { createRequire } from 'node:module';
import { sharedPool, WorkerPool } from './worker-pool.ts';

/** A zstd stream whose blocks compress on the worker. */
export interface ZstdWorkerStream {
  /** Compresses `block` and flushes, resolving with the bytes produced (decodable up to here). */
  write(block: Uint8Array): Promise<Uint8Array>;
  /** Ends the frame: resolves with the epilogue's bytes; the stream is closed. */
  end(): Promise<Uint8Array>;
  /** Drops the stream (cancellation, failure); pending answers are discarded. */
  destroy(): void;
}

/** A request to the worker (the pool adds the stream's id). */
type Request =
  | { readonly op: 'open'; readonly level: number }
  | { readonly op: 'write'; readonly block: Uint8Array }
  | { readonly op: 'end' | 'close' };

/**
 * The worker's code, a CommonJS script (see worker-pool.ts); the binding is a path resolved
 * here. Each answer's bytes are one exact-size buffer, transferred:
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

// Packaged, the add-on sits in app.asar.unpacked (electron-builder.yml): a worker's require
// cannot load a native module from inside the archive.
const zstdPool = sharedPool(() => new WorkerPool(WORKER_SOURCE, {
  binding: createRequire(import.meta.url).resolve('zstd-napi/binding').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
}, { worker: 'compression', work: 'zstd compression', stream: 'zstd stream' }));

/** Opens a zstd stream at `level` whose blocks compress on the shared worker thread. */
export function zstdWorkerStream(level: number): ZstdWorkerStream {
  const stream = zstdPool().open({ op: 'open', level } satisfies Request);
  return {
    write: (block) => stream.ask({ op: 'write', block } satisfies Request, block),
    end: () => stream.finish({ op: 'end' } satisfies Request),
    destroy: () => stream.drop({ op: 'close' } satisfies Request),
  };
}

/**
 * Starts the worker thread (if it is not running) without opening a stream: booting a thread
 * takes tens of milliseconds (hundreds on a busy machine), and a file's first block waiting for it
 * stalled the COPY behind it (the socket pauses while the main thread waits).
 */
export function startZstdWorker(): void {
  zstdPool();
}
