/**
 * The preload: exposes `window.landfall`, one named method per request and `on…(listener) →
 * unsubscribe` per event (shared/ipc/api.ts), and nothing else; never a generic "send any channel".
 * The one file that imports `ipcRenderer`. A sandboxed preload cannot load local modules, so this
 * file is bundled to dist/electron/preload/preload.cjs (vite.preload.config.ts); it imports only
 * types from the contract, which keeps zod out of the bundle.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi, type Transport } from '../../shared/ipc/api.ts';
import type { IpcReply } from '../../shared/ipc/contract.ts';

const transport: Transport = {
  async invoke(channel, arg) {
    const reply = (await ipcRenderer.invoke(channel, arg)) as IpcReply;
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as never;
  },
  subscribe(event, listener) {
    // The page gets the payload only, never the IPC event (it would expose `sender`).
    const relay = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(event, relay);
    return () => void ipcRenderer.removeListener(event, relay);
  },
};

contextBridge.exposeInMainWorld('landfall', createApi(transport));
