import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  COMPRESSIONS,
  CONNECTION_KINDS,
  EXTRACT_PATTERNS,
  toCanonicalJson,
  validateProject,
  ValidationError,
  type Project,
} from '../../shared/model/index.ts';
import { createDemo, demoDocument } from '../demo/create-demo.ts';
import { ProjectStore } from './project-store.ts';
import type { SecretCipher } from './secret-cipher.ts';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/every-kind.project.json');

let dir: string;
const stores: ProjectStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-roundtrip-'));
});

afterEach(() => {
  for (const store of stores.splice(0)) {
    try {
      store.close();
    } catch {
      // closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function track(store: ProjectStore): ProjectStore {
  stores.push(store);
  return store;
}

function fixtureText(): string {
  return readFileSync(FIXTURE, 'utf8');
}

function validated(document: unknown): Project {
  const result = validateProject(document);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.issues, null, 2)}`);
  return result.value;
}

/** export → import into a new file → export gives the same bytes. */
function expectRoundTrip(store: ProjectStore): string {
  const text = store.exportDocument();
  const copy = track(ProjectStore.importDocument(join(dir, `copy-${stores.length}.landfall`), JSON.parse(text)));
  expect(copy.exportDocument()).toBe(text);
  expect(copy.validate().ok).toBe(true);
  return text;
}

describe('the every-kind fixture', () => {
  it('is a valid project', () => {
    expect(validateProject(JSON.parse(fixtureText()))).toMatchObject({ ok: true });
  });

  it('uses every connection kind, pattern, format and compression', () => {
    const project = validated(JSON.parse(fixtureText()));
    const kindOf = (name: string): string => project.connections.find((c) => c.name.toLowerCase() === name.toLowerCase())!.kind;

    expect(new Set(project.connections.map((c) => c.kind))).toEqual(new Set(CONNECTION_KINDS));
    expect(new Set(project.extracts.map((x) => x.pattern.kind))).toEqual(new Set(EXTRACT_PATTERNS));
    expect(new Set(project.extracts.map((x) => x.compression))).toEqual(new Set(COMPRESSIONS));
    expect(new Set(project.extracts.map((x) => x.format.kind))).toEqual(new Set(['csv', 'parquet']));
    expect(Object.keys(project.parameters).length).toBeGreaterThan(0);

    const incremental = project.extracts.flatMap((x) => (x.pattern.kind === 'incremental' ? [x.pattern] : []));
    expect(incremental.some((p) => p.changeColumns.length === 2 && p.changeColumns.every((c) => c.lookback !== undefined))).toBe(true);

    const tracked = project.extracts.filter((x) => x.pattern.kind === 'changeTracking');
    expect(tracked.some((x) => x.source.kind === 'table' && kindOf(x.source.connection) === 'sqlserver')).toBe(true);

    const fileSources = project.extracts.flatMap((x) => (x.source.kind === 'files' && x.pattern.kind === 'multiWildCardFile' ? [x.source] : []));
    expect(new Set(fileSources.map((s) => kindOf(s.connection)))).toEqual(new Set(['localfs', 'adls']));
    expect(new Set(fileSources.map((s) => s.format.kind))).toEqual(new Set(['csv', 'parquet']));

    expect(project.entities.some((e) => e.distribution && kindOf(e.warehouse) === 'synapse')).toBe(true);
    expect(project.extracts.some((x) => x.pattern.kind === 'dateRange')).toBe(true);
  });

  it('imports and exports as its canonical form', () => {
    const document = JSON.parse(fixtureText()) as unknown;
    const store = track(ProjectStore.importDocument(join(dir, 'every-kind.landfall'), document));
    const text = store.exportDocument();
    expect(text).toBe(toCanonicalJson(validated(document)));
    // Nothing was lost: the export reads back as the same project.
    expect(validated(JSON.parse(text))).toEqual(validated(JSON.parse(toCanonicalJson(validated(document)))));
    expect(store.listEntities()).toHaveLength(8);
    expect(store.listExtracts()).toHaveLength(7);
    expect(store.getSettings()).toMatchObject({ name: 'Every kind', batch: { parallelEntities: 6 }, parameters: { region: 'emea' } });
  });

  it('survives export → import → export byte for byte', () => {
    const store = track(ProjectStore.importDocument(join(dir, 'every-kind.landfall'), JSON.parse(fixtureText())));
    expectRoundTrip(store);
  });

  it('survives closing and reopening the file', () => {
    const path = join(dir, 'every-kind.landfall');
    const store = ProjectStore.importDocument(path, JSON.parse(fixtureText()));
    const text = store.exportDocument();
    store.close();
    expect(track(ProjectStore.open(path)).exportDocument()).toBe(text);
  });
});

describe('the demo', () => {
  it('survives export → import → export byte for byte, and exports its design', async () => {
    const store = track(await createDemo(join(dir, 'demo', 'sales.landfall'), { anchorDate: '2026-06-30' }));
    const text = expectRoundTrip(store);
    expect(text).toBe(toCanonicalJson(validated(demoDocument())));
  });
});

describe('an invalid import', () => {
  function brokenDocument(): Record<string, unknown> {
    const document = JSON.parse(fixtureText()) as { entities: { warehouse: string }[]; extracts: { fileSizeMb?: number }[] };
    document.entities[0]!.warehouse = 'nowhere';
    document.extracts[1]!.fileSizeMb = 0;
    return document as unknown as Record<string, unknown>;
  }

  function importError(path: string, options?: { replace?: boolean }): ValidationError {
    try {
      track(ProjectStore.importDocument(path, brokenDocument(), options));
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error('expected the import to fail');
  }

  it('into a new path fails with the validation errors and creates no file', () => {
    const path = join(dir, 'new.landfall');
    const error = importError(path);
    // Structure is checked first: the out-of-range size is reported, with its object and field.
    expect(error.issues).toEqual([{ object: 'extract of entity "invoice"', field: 'fileSizeMb', message: 'must be at least 0.0625 MB (64 KiB); fractions such as 0.25 are fine' }]);
    expect(error.message).toContain('nothing was imported');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports the rules across objects once the structure is right', () => {
    const document = brokenDocument() as { extracts: { fileSizeMb?: number }[] };
    delete document.extracts[1]!.fileSizeMb;
    const path = join(dir, 'new.landfall');
    expect(() => track(ProjectStore.importDocument(path, document))).toThrow('entity "account", warehouse: no connection is named "nowhere"');
    expect(existsSync(path)).toBe(false);
  });

  it('into an existing project with replace leaves it unchanged', async () => {
    const path = join(dir, 'demo', 'sales.landfall');
    const demo = await createDemo(path, { anchorDate: '2026-06-30' });
    const before = demo.exportDocument();
    demo.close();

    const error = importError(path, { replace: true });
    expect(error.issues.length).toBeGreaterThan(0);
    expect(track(ProjectStore.open(path)).exportDocument()).toBe(before);
  });

  it('into an existing project without replace is refused', () => {
    const path = join(dir, 'p.landfall');
    const store = ProjectStore.importDocument(path, JSON.parse(fixtureText()));
    const before = store.exportDocument();
    store.close();
    expect(() => ProjectStore.importDocument(path, demoDocument())).toThrow(`${path} already exists; pass --replace to replace its design`);
    expect(track(ProjectStore.open(path)).exportDocument()).toBe(before);
  });
});

describe('a valid import with replace', () => {
  it('replaces the design and keeps the secrets', () => {
    const cipher: SecretCipher = {
      id: 'test-reverse',
      encrypt: (text) => Buffer.from([...text].reverse().join(''), 'utf8'),
      decrypt: (data) => [...data.toString('utf8')].reverse().join(''),
    };
    const path = join(dir, 'p.landfall');
    const store = ProjectStore.importDocument(path, JSON.parse(fixtureText()));
    const reference = store.putSecret('kept across imports', cipher);
    store.close();

    const replaced = track(ProjectStore.importDocument(path, demoDocument('Replaced'), { replace: true }));
    expect(replaced.exportDocument()).toBe(toCanonicalJson(validated(demoDocument('Replaced'))));
    expect(replaced.getEntity('account')).toBeUndefined();
    expect(replaced.resolveSecret(reference, { cipher })).toBe('kept across imports');
  });

  it('clears settings the new document leaves out', () => {
    const path = join(dir, 'p.landfall');
    ProjectStore.importDocument(path, JSON.parse(fixtureText())).close();
    const { description: _dropped, batch: _default, ...bare } = demoDocument('Bare');
    const replaced = track(ProjectStore.importDocument(path, bare, { replace: true }));
    // The fixture's description, parallelism (6) and "region" parameter are gone.
    expect(replaced.getSettings()).toEqual({ name: 'Bare', description: undefined, batch: { parallelEntities: 4 }, parameters: { source_system: 'demo-sales' } });
    expect(replaced.exportDocument()).toBe(toCanonicalJson(validated(bare)));
    expect(replaced.exportDocument()).not.toContain('"description": "Every kind');
  });
});
