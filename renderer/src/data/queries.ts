/**
 * The designer's read requests as cache queries. Each key is the request itself (channel and
 * argument), so two screens asking the same thing share one answer.
 */
import type { BatchCounts, LakeSetView, LedgerView, ProjectInfo, RecentProject, RequestArg, RunRecordView, SourceTable, SqlPreviewResult } from '../../../shared/ipc/contract.ts';
import type { Query } from './query-cache.ts';

const keyOf = (channel: string, arg?: unknown): string => (arg === undefined ? channel : `${channel} ${JSON.stringify(arg)}`);

export const currentProjectQuery: Query<ProjectInfo | null> = {
  key: keyOf('project:current'),
  fetch: () => window.landfall.currentProject(),
};

export const recentProjectsQuery: Query<RecentProject[]> = {
  key: keyOf('project:recent'),
  fetch: () => window.landfall.recentProjects(),
};

/** The newest runs, as many as the Run screen lists. */
const RUN_HISTORY_ARG = { limit: 50 };

export const runHistoryQuery: Query<RunRecordView[]> = {
  key: keyOf('run:history', RUN_HISTORY_ARG),
  fetch: () => window.landfall.runHistory(RUN_HISTORY_ARG),
};

export function sourceTablesQuery(connection: string): Query<SourceTable[]> {
  const arg = { name: connection };
  return { key: keyOf('connection:tables', arg), fetch: () => window.landfall.listTables(arg) };
}

export function sqlPreviewQuery(arg: RequestArg<'sql:preview'>): Query<SqlPreviewResult> {
  return { key: keyOf('sql:preview', arg), fetch: () => window.landfall.previewSql(arg) };
}

/** An entity's published file sets (they change when a run publishes). */
export function lakeSetsQuery(entityName: string): Query<LakeSetView[]> {
  const arg = { entityName };
  return { key: keyOf('lake:sets', arg), fetch: () => window.landfall.lakeSets(arg) };
}

/** What each batch wrote to an entity's persistent staging (it changes when a run commits). */
export function batchCountsQuery(entityName: string): Query<BatchCounts[]> {
  const arg = { entityName };
  return { key: keyOf('versions:batches', arg), fetch: () => window.landfall.batchCounts(arg) };
}

/** An entity's saved watermarks (they change when a run commits). */
export function savedWatermarksQuery(entityName: string): Query<Record<string, string>> {
  const arg = { entityName };
  return { key: keyOf('ledger:current', arg), fetch: () => window.landfall.savedWatermarks(arg) };
}

/** An entity's saved watermarks and their ledger (they change when a run commits or a person changes them). */
export function watermarkLedgerQuery(entityName: string): Query<LedgerView> {
  const arg = { entityName };
  return { key: keyOf('ledger:history', arg), fetch: () => window.landfall.watermarkLedger(arg) };
}

/** The ledger family: what a change by hand invalidates. */
export const LEDGER_PREFIX = 'ledger:';

/** Prefixes for invalidating a family of queries. */
export const RUN_HISTORY_PREFIX = 'run:history';
/** What a finished run changes besides its history: the lake and persistent staging. */
export const RUN_RESULT_PREFIXES = [RUN_HISTORY_PREFIX, 'lake:', 'versions:', 'ledger:'] as const;
