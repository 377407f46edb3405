// One side of the lock race test: at each of `trials` instants, 15 ms apart from `start`, it tries
// to take the lock file of that trial and holds it for 8 ms. Per trial it prints a line: whether it
// got it, when it tried, when it had it and when it let go (milliseconds since the epoch, to the microsecond).
// Waiting for each instant by spinning keeps the two processes' attempts within microseconds.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { holdLockFile } from '../../engine/run-lock.ts';

const [folder, trials, start] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const now = (): number => performance.timeOrigin + performance.now();
const spinUntil = (at: number): void => {
  while (now() < at);
};
const lines: string[] = [];
for (let trial = 0; trial < trials; trial++) {
  spinUntil(start + trial * 15);
  const tried = now();
  const db = holdLockFile(join(folder, `trial-${trial}.lock.db`));
  // Read after taking and before letting go: within the time it really held the lock, whatever
  // the scheduler does between these lines.
  const took = now();
  if (db) spinUntil(start + trial * 15 + 8);
  const freed = now();
  db?.close();
  lines.push(`${db ? 1 : 0} ${tried} ${took} ${freed}`);
}
process.stdout.write(lines.join('\n'));
