// The handlers over real projects, through the same gate the window uses (dispatch): the demo
// project, secrets kept encrypted, connections tested against real SQLite, DuckDB, PostgreSQL,
// MariaDB and Azurite, tables imported, the SQL preview compared with `landfall sql`, and runs of
// the real engine in a forked process.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { DuckDBInstance } from '@duckdb/node-api';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { AppEvents, Channel, EventName, RequestArg, RequestResult } from '../../shared/ipc/contract.ts';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { previewPlan } from '../../shared/plan/preview-plan.ts';
import { inputLines, stepText } from '../../shared/plan/statement-log.ts';
import { ProjectStore } from '../store/project-store.ts';
import type { SecretCipher } from '../store/secret-cipher.ts';
import { forkLauncher, nodeFork } from '../engine-launcher.ts';
import { createMariaDbDatabase, createPostgresDatabase } from '../../test/services/databases.ts';
import { createHandlers } from './handlers.ts';
import { dispatch } from './dispatch.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BATCH_DATE = '2026-03-31';

/** Reversible and plainly not secure: enough to prove what reaches the file is not the plaintext. */
const xorCipher: SecretCipher = {
  id: 'test-xor',
  encrypt: (plaintext) => Buffer.from(Buffer.from(plaintext, 'utf8').map((byte) => byte ^ 0x5a)),
  decrypt: (ciphertext) => Buffer.from(ciphertext.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

interface Harness {
  readonly dir: string;
  readonly events: { event: EventName; payload: unknown }[];
  call<C extends Channel>(channel: C, arg: RequestArg<C>): Promise<RequestResult<C>>;
  /** The first event (already sent or still to come) that matches. */
  waitFor(match: (event: EventName, payload: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  dispose(): Promise<void>;
}

function harness(dir = mkdtempSync(join(tmpdir(), 'landfall-handlers-'))): Harness {
  const events: { event: EventName; payload: unknown }[] = [];
  const waiters = new Set<{ match: (event: EventName, payload: unknown) => boolean; resolve: (payload: unknown) => void }>();
  const handlers = createHandlers({
    stateFolder: join(dir, 'state'),
    cipher: xorCipher,
    launcher: forkLauncher(nodeFork(join(ROOT, 'engine', 'utility.ts'), { execArgv: ['--import', 'tsx'], cwd: ROOT })),
    emit: <E extends EventName>(event: E, payload: AppEvents[E]) => {
      events.push({ event, payload });
      for (const waiter of waiters) {
        if (waiter.match(event, payload)) {
          waiters.delete(waiter);
          waiter.resolve(payload);
        }
      }
    },
    env: { LANDFALL_TEST_SECRET: 'from-the-environment' },
    // The user allows each typed path (path-grants.test.ts covers declining).
    confirm: () => Promise.resolve(true),
  });
  return {
    dir,
    events,
    call: (channel, arg) => dispatch(handlers, channel, arg) as never,
    waitFor(match, timeoutMs = 120_000) {
      const seen = events.find((e) => match(e.event, e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolveEvent, reject) => {
        const waiter = { match, resolve: resolveEvent };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`));
        }, timeoutMs).unref();
      });
    },
    dispose: () => handlers.dispose(),
  };
}

const isRunEvent = (type: EngineEvent['type']) => (event: EventName, payload: unknown): boolean => event === 'run:event' && (payload as EngineEvent).type === type;

describe('handlers without a project', () => {
  const h = harness();
  afterAll(async () => {
    await h.dispose();
    rmSync(h.dir, { recursive: true, force: true });
  });

  it('has no current project, and refuses what needs one with a clear message', async () => {
    await expect(h.call('project:current', undefined)).resolves.toBeNull();
    await expect(h.call('connection:tables', { name: 'x' })).rejects.toThrow('no project is open: open or create one first');
    await expect(h.call('run:history', {})).rejects.toThrow('no project is open');
  });

  it('refuses a file that is not a project, and a missing one', async () => {
    const notAProject = join(h.dir, 'notes.txt');
    writeFileSync(notAProject, 'hello');
    await expect(h.call('project:open', { path: notAProject, typed: true })).rejects.toThrow('is not a Landfall project file');
    await expect(h.call('project:open', { path: join(h.dir, 'nope.landfall'), typed: true })).rejects.toThrow('no project at');
  });

  it('keeps the recent projects newest first, at most 10, each saying whether its file is still there', async () => {
    for (let i = 1; i <= 11; i++) await h.call('project:create', { path: join(h.dir, `p${i}.landfall`), typed: true });
    await h.call('project:open', { path: join(h.dir, 'p3.landfall') });
    const recent = await h.call('project:recent', undefined);
    expect(recent.map((r) => r.name)).toEqual(['p3', 'p11', 'p10', 'p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p2']);
    expect(recent.every((r) => r.exists)).toBe(true);
    rmSync(join(h.dir, 'p2.landfall'));
    expect((await h.call('project:recent', undefined)).find((r) => r.name === 'p2')?.exists).toBe(false);
    expect(existsSync(join(h.dir, 'state', 'recent.json'))).toBe(true);
    // Another window's handlers (or the next start) read the same list.
    const other = harness(h.dir);
    expect((await other.call('project:recent', undefined))[0]?.path).toBe(join(h.dir, 'p3.landfall'));
    await expect(h.call('project:close', undefined)).resolves.toBeNull();
    await expect(h.call('project:current', undefined)).resolves.toBeNull();
  });
});

describe('handlers over the demo project', () => {
  const h = harness();
  const file = join(h.dir, 'demo', 'sales.landfall');

  beforeAll(async () => {
    const info = await h.call('project:create', { path: file, demo: true, typed: true });
    expect(info.issues).toEqual([]);
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(h.dir, { recursive: true, force: true });
  });

  const changes = () => h.events.filter((e) => e.event === 'project:changed').length;

  it('creates the demo and shows it as the current project', async () => {
    const current = await h.call('project:current', undefined);
    expect(current).toMatchObject({ path: file, name: 'Sales demo', issues: [] });
    expect(current!.project.connections.map((c) => c.name)).toEqual(['lake', 'sales', 'warehouse']);
    expect(current!.project.entities).toHaveLength(4);
    expect((await h.call('project:recent', undefined))[0]).toMatchObject({ path: file, name: 'Sales demo', exists: true });
  });

  describe('connection:save', () => {
    it('encrypts a typed password into the store: a ${secret:…} reference in the connection, never the clear text in the file', async () => {
      const plaintext = 'typed-S3cret-\u00e9\u00e8-never-in-clear';
      const before = changes();
      const saved = await h.call('connection:save', {
        connection: { name: 'crm', kind: 'postgres', host: '127.0.0.1', database: 'crm', user: 'reader' },
        secrets: { password: plaintext },
      });
      expect(saved).toMatchObject({ ok: true, value: { name: 'crm', kind: 'postgres' } });
      // Narrows the type for what follows; never passes silently (the assertion above already failed).
      if (!saved.ok || saved.value.kind !== 'postgres') throw new Error(`connection:save returned ${JSON.stringify(saved)}`);
      expect(saved.value.password).toMatch(/^\$\{secret:[0-9a-f-]{36}\}$/);
      expect(changes()).toBe(before + 1);
      expect(h.events.at(-1)).toEqual({ event: 'project:changed', payload: { path: file } });
      for (const part of [file, `${file}-wal`]) {
        if (existsSync(part)) expect(readFileSync(part).includes(Buffer.from(plaintext, 'utf8'))).toBe(false);
      }
      const reader = ProjectStore.open(file);
      try {
        expect(reader.resolveSecret(saved.value.password!, { cipher: xorCipher })).toBe(plaintext);
      } finally {
        reader.close();
      }
    });

    it('keeps a typed ${env:…} reference as it is, and the saved reference when no secret is typed', async () => {
      const saved = await h.call('connection:save', {
        connection: { name: 'crm', kind: 'postgres', host: '127.0.0.1', database: 'crm', user: 'reader', password: '${env:OLD}' },
        previousName: 'crm',
        secrets: { password: '${env:LANDFALL_TEST_SECRET}' },
      });
      expect(saved.ok && saved.value.kind === 'postgres' && saved.value.password).toBe('${env:LANDFALL_TEST_SECRET}');
      const untouched = await h.call('connection:save', {
        connection: { name: 'crm', kind: 'postgres', host: '127.0.0.1', database: 'crm', user: 'reader', password: '${env:LANDFALL_TEST_SECRET}' },
        previousName: 'crm',
        secrets: { password: '' },
      });
      expect(untouched.ok && untouched.value.kind === 'postgres' && untouched.value.password).toBe('${env:LANDFALL_TEST_SECRET}');
    });

    it('answers bad input with issues by field, and saves nothing', async () => {
      const before = changes();
      const bad = await h.call('connection:save', { connection: { name: 'crm2', kind: 'postgres', host: '', port: 70000, database: 'd', user: 'u' }, secrets: {} });
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.issues.map((i) => i.field).sort()).toEqual(['host', 'port']);
      expect(!bad.ok && bad.issues[0]!.object).toBe('connection "crm2"');
      const clear = await h.call('connection:save', { connection: { name: 'crm2', kind: 'postgres', host: 'h', database: 'd', user: 'u', password: 'clear-text' }, secrets: {} });
      expect(!clear.ok && clear.issues).toEqual([expect.objectContaining({ field: 'password', message: expect.stringContaining('secret reference') })]);
      const wrongSecret = await h.call('connection:save', { connection: { name: 'files', kind: 'localfs', path: 'x' }, secrets: { password: 'p' } });
      expect(!wrongSecret.ok && wrongSecret.issues).toEqual([{ object: 'connection "files"', field: 'password', message: 'this connection has no secret field' }]);
      const notObject = await h.call('connection:save', { connection: 'crm', secrets: {} });
      expect(notObject.ok).toBe(false);
      expect(changes()).toBe(before);
      expect((await h.call('project:current', undefined))!.project.connections.map((c) => c.name)).not.toContain('crm2');
    });

    it('refuses a new connection under a saved one\'s name (any case) instead of overwriting it; an edit with previousName changes it', async () => {
      const first = { name: 'dupe', kind: 'postgres', host: '127.0.0.1', database: 'first', user: 'reader', password: '${env:LANDFALL_TEST_SECRET}' };
      expect((await h.call('connection:save', { connection: first, secrets: {} })).ok).toBe(true);
      const before = changes();
      for (const name of ['dupe', 'DUPE']) {
        const again = await h.call('connection:save', { connection: { ...first, name, database: 'second' }, secrets: {} });
        expect(again).toEqual({ ok: false, issues: [{ object: `connection "${name}"`, field: 'name', message: `a connection named "${name}" already exists; open it to change it, or give this one another name (names are unique, ignoring case)` }] });
      }
      expect(changes()).toBe(before);
      const kept = (await h.call('project:current', undefined))!.project.connections.find((c) => c.name === 'dupe');
      expect(kept).toMatchObject({ database: 'first' });
      const edited = await h.call('connection:save', { connection: { ...first, database: 'second' }, previousName: 'dupe', secrets: {} });
      expect(edited).toMatchObject({ ok: true, value: { database: 'second' } });
      await h.call('connection:delete', { name: 'dupe' });
    });

    it('removes a replaced secret\'s ciphertext from the project file, and a deleted connection\'s', async () => {
      const connection = { name: 'vault', kind: 'postgres', host: '127.0.0.1', database: 'v', user: 'u' };
      const ciphertext = (plaintext: string): Buffer => xorCipher.encrypt(plaintext);
      const inFile = (bytes: Buffer): boolean => [file, `${file}-wal`].some((part) => existsSync(part) && readFileSync(part).includes(bytes));
      const secretRows = (): number => {
        const db = new Database(file, { readonly: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM secret').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      const rowsBefore = secretRows();
      const oldSecret = 'the-first-password-0123456789';
      const newSecret = 'the-second-password-9876543210';
      const first = await h.call('connection:save', { connection, secrets: { password: oldSecret } });
      if (!first.ok || first.value.kind !== 'postgres') throw new Error(`connection:save returned ${JSON.stringify(first)}`);
      expect(inFile(ciphertext(oldSecret))).toBe(true);
      expect(secretRows()).toBe(rowsBefore + 1);
      // The user types a new password: the old ciphertext is gone from the file and its log.
      const second = await h.call('connection:save', { connection: { ...connection, password: first.value.password }, previousName: 'vault', secrets: { password: newSecret } });
      expect(second.ok).toBe(true);
      expect(inFile(ciphertext(oldSecret))).toBe(false);
      expect(inFile(ciphertext(newSecret))).toBe(true);
      expect(secretRows()).toBe(rowsBefore + 1);
      // Switched to an environment reference, then deleted: no ciphertext stays.
      const env = await h.call('connection:save', { connection, previousName: 'vault', secrets: { password: '${env:LANDFALL_TEST_SECRET}' } });
      expect(env.ok).toBe(true);
      expect(inFile(ciphertext(newSecret))).toBe(false);
      const third = 'the-third-password-abcdefabcdef';
      expect((await h.call('connection:save', { connection, previousName: 'vault', secrets: { password: third } })).ok).toBe(true);
      expect(inFile(ciphertext(third))).toBe(true);
      await h.call('connection:delete', { name: 'vault' });
      expect(inFile(ciphertext(third))).toBe(false);
      expect(secretRows()).toBe(rowsBefore);
    });

    it('renames with previousName (references follow) and refuses a name taken by another connection', async () => {
      const renamed = await h.call('connection:save', { connection: { name: 'lake2', kind: 'localfs', path: 'lake' }, previousName: 'lake', secrets: {} });
      expect(renamed.ok).toBe(true);
      const project = (await h.call('project:current', undefined))!.project;
      expect(project.extracts.every((x) => x.lander.connection === 'lake2')).toBe(true);
      const taken = await h.call('connection:save', { connection: { name: 'sales', kind: 'localfs', path: 'lake' }, previousName: 'lake2', secrets: {} });
      expect(!taken.ok && taken.issues).toEqual([expect.objectContaining({ field: 'name', message: expect.stringContaining('another connection is named "sales"') })]);
      expect((await h.call('connection:save', { connection: { name: 'lake', kind: 'localfs', path: 'lake' }, previousName: 'lake2', secrets: {} })).ok).toBe(true);
    });

    it('deletes a connection nothing uses, and refuses one in use with the reason', async () => {
      await expect(h.call('connection:delete', { name: 'sales' })).rejects.toThrow('is still used by');
      await expect(h.call('connection:delete', { name: 'crm' })).resolves.toBeNull();
      expect(h.events.at(-1)?.event).toBe('project:changed');
    });
  });

  describe('connection:test', () => {
    it('opens a SQLite file read-only and reports its version (paths relative to the project file)', async () => {
      const result = await h.call('connection:test', { connection: { name: 'sales', kind: 'sqlite', path: 'sales-source.sqlite' } });
      expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^SQLite 3\.\d+\.\d+$/) });
      expect(result.milliseconds).toBeGreaterThanOrEqual(0);
    });

    it('reports a missing file without creating it', async () => {
      const result = await h.call('connection:test', { connection: { name: 'x', kind: 'sqlite', path: 'missing.sqlite' } });
      expect(result).toMatchObject({ ok: false, message: `no SQLite database file at ${join(dirname(file), 'missing.sqlite')}` });
      const duck = await h.call('connection:test', { connection: { name: 'x', kind: 'duckdb', path: 'missing.duckdb' } });
      expect(duck.ok).toBe(false);
      expect(existsSync(join(dirname(file), 'missing.sqlite'))).toBe(false);
      expect(existsSync(join(dirname(file), 'missing.duckdb'))).toBe(false);
    });

    it('opens a DuckDB file and reports its version', async () => {
      await expect(h.call('connection:test', { connection: { name: 'warehouse', kind: 'duckdb', path: 'warehouse.duckdb' } })).resolves.toMatchObject({ ok: true, message: expect.stringMatching(/^DuckDB v\d+\.\d+/) });
    });

    it('checks a local folder exists and is writable', async () => {
      await expect(h.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: 'lake' } })).resolves.toMatchObject({ ok: true, message: `${join(dirname(file), 'lake')} exists and is writable` });
      await expect(h.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: 'no-such-folder' } })).resolves.toMatchObject({ ok: false, message: expect.stringContaining('no folder at') });
      await expect(h.call('connection:test', { connection: { name: 'lake', kind: 'localfs', path: 'sales-source.sqlite' } })).resolves.toMatchObject({ ok: false, message: expect.stringContaining('is a file, not a folder') });
    });

    it('says why a draft cannot be tested', async () => {
      await expect(h.call('connection:test', { connection: { name: 'x', kind: 'postgres', host: 'h', database: 'd' } })).resolves.toMatchObject({ ok: false, message: expect.stringContaining('user') });
    });

    it('connects to PostgreSQL with a typed password and returns select version()', async () => {
      const db = await createPostgresDatabase(inject('postgres'), 'handlers_test');
      try {
        const result = await h.call('connection:test', {
          connection: { name: 'pg', kind: 'postgres', host: db.host, port: db.port, database: db.database, user: db.user },
          secrets: { password: 'typed-only-for-the-test' },
        });
        expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^PostgreSQL \d+/) });
        const refused = await h.call('connection:test', { connection: { name: 'pg', kind: 'postgres', host: '127.0.0.1', port: 1, database: 'd', user: 'u' } });
        expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('ECONNREFUSED') });
      } finally {
        await db.drop();
      }
    });

    it('connects to MariaDB and returns select version(); the server\'s own error otherwise', async () => {
      const db = await createMariaDbDatabase(inject('mariadb'), 'handlers_test');
      try {
        await expect(h.call('connection:test', { connection: { name: 'm', kind: 'mariadb', host: db.host, port: db.port, database: db.database, user: db.user } }))
          .resolves.toMatchObject({ ok: true, message: expect.stringMatching(/MariaDB/) });
        await expect(h.call('connection:test', { connection: { name: 'm', kind: 'mariadb', host: db.host, port: db.port, database: 'no_such_database_here', user: db.user } }))
          .resolves.toMatchObject({ ok: false, message: expect.stringContaining("Unknown database 'no_such_database_here'") });
      } finally {
        await db.drop();
      }
    });

    it('lists an Azure container (Azurite) with a typed account key, and reports a missing container as the service said it', async () => {
      const azurite = inject('azurite');
      const service = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.account, azurite.accountKey));
      const container = service.getContainerClient(`handlers-${Date.now()}`);
      await container.create();
      try {
        await container.uploadBlockBlob('landing/a.csv', 'a', 1);
        const draft = { name: 'cloud', kind: 'adls', account: azurite.account, fileSystem: container.containerName, directory: 'landing', hierarchicalNamespace: false, endpoint: azurite.blobEndpoint, credential: { kind: 'accountKey' } };
        const result = await h.call('connection:test', { connection: draft, secrets: { 'credential.key': azurite.accountKey } });
        expect(result).toMatchObject({ ok: true, message: `listed container "${container.containerName}" of account "${azurite.account}", folder "landing": 1 item` });
        const missing = await h.call('connection:test', { connection: { ...draft, fileSystem: 'no-such-container' }, secrets: { 'credential.key': azurite.accountKey } });
        expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('ContainerNotFound') });
        const typo = await h.call('connection:test', { connection: draft, secrets: { 'credential.token': 'x' } });
        expect(typo).toMatchObject({ ok: false, message: expect.stringContaining('credential.token is not a secret of this connection') });
      } finally {
        await container.delete();
      }
    });
  });

  describe('connection:tables and entity:importFromSource', () => {
    it('lists the tables and views of a SQLite source', async () => {
      await expect(h.call('connection:tables', { name: 'sales' })).resolves.toEqual([
        { name: 'customers', kind: 'table' },
        { name: 'order_lines', kind: 'table' },
        { name: 'orders', kind: 'table' },
        { name: 'products', kind: 'table' },
      ]);
      await expect(h.call('connection:tables', { name: 'lake' })).rejects.toThrow('holds files, not tables');
      await expect(h.call('connection:tables', { name: 'nope' })).rejects.toThrow('no connection is named "nope"');
    });

    it('imports a SQLite table as an entity with a Full extract: types, nullability, primary key', async () => {
      const before = changes();
      const made = await h.call('entity:importFromSource', { connection: 'sales', table: 'products', warehouse: 'warehouse', entityName: 'product_copy' });
      expect(made.ok).toBe(true);
      if (!made.ok) return;
      expect(made.value.entity).toMatchObject({
        name: 'product_copy',
        businessKey: ['product_id'],
        warehouse: 'warehouse',
        columns: [
          { name: 'product_id', type: 'bigint', nullable: false },
          { name: 'sku', type: 'string', nullable: false },
          { name: 'name', type: 'string', nullable: false },
          { name: 'category', type: 'string', nullable: false },
          // Sampled: SQLite's NUMERIC and TEXT hold amounts and datetimes here (sampled-types.ts).
          { name: 'unit_price', type: 'decimal(9,2)', nullable: false },
          { name: 'created_at', type: 'datetime', nullable: false },
          { name: 'modified_at', type: 'datetime', nullable: true },
        ],
      });
      expect(made.value.extract).toMatchObject({ entity: 'product_copy', source: { kind: 'table', connection: 'sales', table: 'products' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, compression: 'zstd', lander: { connection: 'lake' } });
      expect(made.value.notes.map((n) => n.field)).toEqual(['columns[4].type', 'columns[5].type', 'columns[6].type']);
      expect(made.value.notes[0]!.message).toBe('Column "unit_price" (declared NUMERIC): imported as decimal(9,2), not double, so amounts stay exact — the 120 sampled values have at most 2 decimal places and 3 digits before the point');
      expect(changes()).toBe(before + 1);
      const current = (await h.call('project:current', undefined))!;
      expect(current.issues).toEqual([]);
      expect(current.project.extracts.some((x) => x.entity === 'product_copy')).toBe(true);
      const again = await h.call('entity:importFromSource', { connection: 'sales', table: 'products', warehouse: 'warehouse', entityName: 'product_copy' });
      expect(!again.ok && again.issues).toEqual([expect.objectContaining({ object: 'entity "product_copy"', field: 'name' })]);
      await expect(h.call('entity:importFromSource', { connection: 'sales', table: 'no_such_table', warehouse: 'warehouse' })).rejects.toThrow('has no table or view "no_such_table"');
    });

    it('imports a table without a primary key with its first column as business key, and says so', async () => {
      const path = join(dirname(file), 'nokey.sqlite');
      const db = new Database(path);
      db.exec('CREATE TABLE readings (sensor TEXT, taken_at DATETIME, value REAL); CREATE VIEW recent AS SELECT * FROM readings');
      db.close();
      expect((await h.call('connection:save', { connection: { name: 'sensors', kind: 'sqlite', path: 'nokey.sqlite' }, secrets: {} })).ok).toBe(true);
      await expect(h.call('connection:tables', { name: 'sensors' })).resolves.toEqual([{ name: 'readings', kind: 'table' }, { name: 'recent', kind: 'view' }]);
      const made = await h.call('entity:importFromSource', { connection: 'sensors', table: 'readings', warehouse: 'warehouse' });
      expect(made.ok && made.value.entity).toMatchObject({ name: 'readings', businessKey: ['sensor'], columns: [{ name: 'sensor', type: 'string', nullable: false }, { name: 'taken_at', type: 'datetime' }, { name: 'value', type: 'double' }] });
      expect(made.ok && made.value.notes).toEqual([expect.objectContaining({ field: 'businessKey', message: expect.stringContaining('readings has no primary key') })]);
    });

    it('lists and imports from DuckDB', async () => {
      const path = join(dirname(file), 'source.duckdb');
      const duck = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
      const c = await duck.connect();
      await c.run('CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR NOT NULL, balance DECIMAL(14,2), opened TIMESTAMP, tz TIMESTAMPTZ, ok BOOLEAN, ref UUID)');
      await c.run('CREATE VIEW rich AS SELECT * FROM accounts WHERE balance > 1000');
      c.closeSync();
      duck.closeSync();
      expect((await h.call('connection:save', { connection: { name: 'bank', kind: 'duckdb', path: 'source.duckdb' }, secrets: {} })).ok).toBe(true);
      await expect(h.call('connection:tables', { name: 'bank' })).resolves.toEqual([{ schema: 'main', name: 'accounts', kind: 'table' }, { schema: 'main', name: 'rich', kind: 'view' }]);
      const made = await h.call('entity:importFromSource', { connection: 'bank', schema: 'main', table: 'accounts', warehouse: 'warehouse' });
      expect(made.ok && made.value.entity.columns.map((col) => `${col.name} ${col.type}${col.nullable ? '' : ' not null'}`)).toEqual([
        'id bigint not null', 'owner string not null', 'balance decimal(14,2)', 'opened datetime', 'tz datetimeoffset', 'ok boolean', 'ref uuid',
      ]);
      expect(made.ok && made.value.entity.businessKey).toEqual(['id']);
      expect(made.ok && made.value.extract.source).toEqual({ kind: 'table', connection: 'bank', schema: 'main', table: 'accounts' });
    });

    it('lists and imports from PostgreSQL (secret from the environment)', async () => {
      const db = await createPostgresDatabase(inject('postgres'), 'handlers_import');
      const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
      await client.connect();
      try {
        await client.query(`CREATE TABLE items (id integer, code varchar(20) NOT NULL, amount numeric(12,2), seen timestamptz, ref uuid, payload jsonb, PRIMARY KEY (id));
          CREATE VIEW cheap AS SELECT * FROM items WHERE amount < 10`);
        expect((await h.call('connection:save', { connection: { name: 'pgsrc', kind: 'postgres', host: db.host, port: db.port, database: db.database, user: db.user, password: '${env:LANDFALL_TEST_SECRET}' }, secrets: {} })).ok).toBe(true);
        await expect(h.call('connection:tables', { name: 'pgsrc' })).resolves.toEqual([{ schema: 'public', name: 'cheap', kind: 'view' }, { schema: 'public', name: 'items', kind: 'table' }]);
        const made = await h.call('entity:importFromSource', { connection: 'pgsrc', schema: 'public', table: 'items', warehouse: 'warehouse', entityName: 'pg_items' });
        expect(made.ok && made.value.entity.columns.map((col) => `${col.name} ${col.type}${col.nullable ? '' : ' not null'}`)).toEqual([
          'id int not null', 'code string(20) not null', 'amount decimal(12,2)', 'seen datetimeoffset', 'ref uuid', 'payload string',
        ]);
        expect(made.ok && made.value.notes).toEqual([expect.objectContaining({ field: 'columns[5].type', message: expect.stringContaining('jsonb') })]);
      } finally {
        await client.end();
        await db.drop();
      }
    });

    it('lists and imports from MariaDB', async () => {
      const db = await createMariaDbDatabase(inject('mariadb'), 'handlers_import');
      const connection = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
      try {
        await connection.query('CREATE TABLE items (id INT UNSIGNED NOT NULL, line SMALLINT NOT NULL, flag TINYINT(1), label VARCHAR(30) NOT NULL, at DATETIME, PRIMARY KEY (id, line))');
        expect((await h.call('connection:save', { connection: { name: 'mdb', kind: 'mariadb', host: db.host, port: db.port, database: db.database, user: db.user }, secrets: {} })).ok).toBe(true);
        expect(await h.call('connection:tables', { name: 'mdb' })).toContainEqual({ schema: db.database, name: 'items', kind: 'table' });
        const made = await h.call('entity:importFromSource', { connection: 'mdb', table: 'items', warehouse: 'warehouse', entityName: 'm_items' });
        expect(made.ok && made.value.entity).toMatchObject({ businessKey: ['id', 'line'] });
        expect(made.ok && made.value.entity.columns.map((col) => `${col.name} ${col.type}${col.nullable ? '' : ' not null'}`)).toEqual([
          'id bigint not null', 'line smallint not null', 'flag boolean', 'label string(30) not null', 'at datetime',
        ]);
      } finally {
        await connection.end();
        await db.drop();
      }
    });
  });

  describe('entities, extracts and settings', () => {
    it('saves an entity, answers bad drafts by field, renames and deletes', async () => {
      const draft = { name: 'note', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'body', type: 'string' }], businessKey: ['id'], warehouse: 'warehouse' };
      expect(await h.call('entity:save', { entity: draft })).toMatchObject({ ok: true, value: { name: 'note' } });
      const bad = await h.call('entity:save', { entity: { ...draft, columns: [{ name: 'id', type: 'integer!' }] } });
      expect(!bad.ok && bad.issues).toEqual([expect.objectContaining({ object: 'entity "note"', field: 'columns[0].type' })]);
      expect(await h.call('entity:save', { entity: { ...draft, name: 'memo' }, previousName: 'note' })).toMatchObject({ ok: true, value: { name: 'memo' } });
      const names = (await h.call('project:current', undefined))!.project.entities.map((e) => e.name);
      expect(names).toContain('memo');
      expect(names).not.toContain('note');
      const clash = await h.call('entity:save', { entity: { ...draft, name: 'customer' }, previousName: 'memo' });
      expect(!clash.ok && clash.issues[0]).toMatchObject({ field: 'name' });
      await expect(h.call('entity:delete', { name: 'memo' })).resolves.toBeNull();
    });

    it('saves an extract, and answers one for a missing entity on its entity field', async () => {
      const extract = { entity: 'readings', source: { kind: 'table', connection: 'sensors', table: 'readings' }, pattern: { kind: 'full' }, format: { kind: 'parquet' }, lander: { connection: 'lake' } };
      expect(await h.call('extract:save', { extract })).toMatchObject({ ok: true, value: { format: { kind: 'parquet' }, compression: 'zstd' } });
      const orphan = await h.call('extract:save', { extract: { ...extract, entity: 'ghost' } });
      expect(!orphan.ok && orphan.issues).toEqual([expect.objectContaining({ object: 'extract of entity "ghost"', field: 'entity' })]);
      const bad = await h.call('extract:save', { extract: { ...extract, fileSizeMb: 0 } });
      expect(!bad.ok && bad.issues[0]).toMatchObject({ field: 'fileSizeMb' });
    });

    it('updates the settings, by field when bad', async () => {
      expect(await h.call('project:updateSettings', { settings: { parameters: { source_system: 'demo-sales', region: 'eu' } } })).toMatchObject({ ok: true, value: { name: 'Sales demo', parameters: { region: 'eu' } } });
      const bad = await h.call('project:updateSettings', { settings: { batch: { parallelEntities: 0 } } });
      expect(!bad.ok && bad.issues[0]).toMatchObject({ object: 'project', field: 'batch.parallelEntities' });
    });
  });

  describe('sql:preview', () => {
    it('shows the run plan with the CLI\'s sample inputs, and `landfall sql` prints the same text', async () => {
      const preview = await h.call('sql:preview', { entityName: 'sales_order', batchDate: BATCH_DATE });
      expect(preview.ok).toBe(true);
      if (!preview.ok) throw new Error('no preview');
      const project = (await h.call('project:current', undefined))!.project;
      const { plan, samples } = previewPlan(project, 'sales_order', { batchDate: BATCH_DATE });
      expect(preview.inputs).toEqual(inputLines(plan.entity, plan.inputs, samples));
      expect(preview.steps).toEqual(plan.steps.map((step) => ({ step: step.name, target: step.target, ...(step.dialect ? { dialect: step.dialect } : {}), text: stepText(step) })));
      expect(preview.steps.map((s) => s.step)).toEqual(['readState', 'model', 'drift', 'estimate', 'extract', 'land', 'publish', 'setup', 'migrate', 'stage', 'check', 'changeSet', 'persist', 'counts']);
      expect(preview.inputs.join('\n')).toContain(`batch date ${BATCH_DATE}, batch id ${BATCH_DATE.replaceAll('-', '')}000000000 (sample)`);

      const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'sql', file, 'sales_order', '--batch-date', BATCH_DATE], { cwd: ROOT, encoding: 'utf8' });
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(0);
      const heading = (s: (typeof preview.steps)[number]): string => `-- ==== ${s.step}: ${s.target}${s.dialect ? ` (${s.dialect})` : ''} ====`;
      expect([...preview.inputs, ...preview.steps.flatMap((s) => ['', heading(s), s.text, ''])].join('\n')).toBe(cli.stdout);
    });

    it('previews unsaved drafts in place of the saved objects, in another dialect on request', async () => {
      const project = (await h.call('project:current', undefined))!.project;
      const extract = project.extracts.find((x) => x.entity === 'customer')!;
      const draft = { ...extract, mappings: [{ column: 'customer_name', expression: "UPPER(name) || '!'" }] };
      const preview = await h.call('sql:preview', { entityName: 'customer', extract: draft, dialect: 'postgres', batchDate: BATCH_DATE });
      expect(preview.ok).toBe(true);
      if (!preview.ok) return;
      expect(preview.steps.every((s) => s.target === 'lake' || s.dialect === 'postgres')).toBe(true);
      expect(preview.steps.find((s) => s.step === 'extract')!.text).toContain("UPPER(name) || '!'");
      // Nothing was saved.
      expect((await h.call('project:current', undefined))!.project.extracts.find((x) => x.entity === 'customer')!.mappings).toEqual(extract.mappings);
      const entity = project.entities.find((e) => e.name === 'customer')!;
      const renamed = await h.call('sql:preview', { entityName: 'customer', entity: { ...entity, name: 'client' }, batchDate: BATCH_DATE });
      expect(renamed.ok && renamed.steps.find((s) => s.step === 'stage')!.text).toContain('client');
    });

    it('answers a bad draft with its issues by field', async () => {
      const preview = await h.call('sql:preview', { entityName: 'customer', extract: { entity: 'customer', source: { kind: 'table', connection: 'sales' }, pattern: { kind: 'full' }, lander: { connection: 'lake' } } });
      expect(preview).toEqual({ ok: false, issues: [expect.objectContaining({ object: 'extract of entity "customer"', field: 'source.table' })] });
      const unknown = await h.call('sql:preview', { entityName: 'ghost' });
      expect(unknown).toEqual({ ok: false, issues: [expect.objectContaining({ message: 'no staging entity is named "ghost"' })] });
    });
  });
});

describe('runs through the real engine process', () => {
  const h = harness();
  const file = join(h.dir, 'demo', 'sales.landfall');

  beforeAll(async () => {
    mkdirSync(dirname(file), { recursive: true });
    await h.call('project:create', { path: file, demo: true, typed: true });
  });
  afterAll(() => rmSync(h.dir, { recursive: true, force: true }));

  it('relays run:events that end in run:finished, records the run, and refuses a second run meanwhile', async () => {
    const { runId } = await h.call('run:start', { batchDate: BATCH_DATE });
    await expect(h.call('run:start', { batchDate: BATCH_DATE })).rejects.toThrow(`a run is already in progress (run ${runId})`);
    await expect(h.call('project:open', { path: file, typed: true })).rejects.toThrow('a run is in progress');
    const finished = (await h.waitFor(isRunEvent('run:finished'))) as Extract<EngineEvent, { type: 'run:finished' }>;
    expect(finished.result).toMatchObject({ runId, status: 'succeeded' });

    const runEvents = h.events.filter((e) => e.event === 'run:event').map((e) => e.payload as EngineEvent);
    expect(runEvents[0]).toMatchObject({ type: 'run:started', runId, batchDate: BATCH_DATE });
    expect(runEvents.at(-1)!.type).toBe('run:finished');
    expect(runEvents.some((e) => e.type === 'entity:state' && e.state === 'loading')).toBe(true);

    const [run] = await h.call('run:history', { limit: 5 });
    expect(run).toMatchObject({ id: runId, batchDate: BATCH_DATE, status: 'succeeded' });
    expect(run!.entities.map((e) => [e.entity, e.status])).toEqual([['customer', 'done'], ['product', 'done'], ['sales_order', 'done'], ['sales_order_line', 'done']]);
    expect(run!.entities.find((e) => e.entity === 'customer')!.rows).toBe(500);
    // A cancel that arrives after the end is not an error; an unknown run is.
    await expect(h.call('run:cancel', { runId })).resolves.toBeNull();
    await expect(h.call('run:cancel', { runId: 'no-such-run' })).rejects.toThrow('no run no-such-run is in progress');
  });

  it('refuses a run the project cannot make, with the reason', async () => {
    await expect(h.call('run:start', { entities: ['ghost'] })).rejects.toThrow('no staging entity is named "ghost"');
  });

  it('cancels a run on request', async () => {
    const { runId } = await h.call('run:start', { batchDate: BATCH_DATE, entities: ['customer'] });
    await expect(h.call('run:cancel', { runId })).resolves.toBeNull();
    const finished = (await h.waitFor((event, payload) => isRunEvent('run:finished')(event, payload) && (payload as { result: { runId: string } }).result.runId === runId)) as Extract<EngineEvent, { type: 'run:finished' }>;
    expect(finished.result.status).toBe('cancelled');
    expect((await h.call('run:history', { limit: 1 }))[0]).toMatchObject({ id: runId, status: 'cancelled' });
  });

  it('dispose() ends a running engine; the run is recorded as ended, not left running', async () => {
    const { runId } = await h.call('run:start', { batchDate: BATCH_DATE });
    await h.waitFor((event, payload) => isRunEvent('run:started')(event, payload) && (payload as { runId: string }).runId === runId);
    await h.dispose();
    const store = ProjectStore.open(file);
    try {
      const run = store.listRuns(10).find((r) => r.id === runId)!;
      expect(run.status).toBe('cancelled');
      expect(run.finishedAt).toBeDefined();
    } finally {
      store.close();
    }
  });
});
