// An Azure lake (Azurite) behind the fault-injecting proxy, a real process between the SDK and the
// service (test/services/fault-proxy.mjs): the SDK's retries of each request are bounded and quick
// (engine/land/azure-client.ts, STORAGE_RETRIES), so a lake that throttles a few requests still
// lands the run's files exactly, and a lake that refuses every request ends the run in seconds,
// naming the lake connection, with nothing committed and the previous `Latest` set untouched.
import { randomBytes } from 'node:crypto';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AdlsConnection } from '../../engine/land/azure-client.ts';
import { lakeLander } from '../../engine/land/lake-lander.ts';
import { openLakeStore } from '../../engine/land/lake-stores.ts';
import { parseEntity, type Connection } from '../../shared/model/index.ts';
import { startFaultProxy } from '../services/fault-proxy.ts';
import { createSource, createWarehouse, jobSpec, must, readControl, readVersions, run, runOk, workspace, type Workspace } from './fixtures.ts';

const azurite = inject('azurite');
const service = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.account, azurite.accountKey));
const azuriteHost = new URL(azurite.blobEndpoint).host;

let ws: Workspace;
let container: ContainerClient;
beforeEach(async () => {
  ws = await workspace();
  container = service.getContainerClient(`faults-${process.pid}-${randomBytes(5).toString('hex')}`);
  await container.create();
});
afterEach(async () => {
  await container.deleteIfExists();
  await ws.cleanup();
});

/** The lake connection, reaching Azurite directly or through the proxy on `port`. */
function lake(port?: number): AdlsConnection {
  return {
    name: 'cloud',
    kind: 'adls',
    account: azurite.account,
    fileSystem: container.containerName,
    directory: 'landing',
    hierarchicalNamespace: false,
    endpoint: port === undefined ? azurite.blobEndpoint : `http://127.0.0.1:${port}/${azurite.account}`,
    credential: { kind: 'accountKey', key: azurite.accountKey },
  } as AdlsConnection;
}

const text = async (name: string): Promise<string> => (await container.getBlockBlobClient(name).downloadToBuffer()).toString('utf8');
const file = (name: string, body: string, firstRow: number, rows: number) => {
  const bytes = new TextEncoder().encode(body);
  return { name, firstRow, rows, chunks: [bytes], bytes: bytes.byteLength };
};

/** Lands and publishes two files for run `runId` over `connection`, as the engine's lander does. */
async function landTwo(connection: AdlsConnection, runId: string): Promise<void> {
  const lander = lakeLander(() => openLakeStore(connection), { entityFolder: 'items', runId });
  const signal = new AbortController().signal;
  await lander.begin();
  await lander.land(file('items_1.csv', 'id\n1\n2\n', 1, 2), signal);
  await lander.land(file('items_3.csv', 'id\n3\n', 3, 1), signal);
  await lander.publish();
}

describe('an Azure lake behind a proxy answering 503', () => {
  it('the first 3 requests refused: each is retried by the SDK within its bound, and the files land exactly', async () => {
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--fail', '3']);
    ws.defer(() => proxy.stop());
    const started = Date.now();
    await landTwo(lake(proxy.port), 'run-1');
    // Three refusals of one request: waits of 0, 0.5 and 1.5 s (the SDK's default would be 0, 4 and 12 s).
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(proxy.faults()).toBe(3);
    const manifest = JSON.parse(await text('landing/items/Latest/_manifest.json')) as { runId: string; files: { name: string; rows: number }[] };
    expect(manifest).toMatchObject({ runId: 'run-1', files: [{ name: 'items_1.csv', rows: 2 }, { name: 'items_3.csv', rows: 1 }] });
    expect(await text('landing/items/Latest/items_1.csv')).toBe('id\n1\n2\n');
    expect(await text('landing/items/Latest/items_3.csv')).toBe('id\n3\n');
  });

  it('every request refused: the run fails within seconds naming the lake connection; nothing committed, the previous Latest intact', async () => {
    const COLUMNS = [{ name: 'id', type: 'int', nullable: false }];
    const ENTITY = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };
    const source = await createSource('sqlite', ws);
    await source.createTable('items', COLUMNS);
    await source.insert('items', COLUMNS, [[1], [2], [3]]);
    const wh = await createWarehouse('duckdb', ws);
    const spec = (lander: string, connections: Connection[] = []) => jobSpec({
      ws,
      connections: [source.connection, wh.connection, ...connections],
      batchId: Date.now(),
      entities: [{ entity: ENTITY, extract: { entity: 'items', source: { kind: 'table', connection: 'src', table: 'items' }, pattern: { kind: 'full' }, lander: { connection: lander } } }],
    });
    // The warehouse's state from an earlier run (through the local lake), and an earlier set in the Azure lake.
    await runOk(spec('lake'));
    await landTwo(lake(), 'earlier');
    const control = await readControl(wh);
    const versions = await readVersions(wh, must(parseEntity(ENTITY)));
    const latest = await text('landing/items/Latest/_manifest.json');

    await source.insert('items', COLUMNS, [[4]]);
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--fail', '1000000']);
    ws.defer(() => proxy.stop());
    const started = Date.now();
    const { result } = await run(spec('cloud', [lake(proxy.port) as Connection]));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.entities[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^entity "items": preparing lander "cloud" failed: Azure lander could not .*\(503 ServerBusy: injected by fault-proxy\)$/),
    });
    // Each request tried 4 times: the first one (listing what killed runs left), then the discard's, which never throws.
    expect(proxy.faults()).toBe(8);
    expect(await readControl(wh)).toEqual(control);
    expect(await readVersions(wh, must(parseEntity(ENTITY)))).toEqual(versions);
    expect(await text('landing/items/Latest/_manifest.json')).toBe(latest);
  });
});
