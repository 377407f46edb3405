// Opt-in: the Data Lake (DFS) API on a real hierarchical-namespace account, named by
// LANDFALL_TEST_ADLS_DFS (Azurite has no DFS endpoint): a lander publishes a set and a second one
// archives it by directory rename, and the Multi Wild Card File source reads and archives files
// there. Without the variable no test is registered and the run says so on stderr.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AdlsConnection } from '../../engine/land/azure-client.ts';
import { lakeLander } from '../../engine/land/lake-lander.ts';
import { openLakeStore } from '../../engine/land/lake-stores.ts';
import { fetchLakeFiles } from '../../engine/source/lake-files.ts';
import { adlsOptIn, reportNotRun } from './opt-in.ts';
import { workspace } from '../engine/fixtures.ts';
import { parseExtract } from '../../shared/model/index.ts';

const optIn = adlsOptIn(process.env);
if (!optIn.ok) reportNotRun('ADLS Gen2 (DFS) integration suite', optIn.why);
else {
  const { account, fileSystem, key } = optIn.target;
  const root = `landfall-it-${randomBytes(4).toString('hex')}`;
  const lake: AdlsConnection = { name: 'lake', kind: 'adls', account, fileSystem, directory: root, hierarchicalNamespace: true, credential: { kind: 'accountKey', key } };
  const file = (name: string, text: string) => ({ name, firstRow: 1, rows: 1, chunks: [Buffer.from(text)], bytes: Buffer.byteLength(text) });

  describe('ADLS Gen2 DFS (LANDFALL_TEST_ADLS_DFS)', () => {
    it('publishes a set under Latest and archives it when the next run publishes', async () => {
      for (const runId of ['r1', 'r2']) {
        const lander = lakeLander(() => openLakeStore(lake), { entityFolder: 'items', runId });
        await lander.begin();
        await lander.land(file(`items_${runId}.csv`, 'id\n1\n'), new AbortController().signal);
        const published = await lander.publish();
        expect(published.map((f) => f.name)).toEqual([`items_${runId}.csv`]);
      }
      const store = await openLakeStore(lake);
      expect((await store.list('items/Latest')).map((e) => e.name).sort()).toEqual(['_manifest.json', 'items_r2.csv']);
      expect((await store.list('items/Archive')).length).toBe(1);
      await store.remove('items');
    });

    it('reads the matching files of a folder and archives them', async () => {
      const store = await openLakeStore(lake);
      await store.prepare('inbox');
      await store.write('inbox/pay_1.csv', [Buffer.from('id\n1\n')], 4);
      await store.write('inbox/other.csv', [Buffer.from('id\n2\n')], 4);
      const extract = parseExtract({ entity: 'e', source: { kind: 'files', connection: 'lake', folder: 'inbox', pattern: 'pay_*.csv', format: { kind: 'csv' } }, pattern: { kind: 'multiWildCardFile' }, lander: { connection: 'x' } });
      if (!extract.ok || extract.value.source.kind !== 'files') throw new Error('fixture invalid');
      const ws = await workspace();
      try {
        const files = await fetchLakeFiles(lake, extract.value.source, ws.dir, new AbortController().signal);
        expect(files.files.map((f) => f.split('/').pop())).toEqual(['pay_1.csv']);
        await files.archive('run-1');
        expect((await store.list('inbox')).map((e) => e.name).sort()).toEqual(['archive', 'other.csv']);
      } finally {
        await store.remove('inbox');
        await ws.cleanup();
      }
    });
  });
}

describe('the ADLS DFS opt-in', () => {
  it('is configured by LANDFALL_TEST_ADLS_DFS only', () => {
    expect(adlsOptIn({ LANDFALL_TEST_ADLS_DFS: 'account=a1;fileSystem=fs;key=k' })).toEqual({ ok: true, target: { account: 'a1', fileSystem: 'fs', key: 'k' } });
  });
});
