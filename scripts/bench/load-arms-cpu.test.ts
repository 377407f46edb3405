// The load arms' PostgreSQL clock: a backend reaped by the postmaster while the clock lists the
// live children was in neither sum, so psql's backend, ending as `\copy` returned, went uncounted
// on a busy machine. A table of processes stands in for /proc to reap one at exactly that moment.
import { expect, test } from 'vitest';
import { serverCpuSeconds, type ProcessTable } from './load-arms-cpu.ts';

/** A /proc stat line with these CPU ticks (1/100 s): fields 3 and 4 (state, parent), zeros, then utime, stime, cutime, cstime. */
const statLine = (pid: number, parent: number, own: number, children: number): string =>
  `${pid} (postgres) S ${parent} ${Array(9).fill(0).join(' ')} ${own} 0 ${children} 0 0 0`;

test('a backend reaped while the live children are listed is counted once', () => {
  const postmaster = 100;
  const backend = 101;
  // Postmaster: 1 s of its own, 2 s of children reaped before; the backend alive with 3 s.
  let reaped = 200;
  let backendAlive = true;
  const table: ProcessTable = {
    stat: (pid) => (pid === postmaster ? statLine(postmaster, 1, 100, reaped) : pid === backend && backendAlive ? statLine(backend, postmaster, 300, 0) : undefined),
    pids: () => {
      // The backend ends and is reaped just as the listing starts: its 3 s move to the postmaster's reaped total.
      if (backendAlive) {
        backendAlive = false;
        reaped += 300;
      }
      return [1, postmaster];
    },
  };
  expect(serverCpuSeconds(postmaster, table)).toBeCloseTo(6, 5);
});

test('a backend alive throughout is counted by its own clock', () => {
  const table: ProcessTable = {
    stat: (pid) => (pid === 100 ? statLine(100, 1, 100, 200) : pid === 101 ? statLine(101, 100, 300, 0) : pid === 102 ? statLine(102, 7, 900, 0) : undefined),
    pids: () => [1, 100, 101, 102],
  };
  // 102 belongs to another parent (another server, or psql itself): not this server's CPU.
  expect(serverCpuSeconds(100, table)).toBeCloseTo(6, 5);
});
