/**
 * Text from outside the CLI (server errors, file names, source values, entity names) as it may
 * reach a terminal: control characters would be obeyed rather than shown (ESC starts a sequence
 * that can retitle the window, clear the screen or rewrite earlier lines; BEL rings; CR overwrites
 * the line), so each is written as an escape a reader can see (`\x1b`, `\x07`, `\u202e`).
 */

// C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI on some terminals),
// and the bidirectional overrides and isolates that reorder what the line shows.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, with tab and newline too
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * `text` with every control character escaped; newlines and tabs stay unless `oneLine` (a live
 * progress line, where a newline would break the redraw of the lines above it).
 */
export function terminalText(text: string, options: { readonly oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? UNSAFE_IN_LINE : UNSAFE, visible);
}
