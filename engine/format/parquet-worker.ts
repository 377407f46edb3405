/**
 * Parquet encoding on a worker thread. parquet-wasm (arrow-rs) encodes and ZSTD-compresses a row
 * group synchronously on the thread that calls it; on the main thread that was about 1.1 s of a
 * 1M-row narrow extract's busy time, during which no row was read or decoded. Here the main thread
 * hands each finished row group (as Arrow IPC bytes, transferred, not copied) to one worker and goes
 * on filling the next; the worker answers with the Parquet bytes the group completed.
 *
 * One worker serves every file of the process (each file its own parquet-wasm stream writer),
 * answered in order per file (worker-pool.ts). The worker is the only thread that loads
 * parquet-wasm: its writer properties are built there, in one function, for the row groups and
 * for the zero-row file that parquetWriter sizes footers by (the main thread compiling the 5 MB
 * WebAssembly module too, for that one file, cost every Parquet extract about 0.15 s of CPU).
 */
import { createRequire } from 'node:module';
import type { ParquetCompression } from '../../shared/model/schema.ts';
import { sharedPool, WorkerPool } from './worker-pool.ts';

/** How a file's row groups are encoded; plain data, since it crosses to the worker. */
export interface ParquetEncoding {
  /** arrow-rs's row-group size: the file's rows per group. */
  readonly rowGroupRows: number;
  /** Columns written with dictionary encoding (the rest PLAIN); none unless given. */
  readonly dictionaryColumns?: readonly string[];
  /** The pages' codec (ZSTD unless given). */
  readonly compression?: ParquetCompression;
}

/** One Parquet file whose row groups are encoded on the worker. */
export interface ParquetWorkerFile {
  /**
   * Encodes one row group (an Arrow IPC stream holding one record batch; its buffer is handed
   * over) and resolves with the bytes the writer passed on for it.
   */
  write(ipc: Uint8Array): Promise<Uint8Array>;
  /** Ends the file: resolves with the remaining bytes and the footer. */
  close(): Promise<Uint8Array>;
  /** Drops the file; pending answers are discarded. */
  abort(): void;
}

/** A request to the worker (the pool adds the stream's id). */
type Request =
  | { readonly op: 'open'; readonly encoding: ParquetEncoding }
  | { readonly op: 'write'; readonly ipc: Uint8Array }
  | { readonly op: 'close' | 'abort' }
  | { readonly op: 'schema' }
  | { readonly op: 'empty'; readonly encoding: ParquetEncoding; readonly ipc: Uint8Array };

/**
 * The worker's code (a CommonJS script, for the reasons given in zstd-worker.ts). A file is fed to
 * `transformParquetStream` through a pull-based stream: a row group is answered once the writer
 * pulls for the next one (it has encoded this one) and the reader has taken what it passed on.
 * The writer properties are parquetWriter's documented choices: the encoding's codec (ZSTD by
 * default), statistics per column chunk, dictionary encoding for the columns the encoding names
 * only. An `empty` request (a stream of its own, opened with `schema`) answers with the zero-row
 * file of a schema, written with the same properties.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const pw = require(workerData.parquetWasm);
const files = new Map();
const CODECS = { zstd: pw.Compression.ZSTD, snappy: pw.Compression.SNAPPY, gzip: pw.Compression.GZIP, none: pw.Compression.UNCOMPRESSED };
function writerProperties(encoding) {
  const codec = CODECS[encoding.compression === undefined ? 'zstd' : encoding.compression];
  if (codec === undefined) throw new Error('no Parquet codec ' + encoding.compression);
  let builder = new pw.WriterPropertiesBuilder()
    .setCompression(codec)
    .setStatisticsEnabled(pw.EnabledStatistics.Chunk)
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(encoding.rowGroupRows);
  for (const column of encoding.dictionaryColumns || []) builder = builder.setColumnDictionaryEnabled(column, true);
  return builder.build();
}
function concat(chunks) {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  chunks.length = 0;
  return out;
}
function openFile(encoding) {
  const file = { chunks: [], controller: undefined, onDemand: undefined, failure: undefined };
  file.demand = new Promise((resolve) => { file.onDemand = resolve; });
  const input = new ReadableStream({ start: (c) => { file.controller = c; }, pull: () => { file.onDemand(); } }, { highWaterMark: 0 });
  const properties = writerProperties(encoding);
  file.done = (async () => {
    const output = await pw.transformParquetStream(input, properties);
    const reader = output.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      file.chunks.push(value);
    }
  })();
  file.done.catch((error) => { file.failure = error || new Error('Parquet writer failed'); });
  file.stopped = file.done.then(() => { throw new Error('Parquet writer stopped early'); });
  file.stopped.catch(() => undefined);
  return file;
}
async function writeGroup(file, ipc) {
  await Promise.race([file.demand, file.stopped]);
  file.demand = new Promise((resolve) => { file.onDemand = resolve; });
  const table = pw.Table.fromIPCStream(ipc);
  const batch = table.recordBatch(0);
  table.free();
  if (!batch) throw new Error('parquet-wasm lost a record batch');
  file.controller.enqueue(batch);
  await Promise.race([file.demand, file.stopped]);
  await new Promise((resolve) => setImmediate(resolve));
  if (file.failure) throw file.failure;
  return concat(file.chunks);
}
async function handle(m) {
  if (m.op === 'open') { files.set(m.id, openFile(m.encoding)); return undefined; }
  if (m.op === 'schema') return undefined;
  if (m.op === 'empty') return pw.writeParquet(pw.Table.fromIPCStream(m.ipc), writerProperties(m.encoding));
  const file = files.get(m.id);
  if (m.op === 'abort') {
    files.delete(m.id);
    if (file) { try { file.controller.error(new Error('Parquet file abandoned')); } catch {} }
    return undefined;
  }
  if (!file) throw new Error('Parquet file ' + m.id + ' is not open');
  if (m.op === 'write') return writeGroup(file, m.ipc);
  files.delete(m.id);
  file.controller.close();
  await file.done;
  return concat(file.chunks);
}
// Requests of a file are handled one after the other, in the order they came.
let queue = Promise.resolve();
parentPort.on('message', (m) => {
  queue = queue.then(() => handle(m)).then(
    (bytes) => { if (bytes) parentPort.postMessage({ id: m.id, bytes }, [bytes.buffer]); },
    (error) => parentPort.postMessage({ id: m.id, error: String(error && error.message || error) }),
  );
});
`;

// Packaged, parquet-wasm sits in app.asar.unpacked (electron-builder.yml).
const parquetPool = sharedPool(() => new WorkerPool(WORKER_SOURCE, {
  parquetWasm: createRequire(import.meta.url).resolve('parquet-wasm/node').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
}, { worker: 'Parquet', work: 'Parquet encoding', stream: 'Parquet file' }));

/** Opens a Parquet file whose row groups are encoded on the shared worker thread. */
export function parquetWorkerFile(encoding: ParquetEncoding): ParquetWorkerFile {
  const file = parquetPool().open({ op: 'open', encoding } satisfies Request);
  return {
    write: (ipc) => file.ask({ op: 'write', ipc } satisfies Request, ipc),
    close: () => file.finish({ op: 'close' } satisfies Request),
    abort: () => file.drop({ op: 'abort' } satisfies Request),
  };
}

/**
 * The zero-row file of a schema (`ipc`: an Arrow IPC stream with the schema and no batch), encoded
 * on the worker with the writer properties of `encoding`.
 */
export function parquetEmptyFile(encoding: ParquetEncoding, ipc: Uint8Array): Promise<Uint8Array> {
  return parquetPool().open({ op: 'schema' } satisfies Request).finish({ op: 'empty', encoding, ipc } satisfies Request);
}

/** Starts the worker thread (if it is not running) so that it is ready when the first row group is. */
export function startParquetWorker(): void {
  parquetPool();
}
