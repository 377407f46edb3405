/**
 * The paths the user handed this window: each one chosen in the native file dialog. A handler that
 * touches a path the page names (creates a project, write-probes a folder) accepts it only if the
 * user chose it, or it lies where the open project already keeps its files, or it is typed in a
 * visible field (the request says so) and the user confirmed it in a native message box: page
 * script alone cannot make the app reach an invented path.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { PathPurpose } from '../../shared/ipc/contract.ts';

/** Whether `path` is `folder` or inside it (both absolute). */
export function isInside(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

export class PathGrants {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  /** Typed paths the user declined this session: not asked again. */
  private readonly declined = new Set<string>();

  /** Remembers a path the dialog returned: a folder grants what is inside it, a file only itself. */
  grant(path: string, kind: 'file' | 'folder'): void {
    (kind === 'folder' ? this.folders : this.files).add(resolve(path));
  }

  /** Remembers the user's answer about a typed path: allowed grants that path (not what is inside it). */
  answer(path: string, allowed: boolean): void {
    if (allowed) this.grant(path, 'file');
    else this.declined.add(resolve(path));
  }

  /** Whether the user declined `path` in this session. */
  wasDeclined(path: string): boolean {
    return this.declined.has(resolve(path));
  }

  /** Whether the user chose `path` (or a folder holding it), or allowed it typed, in this session. */
  allows(path: string): boolean {
    const file = resolve(path);
    if (this.files.has(file)) return true;
    for (const folder of this.folders) if (isInside(file, folder)) return true;
    return false;
  }
}

/**
 * Asks the user, in a native confirmation, whether the app may do `action` at a `path` typed in
 * the window (Electron's message box in the app, a stand-in in tests): true when they allow it.
 */
export type PathConfirmer = (request: { readonly path: string; readonly action: string }) => Promise<boolean>;

/** Shows the native file dialog for `purpose`; the chosen path, or undefined when the user cancels. */
export type PathChooser = (request: { readonly purpose: PathPurpose; readonly defaultPath?: string | undefined }) => Promise<string | undefined>;
