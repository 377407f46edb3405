/**
 * Which lake store each lander connection kind opens: the one registration table. A new store (S3,
 * GCS) is one file under `stores/` and one line here (its connection kind comes from the model).
 * Stores are imported when first opened, so a run that lands in a local folder never loads the Azure SDK.
 */
import type { Connection } from '../../shared/model/schema.ts';
import type { LakeStore, LakeTimeouts } from './lake-store.ts';

/** How a store is opened: its timeouts default to `LAKE_TIMEOUTS` (tests give seconds). */
export interface LakeStoreOptions {
  readonly timeouts?: LakeTimeouts;
}

type StoreOpeners = {
  readonly [K in Connection['kind']]?: (connection: Extract<Connection, { kind: K }>, options: LakeStoreOptions) => Promise<LakeStore>;
};

const LAKE_STORES = {
  localfs: async (connection) => (await import('./stores/folder-store.ts')).folderStore(connection.path),
  adls: async (connection, options) => connection.hierarchicalNamespace
    ? (await import('./stores/data-lake-store.ts')).dataLakeStore(connection, options)
    : (await import('./stores/blob-store.ts')).blobStore(connection, options),
} satisfies StoreOpeners;

/** A connection a lake store can open. */
export type LakeStoreConnection = Extract<Connection, { kind: keyof typeof LAKE_STORES }>;

/** Whether files land through a lake store for this connection. */
export function isLakeStoreConnection(connection: Connection): connection is LakeStoreConnection {
  return Object.hasOwn(LAKE_STORES, connection.kind);
}

/** Opens the connection's lake store. */
export function openLakeStore(connection: LakeStoreConnection, options: LakeStoreOptions = {}): Promise<LakeStore> {
  const open = LAKE_STORES[connection.kind] as (connection: LakeStoreConnection, options: LakeStoreOptions) => Promise<LakeStore>;
  return open(connection, options);
}
