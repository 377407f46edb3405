// The lander over the Blob store against Azurite (hierarchicalNamespace: false), one container per test:
// the publish protocol of lake-lander.ts as it runs on a store without directories (copies, manifest
// last). The Data Lake store has its own file (data-lake-store.test.ts): Azurite has no DFS endpoint.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  BlobClient,
  BlobServiceClient,
  generateAccountSASQueryParameters,
  StorageSharedKeyCredential,
  type ContainerClient,
} from '@azure/storage-blob';
import type { AdlsConnection } from '../azure-client.ts';
import { lakeLander } from '../lake-lander.ts';
import { lakePath } from '../lake-path.ts';
import { openLakeStore } from '../lake-stores.ts';
import { ARCHIVE_KEEP, type LanderOptions, type LandingFile } from '../lander.ts';
import { BLOCK_SIZE } from './blocks-of.ts';

const azurite = inject('azurite');
const sharedKey = new StorageSharedKeyCredential(azurite.account, azurite.accountKey);
const service = new BlobServiceClient(azurite.blobEndpoint, sharedKey);
const ENTITY = 'sales/orders';
const ROOT = 'landing';
const entityPath = lakePath(ROOT, ENTITY);

let containers: ContainerClient[] = [];
afterEach(async () => {
  await Promise.all(containers.map((container) => container.deleteIfExists()));
  containers = [];
});

async function newContainer(): Promise<ContainerClient> {
  const container = service.getContainerClient(`lander-${process.pid}-${randomBytes(5).toString('hex')}`);
  await container.create();
  containers.push(container);
  return container;
}

function connection(fileSystem: string, overrides: Partial<AdlsConnection> = {}): AdlsConnection {
  return {
    name: 'lake',
    kind: 'adls',
    account: azurite.account,
    fileSystem,
    directory: ROOT,
    hierarchicalNamespace: false,
    endpoint: azurite.blobEndpoint,
    credential: { kind: 'accountKey', key: azurite.accountKey },
    ...overrides,
  };
}

/** The lander the engine opens for an `adls` connection (openLander in engine/connections.ts). */
const azureLander = (lake: AdlsConnection, options: LanderOptions) => lakeLander(() => openLakeStore(lake), options);

const lander = (container: ContainerClient, runId: string, overrides: Partial<AdlsConnection> = {}) =>
  azureLander(connection(container.containerName, overrides), { entityFolder: ENTITY, runId });

/** A landing file from text or bytes, cut into chunks of `chunkSize` bytes. */
function file(name: string, firstRow: number, content: string | Uint8Array, rows = 1, chunkSize = 7): LandingFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return { name, firstRow, rows, chunks, bytes: bytes.byteLength };
}

/** Blob names under the entity, relative to it, sorted. */
async function listEntity(container: ContainerClient, under = ''): Promise<string[]> {
  const prefix = `${lakePath(entityPath, under)}/`;
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name.slice(entityPath.length + 1));
  return names.sort();
}

const download = async (container: ContainerClient, path: string) =>
  container.getBlobClient(lakePath(entityPath, path)).downloadToBuffer();
const text = async (container: ContainerClient, path: string) => (await download(container, path)).toString('utf8');
const manifestOf = async (container: ContainerClient, folder: string) =>
  JSON.parse(await text(container, `${folder}/_manifest.json`)) as { runId: string; files: { name: string; rows: number; bytes: number }[] };

/** Lands the files of one run and publishes them. */
async function run(container: ContainerClient, runId: string, files: LandingFile[], overrides: Partial<AdlsConnection> = {}) {
  const landing = lander(container, runId, overrides);
  await landing.begin();
  await Promise.all(files.map((f) => landing.land(f, new AbortController().signal)));
  return landing.publish();
}

describe('lander over the Blob store (Azurite)', () => {
  it('lands several files at once and publishes exactly them, with a manifest', async () => {
    const container = await newContainer();
    const big = randomBytes(2 * BLOCK_SIZE + 12_345); // staged as three blocks spanning chunk boundaries
    const files = [
      file('orders_101.csv', 101, 'id,total\n101,7.5\n', 1),
      file('orders_1.csv', 1, 'id,total\n1,10\n2,20\n', 100),
      file('orders_201.csv', 201, big, 50, 3_000_001),
      file('orders_301.csv', 301, '', 0),
    ];
    const landing = lander(container, 'run-1');
    await landing.begin();
    await Promise.all(files.map((f) => landing.land(f, new AbortController().signal)));
    expect(await listEntity(container)).toEqual(files.map((f) => `_incoming/run-1/${f.name}`).sort());

    const published = await landing.publish();

    expect(published.map((f) => f.name)).toEqual(['orders_1.csv', 'orders_101.csv', 'orders_201.csv', 'orders_301.csv']);
    expect(await listEntity(container)).toEqual([
      'Latest/_manifest.json', 'Latest/orders_1.csv', 'Latest/orders_101.csv', 'Latest/orders_201.csv', 'Latest/orders_301.csv',
    ]);
    expect(await text(container, 'Latest/orders_1.csv')).toBe('id,total\n1,10\n2,20\n');
    expect(await text(container, 'Latest/orders_301.csv')).toBe('');
    expect(Buffer.compare(await download(container, 'Latest/orders_201.csv'), big)).toBe(0);

    const manifest = await manifestOf(container, 'Latest');
    expect(manifest.runId).toBe('run-1');
    expect(manifest.files).toEqual(published.map(({ name, rows, bytes }) => ({ name, rows, bytes })));
    expect(manifest.files.find((f) => f.name === 'orders_201.csv')).toEqual({ name: 'orders_201.csv', rows: 50, bytes: big.byteLength });

    const location = published.find((f) => f.name === 'orders_1.csv')!.location;
    expect(location).toBe(`${azurite.blobEndpoint}/${container.containerName}/${entityPath}/Latest/orders_1.csv`);
    expect((await new BlobClient(location, sharedKey).downloadToBuffer()).toString()).toBe('id,total\n1,10\n2,20\n');
  });

  it('archives the previous set when a second run publishes', async () => {
    const container = await newContainer();
    await run(container, 'run-1', [file('orders_1.csv', 1, 'first'), file('orders_5.csv', 5, 'first, second file')]);
    await run(container, 'run-2', [file('orders_1.csv', 1, 'second')]);

    const names = await listEntity(container);
    const archived = names.filter((name) => name.startsWith('Archive/'));
    const set = archived[0]!.split('/')[1]!;
    expect(set).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z_run-1$/);
    expect(names).toEqual([
      `Archive/${set}/_manifest.json`, `Archive/${set}/orders_1.csv`, `Archive/${set}/orders_5.csv`,
      'Latest/_manifest.json', 'Latest/orders_1.csv',
    ]);
    expect(await text(container, 'Latest/orders_1.csv')).toBe('second');
    expect(await text(container, `Archive/${set}/orders_1.csv`)).toBe('first');
    expect((await manifestOf(container, 'Latest')).runId).toBe('run-2');
    expect((await manifestOf(container, `Archive/${set}`)).files.map((f) => f.name)).toEqual(['orders_1.csv', 'orders_5.csv']);
  });

  it(`keeps at most ${ARCHIVE_KEEP} archived sets, the newest`, async () => {
    const container = await newContainer();
    const runs = ARCHIVE_KEEP + 2;
    for (let n = 1; n <= runs; n++) await run(container, `run-${String(n).padStart(2, '0')}`, [file('orders_1.csv', 1, `run ${n}`)]);

    const names = await listEntity(container, 'Archive');
    const sets = [...new Set(names.map((name) => name.split('/')[1]!))].sort();
    expect(sets.map((set) => set.replace(/^.*_/, ''))).toEqual(
      Array.from({ length: ARCHIVE_KEEP }, (_, i) => `run-${String(runs - ARCHIVE_KEEP + i).padStart(2, '0')}`),
    );
    expect(await text(container, 'Latest/orders_1.csv')).toBe(`run ${runs}`);
  });

  it('publishes an empty set as a manifest alone', async () => {
    const container = await newContainer();
    await run(container, 'run-1', [file('orders_1.csv', 1, 'one')]);
    expect(await run(container, 'run-2', [])).toEqual([]);
    expect((await listEntity(container)).filter((name) => !name.startsWith('Archive/'))).toEqual(['Latest/_manifest.json']);
    expect((await manifestOf(container, 'Latest')).files).toEqual([]);
  });

  it("discard removes only the run's incoming files", async () => {
    const container = await newContainer();
    await run(container, 'run-1', [file('orders_1.csv', 1, 'published')]);
    const landing = lander(container, 'run-2');
    await landing.begin();
    await Promise.all([
      landing.land(file('orders_1.csv', 1, 'not yet'), new AbortController().signal),
      landing.land(file('orders_9.csv', 9, 'not yet either'), new AbortController().signal),
    ]);
    const other = container.getBlockBlobClient(`${entityPath}/_incoming/run-3/orders_1.csv`);
    await other.upload('someone else', 12);

    await landing.discard();
    await landing.discard(); // twice is fine

    expect(await listEntity(container)).toEqual(['Latest/_manifest.json', 'Latest/orders_1.csv', '_incoming/run-3/orders_1.csv']);
    expect(await text(container, 'Latest/orders_1.csv')).toBe('published');
  });

  it("begin removes what a killed run left under _incoming", async () => {
    const container = await newContainer();
    const killed = lander(container, 'run-1');
    await killed.begin();
    await killed.land(file('orders_1.csv', 1, 'half a run'), new AbortController().signal);
    expect(await listEntity(container)).toEqual(['_incoming/run-1/orders_1.csv']);

    const next = lander(container, 'run-2');
    await next.begin();
    expect(await listEntity(container)).toEqual([]);
    await next.land(file('orders_1.csv', 1, 'whole run'), new AbortController().signal);
    await next.publish();
    expect(await listEntity(container)).toEqual(['Latest/_manifest.json', 'Latest/orders_1.csv']);
    expect(await text(container, 'Latest/orders_1.csv')).toBe('whole run');
  });

  it('an aborted upload leaves nothing under Latest (nor, after discard, under _incoming)', async () => {
    const container = await newContainer();
    await run(container, 'run-1', [file('orders_1.csv', 1, 'published')]);
    const landing = lander(container, 'run-2');
    await landing.begin();

    const controller = new AbortController();
    const big = landing.land(file('orders_1.csv', 1, randomBytes(BLOCK_SIZE * 3), 10, 1_000_000), controller.signal);
    const small = landing.land(file('orders_2.csv', 2, 'small'), controller.signal);
    controller.abort();
    const errors = await Promise.all([big, small].map((landed) => landed.then(() => undefined, (error: unknown) => error)));
    for (const error of errors) expect((error as Error | undefined)?.name).toBe('AbortError');
    await expect(landing.land(file('orders_3.csv', 3, 'late'), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect((await listEntity(container)).filter((name) => name.startsWith('Latest/'))).toEqual(['Latest/_manifest.json', 'Latest/orders_1.csv']);

    await landing.discard();
    expect(await listEntity(container)).toEqual(['Latest/_manifest.json', 'Latest/orders_1.csv']);
    expect(await text(container, 'Latest/orders_1.csv')).toBe('published');
    expect((await manifestOf(container, 'Latest')).runId).toBe('run-1');
  });

  it('restore after publish brings the previous set back, manifest and all, and removes the run’s files', async () => {
    const container = await newContainer();
    await run(container, 'run-1', [file('orders_1.csv', 1, 'committed'), file('orders_5.csv', 5, 'committed too')]);
    const before = await listEntity(container);
    const landing = lander(container, 'run-2');
    await landing.begin();
    await landing.land(file('orders_1.csv', 1, 'never committed'), new AbortController().signal);
    await landing.publish();
    expect((await manifestOf(container, 'Latest')).runId).toBe('run-2');

    await landing.restore();

    expect(await listEntity(container)).toEqual(before);
    expect(await text(container, 'Latest/orders_1.csv')).toBe('committed');
    expect((await manifestOf(container, 'Latest')).runId).toBe('run-1');
  });

  it('says clearly when the container does not exist', async () => {
    const landing = azureLander(connection('no-such-container'), { entityFolder: ENTITY, runId: 'run-1' });
    const error = await landing.begin().then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toContain(`${azurite.account}/no-such-container/${entityPath}/_incoming`);
    expect(error?.message).toContain(
      `container "no-such-container" does not exist in account "${azurite.account}": create it or check fileSystem`,
    );
    await expect(landing.discard()).resolves.toBeUndefined();
  });

  it('says clearly when the account key is wrong', async () => {
    const container = await newContainer();
    const landing = lander(container, 'run-1', { credential: { kind: 'accountKey', key: randomBytes(64).toString('base64') } });
    await expect(landing.begin()).rejects.toThrow(/refused the request: check the credential \(account key, SAS token or connection string\)/);
  });

  it('says clearly when the connection string is not usable', async () => {
    const container = await newContainer();
    const landing = lander(container, 'run-1', { credential: { kind: 'connectionString', value: 'AccountName=x;Nonsense=1' } });
    await expect(landing.begin()).rejects.toThrow(/could not connect to .*: check the connection string: it needs AccountName and AccountKey/);
    await expect(landing.discard()).resolves.toBeUndefined();
  });

  it('works with a SAS token and with connection strings', async () => {
    const container = await newContainer();
    const sas = generateAccountSASQueryParameters({
      permissions: AccountSASPermissions.parse('racwdl'),
      services: AccountSASServices.parse('b').toString(),
      resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
      expiresOn: new Date(Date.now() + 3_600_000),
    }, sharedKey).toString();
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${azurite.account};AccountKey=${azurite.accountKey};BlobEndpoint=${azurite.blobEndpoint};`;
    const credentials: Partial<AdlsConnection>[] = [
      { credential: { kind: 'sas', token: `?${sas}` } },
      { credential: { kind: 'connectionString', value: connectionString }, endpoint: undefined },
      { credential: { kind: 'connectionString', value: `DefaultEndpointsProtocol=https;AccountName=${azurite.account};AccountKey=${azurite.accountKey};EndpointSuffix=invalid.example` } },
    ];
    for (const [n, overrides] of credentials.entries()) {
      const published = await run(container, `run-${n + 1}`, [file('orders_1.csv', 1, `credential ${n + 1}`)], overrides);
      expect(published[0]?.location).toBe(`${azurite.blobEndpoint}/${container.containerName}/${entityPath}/Latest/orders_1.csv`);
    }
    expect(await text(container, 'Latest/orders_1.csv')).toBe(`credential ${credentials.length}`);
    expect((await listEntity(container, 'Archive')).filter((name) => name.endsWith('orders_1.csv'))).toHaveLength(credentials.length - 1);
  });
});
