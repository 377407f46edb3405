// One small client per engine, so the warehouse scenarios run the generated SQL unchanged on
// DuckDB and SQLite in-process and on the PostgreSQL and MariaDB servers the harness starts.
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { compile, dialect, type DialectName, type Statement } from '../../shared/sql/index.ts';
import { createMariaDbDatabase, createPostgresDatabase, type ServerInfo } from '../services/databases.ts';

export interface Engine {
  readonly name: DialectName;
  /** Runs a generated statement. */
  run(statement: Statement): Promise<void>;
  /** Runs a generated query; every value comes back as text (or null) so engines compare alike. */
  rows(statement: Statement): Promise<(string | null)[][]>;
  /** Runs test-written SQL text. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export async function duckdbEngine(): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  const d = dialect('duckdb');
  const values = (params: unknown[]) => params as (string | number | boolean | null | bigint)[];
  return {
    name: 'duckdb',
    async run(statement) {
      const { sql, params } = compile(statement, d);
      await connection.run(sql, values(params));
    },
    async rows(statement) {
      const { sql, params } = compile(statement, d);
      const reader = await connection.runAndReadAll(sql, values(params));
      return reader.getRows().map((row) => row.map(text));
    },
    async exec(sql) {
      await connection.run(sql);
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function sqliteEngine(): Promise<Engine> {
  const db = new Database(':memory:');
  const d = dialect('sqlite');
  return {
    name: 'sqlite',
    async run(statement) {
      const { sql, params } = compile(statement, d);
      db.prepare(sql).run(...params);
    },
    async rows(statement) {
      const { sql, params } = compile(statement, d);
      return (db.prepare(sql).raw().all(...params) as unknown[][]).map((row) => row.map(text));
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresEngine(server: ServerInfo): Promise<Engine> {
  const database = await createPostgresDatabase(server, 'scenario');
  // Every value as the server's text, so timestamps and numerics are compared exactly.
  const client = new pg.Client({ ...database, types: { getTypeParser: () => (value: string) => value } });
  await client.connect();
  const d = dialect('postgres');
  return {
    name: 'postgres',
    async run(statement) {
      const { sql, params } = compile(statement, d);
      await client.query(sql, params);
    },
    async rows(statement) {
      const { sql, params } = compile(statement, d);
      const result = await client.query({ text: sql, values: params, rowMode: 'array' });
      return (result.rows as unknown[][]).map((row) => row.map(text));
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      await client.end();
      await database.drop();
    },
  };
}

export async function mariadbEngine(server: ServerInfo): Promise<Engine> {
  const database = await createMariaDbDatabase(server, 'scenario');
  const connection = await mysql.createConnection({
    host: database.host,
    port: database.port,
    user: database.user,
    password: database.password,
    database: database.database,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    charset: 'utf8mb4',
  });
  const d = dialect('mariadb');
  return {
    name: 'mariadb',
    async run(statement) {
      const { sql, params } = compile(statement, d);
      await connection.query({ sql, values: params });
    },
    async rows(statement) {
      const { sql, params } = compile(statement, d);
      const [rows] = await connection.query({ sql, values: params, rowsAsArray: true });
      return (rows as unknown[][]).map((row) => row.map(text));
    },
    async exec(sql) {
      await connection.query(sql);
    },
    async close() {
      await connection.end();
      await database.drop();
    },
  };
}
