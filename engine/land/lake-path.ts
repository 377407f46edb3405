/**
 * The one place names become paths in a lake or a source folder. A lake path is relative to its
 * store's root, `/`-separated, and never climbs out of it: a `..` segment (from an entity named
 * `../victimdir`, a lander folder or a file source's folder) is refused rather than resolved, so no
 * lander or file source can write, move or delete a sibling's files.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Thrown when a name or folder would lead outside the root it is meant to stay in. */
export class LakePathError extends Error {
  override readonly name = 'LakePathError';
}

/**
 * An entity, run id or name made safe as one path segment (and file name part): every run of
 * characters other than letters, digits, `.`, `_` and `-` becomes `_`, and a segment of dots alone
 * (`.`, `..`), which a file system reads as "here" or "the parent", gets a leading `_`.
 */
export function safeName(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_');
  return /^\.*$/.test(safe) ? `_${safe}` : safe;
}

/**
 * Joins path parts with `/`, dropping empty and `.` segments and stray slashes (either kind);
 * refuses a `..` segment, since a lake path must stay under its root.
 */
export function lakePath(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split(/[\\/]+/)).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    throw new LakePathError(`"${parts.filter(Boolean).join('/')}" climbs out of its folder with "..": name folders and entities without ".." segments`);
  }
  return segments.join('/');
}

/**
 * The absolute path of lake path `path` under the local folder `root`, proven to stay inside it
 * (the root itself included). `path` goes through {@link lakePath}, so `..` is refused before the
 * check; the check still guards any caller that builds a path some other way.
 */
export function insideRoot(root: string, path: string): string {
  const base = resolve(root);
  const full = resolve(base, lakePath(path));
  const rel = relative(base, full);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new LakePathError(`${full} is outside ${base}`);
  return full;
}
