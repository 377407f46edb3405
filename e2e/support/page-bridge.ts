/**
 * Runs in the page (bundled by the harness and added as an init script): builds
 * `window.landfall` with `createApi` over the harness's bindings, exactly as the preload builds it
 * over `ipcRenderer`. Requests go to `__landfallInvoke` (a Playwright binding that calls the real
 * dispatch and handlers in the test process and answers with the same reply envelope as IPC);
 * events arrive through `__landfallEmit`, which the harness calls for each `emit`.
 */
import { createApi, type Transport } from '../../shared/ipc/api.ts';
import type { AppEvents, IpcReply } from '../../shared/ipc/contract.ts';

type Listener = (payload: unknown) => void;

interface BridgeGlobal {
  __landfallInvoke(channel: string, arg: unknown): Promise<IpcReply>;
  __landfallEmit?: (event: string, payload: unknown) => void;
  landfall?: unknown;
}

const page = globalThis as unknown as BridgeGlobal;
const listeners = new Map<string, Set<Listener>>();

const transport: Transport = {
  async invoke(channel, arg) {
    const reply = await page.__landfallInvoke(channel, arg);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as never;
  },
  subscribe<E extends keyof AppEvents>(event: E, listener: (payload: AppEvents[E]) => void) {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const relay: Listener = (payload) => listener(payload as AppEvents[E]);
    set.add(relay);
    return () => void set.delete(relay);
  },
};

Object.defineProperty(page, '__landfallEmit', {
  value: (event: string, payload: unknown) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  },
});
// Frozen and read-only, as contextBridge exposes it.
Object.defineProperty(page, 'landfall', { value: Object.freeze(createApi(transport)), enumerable: true });
