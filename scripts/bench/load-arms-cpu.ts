/**
 * CPU clocks for the load arms. Wall time means little while several people share two cores; the
 * CPU a load spends does not depend on who else runs. PostgreSQL's work is done by its backend,
 * which reads its own `/proc/self/stat` for us (`pg_read_file` needs a superuser: the bench's own
 * server runs as `postgres`), so the same clock serves the engine's session and psql's.
 */
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** The query that makes a PostgreSQL backend report its own CPU: one row, the stat line. */
export const BACKEND_STAT_QUERY = "SELECT pg_read_file('/proc/self/stat')";

/**
 * User + system CPU seconds in a `/proc/<pid>/stat` line: the process's own, and those of the
 * children it has waited for (psql, spawned by the bench).
 */
export function statCpuSeconds(stat: string): { own: number; children: number } {
  // Field 2 (the command) is in parentheses and may hold spaces: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ').map(Number);
  // fields[0] is field 3 (state), so utime (field 14) is fields[11], stime fields[12], cutime and cstime the next two.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15);
  if (![utime, stime, cutime, cstime].every((n) => Number.isFinite(n))) throw new Error(`not a /proc stat line: ${stat.slice(0, 80)}`);
  return { own: (utime! + stime!) / TICKS_PER_SECOND, children: (cutime! + cstime!) / TICKS_PER_SECOND };
}

/** CPU seconds of this process (microsecond clock) and of the children it has waited for (psql runs of the native arm). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6 + statCpuSeconds(readFileSync('/proc/self/stat', 'utf8')).children;
}
