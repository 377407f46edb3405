/**
 * The one file that imports `ipcMain`: one `ipcMain.handle` per channel of the contract, each
 * checking its sender (the app window's main frame, showing the app's own page) before the gate
 * in dispatch.ts validates the argument and runs the handler. Replies are envelopes
 * (`{ ok, value } | { ok: false, error: { message } }`) that the preload unwraps, so the designer
 * sees the handler's own message rather than Electron's "Error invoking remote method" wrapping.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type IpcReply } from '../../../shared/ipc/contract.ts';
import { dispatchReply, senderRejection, type AppPage } from '../../../app/ipc/dispatch.ts';
import type { Handlers } from '../../../app/ipc/handlers.ts';

function sender(event: IpcMainInvokeEvent, window: BrowserWindow) {
  const alive = !window.isDestroyed();
  const frame = event.senderFrame;
  const main = alive ? window.webContents.mainFrame : undefined;
  return {
    frameUrl: frame?.url,
    fromAppWindow: alive && event.sender.id === window.webContents.id,
    isMainFrame: !!frame && !!main && frame.processId === main.processId && frame.routingId === main.routingId,
  };
}

/** Binds every channel to `handlers` for `window`; returns the unbinding (for the window's close). */
export function bindIpc(window: BrowserWindow, handlers: Handlers, page: AppPage): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, arg: unknown): Promise<IpcReply> => {
      const rejection = senderRejection(sender(event, window), page);
      if (rejection) {
        console.warn(`refused ${channel}: ${rejection}`);
        return { ok: false, error: { message: `refused: ${rejection}` } };
      }
      return dispatchReply(handlers, channel, arg);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
