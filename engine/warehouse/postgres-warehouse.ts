import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { compile, type Statement } from '../../shared/sql/statement.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { postgresClient, type PostgresConfig } from '../source/postgres-source.ts';
import { lostConnection } from '../retry.ts';
import { readLanded, type Warehouse } from './warehouse.ts';

const d = dialect('postgres');

/** A PostgreSQL warehouse: each landed CSV file is streamed in with `COPY … FROM STDIN`. */
export async function postgresWarehouse(config: PostgresConfig): Promise<Warehouse> {
  const client = postgresClient(config, 'landfall load');
  await client.connect();
  // A session ended under a statement (pg_terminate_backend, a restart) fails that statement and
  // every later one at once, instead of an unhandled 'error' event or a wait for ever.
  const lost = lostConnection(client);
  const guarded = <T>(work: Promise<T>): Promise<T> => Promise.race([work, lost]);
  const run = async (statement: Statement): Promise<void> => {
    const { sql, params } = compile(statement, d);
    await guarded(client.query(sql, params));
  };
  return {
    dialect: 'postgres',
    serialCommits: false,
    run,
    async execute(sql, params) {
      await guarded(client.query(sql, [...params]));
    },
    async query(statement) {
      const { sql, params } = compile(statement, d);
      return (await guarded(client.query({ text: sql, values: params, rowMode: 'array' }))).rows as unknown[][];
    },
    async load(statement, file, compression) {
      await guarded(pipeline(readLanded(file, compression), client.query(copyFrom(compile(statement, d).sql))));
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
