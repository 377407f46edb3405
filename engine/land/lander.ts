/**
 * The lander step: finished in-memory files go to their destination under a temporary name, and
 * the run's complete set replaces the entity's `Latest` set only when every file has landed.
 */

import type { RetryPolicy } from '../retry.ts';

/** How many previous sets stay in `Archive/`. */
export const ARCHIVE_KEEP = 7;

/** A landed file as the warehouse load reads it. */
export interface PublishedFile {
  /** The file's path under the set's folder: its name, after its partition folder if any. */
  readonly name: string;
  /** Where the warehouse reads it: an absolute path for a local folder, a blob URL for Azure. */
  readonly location: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface LandingFile {
  readonly name: string;
  /** The partition folder under the set (`year=2024/month=03`), for a partitioned layout; absent: the set's own folder. */
  readonly folder?: string;
  readonly firstRow: number;
  readonly rows: number;
  readonly chunks: readonly Uint8Array[];
  readonly bytes: number;
}

/** Lands one entity's files for one run. */
export interface Lander {
  /** Prepares the run's area, removing what killed runs left behind. */
  begin(): Promise<void>;
  /** Writes one file under a temporary name, then makes it final within the run's area. */
  land(file: LandingFile, signal: AbortSignal): Promise<void>;
  /** Makes the run's files (possibly none) the entity's `Latest` set; the previous set is archived. */
  publish(): Promise<PublishedFile[]>;
  /** Removes the run's unpublished files (cancellation or failure). Never throws. */
  discard(): Promise<void>;
  /**
   * Undoes `publish` when the load fails or is cancelled after it (nothing was committed): the set
   * it archived becomes `Latest` again (no `Latest` at all if there was none) and the run's files
   * are removed. Also safe after a `publish` that failed part way, and a no-op when `publish` never
   * replaced anything. Throws when the store fails; the run's outcome is then reported with it.
   */
  restore(): Promise<void>;
  /**
   * After the run's commit: the run's files, written a second time under the history staging
   * folder as they landed, move to their history folder, and runs past the retention are removed.
   * Resolves with the run's history folder (undefined: no history layout, or no files).
   */
  keep?(): Promise<string | undefined>;
}

/** A kept history layout (see `historyTemplateProblems` in shared/model/lake-layout.ts). */
export interface HistoryOptions {
  readonly template: string;
  /** The lander's folder the template is relative to. */
  readonly base: string;
  readonly entity: string;
  /** YYYY-MM-DD: the run's batch date, for {yyyy}, {mm} and {dd}. */
  readonly batchDate: string;
  readonly keepRuns?: number | undefined;
  readonly keepDays?: number | undefined;
  /** The clock retention by age reads (tests move it). */
  readonly now?: () => Date;
}

export interface LanderOptions {
  /** The entity's folder under the lander's root: `<lander folder>/<entity>`. */
  readonly entityFolder: string;
  readonly runId: string;
  /** How a failed write, read or listing is retried as a whole; `LAKE_RETRIES` unless given. */
  readonly retries?: RetryPolicy;
  /** Told of each such retry: what is tried again, the attempt about to run (2 = the first retry), of how many, the wait and the error. */
  readonly onRetry?: (what: string, attempt: number, of: number, delayMs: number, error: unknown) => void;
  /** Keep every committed run's files under a history path too. */
  readonly history?: HistoryOptions;
}
