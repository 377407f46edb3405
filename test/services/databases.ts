// Helpers for integration tests: one fresh, uniquely named database per test on the servers that
// test/services/global-setup.ts starts. Test files run in parallel workers against the same two
// servers, so each test makes its own database and drops it when done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import mysql from 'mysql2/promise';

/** How to reach a server (or one database on it). Plain data, so Vitest can `provide` it. */
export interface ServerInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** A server started by the harness, and how to stop it. */
export interface RunningServer extends ServerInfo {
  /** Stops the server and removes its temporary folder. Safe to call more than once. */
  stop(): Promise<void>;
}

/** A database made for one test; `drop()` removes it (safe to call more than once). */
export interface TestDatabase extends ServerInfo {
  drop(): Promise<void>;
}

/**
 * A unique database name: `hint` (lower-cased, reduced to [a-z0-9_]) plus a random suffix, so two
 * tests asking for the same hint still get different databases. At most `maxLength` characters.
 */
export function uniqueDatabaseName(hint = 'test', maxLength = 63): string {
  const suffix = `${process.pid.toString(36)}_${randomBytes(5).toString('hex')}`;
  const cleaned = hint.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'test';
  const prefix = /^[a-z_]/.test(cleaned) ? cleaned : `t_${cleaned}`;
  return `${prefix.slice(0, maxLength - suffix.length - 1)}_${suffix}`;
}

const onlyOnce = (action: () => Promise<void>): (() => Promise<void>) => {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
};

/** Creates a fresh PostgreSQL database (UTF8). `name` is a readable prefix; a unique suffix is always added. */
export async function createPostgresDatabase(info: ServerInfo, name?: string): Promise<TestDatabase> {
  const database = uniqueDatabaseName(name, 63);
  const admin = new pg.Client({ ...info });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const drop = onlyOnce(async () => {
    const client = new pg.Client({ ...info });
    await client.connect();
    try {
      // WITH (FORCE) ends connections a test forgot to close (PostgreSQL 13+).
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  return { host: info.host, port: info.port, user: info.user, password: info.password, database, drop };
}

/** Creates a fresh MariaDB database (utf8mb4). `name` is a readable prefix; a unique suffix is always added. */
export async function createMariaDbDatabase(info: ServerInfo, name?: string): Promise<TestDatabase> {
  const database = uniqueDatabaseName(name, 64);
  const run = async (sql: string) => {
    const connection = await mysql.createConnection({ ...info, charset: 'utf8mb4' });
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };
  await run(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  const drop = onlyOnce(() => run(`DROP DATABASE IF EXISTS \`${database}\``));
  return { host: info.host, port: info.port, user: info.user, password: info.password, database, drop };
}
