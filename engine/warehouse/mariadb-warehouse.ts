import mysql from 'mysql2/promise';
import type { Compression } from '../../shared/model/schema.ts';
import { compile, type Statement } from '../../shared/sql/statement.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { mariadbOptions, type MariaDbConfig } from '../source/mariadb-source.ts';
import { lostConnection } from '../retry.ts';
import { readLanded, type Warehouse } from './warehouse.ts';

const d = dialect('mariadb');

/**
 * A MariaDB warehouse: each landed CSV file goes in with `LOAD DATA LOCAL INFILE`, the driver
 * streaming the file (decompressed) when the server asks for it. Strict mode makes a value the
 * column cannot hold an error instead of a silent truncation.
 */
export async function mariadbWarehouse(config: MariaDbConfig): Promise<Warehouse> {
  let compression: Compression = 'none';
  const connection = await mysql.createConnection({
    ...mariadbOptions(config),
    multipleStatements: false,
    infileStreamFactory: (path: string) => readLanded(path, compression),
  });
  // A connection killed under a statement (KILL, a restart) fails that statement and every later one at once.
  // The promise wrapper does not re-emit its connection's events; its typings omit that connection.
  const lost = lostConnection((connection as unknown as { connection: Parameters<typeof lostConnection>[0] }).connection);
  const guarded = <T>(work: Promise<T>): Promise<T> => Promise.race([work, lost]);
  await connection.query("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
  // READ COMMITTED: InnoDB then takes no gap locks for the load's searches. Under REPEATABLE READ two
  // entities' persist transactions (loaded by two processes) each lock the gap where their
  // zdm.control_parameters row goes (its DELETE found none) and then wait on each other's to
  // INSERT it: a deadlock that failed one of them. Each entity's rows are its own (the run lock),
  // so no load reads anything another commits meanwhile.
  await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  const run = async (statement: Statement): Promise<void> => {
    const { sql, params } = compile(statement, d);
    await guarded(connection.query({ sql, values: params }));
  };
  return {
    dialect: 'mariadb',
    serialCommits: false,
    run,
    async execute(sql, params) {
      await guarded(connection.query({ sql, values: [...params] }));
    },
    async query(statement) {
      const { sql, params } = compile(statement, d);
      const [rows] = await guarded(connection.query({ sql, values: params, rowsAsArray: true }));
      return rows as unknown[][];
    },
    async load(statement, _file, fileCompression) {
      // The driver asks infileStreamFactory for the file the statement names.
      compression = fileCompression;
      await guarded(connection.query(compile(statement, d).sql));
    },
    async close() {
      await connection.end().catch(() => connection.destroy());
    },
  };
}
