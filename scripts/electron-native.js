#!/usr/bin/env node
// `npm start` step: a second copy of better-sqlite3 compiled for Electron's ABI in .electron-native/,
// leaving node_modules' Node build (tests, CLI) untouched. Rebuilt only when better-sqlite3 or
// Electron changes version. Uses @electron/rebuild, which electron-builder also uses to package.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const electronVersion = version('electron');
const stamp = `better-sqlite3@${version('better-sqlite3')} electron@${electronVersion}`;
const target = join(root, '.electron-native');
const binding = join(target, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const stampFile = join(target, 'stamp.txt');

if (!existsSync(binding) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(target, 'node_modules'), { recursive: true });
  for (const pkg of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    cpSync(join(root, 'node_modules', pkg), join(target, 'node_modules', pkg), { recursive: true });
  }
  rmSync(join(target, 'node_modules', 'better-sqlite3', 'build'), { recursive: true, force: true });
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'landfall-electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const { rebuild } = await import('@electron/rebuild');
  console.log(`Building better-sqlite3 for Electron ${electronVersion} in .electron-native/ …`);
  await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  writeFileSync(stampFile, stamp);
}
console.log(`Electron's better-sqlite3: ${binding}`);
