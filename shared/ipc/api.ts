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

export interface LandfallApi {
  createProject: Method<'project:create'>;
  openProject: Method<'project:open'>;
  closeProject: Method<'project:close'>;
  currentProject: Method<'project:current'>;
  recentProjects: Method<'project:recent'>;
  updateSettings: Method<'project:updateSettings'>;
  saveConnection: Method<'connection:save'>;
  deleteConnection: Method<'connection:delete'>;
  testConnection: Method<'connection:test'>;
  listTables: Method<'connection:tables'>;
  saveEntity: Method<'entity:save'>;
  deleteEntity: Method<'entity:delete'>;
  importEntity: Method<'entity:importFromSource'>;
  saveExtract: Method<'extract:save'>;
  deleteExtract: Method<'extract:delete'>;
  previewSql: Method<'sql:preview'>;
  startRun: Method<'run:start'>;
  cancelRun: Method<'run:cancel'>;
  runHistory: Method<'run:history'>;
  onProjectChanged(listener: (payload: AppEvents['project:changed']) => void): () => void;
  onRunEvent(listener: (payload: AppEvents['run:event']) => void): () => void;
}

/** Method name → channel: the whole surface of the preload, and nothing else. */
export const API_METHODS = {
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
  startRun: 'run:start',
  cancelRun: 'run:cancel',
  runHistory: 'run:history',
} as const satisfies Record<string, Channel>;

export function createApi(transport: Transport): LandfallApi {
  const methods = Object.fromEntries(
    Object.entries(API_METHODS).map(([method, channel]) => [method, (arg?: unknown) => transport.invoke(channel, arg as never)]),
  );
  return {
    ...(methods as unknown as Omit<LandfallApi, 'onProjectChanged' | 'onRunEvent'>),
    onProjectChanged: (listener) => transport.subscribe('project:changed', listener),
    onRunEvent: (listener) => transport.subscribe('run:event', listener),
  };
}
