/**
 * The Multi Wild Card File pattern over an Azure Data Lake (`adls` connection): the files of the
 * source folder whose names match the pattern are listed, copied down to a folder of the run (up
 * to `parallelFiles` at once) and read by the same reader as local files (`file-source.ts`), so
 * every format, mapping and check is shared. After the load commits they are archived in the lake
 * (`<folder>/<archiveFolder>/<run id>/`), copy then delete inside the service.
 *
 * Everything goes through the Blob API, which a hierarchical-namespace (DFS) account serves as
 * well as a flat one: one code path for both, the one Azurite runs in the tests.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import type { Extract } from '../../shared/model/schema.ts';
import { azureServiceClient, BLOB_API, type AdlsConnection } from '../land/azure-client.ts';
import { eachLimited } from '../land/stores/each-limited.ts';
import { lakePath, safeName } from '../land/lake-path.ts';

type FilesSource = Extract['source'] & { kind: 'files' };

/** The files of one run, copied down, and how to archive them once the load has committed. */
export interface LakeFiles {
  /** Local copies, sorted by name (the order their rows are numbered in). */
  readonly files: readonly string[];
  /** Moves the files into the lake's archive folder. */
  archive(runId: string): Promise<void>;
}

/**
 * A file-name pattern as the local reader's glob reads it at one folder level: `*` any run of
 * characters, `?` one, case-insensitive; no character of a name can reach another folder.
 */
export function namePattern(pattern: string): RegExp {
  if (/[/\\]/.test(pattern)) throw new Error(`the pattern "${pattern}" names a folder: set the folder, and match file names only`);
  const body = [...pattern].map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

/** Lists, matches and copies down the files of `source` from the lake into `localFolder`. */
export async function fetchLakeFiles(connection: AdlsConnection, source: FilesSource, localFolder: string, signal: AbortSignal): Promise<LakeFiles> {
  const container: ContainerClient = azureServiceClient(BLOB_API, connection).getContainerClient(connection.fileSystem);
  const folder = lakePath(connection.directory, source.folder);
  const prefix = folder ? `${folder}/` : '';
  const matches = namePattern(source.pattern);
  const names: string[] = [];
  // Only the folder's own files: a name with a `/` after the prefix is in a folder under it (the archive among them).
  for await (const blob of container.listBlobsByHierarchy('/', { prefix, abortSignal: signal })) {
    if (blob.kind === 'prefix') continue;
    const name = blob.name.slice(prefix.length);
    if (matches.test(name)) names.push(name);
  }
  names.sort();
  // Each copy keeps its lake name (what @file_name gives), in a folder of its own so no two collide.
  const files = names.map((name, index) => {
    if (name === '.' || name === '..' || name.includes('\\')) throw new Error(`the lake file "${prefix}${name}" has a name no local copy can take`);
    return join(localFolder, String(index), name);
  });
  await eachLimited(names, Math.max(1, source.parallelFiles), async (name, index) => {
    await mkdir(join(localFolder, String(index)), { recursive: true });
    await container.getBlockBlobClient(`${prefix}${name}`).downloadToFile(files[index]!, 0, undefined, { abortSignal: signal });
  });
  return {
    files,
    async archive(runId) {
      const archive = lakePath(folder, source.archiveFolder, safeName(runId));
      await eachLimited(names, 4, async (name) => {
        const from = container.getBlobClient(`${prefix}${name}`);
        const poller = await container.getBlobClient(`${archive}/${name}`).beginCopyFromURL(from.url, { intervalInMs: 250 });
        const result = await poller.pollUntilDone();
        if (result.copyStatus !== 'success') throw new Error(`the archive copy of ${prefix}${name} ended ${result.copyStatus ?? 'without a status'}`);
        await from.delete();
      });
    },
  };
}
