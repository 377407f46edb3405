import { describe, expect, it } from 'vitest';
import { loadHints } from './load-hints.ts';
import { validateProject, type Project } from './index.ts';

/** A Synapse warehouse fed from a lake, with the extract's settings as given. */
function project(extract: Record<string, unknown>, warehouse: 'synapse' | 'postgres' = 'synapse'): Project {
  const result = validateProject({
    format: 'landfall-project',
    version: 1,
    name: 'p',
    connections: [
      { name: 'src', kind: 'sqlserver', host: 'h', database: 'd' },
      warehouse === 'synapse' ? { name: 'wh', kind: 'synapse', host: 'h', database: 'd' } : { name: 'wh', kind: 'postgres', host: 'h', database: 'd', user: 'u' },
      { name: 'lake', kind: 'adls', account: 'acct1', fileSystem: 'lake', credential: { kind: 'azure-default' } },
      { name: 'folder', kind: 'localfs', path: 'lake' },
    ],
    entities: [{ name: 'e', columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'wh' }],
    extracts: [{ entity: 'e', source: { kind: 'table', connection: 'src', table: 't' }, pattern: { kind: 'full' }, lander: { connection: warehouse === 'synapse' ? 'lake' : 'folder' }, ...extract }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('load hints (seed 000: PolyBase parallelism)', () => {
  it('says nothing for uncompressed files of 128 MB or more', () => {
    expect(loadHints(project({ format: { kind: 'csv' }, compression: 'none', fileSizeMb: 512 }))).toEqual([]);
  });

  it('warns that a compressed file is read by one thread, and that small files make many reads', () => {
    expect(loadHints(project({ format: { kind: 'csv' }, compression: 'gzip', fileSizeMb: 32 }))).toEqual([
      'extract of entity "e": PolyBase reads each gzip file with a single thread, so a load is parallel only across files: keep fileSizeMb (32) well below the extract\'s size, or set compression to none when the network allows (an uncompressed file is read by several threads)',
      'extract of entity "e": files of 32 MB make many small PolyBase reads; 128 MB or more is recommended (512 MB for large extracts when the network is not the limit)',
    ]);
  });

  it('is about Synapse only', () => {
    expect(loadHints(project({ format: { kind: 'csv' }, compression: 'gzip', fileSizeMb: 32 }, 'postgres'))).toEqual([]);
  });
});
