/** Size of one staged block (Blob) or append (Data Lake); files up to this size go in one request. */
export const BLOCK_SIZE = 8 * 1024 * 1024;
/** Blocks of one file in flight at once (the aggregator lands several files at once as well). */
export const UPLOAD_CONCURRENCY = 4;

/** Splits in-memory chunks into blocks of at most `size` bytes, copying only blocks that span chunks. */
export function* blocksOf(chunks: readonly Uint8Array[], size: number): Generator<{ offset: number; data: Uint8Array }> {
  let offset = 0;
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  const flush = () => {
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
    const block = { offset, data };
    offset += partBytes;
    parts = [];
    partBytes = 0;
    return block;
  };
  for (const chunk of chunks) {
    let at = 0;
    while (at < chunk.byteLength) {
      const take = Math.min(size - partBytes, chunk.byteLength - at);
      parts.push(at === 0 && take === chunk.byteLength ? chunk : chunk.subarray(at, at + take));
      partBytes += take;
      at += take;
      if (partBytes === size) yield flush();
    }
  }
  if (partBytes > 0) yield flush();
}
