/**
 * The Azure Data Lake Gen2 store (`adls` connections with `hierarchicalNamespace: true`), over the
 * DFS endpoint. Each file is written as `<name>.partial` (create, parallel appends, flush) and
 * renamed when complete; a folder move is one directory rename, atomic on a hierarchical-namespace
 * account, so a reader sees the old set or the new one.
 */
import type { DataLakeFileSystemClient } from '@azure/storage-file-datalake';
import { blobUrl, DATA_LAKE_API, type AdlsConnection } from '../azure-client.ts';
import { writeTimeoutMs, type LakeEntry, type LakeStore } from '../lake-store.ts';
import { errorCode } from './azure-storage-error.ts';
import { azureStoreContext, type AzureStoreOptions } from './azure-store-context.ts';
import { BLOCK_SIZE, blocksOf, UPLOAD_CONCURRENCY } from './blocks-of.ts';
import { eachLimited } from './each-limited.ts';

/**
 * A rename's destination as the SDK's `move` takes it: each segment percent-encoded (the SDK puts
 * it into the request URL as given, unlike the paths of `getFileClient`, which it encodes itself).
 */
export const renameTarget = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

const parentOf = (path: string): string => path.split('/').slice(0, -1).join('/');
const isNotFound = (error: unknown): boolean => errorCode(error) === 'PathNotFound' || errorCode(error) === 'BlobNotFound';

/** A store over the connection's file system, rooted at its `directory`; each operation is bounded by `options.timeouts`. */
export function dataLakeStore(connection: AdlsConnection, options: AzureStoreOptions = {}): LakeStore {
  const { client, blobEndpoint, full, fail, timeouts, bounded } = azureStoreContext(DATA_LAKE_API, connection, options);
  const fileSystem: DataLakeFileSystemClient = client.getFileSystemClient(connection.fileSystem);
  const within = timeouts.operationMs;

  return {
    async prepare(folder, signal) {
      await bounded('create the directory', full(folder), within, signal, (abortSignal) =>
        fileSystem.getDirectoryClient(full(folder)).createIfNotExists({ abortSignal }).catch(fail('create the directory', full(folder))));
    },

    async write(path, chunks, bytes, signal, contentType) {
      const name = full(path);
      const partial = fileSystem.getFileClient(`${name}.partial`);
      await bounded('write', name, writeTimeoutMs(timeouts, bytes), signal, async (abortSignal) => {
        try {
          await partial.create({ abortSignal });
          await eachLimited(blocksOf(chunks, BLOCK_SIZE), UPLOAD_CONCURRENCY, async ({ offset, data }) => {
            await partial.append(data, offset, data.byteLength, { abortSignal });
          });
          await partial.flush(bytes, { close: true, abortSignal, pathHttpHeaders: contentType ? { contentType } : undefined });
          await partial.move(renameTarget(name), { abortSignal });
        } catch (error) {
          fail('write', name)(error);
        }
      });
    },

    async read(path, signal) {
      const bytes = await this.readBytes(path, signal);
      return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    },

    async readBytes(path, signal) {
      const name = full(path);
      return bounded('read', name, within, signal, async (abortSignal) => {
        try {
          return await fileSystem.getFileClient(name).readToBuffer(0, undefined, { abortSignal });
        } catch (error) {
          if (isNotFound(error)) return undefined;
          return fail('read', name)(error);
        }
      });
    },

    async has(folder, signal) {
      return bounded('check', full(folder), within, signal, (abortSignal) =>
        fileSystem.getDirectoryClient(full(folder)).exists({ abortSignal }).catch(fail('check', full(folder))));
    },

    async list(folder, signal) {
      return bounded('list', full(folder), within, signal, async (abortSignal) => {
        const entries: LakeEntry[] = [];
        try {
          for await (const path of fileSystem.listPaths({ path: full(folder), recursive: false, abortSignal })) {
            if (path.name) entries.push({ name: path.name.split('/').pop()!, folder: path.isDirectory === true });
          }
        } catch (error) {
          if (isNotFound(error)) return [];
          fail('list', full(folder))(error);
        }
        return entries;
      });
    },

    async remove(folder, signal) {
      await bounded('remove', full(folder), within, signal, async (abortSignal) => {
        try {
          await fileSystem.getDirectoryClient(full(folder)).delete(true, { abortSignal });
        } catch (error) {
          if (!isNotFound(error)) fail('remove', full(folder))(error);
        }
      });
    },

    async move(from, to, signal) {
      const source = full(from);
      const target = full(to);
      await bounded(`rename to ${target}`, source, within, signal, async (abortSignal) => {
        try {
          const parent = parentOf(target);
          if (parent) await fileSystem.getDirectoryClient(parent).createIfNotExists({ abortSignal });
          // One rename: atomic on a hierarchical-namespace account.
          await fileSystem.getDirectoryClient(source).move(renameTarget(target), { abortSignal });
        } catch (error) {
          fail(`rename to ${target}`, source)(error);
        }
      });
    },

    // The warehouse reads through the Blob endpoint, which serves a hierarchical-namespace account too.
    location: (path) => blobUrl(blobEndpoint, connection.fileSystem, full(path)),
  };
}
