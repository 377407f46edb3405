/**
 * The recently opened projects, newest first, kept in `<state folder>/recent.json` (the app's
 * user-data folder). A damaged file is treated as empty rather than blocking the start screen.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecentProject } from '../../shared/ipc/contract.ts';

export const RECENT_MAX = 10;

interface Entry {
  readonly path: string;
  readonly name: string;
  readonly openedAt: string;
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const { path, name, openedAt } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof name === 'string' && typeof openedAt === 'string';
}

export class RecentProjects {
  private readonly file: string;

  constructor(stateFolder: string) {
    this.file = join(stateFolder, 'recent.json');
  }

  private read(): Entry[] {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  /** The list, each with whether its file is still there. */
  list(): RecentProject[] {
    return this.read().map((entry) => ({ ...entry, exists: existsSync(entry.path) }));
  }

  /** Puts a project first (once), keeping at most {@link RECENT_MAX}. */
  add(path: string, name: string, at = new Date()): void {
    const entries = [{ path, name, openedAt: at.toISOString() }, ...this.read().filter((entry) => entry.path !== path)].slice(0, RECENT_MAX);
    mkdirSync(join(this.file, '..'), { recursive: true });
    // Written beside and renamed: a crash mid-write never leaves half a list.
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(entries, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}
