// The Multi Wild Card File source's paths: folders, patterns and archive folders that would reach
// outside the connection's folder are refused, and nothing outside it is read or moved.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../../test/engine/temp-folders.ts';
import type { Extract } from '../../shared/model/schema.ts';
import { archiveFiles, matchingFiles } from './file-source.ts';

type FilesSource = Extract['source'] & { kind: 'files' };

const tempFolder = tempFolders('landfall-file-source-');

/** `<tmp>/inbox` (the connection's folder) with `in/a.csv`, and `<tmp>/victim/secret.csv` beside it. */
function place() {
  const root = tempFolder();
  mkdirSync(join(root, 'inbox', 'in'), { recursive: true });
  mkdirSync(join(root, 'victim'));
  writeFileSync(join(root, 'inbox', 'in', 'a.csv'), 'id\n1\n');
  writeFileSync(join(root, 'victim', 'secret.csv'), 'id\n2\n');
  return { inbox: join(root, 'inbox'), victim: join(root, 'victim') };
}

const source = (overrides: Partial<FilesSource>): FilesSource => ({
  kind: 'files', connection: 'inbox', folder: 'in', pattern: '*.csv', archiveFolder: 'archive', parallelFiles: 1,
  format: { kind: 'csv', delimiter: ',', qualifier: '"', header: true, encoding: 'utf8' },
  ...overrides,
} as FilesSource);

describe('file source paths', () => {
  it('finds the matching files of its folder', async () => {
    const { inbox } = place();
    expect(await matchingFiles(inbox, source({}))).toEqual([join(inbox, 'in', 'a.csv')]);
  });

  for (const overrides of [{ folder: '../victim' }, { folder: 'in/../../victim' }, { pattern: '../../victim/*.csv' }] satisfies Partial<FilesSource>[]) {
    it(`refuses ${JSON.stringify(overrides)} instead of reading outside the connection's folder`, async () => {
      const { inbox } = place();
      await expect(matchingFiles(inbox, source(overrides))).rejects.toThrow(/climbs out|is outside/);
    });
  }

  it('refuses an archive folder outside the connection’s folder and moves nothing', async () => {
    const { inbox, victim } = place();
    const files = await matchingFiles(inbox, source({}));
    await expect(archiveFiles(inbox, source({ archiveFolder: '../../victim' }), files, 'run-1')).rejects.toThrow(/climbs out/);
    expect(readdirSync(join(inbox, 'in'))).toEqual(['a.csv']);
    expect(readdirSync(victim)).toEqual(['secret.csv']);
  });

  it('refuses to archive a file that is not one of its folder’s own', async () => {
    const { inbox, victim } = place();
    await expect(archiveFiles(inbox, source({}), [join(victim, 'secret.csv')], 'run-1')).rejects.toThrow(/not a file of|climbs out/);
    expect(readdirSync(victim)).toEqual(['secret.csv']);
  });

  it('archives under a run id of dots inside the archive folder', async () => {
    const { inbox } = place();
    await archiveFiles(inbox, source({}), await matchingFiles(inbox, source({})), '..');
    expect(readdirSync(join(inbox, 'in', 'archive'))).toEqual(['_..']);
    expect(readdirSync(join(inbox, 'in', 'archive', '_..'))).toEqual(['a.csv']);
  });
});
