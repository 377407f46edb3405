/**
 * The one Azure storage client factory, used by the lander's Blob and Data Lake stores and by the
 * source catalog's connection test: which endpoint an `adls` connection names (explicitly, through
 * its connection string, or by account name) and which credential it signs with (account key, SAS
 * token, connection string, or `azure-default`: `@azure/identity`'s DefaultAzureCredential, which
 * covers service principals through `AZURE_TENANT_ID` / `AZURE_CLIENT_ID` / `AZURE_CLIENT_SECRET`,
 * managed identities and `az login`).
 */
import { BlobServiceClient, StorageRetryPolicyType as BlobRetryType, StorageSharedKeyCredential as BlobSharedKey } from '@azure/storage-blob';
import { DataLakeServiceClient, StorageRetryPolicyType as LakeRetryType, StorageSharedKeyCredential as LakeSharedKey } from '@azure/storage-file-datalake';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Connection } from '../../shared/model/schema.ts';

/** An `adls` connection as the job spec holds it: secret fields carry their plain values. */
export type AdlsConnection = Extract<Connection, { kind: 'adls' }>;
type Credential = AdlsConnection['credential'];

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

/**
 * How the SDK retries each storage request, chosen rather than left to its defaults (4 s first
 * wait, up to 120 s between tries, no timeout). A request answered 500/503 or failing on the way
 * (reset, refused) is tried at most 4 times; the SDK waits (2^(n-1) - 1) × 500 ms after try n,
 * capped at 4 s: 0, 0.5 s, 1.5 s — so a lake that answers every request with an error fails that
 * request within about 2 s, and the run ends there (nothing published, nothing committed).
 * `tryTimeoutInMs` is sent to the service as its own per-request timeout (`timeout=60`): a block is
 * at most 8 MiB, well within it. The SDK does not end a request that simply gets no answer (a
 * stalled connection); see the README's "Retries and faults".
 */
export const STORAGE_RETRIES = { maxTries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 4_000, tryTimeoutInMs: 60_000 } as const;

// Each SDK has its own options types (and enum) for the same policy.
const BLOB_OPTIONS = { retryOptions: { ...STORAGE_RETRIES, retryPolicyType: BlobRetryType.EXPONENTIAL } };
const LAKE_OPTIONS = { retryOptions: { ...STORAGE_RETRIES, retryPolicyType: LakeRetryType.EXPONENTIAL } };

/** The two storage APIs: each SDK has its own service client and its own shared-key credential class. */
export interface StorageApi<Client extends { readonly url: string }> {
  readonly endpoint: (endpoints: { blob: string; dfs: string }) => string;
  readonly withUrl: (url: string, credential?: BlobSharedKey | LakeSharedKey | TokenCredential) => Client;
  readonly withKey: (account: string, key: string) => BlobSharedKey | LakeSharedKey;
  readonly fromConnectionString: (value: string) => Client & { readonly credential: unknown };
}

export const BLOB_API: StorageApi<BlobServiceClient> = {
  endpoint: (endpoints) => endpoints.blob,
  withUrl: (url, credential) => new BlobServiceClient(url, credential as BlobSharedKey | TokenCredential | undefined, BLOB_OPTIONS),
  withKey: (account, key) => new BlobSharedKey(account, key),
  fromConnectionString: (value) => BlobServiceClient.fromConnectionString(value, BLOB_OPTIONS),
};

export const DATA_LAKE_API: StorageApi<DataLakeServiceClient> = {
  endpoint: (endpoints) => endpoints.dfs,
  withUrl: (url, credential) => new DataLakeServiceClient(url, credential as LakeSharedKey | TokenCredential | undefined, LAKE_OPTIONS),
  withKey: (account, key) => new LakeSharedKey(account, key),
  fromConnectionString: (value) => DataLakeServiceClient.fromConnectionString(value, LAKE_OPTIONS),
};

/** How each credential kind makes a client; a new kind in the schema fails to compile until it has a line here. */
const CLIENTS: { [K in Credential['kind']]: <C extends { readonly url: string }>(
  api: StorageApi<C>, connection: AdlsConnection, credential: Extract<Credential, { kind: K }>, endpoint: string,
) => C } = {
  accountKey: (api, connection, credential, endpoint) => api.withUrl(endpoint, api.withKey(connection.account, credential.key)),
  sas: (api, _connection, credential, endpoint) => api.withUrl(withSas(endpoint, credential.token)),
  connectionString: (api, connection, credential, endpoint) => {
    const fromString = api.fromConnectionString(credential.value);
    // An explicit endpoint wins over the connection string's; its credential (key or SAS) still applies.
    return connection.endpoint
      ? api.withUrl(`${endpoint}${new URL(fromString.url).search}`, fromString.credential as BlobSharedKey | LakeSharedKey | undefined)
      : fromString;
  },
  'azure-default': (api, _connection, _credential, endpoint) => api.withUrl(endpoint, new DefaultAzureCredential()),
};

/** A service client of `api` (Blob or Data Lake) for the connection, signed with its credential. */
export function azureServiceClient<C extends { readonly url: string }>(api: StorageApi<C>, connection: AdlsConnection): C {
  const endpoint = api.endpoint(azureEndpoints(connection));
  const make = CLIENTS[connection.credential.kind] as <K extends { readonly url: string }>(
    api: StorageApi<K>, connection: AdlsConnection, credential: Credential, endpoint: string,
  ) => K;
  return make(api, connection, connection.credential, endpoint);
}
