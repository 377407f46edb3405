import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FALLBACK_CSP, headerPolicy, metaPolicy } from './content-security-policy.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('the Content-Security-Policy header', () => {
  it('is the renderer page\'s own meta policy, plus frame-ancestors', () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = metaPolicy(html);
    expect(meta).toMatch(/default-src 'self'/);
    expect(meta).toMatch(/script-src 'self'/);
    expect(headerPolicy(html)).toBe(`${meta}; frame-ancestors 'none'`);
    // Never a policy that would let injected inline script or eval run.
    expect(meta).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('falls back to a strict policy for a page without one', () => {
    expect(metaPolicy('<html><head></head></html>')).toBeUndefined();
    expect(headerPolicy('')).toBe(FALLBACK_CSP);
  });

  it('reads the content attribute in any order and quoting', () => {
    expect(metaPolicy(`<meta content="default-src 'none'" http-equiv='content-security-policy'>`)).toBe("default-src 'none'");
  });
});
