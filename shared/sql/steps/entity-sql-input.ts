/**
 * What every step's builder is given: the entity, its extract and the dialects (`EntitySqlInput`),
 * the run's state (`RunState`), and the extract mode that follows from both.
 */
import type { Extract, StagingEntity } from '../../model/schema.ts';
import type { LoadMetrics } from '../../run-metrics.ts';
import type { DialectName } from '../dialect.ts';

export interface EntitySqlInput {
  readonly entity: StagingEntity;
  readonly extract: Extract;
  /** The source's dialect; undefined for a files source. */
  readonly sourceDialect: DialectName | undefined;
  readonly warehouseDialect: DialectName;
  /** Project parameters, for `@name` mappings. */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface RunState {
  /** The batch's effective date, YYYY-MM-DD. */
  readonly batchDate: string;
  readonly batchId: bigint;
  /** When the batch started, YYYY-MM-DD HH:MM:SS[.fff]: valid-from of the versions it writes. */
  readonly batchTime: string;
  readonly runId: string;
  /** Saved watermark text per change column (as read from zdm.control_parameters). */
  readonly watermarks: Readonly<Record<string, string | undefined>>;
  /** Change Tracking versions, read on the source before extracting. */
  readonly changeTracking?: { readonly saved?: string | undefined; readonly current: string; readonly minValid: string | null };
  /** The load's metrics, measured before persist, and whether this entity writes the run's row of `zdm.run_log`. */
  readonly metrics?: { readonly load: LoadMetrics; readonly runRow: boolean } | undefined;
}

/** How an extract runs this time; decides whether a change set must be computed. */
export type ExtractMode = 'full' | 'incremental' | 'dateRange' | 'changes' | 'fullFallback' | 'files';

/** The mode of this run's extract, from the pattern and the saved state. */
export function extractMode(input: EntitySqlInput, state: RunState): ExtractMode {
  const pattern = input.extract.pattern;
  switch (pattern.kind) {
    case 'full':
      return 'full';
    case 'dateRange':
      return 'dateRange';
    case 'multiWildCardFile':
      return 'files';
    case 'incremental':
      return pattern.changeColumns.every((c) => state.watermarks[c.column] !== undefined) ? 'incremental' : 'full';
    case 'changeTracking': {
      const ct = state.changeTracking;
      if (!ct || ct.saved === undefined) return 'fullFallback';
      if (ct.minValid !== null && BigInt(ct.saved) < BigInt(ct.minValid)) return 'fullFallback';
      return 'changes';
    }
  }
}

/** Whether the staged rows are compared with persistent staging to find the change set. */
export function needsChangeSet(mode: ExtractMode): boolean {
  return mode === 'full' || mode === 'dateRange' || mode === 'fullFallback';
}

/**
 * Whether the staging table carries the insert/update/delete flag straight from the source: the
 * change tracking operation, or a soft delete condition read as `D` (deleted) or `U`.
 */
export function stagingHasOperation(input: EntitySqlInput, mode: ExtractMode): boolean {
  return mode === 'changes' || (input.entity.softDelete !== undefined && mode !== 'files');
}

/** The dialect-independent list of steps, for previews and the CLI. */
export const STEPS = ['extract', 'stage', 'delta', 'persist'] as const;
export type Step = (typeof STEPS)[number];

