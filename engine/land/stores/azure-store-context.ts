/**
 * What the Blob and Data Lake stores both start from: the service client of their API, the
 * connection's `directory` as the root of every lake path, and errors that name where they failed.
 */
import { azureEndpoints, azureServiceClient, type AdlsConnection, type StorageApi } from '../azure-client.ts';
import { lakePath } from '../lake-path.ts';
import { LAKE_TIMEOUTS, type LakeTimeouts } from '../lake-store.ts';
import { connectAdvice, LakeTimeoutError, storageError, whereOf } from './azure-storage-error.ts';

export interface AzureStoreContext<Client> {
  readonly client: Client;
  /** The Blob endpoint (where the warehouse reads files, whichever API wrote them). */
  readonly blobEndpoint: string;
  /** The path inside the file system of a lake path: under the connection's directory. */
  readonly full: (path: string) => string;
  /** A handler that rethrows a storage error naming the action and the path. */
  readonly fail: (action: string, path: string) => (error: unknown) => never;
  readonly timeouts: LakeTimeouts;
  /**
   * Runs one store operation with a signal that fires when the caller's does or when `ms` have
   * passed; the SDK then ends its request (a stalled one too), and a timeout fails as a storage
   * error naming the connection, the action, the path and the wait.
   */
  readonly bounded: <T>(action: string, path: string, ms: number, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

/** Options of an Azure store. */
export interface AzureStoreOptions {
  /** How long each operation may wait; {@link LAKE_TIMEOUTS} unless given (tests use seconds). */
  readonly timeouts?: LakeTimeouts;
}

/** The client and helpers of a store of `api` over the connection; a client that cannot be made fails here, with advice. */
export function azureStoreContext<Client extends { readonly url: string }>(
  api: StorageApi<Client>, connection: AdlsConnection, options: AzureStoreOptions = {},
): AzureStoreContext<Client> {
  const endpoints = azureEndpoints(connection);
  const where = whereOf(connection, api.endpoint(endpoints));
  const full = (path: string): string => lakePath(connection.directory, path);
  let client: Client;
  try {
    client = azureServiceClient(api, connection);
  } catch (error) {
    throw storageError(where, 'connect to', full(''), error, connectAdvice(connection));
  }
  const fail = (action: string, path: string) => (error: unknown): never => {
    throw storageError(where, action, path, error);
  };
  const bounded = async <T>(action: string, path: string, ms: number, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const timeout = AbortSignal.timeout(ms);
    try {
      return await work(signal ? AbortSignal.any([signal, timeout]) : timeout);
    } catch (error) {
      // A cancel passes through as the abort it is; only the operation's own bound is a timeout.
      if (timeout.aborted && !signal?.aborted) throw storageError(where, action, path, new LakeTimeoutError(where, ms, error));
      throw error;
    }
  };
  return { client, blobEndpoint: endpoints.blob, full, fail, timeouts: options.timeouts ?? LAKE_TIMEOUTS, bounded };
}
