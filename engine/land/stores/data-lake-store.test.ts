// The Data Lake (DFS) store. Azurite has no DFS endpoint, so its calls are checked against a small
// HTTP listener on 127.0.0.1 (the SDK's proxy) that records each request the real SDK sends and answers with success:
// this proves which paths, positions and rename source/destination the store asks for, and that
// `location` names the Blob endpoint; it does not prove a real hierarchical-namespace account
// accepts them (that needs an Azure account: the opt-in suite). Against Azurite itself the store
// must fail with advice to check hierarchicalNamespace.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StorageSharedKeyCredential, BlobServiceClient } from '@azure/storage-blob';
import type { AdlsConnection } from '../azure-client.ts';
import { lakeLander } from '../lake-lander.ts';
import { BLOCK_SIZE } from './blocks-of.ts';
import { dataLakeStore, renameTarget } from './data-lake-store.ts';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly renameSource?: string;
  readonly bytes: number;
}

let server: Server;
const endpoint = 'http://acct1.dfs.core.windows.net';
const requests: Recorded[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
    request.on('end', () => {
      const url = new URL(request.url!, 'http://127.0.0.1');
      const renameSource = request.headers['x-ms-rename-source'];
      requests.push({
        method: request.method!,
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        ...(typeof renameSource === 'string' ? { renameSource: decodeURIComponent(renameSource) } : {}),
        bytes,
      });
      const status = request.method === 'PUT' ? 201 : request.method === 'PATCH' && url.searchParams.get('action') === 'append' ? 202 : 200;
      response.writeHead(status, { 'x-ms-request-id': 'recorded', 'x-ms-version': '2025-01-05', 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A real account's host-style endpoint, reached through the listener as an HTTP proxy, so the SDK
  // builds its URLs exactly as it would for Azure (with an IP endpoint it parses the account from
  // the path, and its rename then drops the account from the destination).
  process.env.HTTP_PROXY = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Azurite (the last test) is reached directly.
  process.env.NO_PROXY = '127.0.0.1';
});
afterAll(async () => {
  delete process.env.HTTP_PROXY;
  delete process.env.NO_PROXY;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const connection = (overrides: Partial<AdlsConnection> = {}): AdlsConnection => ({
  name: 'lake', kind: 'adls', account: 'acct1', fileSystem: 'raw', directory: '/landing/', hierarchicalNamespace: true,
  endpoint, credential: { kind: 'accountKey', key: Buffer.from('not a real key').toString('base64') },
  ...overrides,
});

/** The requests `work` makes, as `METHOD path ?query-of-interest`. */
async function recorded(work: () => Promise<unknown>): Promise<Recorded[]> {
  requests.length = 0;
  await work();
  return [...requests];
}

describe('data lake store (requests recorded on 127.0.0.1)', () => {
  it('writes a file as <name>.partial (create, appends at their offsets, flush at the size), then renames it', async () => {
    const store = dataLakeStore(connection());
    const big = new Uint8Array(BLOCK_SIZE + 10);
    const sent = await recorded(() => store.write('orders/_incoming/r1/orders 1#a.csv', [big.subarray(0, 5), big.subarray(5)], big.byteLength));
    const partial = '/raw/landing/orders/_incoming/r1/orders 1#a.csv.partial';
    const appends = sent.filter((r) => r.query.action === 'append').map((r) => [Number(r.query.position), r.bytes]).sort((a, b) => a[0]! - b[0]!);
    expect(sent[0]).toMatchObject({ method: 'PUT', path: partial, query: { resource: 'file' } });
    expect(appends).toEqual([[0, BLOCK_SIZE], [BLOCK_SIZE, 10]]);
    expect(sent.find((r) => r.query.action === 'flush')).toMatchObject({ path: partial, query: { position: String(big.byteLength), close: 'true' } });
    expect(sent.at(-1)).toMatchObject({ method: 'PUT', path: '/raw/landing/orders/_incoming/r1/orders 1#a.csv', renameSource: '/raw/landing/orders/_incoming/r1/orders 1#a.csv.partial' });
  });

  it('moves a folder with one directory rename after creating its parent, and removes recursively', async () => {
    const store = dataLakeStore(connection());
    const moved = await recorded(() => store.move('orders/Latest', 'orders/Archive/2026-12-01T00-00-00-000Z_r1'));
    expect(moved.map((r) => [r.method, r.path, r.query.resource, r.renameSource])).toEqual([
      ['PUT', '/raw/landing/orders/Archive', 'directory', undefined],
      ['PUT', '/raw/landing/orders/Archive/2026-12-01T00-00-00-000Z_r1', undefined, '/raw/landing/orders/Latest'],
    ]);
    const removed = await recorded(() => store.remove('orders/_incoming'));
    expect(removed).toMatchObject([{ method: 'DELETE', path: '/raw/landing/orders/_incoming', query: { recursive: 'true' } }]);
  });

  it('publishes through the rename of the run folder to Latest, and names files by their Blob URL', async () => {
    const lander = lakeLander(() => dataLakeStore(connection()), { entityFolder: 'orders', runId: 'r1' });
    const sent = await recorded(async () => {
      await lander.begin();
      await lander.land({ name: 'orders_1.csv', firstRow: 1, rows: 1, chunks: [new TextEncoder().encode('id\n1\n')], bytes: 5 }, new AbortController().signal);
      return lander.publish().then((files) => expect(files[0]!.location).toBe(`${endpoint}/raw/landing/orders/Latest/orders_1.csv`));
    });
    // The listener answers a read with an empty body, so the lander takes Latest as a set without a manifest and archives it.
    expect(sent.filter((r) => r.renameSource).map((r) => `${r.renameSource} → ${r.path}`)).toEqual([
      '/raw/landing/orders/_incoming/r1/orders_1.csv.partial → /raw/landing/orders/_incoming/r1/orders_1.csv',
      '/raw/landing/orders/_incoming/r1/_manifest.json.partial → /raw/landing/orders/_incoming/r1/_manifest.json',
      expect.stringMatching(/^\/raw\/landing\/orders\/Latest → \/raw\/landing\/orders\/Archive\/.*_unknown$/),
      '/raw/landing/orders/_incoming/r1 → /raw/landing/orders/Latest',
    ]);
  });

  it('encodes each segment of a rename destination (the SDK reads "?" as the start of a query)', () => {
    expect(renameTarget('landing/a b/c?d#e.csv')).toBe('landing/a%20b/c%3Fd%23e.csv');
  });

  it('refuses paths that climb out of its directory before sending anything', async () => {
    const store = dataLakeStore(connection());
    const sent = await recorded(() => expect(store.remove('../elsewhere')).rejects.toThrow(/climbs out/));
    expect(sent).toEqual([]);
  });
});

describe('data lake store against Azurite (no DFS endpoint)', () => {
  const azurite = inject('azurite');
  it('names hierarchicalNamespace when the service refuses Data Lake calls', async () => {
    const container = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.account, azurite.accountKey))
      .getContainerClient(`dfs-${process.pid}-${Date.now()}`);
    await container.create();
    try {
      const lake = connection({ account: azurite.account, fileSystem: container.containerName, endpoint: azurite.blobEndpoint, credential: { kind: 'accountKey', key: azurite.accountKey } });
      const lander = lakeLander(() => dataLakeStore(lake), { entityFolder: 'orders', runId: 'r1' });
      await expect(lander.begin()).rejects.toThrow(/check hierarchicalNamespace/);
      await expect(lander.discard()).resolves.toBeUndefined();
    } finally {
      await container.deleteIfExists();
    }
  });
});
