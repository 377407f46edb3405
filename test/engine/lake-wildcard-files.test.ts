// The Multi Wild Card File pattern reading from an Azure Data Lake through the Blob API, on the
// Azurite the test setup starts: matching files (case-insensitive, this folder only) copied down in
// parallel, read by the local reader (header mapping, @file_name), loaded into DuckDB, archived in
// the lake after the commit; a failed load leaves them in place to be read again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseConnection, parseEntity, parseExtract } from '../../shared/model/validate.ts';
import type { Connection } from '../../shared/model/index.ts';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { runBatch } from '../../engine/run-batch.ts';
import { namePattern } from '../../engine/source/lake-files.ts';

const azurite = inject('azurite');
const service = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.account, azurite.accountKey));

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function ok<T>(result: { ok: true; value: T } | { ok: false; issues: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

async function setup(): Promise<{ root: string; container: ContainerClient; put: (name: string, text: string) => Promise<void>; names: () => Promise<string[]> }> {
  const root = mkdtempSync(join(tmpdir(), 'lf-lake-files-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const container = service.getContainerClient(`files-${process.pid}-${randomBytes(5).toString('hex')}`);
  await container.create();
  cleanups.push(() => container.deleteIfExists());
  return {
    root,
    container,
    put: async (name, text) => void (await container.getBlockBlobClient(`drop/inbox/${name}`).upload(text, Buffer.byteLength(text))),
    names: async () => {
      const found: string[] = [];
      for await (const blob of container.listBlobsFlat({ prefix: 'drop/inbox/' })) found.push(blob.name.slice('drop/inbox/'.length));
      return found.sort();
    },
  };
}

function spec(root: string, fileSystem: string, runId: string, batchId: string): JobSpec {
  const lake = { ...ok(parseConnection({ name: 'inbox', kind: 'adls', account: azurite.account, fileSystem, directory: 'drop', hierarchicalNamespace: false, endpoint: azurite.blobEndpoint, credential: { kind: 'accountKey', key: '${env:LAKE_KEY}' } })), credential: { kind: 'accountKey', key: azurite.accountKey } } as Connection;
  return {
    runId,
    batchDate: '2026-11-20',
    batchId,
    parallelEntities: 1,
    parameters: {},
    connections: [
      lake,
      ok(parseConnection({ name: 'landing', kind: 'localfs', path: join(root, 'lake') })),
      ok(parseConnection({ name: 'wh', kind: 'duckdb', path: join(root, 'wh.duckdb') })),
    ],
    entities: [{
      entity: ok(parseEntity({
        name: 'payroll',
        columns: [
          { name: 'employee_id', type: 'int', nullable: false },
          { name: 'name', type: 'string(100)' },
          { name: 'amount', type: 'decimal(12,2)' },
          { name: 'source_file', type: 'string(200)' },
        ],
        businessKey: ['employee_id'],
        warehouse: 'wh',
      })),
      extract: ok(parseExtract({
        entity: 'payroll',
        source: { kind: 'files', connection: 'inbox', folder: 'inbox', pattern: 'payroll_*.csv', parallelFiles: 3, format: { kind: 'csv' } },
        pattern: { kind: 'multiWildCardFile' },
        mappings: [{ column: 'employee_id', expression: 'Employee' }, { column: 'source_file', expression: '@file_name' }],
        format: { kind: 'csv' },
        lander: { connection: 'landing' },
      })),
    }],
  };
}

async function current(root: string): Promise<string[][]> {
  const instance = await DuckDBInstance.create(join(root, 'wh.duckdb'), { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT employee_id, name, amount, source_file FROM psg.payroll WHERE lf_is_current ORDER BY employee_id');
    return reader.getRows().map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('Multi Wild Card File from an Azure Data Lake (Blob API on Azurite)', () => {
  it('reads the matching files of the folder in parallel, loads them, then archives them in the lake', async () => {
    const { root, container, put, names } = await setup();
    await put('payroll_01.csv', 'Employee,name,amount\n1,"Smith, Jo",100.50\n2,"multi\nline",200\n');
    await put('PAYROLL_02.csv', 'name,Employee,amount\nAnn,3,\n');
    await put('payroll_03.csv', 'Employee,name,amount\n4,Dee,4\n');
    await put('other.csv', 'Employee,name,amount\n9,no,1\n');
    // A file in a folder under the source folder is not the folder's own.
    await put('old/payroll_00.csv', 'Employee,name,amount\n8,no,1\n');

    const first = await runBatch(spec(root, container.containerName, 'run-1', '1'), { signal: new AbortController().signal, onEvent: () => undefined });
    expect(first.entities[0]?.error).toBeUndefined();
    expect(first.status).toBe('succeeded');
    expect(await current(root)).toEqual([
      ['1', 'Smith, Jo', '100.50', 'payroll_01.csv'],
      ['2', 'multi\nline', '200.00', 'payroll_01.csv'],
      ['3', 'Ann', 'NULL', 'PAYROLL_02.csv'],
      ['4', 'Dee', '4.00', 'payroll_03.csv'],
    ]);
    expect(await names()).toEqual([
      'archive/run-1/PAYROLL_02.csv', 'archive/run-1/payroll_01.csv', 'archive/run-1/payroll_03.csv', 'old/payroll_00.csv', 'other.csv',
    ]);

    // Nothing left to read: the rerun changes nothing.
    const second = await runBatch(spec(root, container.containerName, 'run-2', '2'), { signal: new AbortController().signal, onEvent: () => undefined });
    expect(second.status).toBe('succeeded');
    expect(await current(root)).toHaveLength(4);
  });

  it('leaves the files in the lake when the load fails, so the rerun reads them again', async () => {
    const { root, container, put, names } = await setup();
    await put('payroll_a.csv', 'Employee,name,amount\n1,A,1\n');
    await put('payroll_b.csv', 'Employee,name,amount\n1,B,2\n');
    const result = await runBatch(spec(root, container.containerName, 'run-1', '1'), { signal: new AbortController().signal, onEvent: () => undefined });
    expect(result.status).toBe('failed');
    expect(result.entities[0]?.error).toMatch(/the key employee_id = 1 appears 2 times in this run's files/);
    expect(await names()).toEqual(['payroll_a.csv', 'payroll_b.csv']);
  });
});

describe('a lake file-name pattern', () => {
  it('matches at one folder level, any case, with * and ? only', () => {
    const p = namePattern('payroll_??.csv');
    expect(['payroll_01.csv', 'PAYROLL_02.CSV'].every((n) => p.test(n))).toBe(true);
    expect(['payroll_1.csv', 'payroll_001.csv', 'xpayroll_01.csv', 'payroll_01.csvx'].some((n) => p.test(n))).toBe(false);
    expect(namePattern('a.b(1)+*.csv').test('a.b(1)+zz.csv')).toBe(true);
    expect(namePattern('a.b*.csv').test('aXb.csv')).toBe(false);
    expect(() => namePattern('sub/*.csv')).toThrow('the pattern "sub/*.csv" names a folder: set the folder, and match file names only');
  });
});
