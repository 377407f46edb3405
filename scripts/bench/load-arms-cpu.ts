/**
 * CPU clocks for the load arms. Wall time means little while several people share two cores; the
 * CPU a load spends does not depend on who else runs. PostgreSQL's share is the whole server's:
 * the session's backend, but also the parallel workers a plan starts and the WAL writer and
 * checkpointer, which a backend-only clock misses (a parallel count's workers are not in its
 * backend's /proc stat). So the bench's own, local server is measured through /proc: the
 * postmaster with the children it has reaped, plus every child alive.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** The query that names the server's postmaster: the first line of its pid file (superuser only, as the bench's server runs). */
export const POSTMASTER_PID_QUERY = "SELECT split_part(pg_read_file('postmaster.pid'), E'\\n', 1)";

/** One /proc/<pid>/stat line: parent pid, own CPU seconds and those of the children it has waited for. */
export function statCpuSeconds(stat: string): { parent: number; own: number; children: number } {
  // Field 2 (the command) is in parentheses and may hold spaces: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ').map(Number);
  // fields[0] is field 3 (state): ppid (field 4) is fields[1], utime (field 14) fields[11], then stime, cutime and cstime.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15);
  const parent = fields[1];
  if (![parent, utime, stime, cutime, cstime].every((n) => Number.isFinite(n))) throw new Error(`not a /proc stat line: ${stat.slice(0, 80)}`);
  return { parent: parent!, own: (utime! + stime!) / TICKS_PER_SECOND, children: (cutime! + cstime!) / TICKS_PER_SECOND };
}

/** The stat line of a process, or undefined when it has just ended. */
function readStat(pid: number | 'self'): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

/** CPU seconds of this process (microsecond clock) and of the children it has waited for (psql runs of the native arm). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6 + statCpuSeconds(readStat('self')!).children;
}

/** Where the stat lines are read: /proc, or a test's table of processes. */
export interface ProcessTable {
  /** The stat line of a process, or undefined when it has ended. */
  stat(pid: number): string | undefined;
  /** The pids of the processes alive. */
  pids(): number[];
}

const PROC: ProcessTable = {
  stat: readStat,
  pids: () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number),
};

/** Listings of the children taken again when the postmaster reaped one meanwhile, at most. */
const STABLE_READS = 5;

/**
 * CPU seconds the PostgreSQL server whose postmaster is `postmaster` has spent: its own, its
 * reaped children's (ended sessions, parallel workers) and its live children's. A child reaped
 * while the children are listed would be in neither sum (or in both): the postmaster's reaped
 * total is read before and after the listing, and the listing taken again until they agree (psql's
 * backend, ending just as `\copy` returns, was missed that way on a busy machine: a native load of
 * 200,000 rows counted 0.08 CPU seconds).
 */
export function serverCpuSeconds(postmaster: number, table: ProcessTable = PROC): number {
  const root = (): { own: number; children: number } => {
    const line = table.stat(postmaster);
    if (line === undefined) throw new Error(`no PostgreSQL postmaster with pid ${postmaster} on this machine`);
    return statCpuSeconds(line);
  };
  for (let read = 1; ; read++) {
    const before = root();
    let live = 0;
    for (const pid of table.pids()) {
      const line = table.stat(pid);
      if (line === undefined) continue;
      const stat = statCpuSeconds(line);
      if (stat.parent === postmaster) live += stat.own;
    }
    const after = root();
    if (after.children === before.children || read === STABLE_READS) return after.own + before.children + live;
  }
}
