// electron-builder.yml cannot be packaged here (no Electron download), so it is checked the way
// electron-builder checks it before packaging: loaded and validated against its own schema, then
// held to what the app needs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and packages what the app runs', async () => {
    const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    await validateConfiguration(config, new DebugLogger(false));

    const targets = (platform: unknown): unknown => (platform as { target?: unknown }).target;
    expect(targets(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targets(config.win)).toEqual(['nsis']);
    expect(targets(config.mac)).toEqual(['dmg']);
    // Native modules are rebuilt for Electron in the packaged copy, and kept out of the asar archive.
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/@duckdb/**', 'node_modules/zstd-napi/**']));

    // getConfig normalises the list to file sets: { filter: [...] }.
    const files = ([config.files].flat() as ({ filter?: string[] } | string)[]).flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
    for (const part of ['package.json', 'dist/electron/**/*', 'dist/engine/**/*', 'dist/shared/**/*', 'dist/renderer/**/*']) expect(files).toContain(part);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
    expect(pkg.main).toBe('dist/electron/main/index.js');
    for (const native of ['better-sqlite3', '@duckdb/node-api', 'zstd-napi']) expect(pkg.dependencies[native]).toBeDefined();
  });
});
