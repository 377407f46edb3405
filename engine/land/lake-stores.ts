/**
 * Which lake store each lander connection kind opens: the one registration table. A new store (S3,
 * GCS) is one file under `stores/` and one line here (its connection kind comes from the model).
 * Stores are imported when first opened, so a run that lands in a local folder never loads the Azure SDK.
 */
import type { Connection } from '../../shared/model/schema.ts';
import type { LakeStore } from './lake-store.ts';

type StoreOpeners = {
  readonly [K in Connection['kind']]?: (connection: Extract<Connection, { kind: K }>) => Promise<LakeStore>;
};

const LAKE_STORES = {
  localfs: async (connection) => (await import('./stores/folder-store.ts')).folderStore(connection.path),
  adls: async (connection) => connection.hierarchicalNamespace
    ? (await import('./stores/data-lake-store.ts')).dataLakeStore(connection)
    : (await import('./stores/blob-store.ts')).blobStore(connection),
} satisfies StoreOpeners;

/** A connection a lake store can open. */
export type LakeStoreConnection = Extract<Connection, { kind: keyof typeof LAKE_STORES }>;

/** Whether files land through a lake store for this connection. */
export function isLakeStoreConnection(connection: Connection): connection is LakeStoreConnection {
  return Object.hasOwn(LAKE_STORES, connection.kind);
}

/** Opens the connection's lake store. */
export function openLakeStore(connection: LakeStoreConnection): Promise<LakeStore> {
  const open = LAKE_STORES[connection.kind] as (connection: LakeStoreConnection) => Promise<LakeStore>;
  return open(connection);
}
