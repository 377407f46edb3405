/**
 * The Content-Security-Policy the app sends with its page. It is read from the built page's own
 * `<meta http-equiv="Content-Security-Policy">` (renderer/index.html), so the header and the meta
 * tag cannot drift apart; a page without one gets the strict fallback.
 */

/** Used when the page declares no policy: only the app's own files. */
export const FALLBACK_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const META = /<meta\s+[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i;
const CONTENT = /\bcontent\s*=\s*(["'])(.*?)\1/is;

/** The policy of a page's meta tag, or undefined when it has none. */
export function metaPolicy(html: string): string | undefined {
  const tag = META.exec(html)?.[0];
  if (!tag) return undefined;
  const content = CONTENT.exec(tag)?.[2]?.trim();
  return content ? content.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : undefined;
}

/** The header value for a page: its meta policy, hardened with what a meta tag cannot say. */
export function headerPolicy(html: string): string {
  const policy = metaPolicy(html) ?? FALLBACK_CSP;
  // frame-ancestors is ignored in a meta tag; as a header it keeps the page from being framed.
  return /frame-ancestors/.test(policy) ? policy : `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}
