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
    // No plugins, no <base> re-pointing relative URLs, no form posting anywhere: in the page and the header.
    for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(meta).toContain(directive);
      expect(headerPolicy(html).split('; ')).toContain(directive);
    }
  });

  it('adds what a page\'s policy lacks and keeps what it says', () => {
    const page = (policy: string) => `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
    expect(headerPolicy(page("default-src 'self'"))).toBe("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(headerPolicy(page("default-src 'self'; base-uri 'self'; frame-ancestors 'self';"))).toBe("default-src 'self'; base-uri 'self'; frame-ancestors 'self'; object-src 'none'; form-action 'none'");
  });

  it('falls back to a strict policy for a page without one', () => {
    expect(metaPolicy('<html><head></head></html>')).toBeUndefined();
    expect(headerPolicy('')).toBe(FALLBACK_CSP);
  });

  it('reads the content attribute in any order and quoting', () => {
    expect(metaPolicy(`<meta content="default-src 'none'" http-equiv='content-security-policy'>`)).toBe("default-src 'none'");
  });
});
