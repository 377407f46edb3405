import type { LandfallApi } from '../../shared/ipc/api.ts';

declare global {
  interface Window {
    /** The app, as the preload exposes it: one named method per request, `on…` per event. */
    readonly landfall: LandfallApi;
  }
}
