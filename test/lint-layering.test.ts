import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tag = randomBytes(4).toString('hex');

/** Probe files: where each one lives, what it imports, and whether that crosses a layer. */
const PROBES = {
  sharedImportsNode: { path: `shared/__probe_${tag}_node.ts`, source: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n" },
  sharedImportsBareNode: { path: `shared/__probe_${tag}_path.ts`, source: "import { join } from 'path';\nexport const probe = join;\n" },
  sharedImportsPackage: { path: `shared/__probe_${tag}_pkg.ts`, source: "import Database from 'better-sqlite3';\nexport const probe = Database;\n" },
  sharedImportsEngine: { path: `shared/__probe_${tag}_engine.ts`, source: "import { probe as p } from '../engine/whatever.ts';\nexport const probe = p;\n" },
  sharedNestedImportsEngine: { path: `shared/ipc/__probe_${tag}_engine.ts`, source: "import { probe as p } from '../../engine/whatever.ts';\nexport const probe = p;\n" },
  sharedNestedImportsTest: { path: `shared/ipc/__probe_${tag}_test.ts`, source: "import { probe as p } from '../../test/whatever.ts';\nexport const probe = p;\n" },
  // shared/protocol/ is shared code (the engine's protocol), not the engine layer.
  sharedNestedImportsSharedEngine: { path: `shared/ipc/__probe_${tag}_protocol.ts`, source: "import type { JobSpec } from '../protocol/engine.ts';\nexport type Probe = JobSpec;\n" },
  sharedImportsApp: { path: `shared/__probe_${tag}_app.ts`, source: "import { ProjectStore } from '../app/store/project-store.ts';\nexport const probe = ProjectStore;\n" },
  appImportsElectronPackage: { path: `app/__probe_${tag}_electron.ts`, source: "import { app } from 'electron';\nexport const probe = app;\n" },
  appImportsElectronFolder: { path: `app/ipc/__probe_${tag}_main.ts`, source: "import { probe as p } from '../../electron/main/whatever.ts';\nexport const probe = p;\n" },
  appImportsEngine: { path: `app/__probe_${tag}_engine.ts`, source: "import { runBatch } from '../engine/run-batch.ts';\nexport const probe = runBatch;\n" },
  sharedImportsZod: { path: `shared/__probe_${tag}_zod.ts`, source: "import { z } from 'zod';\nimport { objectName } from './model/schema.ts';\nexport const probe = z.object({ name: objectName });\n" },
  rendererImportsEngine: { path: `renderer/src/__probe_${tag}_engine.ts`, source: "import { probe as p } from '../../engine/whatever.ts';\nexport const probe = p;\n" },
  rendererImportsElectron: { path: `renderer/src/__probe_${tag}_electron.ts`, source: "import { probe as p } from '../../electron/main/whatever.ts';\nexport const probe = p;\n" },
  rendererImportsApp: { path: `renderer/src/__probe_${tag}_app.ts`, source: "import { ProjectStore } from '../../app/store/project-store.ts';\nexport const probe = ProjectStore;\n" },
  rendererImportsNode: { path: `renderer/src/__probe_${tag}_node.ts`, source: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n" },
  rendererImportsDatabase: { path: `renderer/src/__probe_${tag}_db.ts`, source: "import pg from 'pg';\nexport const probe = pg;\n" },
  rendererImportsShared: { path: `renderer/src/__probe_${tag}_shared.ts`, source: "import { validateProject } from '../../shared/model/index.ts';\nexport const probe = validateProject;\n" },
  engineImportsElectron: { path: `engine/__probe_${tag}_electron.ts`, source: "import { app } from 'electron';\nexport const probe = app;\n" },
  engineImportsStore: { path: `engine/__probe_${tag}_store.ts`, source: "import { ProjectStore } from '../app/store/project-store.ts';\nexport const probe = ProjectStore;\n" },
  engineImportsCli: { path: `engine/__probe_${tag}_cli.ts`, source: "import { main } from '../cli/landfall.ts';\nexport const probe = main;\n" },
  engineImportsShared: { path: `engine/__probe_${tag}_shared.ts`, source: "import { readFileSync } from 'node:fs';\nimport { validateProject } from '../shared/model/index.ts';\nexport const probe = [readFileSync, validateProject];\n" },
  electronImportsRenderer: { path: `electron/__probe_${tag}_renderer.ts`, source: "import { probe as p } from '../renderer/src/whatever.ts';\nexport const probe = p;\n" },
  cliImportsElectronPackage: { path: `cli/__probe_${tag}_electron.ts`, source: "import { app } from 'electron';\nexport const probe = app;\n" },
} as const;
type Probe = keyof typeof PROBES;

const written: string[] = [];
let results: Map<Probe, ESLint.LintResult>;

beforeAll(async () => {
  try {
    for (const probe of Object.values(PROBES)) {
      const path = join(ROOT, probe.path);
      written.push(path);
      writeFileSync(path, probe.source);
    }
    const eslint = new ESLint({ cwd: ROOT });
    const linted = await eslint.lintFiles(Object.values(PROBES).map((probe) => join(ROOT, probe.path)));
    results = new Map(
      (Object.keys(PROBES) as Probe[]).map((name) => [name, linted.find((result) => result.filePath === join(ROOT, PROBES[name].path))!]),
    );
  } finally {
    // The results are in memory: the probes never outlive the lint, even if it throws.
    for (const path of written) rmSync(path, { force: true });
  }
}, 120_000);

afterAll(() => {
  for (const path of written) rmSync(path, { force: true });
});

/** The layering errors of one probe file. */
function layering(probe: Probe): string[] {
  const result = results.get(probe);
  if (!result) throw new Error(`${probe} was not linted`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

describe('layering rules (eslint.config.js)', () => {
  it('removed every probe file', () => {
    expect(written).toHaveLength(Object.keys(PROBES).length);
    for (const path of written) expect(existsSync(path)).toBe(false);
  });

  it.each([
    ['sharedImportsNode', 'shared code runs without Node'],
    ['sharedImportsBareNode', 'shared code runs without Node'],
    ['sharedImportsPackage', 'shared/ is pure TypeScript: it may import only other shared/ files and zod'],
    ['sharedImportsEngine', 'shared/ imports nothing from engine, app, renderer, electron or cli'],
    ['sharedNestedImportsEngine', 'shared/ imports nothing from engine, app, renderer, electron or cli'],
    ['sharedImportsApp', 'shared/ imports nothing from engine, app, renderer, electron or cli'],
    ['sharedNestedImportsTest', 'shared/ is pure TypeScript: it may import only other shared/ files and zod'],
    ['rendererImportsEngine', 'renderer reaches the app only through the preload API'],
    ['rendererImportsElectron', 'renderer reaches the app only through the preload API'],
    ['rendererImportsApp', 'renderer reaches the app only through the preload API'],
    ['rendererImportsNode', 'renderer code runs without Node'],
    ['rendererImportsDatabase', 'renderer never talks to databases or storage directly'],
    ['engineImportsElectron', 'the engine never imports electron'],
    ['engineImportsStore', 'the engine never imports app/'],
    ['appImportsElectronPackage', 'app/ is the electron-free Node side of the application'],
    ['appImportsElectronFolder', 'app/ never imports electron/'],
    ['engineImportsCli', 'cli/ is an entry point; nothing imports it'],
    ['electronImportsRenderer', 'nothing imports renderer code'],
    ['cliImportsElectronPackage', 'the CLI runs headless, without electron'],
  ] as [Probe, string][])('%s is a "Bad layering" error', (probe, why) => {
    const errors = layering(probe);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((message) => message.includes('Bad layering'))).toBe(true);
    expect(errors.join('\n')).toContain(why);
  });

  it.each(['sharedImportsZod', 'sharedNestedImportsSharedEngine', 'rendererImportsShared', 'engineImportsShared', 'appImportsEngine'] as Probe[])('%s is allowed', (probe) => {
    expect(layering(probe)).toEqual([]);
    // Linted for real: the file went through the typed rules without a parse error.
    expect(results.get(probe)!.messages.filter((m) => m.message.includes('Bad layering'))).toEqual([]);
  });
});
