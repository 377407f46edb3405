// The test servers from global-setup.ts are up, reachable, and keep text exactly as written.
import { afterEach, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { createMariaDbDatabase, createPostgresDatabase, type TestDatabase } from './databases.ts';

const ROWS: Array<[number, string | null]> = [
  [1, 'Zoë — naïve café, 日本語, emoji 🚀'],
  [2, `O'Brien said "hi"; back\\slash, 100% _under_`],
  [3, null],
  [4, ''],
];

let databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  databases = [];
});

describe('test servers', () => {
  it('PostgreSQL 15: fresh database, round trip of unicode, quotes and NULL', async () => {
    const db = await createPostgresDatabase(inject('postgres'), 'services');
    databases.push(db);
    expect(db.database).toMatch(/^services_/);
    const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
    await client.connect();
    try {
      const { rows: [version] } = await client.query<{ server_version: string }>('SHOW server_version');
      expect(version?.server_version).toMatch(/^15\.\d+/);
      const { rows: [current] } = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(current?.db).toBe(db.database);

      await client.query('CREATE TABLE people (id integer PRIMARY KEY, name text)');
      for (const [id, name] of ROWS) await client.query('INSERT INTO people (id, name) VALUES ($1, $2)', [id, name]);
      const { rows } = await client.query<{ id: number; name: string | null }>('SELECT id, name FROM people ORDER BY id');
      expect(rows.map((row) => [row.id, row.name])).toEqual(ROWS);
    } finally {
      await client.end();
    }
  });

  it('MariaDB 10.11: fresh database, round trip of unicode, quotes and NULL', async () => {
    const db = await createMariaDbDatabase(inject('mariadb'), 'services');
    databases.push(db);
    const connection = await mysql.createConnection({
      host: db.host, port: db.port, user: db.user, password: db.password, database: db.database, charset: 'utf8mb4',
    });
    try {
      const [[server]] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT VERSION() AS version, DATABASE() AS db, @@character_set_database AS charset, @@local_infile AS localInfile',
      );
      expect(server?.version).toMatch(/^10\.11\.\d+-MariaDB/);
      expect(server?.db).toBe(db.database);
      expect(server?.charset).toBe('utf8mb4');
      expect(Number(server?.localInfile)).toBe(1);

      await connection.query('CREATE TABLE people (id int PRIMARY KEY, name text)');
      for (const [id, name] of ROWS) await connection.execute('INSERT INTO people (id, name) VALUES (?, ?)', [id, name]);
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT id, name FROM people ORDER BY id');
      expect(rows.map((row) => [row.id, row.name])).toEqual(ROWS);
    } finally {
      await connection.end();
    }
  });

  it('gives each caller its own database, and drop() removes it', async () => {
    const [a, b] = await Promise.all([createPostgresDatabase(inject('postgres')), createPostgresDatabase(inject('postgres'))]);
    const [c, d] = await Promise.all([createMariaDbDatabase(inject('mariadb')), createMariaDbDatabase(inject('mariadb'))]);
    databases.push(a, b, c, d);
    expect(a.database).not.toBe(b.database);
    expect(c.database).not.toBe(d.database);

    await a.drop();
    await c.drop();
    const client = new pg.Client({ ...inject('postgres') });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[a.database, b.database]]);
      expect(rows.map((row) => row.datname)).toEqual([b.database]);
    } finally {
      await client.end();
    }
    const connection = await mysql.createConnection({ ...inject('mariadb') });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name IN (?, ?)', [c.database, d.database],
      );
      expect(rows.map((row) => row.name)).toEqual([d.database]);
    } finally {
      await connection.end();
    }
  });
});
