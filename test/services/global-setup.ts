// Vitest globalSetup: starts PostgreSQL, MariaDB and Azurite once per test run and hands their connection
// details to the tests, which read them with `inject('postgres')` / `inject('mariadb')` and make their
// own database with test/services/databases.ts (or `inject('azurite')` and their own container). The
// returned function stops the servers.
import type { TestProject } from 'vitest/node';
import { startAzurite, type AzuriteInfo } from './azurite-server.ts';
import type { RunningServer, ServerInfo } from './databases.ts';
import { startMariaDb } from './mariadb-server.ts';
import { startPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of this test run (superuser `postgres`, no password). */
    postgres: ServerInfo;
    /** The MariaDB server of this test run (`root`, no password). */
    mariadb: ServerInfo;
    /** Azurite's Blob service of this test run (its well-known account and key; no Data Lake endpoint). */
    azurite: AzuriteInfo;
  }
}

const info = ({ host, port, user, password, database }: RunningServer): ServerInfo => ({ host, port, user, password, database });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const results = await Promise.allSettled([startPostgres(), startMariaDb(), startAzurite()]);
  const servers = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async () => {
    const stops = await Promise.allSettled(servers.map((server) => server.stop()));
    const failures = stops.flatMap((stop) => (stop.status === 'rejected' ? [stop.reason] : []));
    if (failures.length) throw new AggregateError(failures, 'Could not stop the test database servers');
  };

  const [postgres, mariadb, azurite] = results;
  if (postgres.status === 'rejected' || mariadb.status === 'rejected' || azurite.status === 'rejected') {
    await stopAll().catch(() => undefined);
    const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    throw reasons.length === 1 ? reasons[0] : new AggregateError(reasons, 'Could not start the test database servers');
  }

  project.provide('postgres', info(postgres.value));
  project.provide('mariadb', info(mariadb.value));
  const { blobEndpoint, account, accountKey } = azurite.value;
  project.provide('azurite', { blobEndpoint, account, accountKey });
  if (process.env.LANDFALL_DEBUG_SERVERS) {
    console.log(`Test servers up in ${Date.now() - started} ms: PostgreSQL :${postgres.value.port}, MariaDB :${mariadb.value.port}, Azurite ${blobEndpoint}`);
  }
  return stopAll;
}
