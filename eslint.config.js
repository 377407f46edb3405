// Lint, including the layering of ARCHITECTURE.md: shared ← everything; engine ← app, cli, electron;
// app ← cli, electron; nothing imports renderer or cli; only electron/ imports electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

/** A restriction that reports an import crossing a layer, with the reason in the message. */
const layer = (pattern, why) => ({ regex: pattern, message: `Bad layering: ${why}` });

const intoRenderer = layer('(^|/)renderer(/|$)', 'nothing imports renderer code; move what you need to shared/.');
const intoCli = layer('(^|/)cli(/|$)', 'cli/ is an entry point; nothing imports it.');
/**
 * Raw IPC is imported in one file per side (STYLE.md 2): main binds the contract's channels in
 * bind-ipc.ts, which checks each sender and argument; the preload exposes named methods.
 */
const ipcMainOnly = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'IPC boundary: ipcMain is imported only in electron/main/ipc/bind-ipc.ts, which checks the sender and validates the argument of every request; add a channel to shared/ipc/contract.ts and its handler to electron/main/ipc/handlers.ts instead.',
};
const ipcRendererOnly = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'IPC boundary: ipcRenderer is imported only in electron/preload/preload.ts, which exposes one named method per request; never a preload that forwards any channel.',
};
/** A default import (`electron.ipcMain`) would get past the two rules above. */
const electronByName = {
  name: 'electron',
  importNames: ['default'],
  message: "IPC boundary: import electron's members by name (import { app } from 'electron') so the ipcMain / ipcRenderer rules can see them.",
};

const nodeOnly = (who) => ({ paths: nodeBuiltins.map((name) => ({ name, message: `Bad layering: ${who} code runs without Node; no node:* modules here.` })) });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'demo/**', '.tmp/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './shared/tsconfig.json', './engine/tsconfig.json', './app/tsconfig.json', './electron/tsconfig.json', './cli/tsconfig.json',
          './renderer/tsconfig.json', './tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // A relative import leaves shared/ only when it climbs above the importing file's folder depth:
  // from shared/ipc/contract.ts, '../protocol/…' is shared/protocol, while '../../engine/…' is the engine layer.
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`shared/${'*/'.repeat(depth)}*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...nodeOnly('shared'),
        patterns: [
          layer('^(?!zod$|\\.\\.?/)', 'shared/ is pure TypeScript: it may import only other shared/ files and zod.'),
          layer(`^(\\.\\./){${depth + 1}}(\\.\\./)*(engine|app|renderer|electron|cli)(/|$)`, 'shared/ imports nothing from engine, app, renderer, electron or cli.'),
          layer(`^(\\.\\./){${depth + 1}}(?!shared/)`, 'shared/ is pure TypeScript: it may import only other shared/ files and zod.'),
        ],
      }],
    },
  })),
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        ...nodeOnly('renderer'),
        patterns: [
          layer('^(\\.\\./)+(engine|app|electron|cli)(/|$)', 'renderer reaches the app only through the preload API; it imports shared/, never engine, app, electron or cli.'),
          layer('^(better-sqlite3|@duckdb/.*|pg|mysql2|mssql|@azure/.*)$', 'renderer never talks to databases or storage directly.'),
        ],
      }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Bad layering: the engine never imports electron; only engine/utility.ts knows its transport.' }],
        patterns: [
          intoRenderer, intoCli,
          layer('(^|/)electron(/|$)', 'the engine never imports electron/: only engine/utility.ts knows its transport.'),
          layer('^(\\.\\./)+app(/|$)', 'the engine never imports app/ (the metadata store, job specs, handlers): it gets a resolved job spec.'),
        ],
      }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Bad layering: app/ is the electron-free Node side of the application; what imports electron lives in electron/.' }],
        patterns: [
          intoRenderer, intoCli,
          layer('^(\\.\\./)+electron(/|$)', 'app/ never imports electron/: electron/ composes app/, not the other way round.'),
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnly, ipcRendererOnly, electronByName], patterns: [intoRenderer, intoCli] }] },
  },
  {
    files: ['electron/main/ipc/bind-ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcRendererOnly, electronByName], patterns: [intoRenderer, intoCli] }] },
  },
  {
    files: ['electron/preload/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnly, electronByName], patterns: [intoRenderer, intoCli] }] },
  },
  {
    // The other layers may not import electron at all; tests, scripts and configs not its IPC either.
    files: ['test/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', '*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnly, ipcRendererOnly] }] },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Bad layering: the CLI runs headless, without electron.' }],
        patterns: [intoRenderer],
      }],
    },
  },
);
