/**
 * The kept history layout over a lake store: each landed file is written a second time into the
 * run's history staging folder (`<entity>/_history_incoming/<run id>/…`), which moves to the run's
 * history folder only once the run has committed, so a history folder only ever holds a committed
 * run's files. An index (`<entity>/_history.json`) lists the kept runs; after each keep the runs
 * past `keepRuns` (oldest first) or older than `keepDays` are removed, folder and entry.
 */
import { historyRunDepth, renderHistory, type HistoryPlaceholder } from '../../shared/model/lake-layout.ts';
import type { LakeStore } from './lake-store.ts';
import { lakePath, safeName } from './lake-path.ts';
import type { HistoryOptions, LandingFile } from './lander.ts';

interface HistoryIndex {
  readonly runs: readonly { readonly runId: string; readonly keptAt: string; readonly folder: string }[];
}

const DAY_MS = 86_400_000;

/** The history of one entity's run. */
export interface KeptHistory {
  /** The staging folder of every run (`<entity>/_history_incoming`), removed by `begin` (a killed run's), `discard` and `keep`: one run of an entity at a time. */
  readonly staging: string;
  /** Where the staged copy of `file` goes, under the staging folder. */
  stagedPath(file: LandingFile): string;
  /** Moves the staged files to the run's folder, records the run and applies the retention. */
  keep(store: LakeStore, read: (path: string) => Promise<string | undefined>): Promise<string>;
}

/** The kept history of `runId` for an entity whose folder (lake path) is `entityFolder`. */
export function keptHistory(options: HistoryOptions, entityFolder: string, runId: string): KeptHistory {
  const depth = historyRunDepth(options.template);
  const segments = options.template.split(/[\\/]/);
  const [yyyy, mm, dd] = options.batchDate.split('-') as [string, string, string];
  const values = (file?: LandingFile): Record<HistoryPlaceholder, string> => ({
    entity: safeName(options.entity), yyyy, mm, dd, run_id: safeName(runId),
    first_row: file ? String(file.firstRow).padStart(12, '0') : '', partition: file?.folder ?? '',
  });
  const staging = lakePath(entityFolder, '_history_incoming');
  const staged = lakePath(staging, safeName(runId));
  const runFolder = lakePath(options.base, renderHistory(segments.slice(0, depth + 1).join('/'), values()));
  const index = lakePath(entityFolder, '_history.json');
  return {
    staging,
    stagedPath(file) {
      // The file's own ending (`.csv.zst`, `.parquet`), after the first-row number that names it.
      const extension = file.name.replace(/^.*_\d{12}/, '');
      return lakePath(staged, renderHistory(segments.slice(depth + 1).join('/'), values(file)) + extension);
    },
    async keep(store, read) {
      await store.move(staged, runFolder);
      await store.remove(staging);
      const text = await read(index);
      const previous: HistoryIndex = text ? (JSON.parse(text) as HistoryIndex) : { runs: [] };
      const now = (options.now ?? (() => new Date()))();
      const runs = [...previous.runs.filter((r) => r.runId !== runId), { runId, keptAt: now.toISOString(), folder: runFolder }];
      const oldest = options.keepDays === undefined ? '' : new Date(now.getTime() - options.keepDays * DAY_MS).toISOString();
      const kept = runs.filter((r, i) => r.keptAt >= oldest && (options.keepRuns === undefined || i >= runs.length - options.keepRuns));
      // The index is a file in the lake: an entry pointing outside the lander's folder is dropped, never followed.
      const inside = (folder: string): boolean => options.base === '' || lakePath(folder).startsWith(`${options.base}/`);
      for (const gone of runs.filter((r) => !kept.includes(r))) if (inside(gone.folder)) await store.remove(lakePath(gone.folder));
      const body = new TextEncoder().encode(`${JSON.stringify({ runs: kept }, null, 2)}\n`);
      await store.write(index, [body], body.byteLength, undefined, 'application/json');
      return runFolder;
    },
  };
}
