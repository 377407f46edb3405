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

export interface BlockCompressor {
  /** Bytes produced so far, for every block flushed; a block in flight may have added some. */
  readonly bytes: number;
  /** Raw size of the block being compressed (0 when none): what `bytes` may still grow by, compressed. */
  readonly inFlight: number;
  readonly chunks: Uint8Array[];
  /**
   * Starts compressing a block (flushed at its end) once the previous one is done, and resolves
   * then: one block compresses while the caller formats the next.
   */
  write(block: Uint8Array): Promise<void>;
  /** Finishes the block in flight and the stream. */
  end(): Promise<void>;
  destroy(): void;
}

/** A block compressor with one block in flight; see `BlockCompressor`. */
export function blockCompressor(compression: Compression): BlockCompressor {
  const flushing = flushedCompressor(compression);
  let compressing: Promise<void> = Promise.resolve();
  let inFlight = 0;
  return {
    get bytes() { return flushing.bytes; },
    get inFlight() { return inFlight; },
    chunks: flushing.chunks,
    async write(block) {
      await compressing;
      inFlight = block.length;
      compressing = flushing.write(block).then(() => {
        inFlight = 0;
      });
      // A failure surfaces at the next write or at end, not as an unhandled rejection meanwhile.
      compressing.catch(() => undefined);
    },
    async end() {
      await compressing;
      await flushing.end();
    },
    destroy: () => flushing.destroy(),
  };
}

/** Compresses each block and flushes it, so `bytes` is exact when `write` resolves. */
function flushedCompressor(compression: Compression): Omit<BlockCompressor, 'inFlight'> {
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
function zstdOnWorker(chunks: Uint8Array[]): Omit<BlockCompressor, 'inFlight'> {
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
