// The IPC boundary rule of eslint.config.js (STYLE.md 2): `ipcMain` is imported only in
// electron/main/ipc/bind-ipc.ts and `ipcRenderer` only in electron/preload/preload.ts. Probe files
// that break it are written, linted for real and removed; the two homes are linted as they are.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tag = randomBytes(4).toString('hex');

const PROBES = {
  mainImportsIpcMain: { path: `electron/main/__probe_${tag}_ipcmain.ts`, source: "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n" },
  handlersFolderImportsIpcMain: { path: `electron/main/ipc/__probe_${tag}_ipcmain.ts`, source: "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n" },
  mainImportsIpcRenderer: { path: `electron/main/__probe_${tag}_ipcrenderer.ts`, source: "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n" },
  preloadFolderImportsIpcRenderer: { path: `electron/preload/__probe_${tag}_ipcrenderer.ts`, source: "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n" },
  preloadFolderImportsIpcMain: { path: `electron/preload/__probe_${tag}_ipcmain.ts`, source: "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n" },
  mainImportsNamespace: { path: `electron/main/__probe_${tag}_namespace.ts`, source: "import * as electron from 'electron';\nexport const probe = electron.ipcMain;\n" },
  mainImportsDefault: { path: `electron/main/__probe_${tag}_default.ts`, source: "import electron from 'electron';\nexport const probe = electron;\n" },
  testImportsIpcMain: { path: `test/__probe_${tag}_ipcmain.ts`, source: "import { ipcMain } from 'electron';\nexport const probe = ipcMain;\n" },
  mainImportsAppByName: { path: `electron/main/__probe_${tag}_app.ts`, source: "import { app, BrowserWindow, type UtilityProcess } from 'electron';\nexport const probe: [unknown, unknown, UtilityProcess?] = [app, BrowserWindow];\n" },
} as const;
type Probe = keyof typeof PROBES;

/** The real homes of raw IPC, linted as they are. */
const HOMES = { bindIpc: 'electron/main/ipc/bind-ipc.ts', preload: 'electron/preload/preload.ts' } as const;

const written: string[] = [];
const results = new Map<string, ESLint.LintResult>();

beforeAll(async () => {
  try {
    for (const probe of Object.values(PROBES)) {
      const path = join(ROOT, probe.path);
      written.push(path);
      writeFileSync(path, probe.source);
    }
    const eslint = new ESLint({ cwd: ROOT });
    const files = [...Object.values(PROBES).map((p) => p.path), ...Object.values(HOMES)].map((path) => join(ROOT, path));
    for (const result of await eslint.lintFiles(files)) results.set(result.filePath, result);
  } finally {
    for (const path of written) rmSync(path, { force: true });
  }
}, 120_000);

afterAll(() => {
  for (const path of written) rmSync(path, { force: true });
});

function restricted(path: string): string[] {
  const result = results.get(join(ROOT, path));
  if (!result) throw new Error(`${path} was not linted`);
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

describe('IPC boundary (eslint.config.js)', () => {
  it('removed every probe file', () => {
    for (const path of written) expect(existsSync(path)).toBe(false);
  });

  it.each([
    ['mainImportsIpcMain', 'ipcMain is imported only in electron/main/ipc/bind-ipc.ts'],
    ['handlersFolderImportsIpcMain', 'ipcMain is imported only in electron/main/ipc/bind-ipc.ts'],
    ['preloadFolderImportsIpcMain', 'ipcMain is imported only in electron/main/ipc/bind-ipc.ts'],
    ['testImportsIpcMain', 'ipcMain is imported only in electron/main/ipc/bind-ipc.ts'],
    ['mainImportsIpcRenderer', 'ipcRenderer is imported only in electron/preload/preload.ts'],
    ['preloadFolderImportsIpcRenderer', 'ipcRenderer is imported only in electron/preload/preload.ts'],
    ['mainImportsNamespace', 'ipcMain is imported only in electron/main/ipc/bind-ipc.ts'],
    ['mainImportsDefault', "import electron's members by name"],
  ] as [Probe, string][])('%s is an "IPC boundary" error', (probe, why) => {
    const errors = restricted(PROBES[probe].path);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((message) => message.includes('IPC boundary'))).toBe(true);
    expect(errors.join('\n')).toContain(why);
  });

  it('allows electron members other than raw IPC, imported by name', () => {
    expect(restricted(PROBES.mainImportsAppByName.path)).toEqual([]);
  });

  it.each(Object.entries(HOMES))('%s (%s) imports its side of raw IPC without an error', (_name, path) => {
    expect(restricted(path)).toEqual([]);
  });
});
