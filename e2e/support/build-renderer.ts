/**
 * Builds what the e2e tests serve, once for all test files: the renderer (`vite build` with the
 * app's own config) and the page bridge. A build is kept under .tmp/e2e-build/<fingerprint of the
 * sources> and reused while the sources are unchanged; test files running in parallel share it
 * through a lock folder.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './repo.ts';

const run = promisify(execFile);
const BUILDS = join(REPO, '.tmp', 'e2e-build');
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 5 * 60_000;
const POLL_MS = 250;

const INPUTS = ['renderer', 'shared', 'e2e/support/page-bridge.ts', 'e2e/support/vite.bridge.config.ts', 'vite.config.ts', 'package-lock.json'];

function files(path: string): string[] {
  const full = join(REPO, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.endsWith('.test.ts'))
    .flatMap((entry) => files(join(path, entry.name)));
}

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    const stat = statSync(join(REPO, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function vite(args: string[]): Promise<void> {
  // NODE_ENV=production: under vitest it is "test", which would bundle React's development build.
  await run(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', ...args], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The folder with the built renderer (index.html) and `__e2e/page-bridge.js`. */
export async function buildRenderer(): Promise<string> {
  mkdirSync(BUILDS, { recursive: true });
  const id = fingerprint();
  const out = join(BUILDS, id);
  const lock = `${out}.lock`;
  for (;;) {
    if (existsSync(join(out, 'index.html'))) return out;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building the same sources: wait for its result (or its lock to go stale).
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await until(POLL_MS);
    }
  }
  const partial = `${out}.partial`;
  try {
    rmSync(partial, { recursive: true, force: true });
    await vite(['--outDir', partial, '--emptyOutDir']);
    await vite(['--config', 'e2e/support/vite.bridge.config.ts', '--outDir', join(partial, '__e2e')]);
    renameSync(partial, out);
    for (const old of readdirSync(BUILDS)) {
      if (!old.startsWith(id) && !old.endsWith('.lock') && !old.endsWith('.partial')) rmSync(join(BUILDS, old), { recursive: true, force: true });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  console.log(`e2e: built the renderer into ${relative(REPO, out)}`);
  return out;
}
