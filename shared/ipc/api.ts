/**
 * The designer's API: one named method per request and `on…(listener) → unsubscribe` per event,
 * built from a transport. The preload builds it over ipcRenderer; the Playwright tests build the
 * very same object over `page.exposeBinding`.
 */
import type { AppEvents, Channel, RequestArg, RequestResult } from './contract.ts';

export interface Transport {
  invoke<C extends Channel>(channel: C, arg: RequestArg<C>): Promise<RequestResult<C>>;
  subscribe<E extends keyof AppEvents>(event: E, listener: (payload: AppEvents[E]) => void): () => void;
}

type Method<C extends Channel> = undefined extends RequestArg<C> ? () => Promise<RequestResult<C>> : (arg: RequestArg<C>) => Promise<RequestResult<C>>;

/** Method name → channel: the whole surface of the preload, and nothing else. */
export const API_METHODS = {
  choosePath: 'dialog:choosePath',
  createProject: 'project:create',
  openProject: 'project:open',
  closeProject: 'project:close',
  currentProject: 'project:current',
  recentProjects: 'project:recent',
  updateSettings: 'project:updateSettings',
  saveConnection: 'connection:save',
  deleteConnection: 'connection:delete',
  testConnection: 'connection:test',
  listTables: 'connection:tables',
  saveEntity: 'entity:save',
  deleteEntity: 'entity:delete',
  importEntity: 'entity:importFromSource',
  saveExtract: 'extract:save',
  deleteExtract: 'extract:delete',
  previewSql: 'sql:preview',
  saveFact: 'fact:save',
  deleteFact: 'fact:delete',
  previewFact: 'fact:preview',
  startRun: 'run:start',
  cancelRun: 'run:cancel',
  runHistory: 'run:history',
  previewSource: 'preview:source',
  cancelPreview: 'preview:cancel',
  previewLanded: 'preview:landed',
  lakeSets: 'lake:sets',
  readLakeFile: 'lake:readFile',
  batchCounts: 'versions:batches',
  keyTimeline: 'versions:timeline',
  savedWatermarks: 'ledger:current',
  watermarkLedger: 'ledger:history',
  setWatermark: 'ledger:set',
  rollbackWatermarks: 'ledger:rollback',
  reviewDrift: 'drift:review',
  applyDrift: 'drift:apply',
} as const satisfies Record<string, Channel>;

/** One method per request, named and typed by {@link API_METHODS}. */
type RequestMethods = { -readonly [M in keyof typeof API_METHODS]: Method<(typeof API_METHODS)[M]> };

export interface LandfallApi extends RequestMethods {
  onProjectChanged(listener: (payload: AppEvents['project:changed']) => void): () => void;
  onRunEvent(listener: (payload: AppEvents['run:event']) => void): () => void;
}

export function createApi(transport: Transport): LandfallApi {
  const methods = Object.fromEntries(
    Object.entries(API_METHODS).map(([method, channel]) => [method, (arg?: unknown) => transport.invoke(channel, arg as never)]),
  );
  return {
    ...(methods as RequestMethods),
    onProjectChanged: (listener) => transport.subscribe('project:changed', listener),
    onRunEvent: (listener) => transport.subscribe('run:event', listener),
  };
}
