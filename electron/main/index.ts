/**
 * The Electron main process: one hardened window showing the designer, the IPC handlers bound to
 * it, the engine in a utility process per run (ended when the window closes), secrets encrypted
 * with safeStorage. Everything here is wiring; the behaviour lives in electron-free modules that
 * the Node and Playwright tests exercise (handlers, dispatch, engine-launcher).
 *
 * Built by `tsc` to dist/electron/main/index.js (package.json "main"); paths below are relative to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, safeStorage, session, utilityProcess, type WebContents } from 'electron';
import { createHandlers } from '../../app/ipc/handlers.ts';
import { bindIpc } from './ipc/bind-ipc.ts';
import { isAppPage, type AppPage } from '../../app/ipc/dispatch.ts';
import { forkLauncher } from '../../app/engine-launcher.ts';
import { utilityFork } from './utility-fork.ts';
import { safeStorageCipher } from '../../app/store/safe-storage-cipher.ts';
import { headerPolicy } from '../../app/content-security-policy.ts';
import { electronChooser } from './path-chooser.ts';
import { electronConfirmer } from './path-confirmer.ts';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE_FILE = join(DIST, 'renderer', 'index.html');
/** Bundled to one CommonJS file: a sandboxed preload cannot load other local modules. */
const PRELOAD = join(DIST, 'electron', 'preload', 'preload.cjs');
/** tsc emits the engine entry with its imports rewritten to .js. */
const ENGINE_ENTRY = join(DIST, 'engine', 'utility.js');

// Started from a checkout (`npm start`): node_modules holds better-sqlite3 built for Node, so the
// app and its engine process (which inherits the environment) load the Electron build that
// scripts/electron-native.js made (engine/sqlite-binding.ts). A packaged app has its own.
if (!app.isPackaged && !process.env.LANDFALL_SQLITE_BINDING) {
  const electronBuild = join(DIST, '..', '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(electronBuild)) process.env.LANDFALL_SQLITE_BINDING = electronBuild;
}

/** The Vite dev server, only for an unpackaged app started with LANDFALL_DEV_SERVER_URL set. */
const devServerUrl = !app.isPackaged ? process.env.LANDFALL_DEV_SERVER_URL || undefined : undefined;
const page: AppPage = { fileUrl: pathToFileURL(PAGE_FILE).href, devServerUrl };

function contentSecurityPolicy(): string {
  try {
    return headerPolicy(readFileSync(PAGE_FILE, 'utf8'));
  } catch {
    return headerPolicy('');
  }
}

/** Nothing the page shows may open a window, navigate elsewhere, embed a webview or ask for a permission. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnPage = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppPage(url, page)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-redirect', stayOnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Landfall',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const handlers = createHandlers({
    stateFolder: app.getPath('userData'),
    cipher: safeStorageCipher(safeStorage),
    launcher: forkLauncher(utilityFork(utilityProcess, ENGINE_ENTRY)),
    chooser: electronChooser(window),
    confirm: electronConfirmer(window),
    emit: (event, payload) => {
      if (!window.isDestroyed()) window.webContents.send(event, payload);
    },
  });
  const unbind = bindIpc(window, handlers, page);
  window.on('closed', () => {
    unbind();
    // Ends a running engine (it cancels: nothing half-done is committed) and closes the project.
    void handlers.dispose().catch((error: unknown) => console.error('closing the project failed:', error));
  });

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(PAGE_FILE);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  await app.whenReady();
  const policy = contentSecurityPolicy();
  session.defaultSession.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) => answer(false));
  createWindow();
}
