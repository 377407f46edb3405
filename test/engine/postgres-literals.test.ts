// A PostgreSQL source whose server reads '…' the old way (standard_conforming_strings = off, set
// on its database so every session of the engine gets it): a project parameter that ends in a
// backslash and a quote, inlined into `COPY (…) TO STDOUT` (COPY takes no bound parameters), must
// land as written and run nothing else; a COPY the server refuses ends as a failed entity, in a
// real engine process that exits cleanly.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { parseEntity } from '../../shared/model/index.ts';
import { createSource, createWarehouse, jobSpec, must, readVersions, type Workspace, workspace } from './fixtures.ts';
import { forkEngine } from './engine-child.ts';
import { postgresSource } from '../../engine/source/postgres-source.ts';

const COLUMNS = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'note', type: 'string(200)' },
];
const ENTITY = { name: 'notes', columns: [...COLUMNS, { name: 'tag', type: 'string(400)' }], businessKey: ['id'], warehouse: 'wh' };
/** Ends its literal early where backslashes escape, then tries to run SQL of its own. */
const HOSTILE = "x\\'; CREATE TABLE pwned (); SELECT '\\";

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function hostileSource() {
  const source = await createSource('postgres', ws);
  await source.createTable('notes', COLUMNS);
  await source.exec(`INSERT INTO notes VALUES (1, 'one'), (2, E'back\\\\slash ''quoted''')`);
  // Every later session on this database starts with it off, as a server configured that way would.
  await source.exec(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET standard_conforming_strings = off', current_database()); END $$`);
  return source;
}

async function tableExists(server: pg.ClientConfig, table: string): Promise<boolean> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
    return (rows[0] as { found: boolean }).found;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL literals with standard_conforming_strings off', () => {
  it('a hostile @parameter lands exactly as written through COPY, and nothing else runs', async () => {
    const source = await hostileSource();
    const wh = await createWarehouse('duckdb', ws);
    const spec = {
      ...jobSpec({
        ws,
        connections: [source.connection, wh.connection],
        batchId: 1,
        entities: [{ entity: ENTITY, extract: { entity: 'notes', source: { kind: 'table', connection: 'src', table: 'notes' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, mappings: [{ column: 'tag', expression: '@tag' }] } }],
      }),
      parameters: { tag: HOSTILE },
    };
    const engine = forkEngine(spec);
    const exit = await engine.exited;
    expect(exit, engine.stderr()).toEqual({ code: 0, signal: null });
    const result = await engine.result();
    expect(result.entities[0], result.entities[0]?.error).toMatchObject({ status: 'done', mode: 'full', rows: 2 });
    const statements = engine.events.flatMap((e) => (e.type === 'entity:statement' && e.entry.step === 'extract' ? [e.entry.sql] : []));
    expect(statements.at(-1)).toContain(`E'x\\\\''; CREATE TABLE pwned (); SELECT ''\\\\'`);
    const versions = await readVersions(wh, must(parseEntity(ENTITY)));
    expect(versions.map((v) => v.values)).toEqual([
      ['1', 'one', HOSTILE],
      ['2', "back\\slash 'quoted'", HOSTILE],
    ]);
    expect(await tableExists(source.server!, 'pwned')).toBe(false);
  });
});

describe('a COPY reply that is not one COPY … TO STDOUT', () => {
  // Each of these made pg call a handler pg-copy-streams lacks (handleRowDescription,
  // handleDataRow, handleCopyData): a TypeError thrown from the socket handler, the process gone.
  it.each([
    ['a query', 'SELECT 1', 'rows of a query'],
    ['a COPY then a query', 'COPY (SELECT 1) TO STDOUT; SELECT 2', 'rows of a query'],
    ['a query then a COPY', 'SELECT 1; COPY (SELECT 2) TO STDOUT', 'rows of a query'],
    ['two COPYs', 'COPY (SELECT 1) TO STDOUT; COPY (SELECT 2) TO STDOUT', 'the data of a second COPY'],
    ['a COPY then another statement', 'COPY (SELECT 1) TO STDOUT; CREATE TEMP TABLE t (a int)', 'a second statement (CREATE TABLE)'],
    ['a statement that is no COPY', 'CREATE TEMP TABLE t (a int)', 'no COPY completion'],
    ['a COPY FROM STDIN', 'CREATE TEMP TABLE t (a int); COPY t FROM STDIN', 'a COPY FROM STDIN'],
  ])('%s fails the read with what the server answered, and the process lives on', async (_label, copy, answer) => {
    const server = inject('postgres');
    const source = await postgresSource({ ...server, ssl: false });
    try {
      const read = async (): Promise<string> => {
        let text = '';
        for await (const chunk of source.copyOut!([], copy, new AbortController().signal)) text += Buffer.from(chunk).toString('utf8');
        return text;
      };
      await expect(read()).rejects.toThrow(`the extract did not run as one COPY … TO STDOUT: the server answered with ${answer}`);
    } finally {
      await source.close();
    }
  });

  it('one COPY still reads to the end, and a server error is the server\'s own', async () => {
    const source = await postgresSource({ ...inject('postgres'), ssl: false });
    try {
      let text = '';
      for await (const chunk of source.copyOut!([], 'COPY (SELECT generate_series(1, 3)) TO STDOUT', new AbortController().signal)) text += Buffer.from(chunk).toString('utf8');
      expect(text).toBe('1\n2\n3\n');
      const failing = async (): Promise<void> => {
        for await (const chunk of source.copyOut!([], 'COPY (SELECT 1 / 0) TO STDOUT', new AbortController().signal)) void chunk;
      };
      await expect(failing()).rejects.toThrow('division by zero');
    } finally {
      await source.close();
    }
  });
});
