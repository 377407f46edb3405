/**
 * The Azure Blob store (`adls` connections with `hierarchicalNamespace: false`, and Azurite). A
 * block blob becomes visible only when its block list commits, so each file is written under its
 * final name and is atomic on its own. There are no directories to rename: a move copies blob by
 * blob inside the service, the manifest last, and deletes the source manifest first, so a folder
 * holding `_manifest.json` always holds the whole set it lists (see `lake-lander.ts`).
 */
import type { ContainerClient } from '@azure/storage-blob';
import { BLOB_API, blobUrl, type AdlsConnection } from '../azure-client.ts';
import { MANIFEST, writeTimeoutMs, type LakeEntry, type LakeStore } from '../lake-store.ts';
import { errorCode, ignoreNotFound } from './azure-storage-error.ts';
import { azureStoreContext, type AzureStoreOptions } from './azure-store-context.ts';
import { BLOCK_SIZE, blocksOf, UPLOAD_CONCURRENCY } from './blocks-of.ts';
import { eachLimited } from './each-limited.ts';

/** Copies or deletes in flight at once while publishing. */
const PUBLISH_CONCURRENCY = 8;

const isManifest = (path: string) => path.endsWith(`/${MANIFEST}`) || path === MANIFEST;

/** A store over the connection's container, rooted at its `directory`; each operation is bounded by `options.timeouts`. */
export function blobStore(connection: AdlsConnection, options: AzureStoreOptions = {}): LakeStore {
  const { client, blobEndpoint, full, fail, timeouts, bounded } = azureStoreContext(BLOB_API, connection, options);
  const container: ContainerClient = client.getContainerClient(connection.fileSystem);
  const within = timeouts.operationMs;

  const listAll = async (folder: string, abortSignal: AbortSignal): Promise<string[]> => {
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: `${folder}/`, abortSignal })) names.push(blob.name);
    return names;
  };

  const deleteAll = async (names: string[], abortSignal: AbortSignal) => {
    const remove = (name: string) => container.deleteBlob(name, { deleteSnapshots: 'include', abortSignal }).catch(ignoreNotFound);
    // The manifest goes first, so a half-deleted set is never taken for a complete one.
    for (const name of names.filter(isManifest)) await remove(name);
    await eachLimited(names.filter((name) => !isManifest(name)), PUBLISH_CONCURRENCY, async (name) => {
      await remove(name);
    });
  };

  return {
    async prepare(folder, signal) {
      await bounded('open the container for', full(folder), within, signal, (abortSignal) =>
        container.getProperties({ abortSignal }).catch(fail('open the container for', full(folder))));
    },

    async write(path, chunks, bytes, signal, contentType) {
      const name = full(path);
      const blob = container.getBlockBlobClient(name);
      const blobHTTPHeaders = contentType ? { blobContentType: contentType } : undefined;
      await bounded('write', name, writeTimeoutMs(timeouts, bytes), signal, async (abortSignal) => {
        try {
          if (bytes <= BLOCK_SIZE) {
            const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks as Uint8Array[], bytes);
            await blob.upload(body, bytes, { abortSignal, blobHTTPHeaders });
            return;
          }
          // Block ids must all have the same length within a blob.
          const ids: string[] = [];
          await eachLimited(blocksOf(chunks, BLOCK_SIZE), UPLOAD_CONCURRENCY, async ({ data }, index) => {
            const id = Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64');
            ids[index] = id;
            await blob.stageBlock(id, data, data.byteLength, { abortSignal });
          });
          await blob.commitBlockList(ids, { abortSignal, blobHTTPHeaders });
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
          return await container.getBlockBlobClient(name).downloadToBuffer(0, undefined, { abortSignal });
        } catch (error) {
          if (errorCode(error) === 'BlobNotFound') return undefined;
          return fail('read', name)(error);
        }
      });
    },

    async has(folder, signal) {
      const prefix = full(folder);
      return bounded('list', prefix, within, signal, async (abortSignal) => {
        try {
          const page = await container.listBlobsFlat({ prefix: `${prefix}/`, abortSignal }).byPage({ maxPageSize: 1 }).next();
          return !page.done && page.value.segment.blobItems.length > 0;
        } catch (error) {
          return fail('list', prefix)(error);
        }
      });
    },

    async list(folder, signal) {
      const prefix = `${full(folder)}/`;
      return bounded('list', full(folder), within, signal, async (abortSignal) => {
        const entries: LakeEntry[] = [];
        try {
          for await (const item of container.listBlobsByHierarchy('/', { prefix, abortSignal })) {
            entries.push({ name: item.name.slice(prefix.length).replace(/\/$/, ''), folder: item.kind === 'prefix' });
          }
        } catch (error) {
          fail('list', full(folder))(error);
        }
        return entries;
      });
    },

    async remove(folder, signal) {
      await bounded('remove', full(folder), within, signal, async (abortSignal) => {
        try {
          await deleteAll(await listAll(full(folder), abortSignal), abortSignal);
        } catch (error) {
          fail('remove', full(folder))(error);
        }
      });
    },

    async move(from, to, signal) {
      const source = full(from);
      const target = full(to);
      await bounded(`move to ${target}`, source, within, signal, async (abortSignal) => {
        try {
          const names = await listAll(source, abortSignal);
          const copy = async (name: string) => {
            const copied = container.getBlobClient(`${target}${name.slice(source.length)}`);
            // Same account: the copy runs inside the service (the source URL carries the SAS, if any).
            const poller = await copied.beginCopyFromURL(container.getBlobClient(name).url, { intervalInMs: 250, abortSignal });
            // The poller takes no signal of its own: stopping it ends the wait when the operation's bound fires.
            const stop = (): void => poller.stopPolling();
            abortSignal.addEventListener('abort', stop, { once: true });
            const result = await poller.pollUntilDone().finally(() => abortSignal.removeEventListener('abort', stop));
            if (result.copyStatus !== 'success') {
              throw new Error(`copy of ${name} ended ${result.copyStatus ?? 'without a status'}`);
            }
          };
          await eachLimited(names.filter((name) => !isManifest(name)), PUBLISH_CONCURRENCY, copy);
          for (const name of names.filter(isManifest)) await copy(name);
          await deleteAll(names, abortSignal);
        } catch (error) {
          fail(`move to ${target}`, source)(error);
        }
      });
    },

    location: (path) => blobUrl(blobEndpoint, connection.fileSystem, full(path)),
  };
}
