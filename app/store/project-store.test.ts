import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseSecretRef, ValidationError, type ValidationIssue } from '../../shared/model/index.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { ProjectStore } from './project-store.ts';
import type { SecretCipher } from './secret-cipher.ts';

let dir: string;
const open: ProjectStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-store-'));
});

afterEach(() => {
  for (const store of open.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Tracks a store so it is closed after the test even if an assertion fails. */
function track(store: ProjectStore): ProjectStore {
  open.push(store);
  return store;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The error a call throws; fails the test if it does not throw. */
function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-error: ${String(error)}`);
  }
  throw new Error('expected an error, but the call succeeded');
}

function validationIssues(action: () => unknown): readonly ValidationIssue[] {
  const error = thrown(action);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
}

/** Reads rows from a project file without the store. */
function rawRows<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const warehouse = { name: 'wh', kind: 'duckdb', path: 'warehouse.duckdb' };
const source = { name: 'src', kind: 'sqlite', path: 'source.sqlite' };
const lake = { name: 'lake', kind: 'localfs', path: 'lake' };
const customer = {
  name: 'customer',
  columns: [
    { name: 'customer_id', type: 'int', nullable: false },
    { name: 'name', type: 'string(100)' },
    { name: 'modified_at', type: 'datetime' },
  ],
  businessKey: ['customer_id'],
  warehouse: 'wh',
};
const customerExtract = {
  entity: 'customer',
  source: { kind: 'table', connection: 'src', table: 'customers' },
  pattern: { kind: 'full' },
  mappings: [{ column: 'name', expression: 'full_name' }],
  lander: { connection: 'lake' },
};

/** A new project with a source, a lake, a warehouse, one entity and its extract. */
function populated(): ProjectStore {
  const store = track(ProjectStore.create(join(dir, 'p.landfall'), { name: 'Store test' }));
  store.saveConnection(warehouse);
  store.saveConnection(source);
  store.saveConnection(lake);
  store.saveEntity(customer);
  store.saveExtract(customerExtract);
  return store;
}

/** A reversible, obviously-not-secure cipher: enough to prove the store never writes the plaintext. */
const xorCipher: SecretCipher = {
  id: 'test-xor',
  encrypt: (plaintext) => Buffer.from(Buffer.from(plaintext, 'utf8').map((byte) => byte ^ 0x5a)),
  decrypt: (ciphertext) => Buffer.from(ciphertext.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

describe('creating and opening project files', () => {
  it('creates a new file at the latest schema and records each migration with its hash', () => {
    const path = join(dir, 'new.landfall');
    const store = track(ProjectStore.create(path, { name: 'New', description: 'fresh' }));
    expect(existsSync(path)).toBe(true);
    expect(store.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.getSettings()).toEqual({ name: 'New', description: 'fresh', batch: { parallelEntities: 4 }, parameters: {} });
    store.close();
    const rows = rawRows<{ version: number; name: string; sha256: string }>(path, 'SELECT version, name, sha256 FROM schema_migration');
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, sha256: sha256(m.sql) })));
    const tables = rawRows<{ name: string }>(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['connection', 'entity', 'extract', 'project', 'schema_migration', 'secret']));
  });

  it('refuses to create over an existing file', () => {
    const path = join(dir, 'taken.landfall');
    writeFileSync(path, 'keep me');
    expect(thrown(() => ProjectStore.create(path, { name: 'x' })).message).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toBe('keep me');
  });

  it('reopens an existing file with its contents, without running the migrations again', () => {
    const store = populated();
    const path = store.path;
    store.close();
    const before = rawRows<{ version: number; applied_at: string }>(path, 'SELECT version, applied_at FROM schema_migration');
    const reopened = track(ProjectStore.open(path));
    expect(reopened.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(reopened.getEntity('customer')).toMatchObject({ name: 'customer', warehouse: 'wh' });
    expect(reopened.listConnections().map((c) => c.name)).toEqual(['lake', 'src', 'wh']);
    reopened.close();
    expect(rawRows(path, 'SELECT version, applied_at FROM schema_migration')).toEqual(before);
  });

  it('fails clearly for a missing file and does not create it', () => {
    const path = join(dir, 'missing.landfall');
    expect(thrown(() => ProjectStore.open(path)).message).toBe(`no project at ${path}; create one with "landfall new ${path}"`);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a SQLite file that is not a Landfall project, and leaves it alone', () => {
    const path = join(dir, 'other.sqlite');
    const db = new Database(path);
    db.exec("CREATE TABLE things (id INTEGER PRIMARY KEY); INSERT INTO things VALUES (1)");
    db.close();
    const bytes = readFileSync(path);
    expect(thrown(() => ProjectStore.open(path)).message).toBe(`${path} is not a Landfall project file`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(rawRows(path, "SELECT name FROM sqlite_master WHERE name = 'schema_migration'")).toEqual([]);
  });

  it('refuses a text file', () => {
    const path = join(dir, 'notes.landfall');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(50));
    expect(thrown(() => ProjectStore.open(path)).message).toBe(`${path} is not a Landfall project file`);
    expect(readFileSync(path, 'utf8')).toBe('These are my notes, not a database.\n'.repeat(50));
  });

  it('refuses a file written by a newer version', () => {
    const path = populated().path;
    open.splice(0).forEach((s) => s.close());
    const db = new Database(path);
    db.prepare(`INSERT INTO schema_migration VALUES (${MIGRATIONS.length + 1}, 'future', 'abc', '2030-01-01')`).run();
    db.close();
    expect(thrown(() => ProjectStore.open(path)).message).toBe(
      `this project file was written by a newer Landfall (schema ${MIGRATIONS.length + 1}; this version knows ${MIGRATIONS.length}); upgrade Landfall to open it`,
    );
  });

  it('refuses a file whose applied migration was edited since', () => {
    const path = populated().path;
    open.splice(0).forEach((s) => s.close());
    const db = new Database(path);
    db.prepare("UPDATE schema_migration SET sha256 = 'edited' WHERE version = 1").run();
    db.close();
    expect(thrown(() => ProjectStore.open(path)).message).toContain('migration 1 (initial) was changed after it was applied to this file');
  });
});

describe('migrate', () => {
  const first: Migration = { version: 1, name: 'first', sql: 'CREATE TABLE a (x INTEGER);' };
  const second: Migration = { version: 2, name: 'second', sql: 'CREATE TABLE b (y TEXT); INSERT INTO b VALUES (\'hello\');' };

  function withDb(action: (db: Database.Database) => void): void {
    const db = new Database(join(dir, 'raw.sqlite'));
    try {
      action(db);
    } finally {
      db.close();
    }
  }
  const tables = (db: Database.Database): string[] =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const versions = (db: Database.Database): number[] =>
    (db.prepare('SELECT version FROM schema_migration ORDER BY version').all() as { version: number }[]).map((r) => r.version);

  it('runs pending migrations in order and only once', () => {
    withDb((db) => {
      expect(migrate(db, [first])).toEqual([1]);
      expect(migrate(db, [first, second])).toEqual([2]);
      expect(migrate(db, [first, second])).toEqual([]);
      expect(versions(db)).toEqual([1, 2]);
      expect(tables(db)).toEqual(['a', 'b', 'schema_migration']);
      expect(db.prepare('SELECT count(*) AS n FROM b').get()).toEqual({ n: 1 });
    });
  });

  it('refuses a migration whose recorded hash differs', () => {
    withDb((db) => {
      migrate(db, [first]);
      const edited = { ...first, sql: 'CREATE TABLE a (x INTEGER, z TEXT);' };
      expect(() => migrate(db, [edited, second])).toThrow(
        'migration 1 (first) was changed after it was applied to this file; restore it and add a new migration instead',
      );
      expect(versions(db)).toEqual([1]);
      expect(tables(db)).toEqual(['a', 'schema_migration']);
    });
  });

  it('refuses a database at a newer version than it knows', () => {
    withDb((db) => {
      migrate(db, [first, second]);
      expect(() => migrate(db, [first])).toThrow('written by a newer Landfall (schema 2; this version knows 1)');
    });
  });

  it('runs each migration in a transaction: a failing one leaves no partial tables and no row', () => {
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE b (y TEXT); CREATE TABLE c (;' };
    withDb((db) => {
      expect(() => migrate(db, [first, broken])).toThrow(/syntax error/);
      expect(versions(db)).toEqual([1]);
      expect(tables(db)).toEqual(['a', 'schema_migration']);
      // Fixed, it runs.
      expect(migrate(db, [first, second])).toEqual([2]);
      expect(tables(db)).toEqual(['a', 'b', 'schema_migration']);
    });
  });

  it('brings a project file to the checked-in schema with the default list', () => {
    withDb((db) => {
      expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(migrate(db)).toEqual([]);
    });
  });
});

describe('connections, entities and extracts', () => {
  it('saves, gets and lists each kind of object, applying defaults', () => {
    const store = populated();
    expect(store.getConnection('wh')).toEqual({ ...warehouse });
    expect(store.getConnection('WH')?.name).toBe('wh');
    expect(store.getConnection('nope')).toBeUndefined();
    expect(store.listConnections().map((c) => c.name)).toEqual(['lake', 'src', 'wh']);
    expect(store.getEntity('customer')).toEqual({
      ...customer,
      columns: customer.columns.map((column) => ({ nullable: true, ...column })),
      persistentStaging: { trackDeletes: true },
      duplicateKeys: { policy: 'fail' },
    });
    expect(store.getEntity('customer')!.columns[1]).toEqual({ name: 'name', type: 'string(100)', nullable: true });
    expect(store.listEntities().map((e) => e.name)).toEqual(['customer']);
    expect(store.getExtract('customer')).toMatchObject({ entity: 'customer', fileSizeMb: 128, compression: 'zstd', format: { kind: 'csv' } });
    expect(store.listExtracts().map((x) => x.entity)).toEqual(['customer']);
    expect(store.validate().ok).toBe(true);
  });

  it('lists objects by name ignoring case', () => {
    const store = populated();
    store.saveConnection({ name: 'Archive', kind: 'localfs', path: 'archive' });
    store.saveConnection({ name: 'zeta', kind: 'localfs', path: 'z' });
    expect(store.listConnections().map((c) => c.name)).toEqual(['Archive', 'lake', 'src', 'wh', 'zeta']);
  });

  it('replaces an object saved again under the same name, ignoring case', () => {
    const store = populated();
    store.saveConnection({ name: 'LAKE', kind: 'localfs', path: 'other-lake' });
    expect(store.listConnections().map((c) => c.name)).toEqual(['LAKE', 'src', 'wh']);
    expect(store.getConnection('lake')).toEqual({ name: 'LAKE', kind: 'localfs', path: 'other-lake' });
    store.saveEntity({ ...customer, columns: [...customer.columns, { name: 'email', type: 'string(320)' }] });
    expect(store.getEntity('customer')!.columns.map((c) => c.name)).toEqual(['customer_id', 'name', 'modified_at', 'email']);
    expect(store.listEntities()).toHaveLength(1);
  });

  it('updates the project settings', () => {
    const store = populated();
    store.updateSettings({ parameters: { region: 'emea' }, batch: { parallelEntities: 8 } });
    expect(store.getSettings()).toEqual({ name: 'Store test', description: undefined, batch: { parallelEntities: 8 }, parameters: { region: 'emea' } });
    const issues = validationIssues(() => store.updateSettings({ batch: { parallelEntities: 0 } }));
    expect(issues).toEqual([{ object: 'project', field: 'batch.parallelEntities', message: 'must be at least 1' }]);
    expect(store.getSettings().batch.parallelEntities).toBe(8);
  });

  it('renames a connection and every reference to it', () => {
    const store = populated();
    store.renameConnection('wh', 'warehouse');
    store.renameConnection('src', 'sales');
    store.renameConnection('lake', 'Landing');
    expect(store.getConnection('wh')).toBeUndefined();
    expect(store.getConnection('warehouse')).toEqual({ ...warehouse, name: 'warehouse' });
    expect(store.getEntity('customer')!.warehouse).toBe('warehouse');
    const extract = store.getExtract('customer')!;
    expect(extract.source.connection).toBe('sales');
    expect(extract.lander.connection).toBe('Landing');
    expect(store.validate().ok).toBe(true);
    // The indexed reference columns follow too: the renamed connection is still in use.
    expect(() => store.deleteConnection('warehouse')).toThrow('still used by');
    expect(() => store.deleteConnection('sales')).toThrow('still used by');
  });

  it('renames a connection to a different case of its own name', () => {
    const store = populated();
    store.renameConnection('wh', 'WH');
    expect(store.listConnections().map((c) => c.name)).toEqual(['lake', 'src', 'WH']);
    expect(store.getEntity('customer')!.warehouse).toBe('WH');
  });

  it('refuses to rename a connection onto another or to a missing one', () => {
    const store = populated();
    expect(() => store.renameConnection('wh', 'LAKE')).toThrow('a connection named "LAKE" already exists');
    expect(() => store.renameConnection('nope', 'x')).toThrow('no connection is named "nope"');
    expect(store.listConnections().map((c) => c.name)).toEqual(['lake', 'src', 'wh']);
  });

  it('rolls back a rename to an invalid name', () => {
    const store = populated();
    const issues = validationIssues(() => store.renameConnection('wh', ' wh'));
    expect(issues).toEqual([{ object: 'connection " wh"', field: 'name', message: 'must not start or end with spaces' }]);
    expect(store.listConnections().map((c) => c.name)).toEqual(['lake', 'src', 'wh']);
    expect(store.getEntity('customer')!.warehouse).toBe('wh');
  });

  it('refuses to delete a connection that is used, naming the users', () => {
    const store = populated();
    expect(thrown(() => store.deleteConnection('WH')).message).toBe(
      'connection "WH" is still used by entity "customer" (warehouse); change those first',
    );
    expect(thrown(() => store.deleteConnection('lake')).message).toBe(
      'connection "lake" is still used by extract of entity "customer"; change those first',
    );
    expect(store.listConnections()).toHaveLength(3);
  });

  it('deletes an unused connection, and says when there is none', () => {
    const store = populated();
    store.saveConnection({ name: 'spare', kind: 'localfs', path: 'spare' });
    store.deleteConnection('SPARE');
    expect(store.getConnection('spare')).toBeUndefined();
    expect(() => store.deleteConnection('spare')).toThrow('no connection is named "spare"');
  });

  it('renames an entity and its extract follows', () => {
    const store = populated();
    store.renameEntity('customer', 'client');
    expect(store.getEntity('customer')).toBeUndefined();
    expect(store.getEntity('client')!.name).toBe('client');
    expect(store.getExtract('customer')).toBeUndefined();
    expect(store.getExtract('client')!.entity).toBe('client');
    expect(store.listExtracts()).toHaveLength(1);
    expect(store.validate().ok).toBe(true);
    expect(() => store.renameEntity('customer', 'x')).toThrow('no staging entity is named "customer"');
  });

  it('refuses to rename an entity onto another', () => {
    const store = populated();
    store.saveEntity({ ...customer, name: 'supplier' });
    expect(() => store.renameEntity('customer', 'Supplier')).toThrow('a staging entity named "Supplier" already exists');
    expect(store.getExtract('customer')).toBeDefined();
  });

  it('deletes an entity together with its extract', () => {
    const store = populated();
    store.deleteEntity('Customer');
    expect(store.listEntities()).toEqual([]);
    expect(store.listExtracts()).toEqual([]);
    expect(() => store.deleteEntity('customer')).toThrow('no staging entity is named "customer"');
    // Nothing uses the connections any more.
    store.deleteConnection('wh');
    expect(store.getConnection('wh')).toBeUndefined();
  });

  it('deletes an extract alone', () => {
    const store = populated();
    store.deleteExtract('customer');
    expect(store.getExtract('customer')).toBeUndefined();
    expect(store.getEntity('customer')).toBeDefined();
    expect(() => store.deleteExtract('customer')).toThrow('entity "customer" has no extract');
  });

  it('refuses an extract for an entity that does not exist', () => {
    const store = populated();
    const issues = validationIssues(() => store.saveExtract({ ...customerExtract, entity: 'ghost' }));
    expect(issues).toEqual([{ object: 'extract of entity "ghost"', field: 'entity', message: 'no staging entity is named "ghost"; create it first' }]);
    expect(store.listExtracts().map((x) => x.entity)).toEqual(['customer']);
  });
});

describe('invalid objects', () => {
  it('are rejected with a ValidationError naming the object and field, and nothing is written', () => {
    const store = populated();
    const before = store.exportDocument();

    const connection = validationIssues(() => store.saveConnection({ name: 'pg', kind: 'postgres', host: 'h', database: 'd' }));
    expect(connection).toEqual([{ object: 'connection "pg"', field: 'user', message: 'is required (string)' }]);

    const entity = validationIssues(() => store.saveEntity({ ...customer, columns: [{ name: 'customer_id', type: 'integer', nullable: false }] }));
    expect(entity).toEqual([{ object: 'entity "customer"', field: 'columns[0].type', message: expect.stringContaining('"integer" is not a column type') }]);

    const extract = validationIssues(() => store.saveExtract({ ...customerExtract, fileSizeMb: 5000 }));
    expect(extract).toEqual([{ object: 'extract of entity "customer"', field: 'fileSizeMb', message: 'must be at most 4096 MB' }]);

    expect(store.exportDocument()).toBe(before);
    expect(store.getConnection('pg')).toBeUndefined();
  });

  it('put the summary and the issues in the error message', () => {
    const store = populated();
    const error = thrown(() => store.saveEntity({ ...customer, warehouse: '' }));
    expect(error.message).toBe('the staging entity is not valid:\n  - entity "customer", warehouse: must name the warehouse connection');
  });
});

describe('secrets', () => {
  it('refuses a clear-text password', () => {
    const store = populated();
    const issues = validationIssues(() =>
      store.saveConnection({ name: 'pg', kind: 'postgres', host: 'h', database: 'd', user: 'u', password: 'hunter2' }),
    );
    expect(issues).toEqual([{ object: 'connection "pg"', field: 'password', message: expect.stringContaining('secrets are never stored in clear text') }]);
    expect(store.getConnection('pg')).toBeUndefined();
    expect(() => store.resolveSecret('hunter2')).toThrow('clear-text secrets are not accepted');
  });

  it('resolves ${env:…} from the given environment, and fails clearly when it is unset', () => {
    const store = populated();
    store.saveConnection({ name: 'pg', kind: 'postgres', host: 'h', database: 'd', user: 'u', password: '${env:PG_PASSWORD}' });
    const reference = (store.getConnection('pg') as { password?: string }).password!;
    expect(reference).toBe('${env:PG_PASSWORD}');
    expect(store.resolveSecret(reference, { env: { PG_PASSWORD: 'from-env' } })).toBe('from-env');
    expect(store.resolveSecret(reference, { env: { PG_PASSWORD: '' } })).toBe('');
    expect(() => store.resolveSecret(reference, { env: {} })).toThrow('environment variable PG_PASSWORD is not set; export it before running');
  });

  it('keeps a secret encrypted: no plaintext in the file, and it resolves back with the cipher', () => {
    const plaintext = 'S3cr3t-Pässwörd-42!';
    const store = populated();
    const reference = store.putSecret(plaintext, xorCipher);
    expect(parseSecretRef(reference)?.source).toBe('secret');
    // The reference is accepted where a secret goes.
    store.saveConnection({ name: 'pg', kind: 'postgres', host: 'h', database: 'd', user: 'u', password: reference });
    expect(store.resolveSecret(reference, { cipher: xorCipher })).toBe(plaintext);

    const path = store.path;
    const files = (): Buffer => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
    const needle = Buffer.from(plaintext, 'utf8');
    const encrypted = xorCipher.encrypt(plaintext);
    // While open (the write-ahead log may hold the row) and after close.
    expect(files().includes(encrypted)).toBe(true);
    expect(files().includes(needle)).toBe(false);
    store.close();
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(files().includes(encrypted)).toBe(true);
    expect(files().includes(needle)).toBe(false);

    const reopened = track(ProjectStore.open(path));
    expect(reopened.resolveSecret(reference, { cipher: xorCipher })).toBe(plaintext);
  });

  it('gives references that a connection accepts, whatever id it draws', () => {
    const store = populated();
    // Ids are random: draw enough that ids starting with a digit and with a letter both occur.
    for (let i = 0; i < 40; i++) {
      const reference = store.putSecret(`secret number ${i}`, xorCipher);
      expect(parseSecretRef(reference)).toEqual({ source: 'secret', name: expect.any(String) });
      store.saveConnection({ name: 'pg', kind: 'postgres', host: 'h', database: 'd', user: 'u', password: reference });
      expect(store.resolveSecret((store.getConnection('pg') as { password?: string }).password!, { cipher: xorCipher })).toBe(`secret number ${i}`);
    }
  });

  it('fails clearly for a kept secret without its cipher', () => {
    const store = populated();
    const reference = store.putSecret('top secret', xorCipher);
    const id = parseSecretRef(reference)!.name;
    expect(() => store.resolveSecret(reference)).toThrow(
      `secret ${id} was saved by the desktop app (test-xor) and can only be read there; for headless runs use \${env:NAME}`,
    );
    expect(() => store.resolveSecret(reference, { cipher: { ...xorCipher, id: 'other' } })).toThrow('can only be read there');
    expect(() => store.resolveSecret('${secret:not-there}', { cipher: xorCipher })).toThrow(
      'secret not-there is not in this project file; enter it again in Connections',
    );
  });
});
