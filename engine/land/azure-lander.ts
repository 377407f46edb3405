/**
 * The Azure Data Lake Gen2 / Blob Storage lander (`adls` connections). It mirrors the local-folder
 * lander's layout inside the connection's file system (container):
 *
 * - `<directory>/<entity>/_incoming/<run id>/<name>` while the run lands its files;
 * - `<directory>/<entity>/Latest/<name>` once published, with `_manifest.json` (the set's files:
 *   name, rows, bytes) written last;
 * - `<directory>/<entity>/Archive/<published at>_<run id>/` for the previous sets (at most
 *   {@link ARCHIVE_KEEP}).
 *
 * Two implementations share this logic and differ only in how they write, list, remove and move:
 *
 * - `hierarchicalNamespace: true` (Data Lake Gen2, `@azure/storage-file-datalake`): each file is
 *   written as `<name>.partial` (create, parallel appends, flush) and renamed when complete; publish
 *   renames `Latest` into `Archive/` and then the run's directory to `Latest`. Directory renames are
 *   atomic on a hierarchical-namespace account, so a reader sees the old set or the new one.
 * - `hierarchicalNamespace: false` (plain Blob Storage, `@azure/storage-blob`): a block blob becomes
 *   visible only when its block list commits, so each file is written under its final name in the run's
 *   area and is atomic on its own. There are no directories to rename, so publish copies blob by blob
 *   and **the switch of the set as a whole is not atomic**. It is ordered so that `Latest/_manifest.json`
 *   exists only while `Latest/` holds exactly the set it lists:
 *   1. copy every blob of `Latest/` into `Archive/<stamp>_<run id>/` (manifest last);
 *   2. delete `Latest/_manifest.json`, then the rest of `Latest/`;
 *   3. copy the run's files into `Latest/`, then its `_manifest.json` last;
 *   4. delete the run's area.
 *   Readers (the warehouse load) must therefore read `Latest/_manifest.json` first and read only the files
 *   it lists; no manifest means no complete set (a publish is under way, or one was killed between
 *   steps 2 and 3 — the next publish archives such a remnant). A reader that may overlap a publish
 *   should read the manifest again at the end and start over if it is gone or its ETag changed; Landfall's
 *   own load runs after the publish under the entity's batch lock, so it never overlaps one.
 */
import {
  BlobServiceClient,
  StorageSharedKeyCredential as BlobSharedKey,
  type ContainerClient,
} from '@azure/storage-blob';
import {
  DataLakeServiceClient,
  StorageSharedKeyCredential as LakeSharedKey,
  type DataLakeFileSystemClient,
} from '@azure/storage-file-datalake';
import { DefaultAzureCredential } from '@azure/identity';
import type { Connection } from '../../shared/model/schema.ts';
import type { Lander, LanderOptions, LandingFile, PublishedFile } from './lander.ts';
import { ARCHIVE_KEEP, safeName } from './lander.ts';

/** An `adls` connection as the job spec holds it: secret fields carry their plain values. */
export type AdlsConnection = Extract<Connection, { kind: 'adls' }>;

/** Size of one staged block (blob) or append (Data Lake); files up to this size go in one request. */
export const BLOCK_SIZE = 8 * 1024 * 1024;
/** Blocks of one file in flight at once (the aggregator lands several files at once as well). */
const UPLOAD_CONCURRENCY = 4;
/** Copies or deletes in flight at once while publishing. */
const PUBLISH_CONCURRENCY = 8;
const MANIFEST = '_manifest.json';

interface Manifest {
  readonly runId: string;
  readonly publishedAt: string;
  readonly files: readonly { name: string; rows: number; bytes: number }[];
}

/** Paths inside the file system (no leading or trailing `/`; `/`-separated). */
export interface AzureLanderPaths {
  readonly entity: string;
  readonly incoming: string;
  /** The run's area: `<entity>/_incoming/<run id>`. */
  readonly area: string;
  readonly latest: string;
  readonly archive: string;
}

/** Joins path parts with `/`, dropping empty and `.` segments and stray slashes (either kind). */
export function lakePath(...parts: string[]): string {
  return parts.flatMap((part) => part.split(/[\\/]+/)).filter((s) => s !== '' && s !== '.').join('/');
}

export function azureLanderPaths(directory: string, options: LanderOptions): AzureLanderPaths {
  const entity = lakePath(directory, options.entityFolder);
  const incoming = lakePath(entity, '_incoming');
  return {
    entity,
    incoming,
    area: lakePath(incoming, safeName(options.runId)),
    latest: lakePath(entity, 'Latest'),
    archive: lakePath(entity, 'Archive'),
  };
}

/** The Blob and Data Lake service URLs of a connection (without any SAS token). */
export function azureEndpoints(connection: AdlsConnection): { blob: string; dfs: string } {
  if (connection.endpoint) {
    const url = connection.endpoint.replace(/\/+$/, '');
    return { blob: url, dfs: url };
  }
  if (connection.credential.kind === 'connectionString') {
    const fromString = connectionStringEndpoints(connection.credential.value);
    if (fromString) return fromString;
  }
  return {
    blob: `https://${connection.account}.blob.core.windows.net`,
    dfs: `https://${connection.account}.dfs.core.windows.net`,
  };
}

/** The endpoints a storage connection string names, if it names any. */
export function connectionStringEndpoints(value: string): { blob: string; dfs: string } | undefined {
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const strip = (url: string) => url.replace(/\/+$/, '');
  if (fields.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    const url = 'http://127.0.0.1:10000/devstoreaccount1';
    return { blob: url, dfs: url };
  }
  const blobEndpoint = fields.get('blobendpoint');
  if (blobEndpoint) {
    const blob = strip(blobEndpoint);
    return { blob, dfs: strip(fields.get('dfsendpoint') ?? blob.replace('.blob.', '.dfs.')) };
  }
  const account = fields.get('accountname');
  if (!account) return undefined;
  const protocol = fields.get('defaultendpointsprotocol') ?? 'https';
  const suffix = fields.get('endpointsuffix') ?? 'core.windows.net';
  return { blob: `${protocol}://${account}.blob.${suffix}`, dfs: `${protocol}://${account}.dfs.${suffix}` };
}

/** The blob URL of a path in a file system: each segment percent-encoded, no SAS token. */
export function blobUrl(blobEndpoint: string, fileSystem: string, path: string): string {
  const encoded = [fileSystem, ...path.split('/')].map(encodeURIComponent).join('/');
  return `${blobEndpoint.replace(/\/+$/, '')}/${encoded}`;
}

/** A service URL with a SAS token (with or without its leading `?`) as its query. */
export function withSas(url: string, token: string): string {
  const query = token.replace(/^\?/, '');
  return query ? `${url}?${query}` : url;
}

/** Lands files in an Azure storage container: Data Lake Gen2 calls, or Blob calls without hierarchical namespace. */
export function azureLander(connection: AdlsConnection, options: LanderOptions): Lander {
  const paths = azureLanderPaths(connection.directory, options);
  const endpoints = azureEndpoints(connection);
  const where: Where = {
    account: connection.account,
    fileSystem: connection.fileSystem,
    endpoint: connection.hierarchicalNamespace ? endpoints.dfs : endpoints.blob,
    hierarchicalNamespace: connection.hierarchicalNamespace,
  };
  // Clients are made on first use, so a bad connection string fails the run's first step, not the caller.
  const open = (): LakeStore => {
    try {
      return connection.hierarchicalNamespace
        ? dataLakeStore(dataLakeService(connection, endpoints.dfs).getFileSystemClient(connection.fileSystem), where)
        : blobStore(blobService(connection, endpoints.blob).getContainerClient(connection.fileSystem), where);
    } catch (error) {
      const advice = connection.credential.kind === 'connectionString'
        ? 'check the connection string: it needs AccountName and AccountKey (with DefaultEndpointsProtocol), or BlobEndpoint and SharedAccessSignature'
        : undefined;
      throw storageError(where, 'connect to', paths.entity, error, advice);
    }
  };
  return storeLander(open, paths, options.runId, (path) => blobUrl(endpoints.blob, connection.fileSystem, path));
}

/** The lander logic both APIs share; the store `open` makes does the storage calls. */
function storeLander(open: () => LakeStore, paths: AzureLanderPaths, runId: string, location: (path: string) => string): Lander {
  let opened: LakeStore | undefined;
  const store = () => (opened ??= open());
  const landed: { name: string; rows: number; bytes: number; firstRow: number }[] = [];

  return {
    async begin() {
      // Only one run of an entity at a time (the batch lock), so anything here was left by a killed run.
      await store().remove(paths.incoming);
      await store().prepare(paths.area);
    },

    async land(file: LandingFile, signal: AbortSignal) {
      signal.throwIfAborted();
      await store().write(lakePath(paths.area, file.name), file.chunks, file.bytes, signal);
      signal.throwIfAborted();
      landed.push({ name: file.name, rows: file.rows, bytes: file.bytes, firstRow: file.firstRow });
    },

    async publish() {
      landed.sort((a, b) => a.firstRow - b.firstRow);
      const manifest: Manifest = {
        runId,
        publishedAt: new Date().toISOString(),
        files: landed.map(({ name, rows, bytes }) => ({ name, rows, bytes })),
      };
      const text = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
      await store().write(lakePath(paths.area, MANIFEST), [text], text.byteLength, undefined, 'application/json');
      const previous = await readManifest(store(), paths.latest);
      if (previous !== undefined) {
        const stamp = (previous?.publishedAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
        await store().move(paths.latest, lakePath(paths.archive, `${stamp}_${safeName(previous?.runId ?? 'unknown')}`));
        const sets = (await store().children(paths.archive)).sort();
        for (const old of sets.slice(0, Math.max(0, sets.length - ARCHIVE_KEEP))) {
          await store().remove(lakePath(paths.archive, old));
        }
      }
      await store().move(paths.area, paths.latest);
      await store().remove(paths.incoming);
      return manifest.files.map((f): PublishedFile => ({ ...f, location: location(lakePath(paths.latest, f.name)) }));
    },

    async discard() {
      try {
        await store().remove(paths.area);
      } catch {
        // Never throws: whatever stays behind is removed by the next run's begin().
      }
    },
  };
}

/** The manifest of a published set; null when the set exists without one, undefined when there is none. */
async function readManifest(store: LakeStore, folder: string): Promise<Manifest | null | undefined> {
  const text = await store.read(lakePath(folder, MANIFEST));
  if (text !== undefined) {
    try {
      return JSON.parse(text) as Manifest;
    } catch {
      return null;
    }
  }
  return (await store.has(folder)) ? null : undefined;
}

// ---------------------------------------------------------------------------------------------
// Storage: the few operations the lander needs, for each API.

/** What error messages name. */
interface Where {
  readonly account: string;
  readonly fileSystem: string;
  readonly endpoint: string;
  readonly hierarchicalNamespace: boolean;
}

interface LakeStore {
  /** Makes the run's area ready (and fails clearly when the container is missing). */
  prepare(folder: string): Promise<void>;
  /** Writes a file so that it appears under `path` only when complete. */
  write(path: string, chunks: readonly Uint8Array[], bytes: number, signal?: AbortSignal, contentType?: string): Promise<void>;
  /** A file's text; undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Whether anything exists under `folder`. */
  has(folder: string): Promise<boolean>;
  /** The names of the folders directly under `folder`. */
  children(folder: string): Promise<string[]>;
  /** Removes `folder` and everything under it (its manifest first); nothing to remove is fine. */
  remove(folder: string): Promise<void>;
  /** Moves `from` to `to` (which must not exist); a set's manifest arrives last. */
  move(from: string, to: string): Promise<void>;
}

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

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops starting new ones. */
async function eachLimited<T>(items: Iterable<T>, limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let index = 0;
  let failed = false;
  const worker = async () => {
    for (;;) {
      if (failed) return;
      const next = iterator.next();
      if (next.done) return;
      const at = index++;
      try {
        await work(next.value, at);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: limit }, worker));
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
const parentOf = (path: string) => path.split('/').slice(0, -1).join('/');
const isManifest = (path: string) => path.endsWith(`/${MANIFEST}`) || path === MANIFEST;

// --- Blob API (hierarchicalNamespace: false) --------------------------------------------------

function blobService(connection: AdlsConnection, endpoint: string): BlobServiceClient {
  const credential = connection.credential;
  switch (credential.kind) {
    case 'accountKey':
      return new BlobServiceClient(endpoint, new BlobSharedKey(connection.account, credential.key));
    case 'sas':
      return new BlobServiceClient(withSas(endpoint, credential.token));
    case 'connectionString': {
      const fromString = BlobServiceClient.fromConnectionString(credential.value);
      // An explicit endpoint wins over the connection string's; its credential (key or SAS) still applies.
      return connection.endpoint
        ? new BlobServiceClient(`${endpoint}${new URL(fromString.url).search}`, fromString.credential)
        : fromString;
    }
    case 'azure-default':
      return new BlobServiceClient(endpoint, new DefaultAzureCredential());
  }
}

function blobStore(container: ContainerClient, where: Where): LakeStore {
  const fail = (action: string, path: string) => (error: unknown): never => {
    throw storageError(where, action, path, error);
  };

  const list = async (folder: string): Promise<string[]> => {
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: `${folder}/` })) names.push(blob.name);
    return names;
  };

  const deleteAll = async (names: string[]) => {
    // The manifest goes first, so a half-deleted set is never taken for a complete one.
    const manifests = names.filter(isManifest);
    for (const name of manifests) await container.deleteBlob(name, { deleteSnapshots: 'include' }).catch(ignoreNotFound);
    await eachLimited(names.filter((name) => !isManifest(name)), PUBLISH_CONCURRENCY, async (name) => {
      await container.deleteBlob(name, { deleteSnapshots: 'include' }).catch(ignoreNotFound);
    });
  };

  const store: LakeStore = {
    async prepare(folder) {
      await container.getProperties().catch(fail('open the container for', folder));
    },

    async write(path, chunks, bytes, signal, contentType) {
      const blob = container.getBlockBlobClient(path);
      const blobHTTPHeaders = contentType ? { blobContentType: contentType } : undefined;
      try {
        if (bytes <= BLOCK_SIZE) {
          const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks as Uint8Array[], bytes);
          await blob.upload(body, bytes, { abortSignal: signal, blobHTTPHeaders });
          return;
        }
        // Block ids must all have the same length within a blob.
        const ids: string[] = [];
        await eachLimited(blocksOf(chunks, BLOCK_SIZE), UPLOAD_CONCURRENCY, async ({ data }, index) => {
          const id = Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64');
          ids[index] = id;
          await blob.stageBlock(id, data, data.byteLength, { abortSignal: signal });
        });
        await blob.commitBlockList(ids, { abortSignal: signal, blobHTTPHeaders });
      } catch (error) {
        fail('write', path)(error);
      }
    },

    async read(path) {
      try {
        return (await container.getBlockBlobClient(path).downloadToBuffer()).toString('utf8');
      } catch (error) {
        if (errorCode(error) === 'BlobNotFound') return undefined;
        return fail('read', path)(error);
      }
    },

    async has(folder) {
      try {
        const page = await container.listBlobsFlat({ prefix: `${folder}/` }).byPage({ maxPageSize: 1 }).next();
        return !page.done && page.value.segment.blobItems.length > 0;
      } catch (error) {
        return fail('list', folder)(error);
      }
    },

    async children(folder) {
      const names: string[] = [];
      const prefix = `${folder}/`;
      try {
        for await (const item of container.listBlobsByHierarchy('/', { prefix })) {
          if (item.kind === 'prefix') names.push(item.name.slice(prefix.length).replace(/\/$/, ''));
        }
      } catch (error) {
        fail('list', folder)(error);
      }
      return names;
    },

    async remove(folder) {
      try {
        await deleteAll(await list(folder));
      } catch (error) {
        fail('remove', folder)(error);
      }
    },

    async move(from, to) {
      try {
        const names = await list(from);
        const copy = async (name: string) => {
          const target = container.getBlobClient(`${to}${name.slice(from.length)}`);
          // Same account: the copy runs inside the service (the source URL carries the SAS, if any).
          const poller = await target.beginCopyFromURL(container.getBlobClient(name).url, { intervalInMs: 250 });
          const result = await poller.pollUntilDone();
          if (result.copyStatus !== 'success') {
            throw new Error(`copy of ${name} ended ${result.copyStatus ?? 'without a status'}`);
          }
        };
        await eachLimited(names.filter((name) => !isManifest(name)), PUBLISH_CONCURRENCY, copy);
        for (const name of names.filter(isManifest)) await copy(name);
        await deleteAll(names);
      } catch (error) {
        fail(`move to ${to}`, from)(error);
      }
    },
  };
  return store;
}

// --- Data Lake API (hierarchicalNamespace: true) ----------------------------------------------

function dataLakeService(connection: AdlsConnection, endpoint: string): DataLakeServiceClient {
  const credential = connection.credential;
  switch (credential.kind) {
    case 'accountKey':
      return new DataLakeServiceClient(endpoint, new LakeSharedKey(connection.account, credential.key));
    case 'sas':
      return new DataLakeServiceClient(withSas(endpoint, credential.token));
    case 'connectionString': {
      const fromString = DataLakeServiceClient.fromConnectionString(credential.value);
      return connection.endpoint
        ? new DataLakeServiceClient(`${endpoint}${new URL(fromString.url).search}`, fromString.credential)
        : fromString;
    }
    case 'azure-default':
      return new DataLakeServiceClient(endpoint, new DefaultAzureCredential());
  }
}

function dataLakeStore(fileSystem: DataLakeFileSystemClient, where: Where): LakeStore {
  const fail = (action: string, path: string) => (error: unknown): never => {
    throw storageError(where, action, path, error);
  };

  return {
    async prepare(folder) {
      await fileSystem.getDirectoryClient(folder).createIfNotExists().catch(fail('create the directory', folder));
    },

    async write(path, chunks, bytes, signal, contentType) {
      const partial = fileSystem.getFileClient(`${path}.partial`);
      try {
        await partial.create({ abortSignal: signal });
        await eachLimited(blocksOf(chunks, BLOCK_SIZE), UPLOAD_CONCURRENCY, async ({ offset, data }) => {
          await partial.append(data, offset, data.byteLength, { abortSignal: signal });
        });
        await partial.flush(bytes, {
          close: true,
          abortSignal: signal,
          pathHttpHeaders: contentType ? { contentType } : undefined,
        });
        await partial.move(encodePath(path), { abortSignal: signal });
      } catch (error) {
        fail('write', path)(error);
      }
    },

    async read(path) {
      try {
        return (await fileSystem.getFileClient(path).readToBuffer()).toString('utf8');
      } catch (error) {
        if (errorCode(error) === 'PathNotFound' || errorCode(error) === 'BlobNotFound') return undefined;
        return fail('read', path)(error);
      }
    },

    async has(folder) {
      return fileSystem.getDirectoryClient(folder).exists().catch(fail('check', folder));
    },

    async children(folder) {
      const names: string[] = [];
      try {
        for await (const path of fileSystem.listPaths({ path: folder, recursive: false })) {
          if (path.isDirectory && path.name) names.push(path.name.split('/').pop()!);
        }
      } catch (error) {
        if (errorCode(error) === 'PathNotFound') return [];
        fail('list', folder)(error);
      }
      return names;
    },

    async remove(folder) {
      try {
        await fileSystem.getDirectoryClient(folder).delete(true);
      } catch (error) {
        if (errorCode(error) !== 'PathNotFound' && errorCode(error) !== 'BlobNotFound') fail('remove', folder)(error);
      }
    },

    async move(from, to) {
      try {
        const parent = parentOf(to);
        if (parent) await fileSystem.getDirectoryClient(parent).createIfNotExists();
        // One rename: atomic on a hierarchical-namespace account.
        await fileSystem.getDirectoryClient(from).move(encodePath(to));
      } catch (error) {
        fail(`rename to ${to}`, from)(error);
      }
    },
  };
}

// --- Errors -------------------------------------------------------------------------------------

const ignoreNotFound = (error: unknown) => {
  if (errorCode(error) !== 'BlobNotFound') throw error;
};

function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, details } = error as { code?: unknown; details?: { errorCode?: unknown } };
  if (typeof details?.errorCode === 'string') return details.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** What to check, for the errors people meet when setting up a connection. */
function hint(where: Where, error: unknown): string | undefined {
  const code = errorCode(error);
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  const name = (error as { name?: string } | undefined)?.name;
  if (code === 'ContainerNotFound' || code === 'FilesystemNotFound') {
    return `container "${where.fileSystem}" does not exist in account "${where.account}": create it or check fileSystem`;
  }
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationRequiredError') {
    return 'no Azure sign-in is available for the azure-default credential: sign in (az login), use a managed identity, or choose another credential';
  }
  if (code === 'AuthenticationFailed' || code === 'InvalidAuthenticationInfo') {
    return 'the storage account rejected the credential: check the account name and the account key, SAS token or connection string (a SAS may have expired)';
  }
  if (status === 403) {
    return 'the storage account refused the request: check the credential (account key, SAS token or connection string), ' +
      'what it may do (the "Storage Blob Data Contributor" role, or a SAS allowing read, add, create, write, delete and list) ' +
      "and the account's network rules";
  }
  if (code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code === 'EAI_AGAIN' || code === 'REQUEST_SEND_ERROR' || code === 'ETIMEDOUT') {
    return `could not reach ${where.endpoint}: check the account name, the endpoint and the network`;
  }
  if (where.hierarchicalNamespace && (status === 400 || code === 'EndpointUnsupported' || code === 'FeatureNotSupported')) {
    return 'the service did not accept a Data Lake (DFS) call: check hierarchicalNamespace (set it to false for an account without hierarchical namespace, or for an emulator such as Azurite)';
  }
  return undefined;
}

/** An error naming the account, file system and path; aborts pass through unchanged. */
function storageError(where: Where, action: string, path: string, error: unknown, advice = hint(where, error)): unknown {
  if ((error as { name?: string } | undefined)?.name === 'AbortError') return error;
  if (error instanceof AzureLanderError) return error;
  const full = error instanceof Error ? error.message : String(error);
  // Some Data Lake errors carry the service's XML body as their message.
  const firstLine = (/<Message>([^<]*)<\/Message>/.exec(full)?.[1] ?? full).split('\n')[0]!.trim();
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  const code = errorCode(error);
  const detail = [status, code].filter((part) => part !== undefined).join(' ');
  const said = [detail, firstLine].filter(Boolean).join(': ');
  const message = `Azure lander could not ${action} ${where.account}/${where.fileSystem}/${path}: ` +
    [advice && `${advice}.`, said && `(${said})`].filter(Boolean).join(' ');
  return new AzureLanderError(message, { cause: error });
}

class AzureLanderError extends Error {
  override readonly name = 'AzureLanderError';
}
