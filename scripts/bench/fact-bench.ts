/**
 * `npm run bench:facts [-- --rows N]`: fact ingestion on MariaDB (InnoDB), flip-flop staging with
 * batched inserts against the naive per-row path (fact-arms.ts), on a private MariaDB started for
 * the run. Prints rows/s for both and their ratio, then one JSON line; exit 1 when the two arms'
 * facts or summaries differ.
 */
import { parseConnection } from '../../shared/model/validate.ts';
import { startMariaDb } from '../../test/services/mariadb-server.ts';
import { createMariaDbDatabase } from '../../test/services/databases.ts';
import { flipFlopArm, naiveArm, verifyArms } from './fact-arms.ts';

const at = process.argv.indexOf('--rows');
const rows = at > 0 ? Number(process.argv[at + 1]) : 50_000;
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a whole number, not ${process.argv[at + 1]}`);

const server = await startMariaDb();
try {
  const db = await createMariaDbDatabase(server, 'fact_bench');
  const parsed = parseConnection({ name: 'wh', kind: 'mariadb', host: db.host, port: db.port, database: db.database, user: db.user });
  if (!parsed.ok || parsed.value.kind !== 'mariadb') throw new Error('bad bench connection');
  const connection = parsed.value;
  const flip = await flipFlopArm(connection, rows);
  const naive = await naiveArm(connection, rows);
  const problems = await verifyArms(connection);
  const line = (r: typeof flip): string => `${r.arm.padEnd(10)} ${r.rows.toLocaleString('en-US').padStart(10)} rows  ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(r.rowsPerSecond).toLocaleString('en-US').padStart(9)} rows/s`;
  process.stdout.write(`fact ingestion on MariaDB (InnoDB), ${rows.toLocaleString('en-US')} pushed rows, 500 host names, hourly summary\n${line(flip)}\n${line(naive)}\nflip-flop: ${flip.ingestSeconds!.toFixed(2)} s pushing into Staging, ${flip.processSeconds!.toFixed(2)} s processing\nflip-flop / naive: ${(flip.rowsPerSecond / naive.rowsPerSecond).toFixed(1)}×\n`);
  for (const problem of problems) process.stdout.write(`MISMATCH: ${problem}\n`);
  process.stdout.write(`${JSON.stringify({ rows, flipFlop: flip, naive, ok: problems.length === 0 })}\n`);
  process.exitCode = problems.length ? 1 : 0;
  await db.drop();
} finally {
  await server.stop();
}
