// One side of the lock race test: at each of `trials` instants, 20 ms apart from `start`, it tries
// to take the lock file of that trial, holds it for 10 ms, and prints 1 if it got it and 0 if not.
// Waiting for each instant by spinning keeps the two processes' attempts within microseconds.
import { join } from 'node:path';
import { holdLockFile } from '../../engine/run-lock.ts';

const [folder, trials, start] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const spinUntil = (at: number): void => {
  while (Date.now() < at);
};
let got = '';
for (let trial = 0; trial < trials; trial++) {
  spinUntil(start + trial * 20);
  const db = holdLockFile(join(folder, `trial-${trial}.lock.db`));
  got += db ? '1' : '0';
  spinUntil(start + trial * 20 + 10);
  db?.close();
}
process.stdout.write(got);
