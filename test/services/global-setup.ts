// Vitest globalSetup: starts PostgreSQL and MariaDB once per test run and hands their connection
// details to the tests, which read them with `inject('postgres')` / `inject('mariadb')` and make their
// own database with test/services/databases.ts. The returned function stops both servers.
import type { TestProject } from 'vitest/node';
import type { RunningServer, ServerInfo } from './databases.ts';
import { startMariaDb } from './mariadb-server.ts';
import { startPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of this test run (superuser `postgres`, no password). */
    postgres: ServerInfo;
    /** The MariaDB server of this test run (`root`, no password). */
    mariadb: ServerInfo;
  }
}

const info = ({ host, port, user, password, database }: RunningServer): ServerInfo => ({ host, port, user, password, database });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const results = await Promise.allSettled([startPostgres(), startMariaDb()]);
  const servers = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async () => {
    const stops = await Promise.allSettled(servers.map((server) => server.stop()));
    const failures = stops.flatMap((stop) => (stop.status === 'rejected' ? [stop.reason] : []));
    if (failures.length) throw new AggregateError(failures, 'Could not stop the test database servers');
  };

  const [postgres, mariadb] = results;
  if (postgres.status === 'rejected' || mariadb.status === 'rejected') {
    await stopAll().catch(() => undefined);
    const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    throw reasons.length === 1 ? reasons[0] : new AggregateError(reasons, 'Could not start the test database servers');
  }

  project.provide('postgres', info(postgres.value));
  project.provide('mariadb', info(mariadb.value));
  if (process.env.LANDFALL_DEBUG_SERVERS) {
    console.log(`Test servers up in ${Date.now() - started} ms: PostgreSQL :${postgres.value.port}, MariaDB :${mariadb.value.port}`);
  }
  return stopAll;
}
