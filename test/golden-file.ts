/**
 * Checked-in golden files. A golden is written only on request (`UPDATE_GOLDEN=1`, never under
 * `CI`): Vitest's own file snapshots write a missing file and pass, so a golden deleted or never
 * committed would go unnoticed on every machine but CI's.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Whether this run may write golden files: `UPDATE_GOLDEN=1`, and not in CI. */
export function updatingGoldens(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_GOLDEN === '1' && !env.CI;
}

/**
 * Expects `text` to equal the golden file at `file` (a URL, usually `new URL('./x', import.meta.url)`).
 * When {@link updatingGoldens}, writes it first; otherwise a missing file fails, naming how to write it.
 */
export function expectGoldenFile(text: string, file: URL, env: NodeJS.ProcessEnv = process.env): void {
  const path = fileURLToPath(file);
  if (updatingGoldens(env)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  if (!existsSync(path)) throw new Error(`the golden file ${path} is missing: write it with UPDATE_GOLDEN=1 npx vitest run <test file> and review it like code`);
  expect(text, `golden file ${path} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
}
