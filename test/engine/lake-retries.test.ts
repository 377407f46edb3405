// An Azure lake (Azurite) behind the fault-injecting proxy, a real process between the SDK and the
// service (test/services/fault-proxy.mjs): the SDK's retries of each request are bounded and quick
// (engine/land/azure-client.ts, STORAGE_RETRIES), so a lake that throttles a few requests still
// lands the run's files exactly, and a lake that refuses every request ends the run in seconds,
// naming the lake connection, with nothing committed and the previous `Latest` set untouched.
// A request that gets no answer ends at the store's bound (LakeTimeouts), and a write or a read
// that fails after the SDK's retries is retried as a whole by the lander (LAKE_RETRIES), counted
// in the entity's retries.
import { randomBytes } from 'node:crypto';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AdlsConnection } from '../../engine/land/azure-client.ts';
import { lakeLander } from '../../engine/land/lake-lander.ts';
import type { LanderOptions } from '../../engine/land/lander.ts';
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

/** Every store operation bounded at 2 s, so a stall ends within the test's time. */
const SHORT = { timeouts: { writeMs: 2_000, writeBytesPerSecond: 1_000_000, operationMs: 2_000 } };

/** Lands and publishes two files for run `runId` over `connection`, as the engine's lander does. */
async function landTwo(connection: AdlsConnection, runId: string, options: Partial<LanderOptions> = {}, store = {}): Promise<void> {
  const lander = lakeLander(() => openLakeStore(connection, store), { entityFolder: 'items', runId, ...options });
  const signal = new AbortController().signal;
  await lander.begin();
  await lander.land(file('items_1.csv', 'id\n1\n2\n', 1, 2), signal);
  await lander.land(file('items_3.csv', 'id\n3\n', 3, 1), signal);
  await lander.publish();
}

const COLUMNS = [{ name: 'id', type: 'int', nullable: false }];
const ENTITY = { name: 'items', columns: COLUMNS, businessKey: ['id'], warehouse: 'wh' };

/** A source table `items` of rows 1, 2 and 3, a DuckDB warehouse, and a job landing through the lander connection named. */
async function itemsJob() {
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
  return { COLUMNS, ENTITY, source, wh, spec };
}

describe('an Azure lake behind a proxy that stalls', () => {
  const retried: string[] = [];
  const counting = { retries: { attempts: 2, firstDelayMs: 100, maxDelayMs: 100 }, onRetry: (what: string) => void retried.push(what) };
  beforeEach(() => void retried.splice(0));

  it('every write held without an answer: the landing ends at the bound, retried once, naming the lake connection', async () => {
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--only', 'PUT', '--stall', '1000000']);
    ws.defer(() => proxy.stop());
    const started = Date.now();
    await expect(landTwo(lake(proxy.port), 'run-1', counting, SHORT)).rejects.toThrow(
      /^Azure lander could not write .*items_1\.csv: \(OperationTimedOut: lake connection "cloud" \(http:\/\/127\.0\.0\.1:\d+\/.*\) did not answer within 2 s\)$/,
    );
    // Two attempts of 2 s each and a 0.1 s wait: the SDK does not try a stalled request again by itself.
    expect(Date.now() - started).toBeLessThan(7_000);
    expect(proxy.faults()).toBe(2);
    expect(retried).toEqual(['writing items/_incoming/run-1/items_1.csv']);
  });

  it('a listing held without an answer is not retried forever either: begin ends at the bound (removes are not retried)', async () => {
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--stall', '1000000']);
    ws.defer(() => proxy.stop());
    const started = Date.now();
    await expect(landTwo(lake(proxy.port), 'run-1', counting, SHORT)).rejects.toThrow(/^Azure lander could not remove .*did not answer within 2 s\)$/);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(proxy.faults()).toBe(1);
    expect(retried).toEqual([]);
  });

  it('the first write held, the next answered: the write is retried as a whole and the files land exactly', async () => {
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--only', 'PUT', '--stall', '1']);
    ws.defer(() => proxy.stop());
    await landTwo(lake(proxy.port), 'run-1', counting, SHORT);
    expect(proxy.faults()).toBe(1);
    expect(retried).toEqual(['writing items/_incoming/run-1/items_1.csv']);
    expect(await text('landing/items/Latest/items_1.csv')).toBe('id\n1\n2\n');
    expect(await text('landing/items/Latest/items_3.csv')).toBe('id\n3\n');
    expect(JSON.parse(await text('landing/items/Latest/_manifest.json'))).toMatchObject({ runId: 'run-1', files: [{ name: 'items_1.csv' }, { name: 'items_3.csv' }] });
  });
});

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

  it('the first write refused 6 times (more than the SDK tries): the lander retries it as a whole and the files land exactly', async () => {
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--only', 'PUT', '--fail', '6']);
    ws.defer(() => proxy.stop());
    const retried: unknown[][] = [];
    await landTwo(lake(proxy.port), 'run-1', { onRetry: (...retry) => void retried.push(retry) });
    // 4 tries by the SDK, then the whole write again after 1 s: 2 more refusals and the 7th PUT lands.
    expect(proxy.faults()).toBe(6);
    expect(retried).toEqual([['writing items/_incoming/run-1/items_1.csv', 2, 3, 1000, expect.objectContaining({ message: expect.stringContaining('503 ServerBusy') })]]);
    expect(await text('landing/items/Latest/items_1.csv')).toBe('id\n1\n2\n');
    expect(await text('landing/items/Latest/items_3.csv')).toBe('id\n3\n');
    expect(JSON.parse(await text('landing/items/Latest/_manifest.json'))).toMatchObject({ runId: 'run-1', files: [{ name: 'items_1.csv', rows: 2 }, { name: 'items_3.csv', rows: 1 }] });
  });

  it('the same fault in a run: the entity counts the retry and logs it, and its landing succeeds', async () => {
    const { spec } = await itemsJob();
    const proxy = await startFaultProxy(azuriteHost, ['--http', '--only', 'PUT', '--fail', '6']);
    ws.defer(() => proxy.stop());
    const { result, events } = await run(spec('cloud', [lake(proxy.port) as Connection]));
    // Every row extracted, landed and published; the DuckDB warehouse of the tests cannot then read
    // from Azurite (no httpfs extension offline), so the run ends at the load, after the lake part.
    expect(result.entities[0]).toMatchObject({ status: 'failed', rows: 3, files: 1, retries: 1 });
    expect(result.entities[0]!.error).toMatch(/^entity "items": loading staging failed: .*Latest\/items_\d+\.csv/);
    expect(proxy.faults()).toBe(6);
    const logged = events.filter((event) => event.type === 'log' && event.level === 'warn').map((event) => (event as { message: string }).message);
    expect(logged[0]).toMatch(/^writing items\/_incoming\/.*\.csv(\.zst)? on lander "cloud" failed \(Azure lander could not write .*503 ServerBusy.*\); attempt 2 of 3 in 1000 ms$/);
  });

  it('every request refused: the run fails within seconds naming the lake connection; nothing committed, the previous Latest intact', async () => {
    const { COLUMNS, ENTITY, source, wh, spec } = await itemsJob();
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
