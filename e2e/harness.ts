/**
 * The designer under test: the built renderer in Debian's Chromium, with `window.landfall` bound
 * to the real handlers (createHandlers → dispatch) in this process through `page.exposeBinding`.
 * Everything but Electron's transport is the real thing: the store, the demo, the source catalog,
 * the SQL preview and the engine, forked per run as the app forks it.
 *
 * Each test gets a fresh browser context, a fresh temporary folder (its projects live there) and
 * fresh handlers; the browser, the build and the static server are shared by a test file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { AppEvents, EventName } from '../shared/ipc/contract.ts';
import { forkLauncher, nodeFork } from '../app/engine-launcher.ts';
import { dispatchReply } from '../app/ipc/dispatch.ts';
import { createHandlers, type Handlers } from '../app/ipc/handlers.ts';
import type { SecretCipher } from '../app/store/secret-cipher.ts';
import { buildRenderer } from './support/build-renderer.ts';
import { REPO } from './support/repo.ts';
import { serveFolder, type StaticServer } from './support/static-server.ts';

/** Debian's Chromium and the flags ENVIRONMENT.md lists for it. */
const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] };
const VIEWPORT = { width: 1600, height: 1000 };
const SCREENSHOTS = join(REPO, 'e2e', 'screenshots');

/** Stands in for Electron's safeStorage: reversible, and never the plain text. */
const testCipher: SecretCipher = {
  id: 'e2e-reversed-base64',
  encrypt: (plaintext) => Buffer.from(Buffer.from(plaintext, 'utf8').toString('base64').split('').reverse().join(''), 'utf8'),
  decrypt: (ciphertext) => Buffer.from(ciphertext.toString('utf8').split('').reverse().join(''), 'base64').toString('utf8'),
};

interface BridgeGlobal {
  __landfallEmit?: (event: string, payload: unknown) => void;
}

export interface Designer {
  readonly page: Page;
  /** This test's own temporary folder. */
  readonly folder: string;
  readonly handlers: Handlers;
  /** What the stand-in file dialog answers next, one path per Browse… click (none left: cancelled). */
  readonly dialogAnswers: string[];
  /** The typed paths main asked the user to confirm (the stand-in allows each, as a user clicking Allow). */
  readonly confirmations: { readonly path: string; readonly action: string }[];
  /** Saves a full-page screenshot as e2e/screenshots/<test>-<name>.png. */
  screenshot(name: string): Promise<string>;
}

interface Shared {
  browser: Browser;
  server: StaticServer;
  bridge: string;
}

interface Open {
  designer: Designer;
  context: BrowserContext;
  dispose(): Promise<void>;
  errors: string[];
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function openDesigner(shared: Shared, testName: string): Promise<Open> {
  const folder = mkdtempSync(join(tmpdir(), 'landfall-e2e-'));
  const context = await shared.browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  // React, MUI and failed requests report through console.error without throwing: they fail the test too.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()} (${message.location().url || 'no location'})`);
  });

  // Events reach the page in the order the handlers emit them.
  let delivery = Promise.resolve();
  const emit = <E extends EventName>(event: E, payload: AppEvents[E]): void => {
    delivery = delivery
      .then(() => page.evaluate(([name, body]) => (globalThis as unknown as BridgeGlobal).__landfallEmit?.(name, body), [event, payload] as const))
      .catch((error: unknown) => {
        if (!page.isClosed()) console.warn(`e2e: could not deliver ${event} to the page: ${(error as Error).message}`);
      });
  };
  const dialogAnswers: string[] = [];
  const confirmations: { path: string; action: string }[] = [];
  const handlers = createHandlers({
    stateFolder: join(folder, 'app-state'),
    chooser: () => Promise.resolve(dialogAnswers.shift()),
    confirm: (request) => {
      confirmations.push(request);
      return Promise.resolve(true);
    },
    cipher: testCipher,
    launcher: forkLauncher(nodeFork(join(REPO, 'engine/utility.ts'), { execArgv: ['--import', 'tsx'], cwd: REPO })),
    emit,
    env: {},
  });
  // As over Electron's IPC, the events a handler emitted before it answered reach the page before its reply.
  await page.exposeBinding('__landfallInvoke', async (_source, channel: unknown, arg: unknown) => {
    const reply = await dispatchReply(handlers, channel, arg);
    await delivery;
    return reply;
  });
  await page.addInitScript({ content: shared.bridge });
  await page.goto(shared.server.url);
  await page.locator('body[data-ready="true"]').waitFor();

  mkdirSync(SCREENSHOTS, { recursive: true });
  let shots = 0;
  const designer: Designer = {
    page,
    folder,
    handlers,
    dialogAnswers,
    confirmations,
    async screenshot(name) {
      shots += 1;
      const path = join(SCREENSHOTS, `${slug(testName)}-${shots}-${slug(name)}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
  return {
    designer,
    context,
    errors,
    async dispose() {
      await handlers.dispose();
      await delivery;
      await context.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the hooks of a designer test file and returns the current test's designer. The
 * renderer is built once (or reused), Chromium started once per file, the rest fresh per test.
 */
export function useDesigner(): () => Designer {
  let shared: Shared | undefined;
  let current: Open | undefined;

  beforeAll(async () => {
    const built = await buildRenderer();
    const [browser, server] = await Promise.all([chromium.launch(CHROMIUM), serveFolder(built)]);
    shared = { browser, server, bridge: readFileSync(join(built, '__e2e', 'page-bridge.js'), 'utf8') };
  }, 300_000);

  afterAll(async () => {
    await shared?.browser.close();
    await shared?.server.close();
  });

  beforeEach(async (context) => {
    if (!shared) throw new Error('the designer harness did not start');
    current = await openDesigner(shared, context.task.name);
  }, 120_000);

  afterEach(async (context) => {
    const open = current;
    current = undefined;
    // What the screen showed when a test failed, for the report.
    if (open && context.task.result?.state === 'fail') await open.designer.screenshot('failure').catch((error: unknown) => console.warn(`e2e: no failure screenshot: ${String(error)}`));
    await open?.dispose();
    // A script or console error in the page fails the test even when the screen happened to look right.
    if (open?.errors.length) throw new Error(`the page reported errors:\n${open.errors.join('\n')}`);
  }, 60_000);

  return () => {
    if (!current) throw new Error('no designer is open: call the getter inside a test');
    return current.designer;
  };
}
