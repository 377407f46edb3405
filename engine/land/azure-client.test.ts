// The Azure client factory (azure-client.ts): endpoints, URLs and the client each credential kind
// makes, for both APIs. Offline: making a client sends no request.
import { describe, expect, it } from 'vitest';
import { StorageSharedKeyCredential as BlobSharedKey } from '@azure/storage-blob';
import { StorageSharedKeyCredential as LakeSharedKey } from '@azure/storage-file-datalake';
import { DefaultAzureCredential } from '@azure/identity';
import {
  azureEndpoints,
  azureServiceClient,
  BLOB_API,
  blobUrl,
  connectionStringEndpoints,
  DATA_LAKE_API,
  withSas,
  type AdlsConnection,
} from './azure-client.ts';

const lake: AdlsConnection = {
  name: 'lake', kind: 'adls', account: 'acct1', fileSystem: 'raw', directory: '', hierarchicalNamespace: true,
  credential: { kind: 'azure-default' },
};
const KEY = Buffer.from('not a real key').toString('base64');

describe('azure endpoints', () => {
  it('uses the DFS endpoint of the account, or the given endpoint for both APIs', () => {
    expect(azureEndpoints(lake)).toEqual({ blob: 'https://acct1.blob.core.windows.net', dfs: 'https://acct1.dfs.core.windows.net' });
    expect(azureEndpoints({ ...lake, endpoint: 'http://127.0.0.1:10000/devstoreaccount1/' })).toEqual({
      blob: 'http://127.0.0.1:10000/devstoreaccount1', dfs: 'http://127.0.0.1:10000/devstoreaccount1',
    });
    expect(azureEndpoints({ ...lake, credential: { kind: 'connectionString', value: 'AccountName=other;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn' } }))
      .toEqual({ blob: 'https://other.blob.core.chinacloudapi.cn', dfs: 'https://other.dfs.core.chinacloudapi.cn' });
  });

  it('reads endpoints from connection strings', () => {
    expect(connectionStringEndpoints('BlobEndpoint=https://x.blob.core.windows.net/;SharedAccessSignature=sv=1&sig=2'))
      .toEqual({ blob: 'https://x.blob.core.windows.net', dfs: 'https://x.dfs.core.windows.net' });
    expect(connectionStringEndpoints('UseDevelopmentStorage=true'))
      .toEqual({ blob: 'http://127.0.0.1:10000/devstoreaccount1', dfs: 'http://127.0.0.1:10000/devstoreaccount1' });
    expect(connectionStringEndpoints('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5'))
      .toEqual({ blob: 'https://acct.blob.core.windows.net', dfs: 'https://acct.dfs.core.windows.net' });
    expect(connectionStringEndpoints('nonsense')).toBeUndefined();
  });

  it('publishes blob URLs without a SAS token, each segment encoded', () => {
    expect(blobUrl('https://acct1.blob.core.windows.net/', 'raw', 'landing/sales orders/Latest/a#1.csv'))
      .toBe('https://acct1.blob.core.windows.net/raw/landing/sales%20orders/Latest/a%231.csv');
    expect(withSas('https://acct1.dfs.core.windows.net', '?sv=2024&sig=x')).toBe('https://acct1.dfs.core.windows.net?sv=2024&sig=x');
    expect(withSas('https://acct1.dfs.core.windows.net', 'sv=2024&sig=x')).toBe('https://acct1.dfs.core.windows.net?sv=2024&sig=x');
  });
});

describe('azure service clients', () => {
  it('signs with the account key using each API’s own shared-key class', () => {
    const keyed: AdlsConnection = { ...lake, credential: { kind: 'accountKey', key: KEY } };
    const blob = azureServiceClient(BLOB_API, keyed);
    const dfs = azureServiceClient(DATA_LAKE_API, keyed);
    expect(blob.url).toBe('https://acct1.blob.core.windows.net/');
    expect(dfs.url).toBe('https://acct1.dfs.core.windows.net/');
    expect(blob.credential).toBeInstanceOf(BlobSharedKey);
    expect(dfs.credential).toBeInstanceOf(LakeSharedKey);
    expect((dfs.credential as LakeSharedKey).accountName).toBe('acct1');
  });

  it('puts a SAS token in the URL, with or without its "?"', () => {
    for (const token of ['?sv=2024&sig=x', 'sv=2024&sig=x']) {
      const sas: AdlsConnection = { ...lake, credential: { kind: 'sas', token } };
      expect(azureServiceClient(BLOB_API, sas).url).toBe('https://acct1.blob.core.windows.net/?sv=2024&sig=x');
      expect(azureServiceClient(DATA_LAKE_API, sas).url).toBe('https://acct1.dfs.core.windows.net/?sv=2024&sig=x');
    }
  });

  it('takes a connection string as it is, or with an explicit endpoint that keeps its credential', () => {
    const value = `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
    const fromString: AdlsConnection = { ...lake, credential: { kind: 'connectionString', value } };
    expect(azureServiceClient(BLOB_API, fromString).url).toBe('https://acct1.blob.core.windows.net/');
    expect(azureServiceClient(DATA_LAKE_API, fromString).url).toBe('https://acct1.dfs.core.windows.net/');
    const pinned = azureServiceClient(DATA_LAKE_API, { ...fromString, endpoint: 'http://127.0.0.1:10000/acct1' });
    expect(pinned.url).toBe('http://127.0.0.1:10000/acct1');
    expect(pinned.credential).toBeInstanceOf(LakeSharedKey);
    const sasString = 'BlobEndpoint=https://acct1.blob.core.windows.net/;SharedAccessSignature=sv=1&sig=2';
    expect(azureServiceClient(BLOB_API, { ...lake, endpoint: 'http://127.0.0.1:1/acct1', credential: { kind: 'connectionString', value: sasString } }).url)
      .toBe('http://127.0.0.1:1/acct1?sv=1&sig=2');
  });

  it('signs in through @azure/identity for azure-default (managed identity, service principal from the environment, az login)', () => {
    expect(azureServiceClient(BLOB_API, lake).credential).toBeInstanceOf(DefaultAzureCredential);
    expect(azureServiceClient(DATA_LAKE_API, lake).credential).toBeInstanceOf(DefaultAzureCredential);
  });
});
