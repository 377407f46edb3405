/**
 * The one gate in front of the handlers, electron-free so the Node and Playwright tests pass
 * through it too: a known channel, an argument that its validator from `shared/` accepts, then
 * the handler. bind-ipc.ts adds the sender check ({@link senderRejection}) and the reply envelope.
 */
import { REQUEST_ARGS, type Channel, type IpcReply } from '../../shared/ipc/contract.ts';
import { formatPath } from '../../shared/model/validate.ts';
import type { Handlers } from './handlers.ts';

/** A request refused before any handler ran. */
export class RequestRefused extends Error {
  override readonly name = 'RequestRefused';
}

export function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(REQUEST_ARGS, channel);
}

/** Validates and runs one request; rejects with an error that names the channel and the field. */
export async function dispatch(handlers: Handlers, channel: unknown, arg: unknown): Promise<unknown> {
  if (!isChannel(channel)) throw new RequestRefused(`unknown channel ${JSON.stringify(channel)}`);
  const parsed = REQUEST_ARGS[channel].safeParse(arg);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path) || 'the argument'}: ${issue.message}`);
    throw new RequestRefused(`${channel}: invalid argument: ${problems.join('; ')}`);
  }
  const handler = handlers[channel] as (valid: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

/** {@link dispatch} as the reply that crosses IPC: never rejects, a failure becomes `{ message }`. */
export async function dispatchReply(handlers: Handlers, channel: unknown, arg: unknown): Promise<IpcReply> {
  try {
    return { ok: true, value: await dispatch(handlers, channel, arg) };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Who sent a request, as bind-ipc.ts reads it off the IPC event. */
export interface SenderInfo {
  /** The sending frame's URL; absent when the frame is gone (navigated or destroyed). */
  readonly frameUrl: string | undefined;
  /** Whether the sender is the app window's web contents. */
  readonly fromAppWindow: boolean;
  /** Whether the sending frame is that window's main frame (not an iframe). */
  readonly isMainFrame: boolean;
}

/** The app's own page: the built renderer on disk, or the dev server while developing. */
export interface AppPage {
  /** `file://…/dist/renderer/index.html`. */
  readonly fileUrl: string;
  /** `http://localhost:5173/` when the app runs against the Vite dev server. */
  readonly devServerUrl?: string | undefined;
}

/** Whether `url` is the app's own page (its hash and query may vary; nothing else may). */
export function isAppPage(url: string, page: AppPage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const expected = new URL(page.fileUrl);
    return expected.protocol === 'file:' && parsed.host === expected.host && parsed.pathname === expected.pathname;
  }
  if (!page.devServerUrl) return false;
  const dev = new URL(page.devServerUrl);
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin;
}

/** Why a sender is refused, or undefined when it is the app window's main frame showing the app's page. */
export function senderRejection(sender: SenderInfo, page: AppPage): string | undefined {
  if (!sender.fromAppWindow) return 'the request did not come from the app window';
  if (!sender.frameUrl) return 'the sending frame is gone';
  if (!sender.isMainFrame) return 'the request came from a frame inside the page, not the page itself';
  if (!isAppPage(sender.frameUrl, page)) return `the sending page (${sender.frameUrl}) is not the app's own page`;
  return undefined;
}
