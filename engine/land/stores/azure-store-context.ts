/**
 * What the Blob and Data Lake stores both start from: the service client of their API, the
 * connection's `directory` as the root of every lake path, and errors that name where they failed.
 */
import { azureEndpoints, azureServiceClient, type AdlsConnection, type StorageApi } from '../azure-client.ts';
import { lakePath } from '../lake-path.ts';
import { connectAdvice, storageError, whereOf } from './azure-storage-error.ts';

export interface AzureStoreContext<Client> {
  readonly client: Client;
  /** The Blob endpoint (where the warehouse reads files, whichever API wrote them). */
  readonly blobEndpoint: string;
  /** The path inside the file system of a lake path: under the connection's directory. */
  readonly full: (path: string) => string;
  /** A handler that rethrows a storage error naming the action and the path. */
  readonly fail: (action: string, path: string) => (error: unknown) => never;
}

/** The client and helpers of a store of `api` over the connection; a client that cannot be made fails here, with advice. */
export function azureStoreContext<Client extends { readonly url: string }>(api: StorageApi<Client>, connection: AdlsConnection): AzureStoreContext<Client> {
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
  return { client, blobEndpoint: endpoints.blob, full, fail };
}
