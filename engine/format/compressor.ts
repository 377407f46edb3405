/**
 * Streaming compression of an in-memory file, flushed block by block so that the bytes produced
 * so far are exact after each block: the aggregator can then cut files on compressed size.
 */
import { constants, createGzip, type Gzip } from 'node:zlib';
import type { Compression } from '../../shared/model/schema.ts';
import { startZstdWorker, zstdWorkerStream } from './zstd-worker.ts';

/** Levels chosen for throughput, like the native `gzip -1` / `zstd -1` the benchmark compares with. */
export const GZIP_LEVEL = 1;
export const ZSTD_LEVEL = 1;

/** The most a block of `raw` bytes can add to a file, plus what ending the file can add. */
export function compressedBound(raw: number, compression: Compression): number {
  // zlib: stored blocks cost 5 bytes per 16 KB, a sync flush 5 more, the trailer 8.
  // zstd: ZSTD_COMPRESSBOUND (3 bytes per 128 KB block plus a small header), the epilogue 4.
  if (compression === 'none') return raw;
  return raw + (raw >>> 8) + 128;
}

/** Raw bytes per compressed block for files of `limit` bytes: small against the limit, so a file ends close to it. */
export function blockSizeFor(limit: number): number {
  return Math.max(4096, Math.min(256 * 1024, Math.floor(limit / 16)));
}

/** What each compression starts ahead of its first block: zstd its worker; gzip runs on libuv's pool, which is always there. */
const STARTS: Readonly<Record<Compression, () => void>> = { zstd: startZstdWorker, gzip: () => undefined, none: () => undefined };

/** Starts what a compression needs ahead of its first block (see `STARTS`); a writer calls it when it is made. */
export function startCompressor(compression: Compression): void {
  STARTS[compression]();
}

/**
 * Blocks a file may have handed to its compressor and not got back: the writer goes on cutting
 * the next while these compress. With one, every block was a round trip to the worker (or libuv's
 * pool) that the main thread waited out: 1M narrow rows (CSV + zstd, load 11–15 on 2 cores)
 * waited 1.6–3.8 s in those hand-offs while the worker spent 0.5–0.6 s compressing; with 4 in
 * flight 1.5–1.8 s, with 16 0.5–0.7 s (the rest of the wait is then the socket's, i.e. the
 * server). Sixteen 256 KB blocks hold at most 4 MB of a file's text.
 */
export const BLOCKS_IN_FLIGHT = 16;

export interface BlockCompressor {
  /** Bytes produced so far, for every block flushed; the blocks in flight may add some. */
  readonly bytes: number;
  /** Raw size of the blocks being compressed (0 when none): what `bytes` may still grow by, compressed. */
  readonly inFlight: number;
  readonly chunks: Uint8Array[];
  /**
   * Starts compressing a block (flushed at its end) and resolves as soon as fewer than
   * `BLOCKS_IN_FLIGHT` blocks are compressing: the caller cuts the next ones meanwhile.
   */
  write(block: Uint8Array): Promise<void>;
  /**
   * Resolves once every block in flight is compressed: `bytes` is then exact and `inFlight` 0.
   * A writer whose next line does not fit while blocks are in flight asks again after this
   * (their raw size counts in full until then), so files stay as full as with one block in flight.
   */
  settle(): Promise<void>;
  /** Finishes the blocks in flight and the stream. */
  end(): Promise<void>;
  destroy(): void;
}

/** A block compressor with up to `BLOCKS_IN_FLIGHT` blocks in flight; see `BlockCompressor`. */
export function blockCompressor(compression: Compression): BlockCompressor {
  const flushing = flushedCompressor(compression);
  // The blocks compressing, oldest first: each compressor answers its blocks in order.
  const compressing: Promise<void>[] = [];
  let inFlight = 0;
  const oldest = async (): Promise<void> => {
    await compressing.shift();
  };
  const settle = async (): Promise<void> => {
    while (compressing.length > 0) await oldest();
  };
  return {
    get bytes() { return flushing.bytes; },
    get inFlight() { return inFlight; },
    chunks: flushing.chunks,
    async write(block) {
      while (compressing.length >= BLOCKS_IN_FLIGHT) await oldest();
      const raw = block.length;
      inFlight += raw;
      const done = flushing.write(block).then(() => {
        inFlight -= raw;
      });
      // A failure surfaces at a later write, at settle or at end, not as an unhandled rejection meanwhile.
      done.catch(() => undefined);
      compressing.push(done);
    },
    settle,
    async end() {
      await settle();
      await flushing.end();
    },
    destroy: () => flushing.destroy(),
  };
}

/** Compresses each block and flushes it, so `bytes` is exact when `write` resolves. */
function flushedCompressor(compression: Compression): Omit<BlockCompressor, 'inFlight' | 'settle'> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (compression === 'none') {
    return {
      get bytes() { return bytes; },
      chunks,
      write(block) {
        chunks.push(block);
        bytes += block.length;
        return Promise.resolve();
      },
      end: () => Promise.resolve(),
      destroy: () => { chunks.length = 0; },
    };
  }
  if (compression === 'zstd') return zstdOnWorker(chunks);
  const stream: Gzip = createGzip({ level: GZIP_LEVEL });
  let failure: Error | undefined;
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    bytes += chunk.length;
  });
  stream.on('error', (error: Error) => { failure = error; });
  const flush = (): Promise<void> =>
    new Promise((resolve, reject) => {
      stream.flush(constants.Z_SYNC_FLUSH, () => (failure ? reject(failure) : resolve()));
    });
  return {
    get bytes() { return bytes; },
    chunks,
    async write(block) {
      if (failure) throw failure;
      stream.write(block);
      await flush();
    },
    end: () =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        stream.once('end', () => (failure ? reject(failure) : resolve()));
        stream.once('error', reject);
        stream.end();
        stream.resume();
      }),
    destroy: () => {
      stream.destroy();
      chunks.length = 0;
    },
  };
}

/** zstd on the worker thread (zstd-worker.ts): zlib's gzip already runs off the main thread. */
function zstdOnWorker(chunks: Uint8Array[]): Omit<BlockCompressor, 'inFlight' | 'settle'> {
  const stream = zstdWorkerStream(ZSTD_LEVEL);
  let bytes = 0;
  const keep = (chunk: Uint8Array): void => {
    if (chunk.length === 0) return;
    chunks.push(chunk);
    bytes += chunk.length;
  };
  return {
    get bytes() { return bytes; },
    chunks,
    write: async (block) => keep(await stream.write(block)),
    end: async () => keep(await stream.end()),
    destroy: () => {
      stream.destroy();
      chunks.length = 0;
    },
  };
}
