import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectGoldenFile, updatingGoldens } from './golden-file.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const goldenPath = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'landfall-golden-'));
  folders.push(folder);
  return join(folder, '__golden__', 'x.sql');
};

describe('expectGoldenFile', () => {
  it('fails on a missing file and writes nothing when UPDATE_GOLDEN is absent', () => {
    const path = goldenPath();
    expect(() => expectGoldenFile('SELECT 1', pathToFileURL(path), {})).toThrow(`the golden file ${path} is missing: write it with UPDATE_GOLDEN=1`);
    expect(existsSync(path)).toBe(false);
  });

  it('fails on a missing file in CI even with UPDATE_GOLDEN=1', () => {
    const path = goldenPath();
    expect(() => expectGoldenFile('SELECT 1', pathToFileURL(path), { CI: 'true', UPDATE_GOLDEN: '1' })).toThrow('is missing');
    expect(existsSync(path)).toBe(false);
  });

  it('writes the file with UPDATE_GOLDEN=1, and compares with it afterwards', () => {
    const path = goldenPath();
    expectGoldenFile('SELECT 1', pathToFileURL(path), { UPDATE_GOLDEN: '1' });
    expect(readFileSync(path, 'utf8')).toBe('SELECT 1');
    expectGoldenFile('SELECT 1', pathToFileURL(path), {});
    expect(() => expectGoldenFile('SELECT 2', pathToFileURL(path), {})).toThrow(/golden file .* \(UPDATE_GOLDEN=1 rewrites it\)/);
  });

  it('rewrites a differing file only with UPDATE_GOLDEN=1 outside CI', () => {
    const path = goldenPath();
    expectGoldenFile('old', pathToFileURL(path), { UPDATE_GOLDEN: '1' });
    expect(() => expectGoldenFile('new', pathToFileURL(path), { CI: '1', UPDATE_GOLDEN: '1' })).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expectGoldenFile('new', pathToFileURL(path), { UPDATE_GOLDEN: '1' });
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('reads UPDATE_GOLDEN and CI from the environment', () => {
    expect(updatingGoldens({ UPDATE_GOLDEN: '1' })).toBe(true);
    expect(updatingGoldens({ UPDATE_GOLDEN: 'true' })).toBe(false);
    expect(updatingGoldens({ UPDATE_GOLDEN: '1', CI: 'true' })).toBe(false);
    expect(updatingGoldens({})).toBe(false);
  });
});
