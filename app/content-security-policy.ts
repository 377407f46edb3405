/**
 * The Content-Security-Policy the app sends with its page. It is read from the built page's own
 * `<meta http-equiv="Content-Security-Policy">` (renderer/index.html), so the header and the meta
 * tag cannot drift apart; a page without one gets the strict fallback.
 */

/** Used when the page declares no policy: only the app's own files. */
export const FALLBACK_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Directives every policy the app sends carries, whatever the page declares: no plugins, no
 * `<base>` that re-points the page's relative URLs, no form that posts anywhere (default-src does
 * not cover base-uri or form-action), and (only honoured as a header) no framing.
 */
const REQUIRED = ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"] as const;

const META = /<meta\s+[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i;
const CONTENT = /\bcontent\s*=\s*(["'])(.*?)\1/is;

/** The policy of a page's meta tag, or undefined when it has none. */
export function metaPolicy(html: string): string | undefined {
  const tag = META.exec(html)?.[0];
  if (!tag) return undefined;
  const content = CONTENT.exec(tag)?.[2]?.trim();
  return content ? content.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : undefined;
}

/** The header value for a page: its meta policy, with each {@link REQUIRED} directive it lacks added. */
export function headerPolicy(html: string): string {
  const policy = (metaPolicy(html) ?? FALLBACK_CSP).replace(/;\s*$/, '');
  const named = new Set(policy.split(';').map((directive) => directive.trim().split(/\s+/)[0]!.toLowerCase()));
  const missing = REQUIRED.filter((directive) => !named.has(directive.split(' ')[0]!));
  return [policy, ...missing].join('; ');
}
