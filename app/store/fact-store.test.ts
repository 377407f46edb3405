// Facts in the project file: saved and read back, part of the project document, round-tripped
// through export and import, following a renamed warehouse, and keeping their warehouse from deletion.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../../shared/model/index.ts';
import { ProjectStore } from './project-store.ts';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'landfall-facts-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fact = {
  name: 'requests',
  warehouse: 'wh',
  columns: [{ name: 'host_name', type: 'string(99)', nullable: false }, { name: 'bytes', type: 'int' }],
  normalizations: [{ column: 'host_name', table: 'hosts', id: 'host_id' }],
  summaries: [{ table: 'per_host', groupBy: [{ column: 'host_id' }], measures: [{ function: 'sum', column: 'bytes', as: 'bytes' }] }],
};

it('keeps facts in the project file, in the document and through export and import', () => {
  const store = ProjectStore.create(join(dir, 'p.landfall'), { name: 'p' });
  try {
    expect(store.schemaVersions()).toContain(4);
    store.saveConnection({ name: 'wh', kind: 'duckdb', path: 'w.duckdb' });
    const saved = store.saveFact(fact);
    expect(saved.staging).toEqual({ mode: 'flipFlop', engine: 'InnoDB' });
    expect(store.getFact('REQUESTS')?.name).toBe('requests');
    expect(store.validate().ok).toBe(true);
    const document = store.exportDocument();
    expect(JSON.parse(document).facts[0].normalizations[0].idType).toBe('int');
    const copy = ProjectStore.importDocument(join(dir, 'copy.landfall'), JSON.parse(document));
    try {
      expect(copy.exportDocument()).toBe(document);
    } finally {
      copy.close();
    }
    expect(() => store.deleteConnection('wh')).toThrow(/still used by fact "requests" \(warehouse\)/);
    store.renameConnection('wh', 'warehouse');
    expect(store.getFact('requests')?.warehouse).toBe('warehouse');
    expect(() => store.saveFact({ ...fact, batchRows: 10 })).toThrow(ValidationError);
    store.deleteFact('requests');
    expect(store.listFacts()).toEqual([]);
  } finally {
    store.close();
  }
});
