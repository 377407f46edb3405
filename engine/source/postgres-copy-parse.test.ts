// The COPY's CopyData messages taken out of each socket chunk in place (postgres-source.ts,
// parseCopyDataFast): the same bytes as pg-copy-streams' own parser, rows cut anywhere by chunk
// ends (short rows, so headers split too, and rows far longer than a chunk), errors mid-COPY
// still reported after the rows before them, and no object per row.
import { createRequire } from 'node:module';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../test/services/databases.ts';
import { postgresSource } from './postgres-source.ts';

const ROWS = 30_000;
const COPY = `COPY (SELECT g, CASE WHEN g % 97 = 0 THEN repeat('long "row", ' || g, 9000) WHEN g % 11 = 0 THEN NULL ELSE repeat('x', (g % 40)::int) || E'\\n"q",' END FROM generate_series(1, ${ROWS}) AS g) TO STDOUT WITH (FORMAT csv)`;

/** pg-copy-streams' buffer list, whose `take` made one Buffer per row before. */
const BufferList = createRequire(import.meta.url)('pg-copy-streams/obuf.js') as { prototype: { take(n: number): Buffer } };

let db: TestDatabase;
beforeAll(async () => {
  db = await createPostgresDatabase(inject('postgres'), 'copy_parse');
});
afterAll(async () => {
  await db?.drop();
});

const config = (): Parameters<typeof postgresSource>[0] => ({ host: db.host, port: db.port, database: db.database, user: db.user, password: db.password, ssl: false });

/** The COPY's bytes as pg-copy-streams alone yields them. */
async function libraryBytes(copy: string): Promise<Buffer> {
  const client = new pg.Client({ host: db.host, port: db.port, database: db.database, user: db.user, password: db.password });
  await client.connect();
  try {
    const parts: Buffer[] = [];
    for await (const chunk of client.query(copyTo(copy))) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL COPY … TO STDOUT parsing', () => {
  it('yields exactly the library\'s bytes, without a Buffer per row', async () => {
    const expected = await libraryBytes(COPY);
    const source = await postgresSource(config());
    const take = BufferList.prototype.take;
    let takes = 0;
    BufferList.prototype.take = function (this: unknown, n: number): Buffer {
      takes++;
      return take.call(this, n);
    };
    const parts: Uint8Array[] = [];
    try {
      for await (const chunk of source.copyOut!([], COPY, new AbortController().signal)) parts.push(Buffer.from(chunk));
    } finally {
      BufferList.prototype.take = take;
      await source.close();
    }
    const got = Buffer.concat(parts);
    expect(got.length).toBe(expected.length);
    expect(got.equals(expected)).toBe(true);
    // Before: one take per row's content and one per chunk (ROWS + chunks). Now only the chunks
    // whose front the library's parser reads (a split header, the last messages).
    expect(takes).toBeLessThan(ROWS / 20);
  });

  it('keeps the rows before an error in the middle of a COPY, and reports the error', async () => {
    const failing = `COPY (SELECT g, CASE WHEN g = 20000 THEN CAST(1 / (g - 20000) AS TEXT) ELSE repeat('y', (g % 30)::int) END FROM generate_series(1, 25000) AS g) TO STDOUT WITH (FORMAT csv)`;
    const source = await postgresSource(config());
    let bytes = Buffer.alloc(0);
    try {
      await expect((async () => {
        for await (const chunk of source.copyOut!([], failing, new AbortController().signal)) bytes = Buffer.concat([bytes, chunk]);
      })()).rejects.toThrow('division by zero');
    } finally {
      await source.close();
    }
    // Whole rows only, numbered from 1 on, however many the server sent before it failed.
    const lines = bytes.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    // (Empty text is qualified, to stay apart from NULL.)
    lines.forEach((line, i) => expect(line).toBe(`${i + 1},${(i + 1) % 30 === 0 ? '""' : 'y'.repeat((i + 1) % 30)}`));
    expect(lines.length).toBeLessThan(20_000);
  });
});
