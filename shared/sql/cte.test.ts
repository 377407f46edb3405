// splitQuery: the leading CTEs of a free query, hoisted in front of the extract's wrapper, and the
// main query that becomes its subquery. Strings, quoted names and comments must never be read as syntax.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseEntity, parseExtract } from '../model/index.ts';
import { DIALECTS, dialect } from './dialect.ts';
import { splitQuery } from './cte.ts';
import type { EntitySqlInput, RunState } from './steps/entity-sql-input.ts';
import { extractStatement } from './steps/extract.ts';
import { preview } from './statement.ts';

describe('splitQuery', () => {
  it('returns a query without CTEs as the body', () => {
    expect(splitQuery('SELECT a, b FROM t WHERE c = 1')).toEqual({ ctes: '', recursive: false, body: 'SELECT a, b FROM t WHERE c = 1' });
  });

  it('does not take a column or table named like the keyword for a CTE', () => {
    expect(splitQuery('SELECT with_id FROM withs')).toEqual({ ctes: '', recursive: false, body: 'SELECT with_id FROM withs' });
    expect(splitQuery('WITHOUT')).toEqual({ ctes: '', recursive: false, body: 'WITHOUT' });
  });

  it('splits one CTE from the main query', () => {
    expect(splitQuery('WITH a AS (SELECT 1 AS x) SELECT x FROM a')).toEqual({
      ctes: 'a AS (SELECT 1 AS x)',
      recursive: false,
      body: 'SELECT x FROM a',
    });
  });

  it('splits several CTEs, with nested parentheses and subqueries', () => {
    const query = [
      'WITH a AS (SELECT COUNT(*) AS n FROM (SELECT 1 AS one) AS s),',
      '     b AS (SELECT n + (1 * (2 + 3)) AS m FROM a),',
      '     c AS (SELECT * FROM b WHERE m IN (SELECT m FROM b))',
      'SELECT * FROM c',
    ].join('\n');
    expect(splitQuery(query)).toEqual({
      ctes: [
        'a AS (SELECT COUNT(*) AS n FROM (SELECT 1 AS one) AS s),',
        '     b AS (SELECT n + (1 * (2 + 3)) AS m FROM a),',
        '     c AS (SELECT * FROM b WHERE m IN (SELECT m FROM b))',
      ].join('\n'),
      recursive: false,
      body: 'SELECT * FROM c',
    });
  });

  it('recognises WITH RECURSIVE and leaves the keyword out of the CTE text', () => {
    expect(splitQuery('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r')).toEqual({
      ctes: 'r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3)',
      recursive: true,
      body: 'SELECT n FROM r',
    });
  });

  it('keeps a column list with the CTE name', () => {
    expect(splitQuery('WITH totals (customer_id, total) AS (SELECT 1, 2) SELECT * FROM totals')).toEqual({
      ctes: 'totals (customer_id, total) AS (SELECT 1, 2)',
      recursive: false,
      body: 'SELECT * FROM totals',
    });
  });

  it('accepts AS MATERIALIZED and AS NOT MATERIALIZED', () => {
    expect(splitQuery('WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT 2) SELECT * FROM a, b')).toEqual({
      ctes: 'a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT 2)',
      recursive: false,
      body: 'SELECT * FROM a, b',
    });
  });

  it('skips comments before WITH, even ones that contain WITH and parentheses', () => {
    const query = '-- WITH x AS ( a header\n/* WITH y AS ( ) ( */\n  WITH a AS (SELECT 1 AS x) SELECT x FROM a';
    expect(splitQuery(query)).toEqual({ ctes: 'a AS (SELECT 1 AS x)', recursive: false, body: 'SELECT x FROM a' });
  });

  it('drops leading comments from a query without CTEs', () => {
    expect(splitQuery('  -- lead (\n/* WITH */ SELECT 1')).toEqual({ ctes: '', recursive: false, body: 'SELECT 1' });
  });

  it('keeps comments between CTEs, even ones that contain WITH and parentheses', () => {
    const query = 'WITH a AS (SELECT 1 AS x) -- next: WITH b AS ( (\n, /* ) WITH ( */ b AS (SELECT 2 AS y)\n/* done ) */ SELECT * FROM a, b';
    expect(splitQuery(query)).toEqual({
      ctes: 'a AS (SELECT 1 AS x) -- next: WITH b AS ( (\n, /* ) WITH ( */ b AS (SELECT 2 AS y)',
      recursive: false,
      // A comment between the last CTE and the main query is white space: it goes.
      body: 'SELECT * FROM a, b',
    });
  });

  it('ignores parentheses and WITH inside comments within a CTE body', () => {
    const query = 'WITH a AS (SELECT 1 AS x -- ) WITH b AS (\n /* ) ) */ ) SELECT x FROM a';
    expect(splitQuery(query)).toEqual({
      ctes: 'a AS (SELECT 1 AS x -- ) WITH b AS (\n /* ) ) */ )',
      recursive: false,
      body: 'SELECT x FROM a',
    });
  });

  it('ignores parentheses and WITH inside string literals, doubled quotes included', () => {
    const query = "WITH a AS (SELECT ')' AS p, 'WITH b AS (' AS w, 'it''s (' AS q) SELECT * FROM a WHERE p <> ')'";
    expect(splitQuery(query)).toEqual({
      ctes: "a AS (SELECT ')' AS p, 'WITH b AS (' AS w, 'it''s (' AS q)",
      recursive: false,
      body: "SELECT * FROM a WHERE p <> ')'",
    });
  });

  it('ignores parentheses inside quoted identifiers of every style', () => {
    const query = 'WITH "a(" AS (SELECT 1 AS ")"), [b(] AS (SELECT 1 AS [)]]x]), `c(` AS (SELECT 1 AS `)`) SELECT * FROM "a(", [b(], `c(`';
    expect(splitQuery(query)).toEqual({
      ctes: '"a(" AS (SELECT 1 AS ")"), [b(] AS (SELECT 1 AS [)]]x]), `c(` AS (SELECT 1 AS `)`)',
      recursive: false,
      body: 'SELECT * FROM "a(", [b(], `c(`',
    });
  });

  it('drops trailing semicolons and white space, also from a query without CTEs', () => {
    expect(splitQuery('WITH a AS (SELECT 1) SELECT * FROM a;  \n ;\n\t')).toEqual({ ctes: 'a AS (SELECT 1)', recursive: false, body: 'SELECT * FROM a' });
    expect(splitQuery('SELECT 1;\n')).toEqual({ ctes: '', recursive: false, body: 'SELECT 1' });
  });

  it('reads a T-SQL ;WITH as WITH', () => {
    expect(splitQuery(';WITH a AS (SELECT 1 AS x) SELECT x FROM a')).toEqual({ ctes: 'a AS (SELECT 1 AS x)', recursive: false, body: 'SELECT x FROM a' });
    expect(splitQuery(' ; ;\n WITH a AS (SELECT 1) SELECT * FROM a')).toEqual({ ctes: 'a AS (SELECT 1)', recursive: false, body: 'SELECT * FROM a' });
  });

  it('ignores parentheses and WITH inside PostgreSQL dollar-quoted strings, tagged or not', () => {
    expect(splitQuery("WITH a AS (SELECT $$ ) WITH b AS ( $$ AS t) SELECT * FROM a")).toEqual({ ctes: 'a AS (SELECT $$ ) WITH b AS ( $$ AS t)', recursive: false, body: 'SELECT * FROM a' });
    expect(splitQuery("WITH a AS (SELECT $fn$ it's ) $$ $fn$ AS t, $1 AS p) SELECT * FROM a")).toEqual({ ctes: "a AS (SELECT $fn$ it's ) $$ $fn$ AS t, $1 AS p)", recursive: false, body: 'SELECT * FROM a' });
    expect(() => splitQuery('WITH a AS (SELECT $$ never closed) SELECT 1')).toThrow('the query has a $$ string that is never closed');
  });

  it('keeps a comment that ends the main query', () => {
    expect(splitQuery('WITH a AS (SELECT 1) SELECT * FROM a -- the end')).toEqual({ ctes: 'a AS (SELECT 1)', recursive: false, body: 'SELECT * FROM a -- the end' });
  });

  it('reads keywords in any case', () => {
    expect(splitQuery('with recursive a as not materialized (select 1) select * from a')).toEqual({
      ctes: 'a as not materialized (select 1)',
      recursive: true,
      body: 'select * from a',
    });
    expect(splitQuery('With a As (select 1) select * from a')).toEqual({ ctes: 'a As (select 1)', recursive: false, body: 'select * from a' });
  });

  describe('errors', () => {
    it.each([
      ['an unclosed CTE body', 'WITH a AS (SELECT (1) SELECT 1', 'the query has a "(" that is never closed'],
      ['an unclosed column list', 'WITH a (x, y AS (SELECT 1, 2) SELECT 1', 'the query has a "(" that is never closed'],
      ['an unclosed string', "WITH a AS (SELECT 'x) SELECT 1", "the query has a ' that is never closed"],
      ['an unclosed string right at the end', "WITH a AS (SELECT '", "the query has a ' that is never closed"],
      ['an unclosed double-quoted name', 'WITH a AS (SELECT "x) SELECT 1', 'the query has a " that is never closed'],
      ['an unclosed bracketed name', 'WITH a AS (SELECT [x) SELECT 1', 'the query has a [ that is never closed'],
      ['an unclosed backticked name', 'WITH `a AS (SELECT 1) SELECT 1', 'the query has a ` that is never closed'],
      ['an unclosed block comment in a body', 'WITH a AS (SELECT 1 /* x) SELECT 1', 'the query has a /* comment that is never closed'],
      ['an unclosed block comment before WITH', '/* header WITH a AS (SELECT 1) SELECT 1', 'the query has a /* comment that is never closed'],
      ['a CTE without AS', 'WITH a (SELECT 1) SELECT 1', 'expected AS after a CTE name at "SELECT 1"'],
      ['a CTE body without parentheses', 'WITH a AS SELECT 1', 'expected "(" to open a CTE body at "SELECT 1"'],
      ['a CTE name that is not a name', 'WITH 1a AS (SELECT 1) SELECT 1', 'expected a CTE name at "1a AS (SELECT 1) SEL"'],
    ])('explains %s', (_label, query, message) => {
      expect(() => splitQuery(query)).toThrow(message);
    });
  });
});

// ---- the extract of a query source ----------------------------------------------------------

function queryInput(query: string, sourceDialect: (typeof DIALECTS)[number]): EntitySqlInput {
  const entity = parseEntity({
    name: 'customer',
    columns: [
      { name: 'customer_id', type: 'int', nullable: false },
      { name: 'name', type: 'string(100)' },
      { name: 'modified_at', type: 'datetime' },
    ],
    businessKey: ['customer_id'],
    warehouse: 'wh',
  });
  const extract = parseExtract({
    entity: 'customer',
    source: { kind: 'query', connection: 'src', sql: query },
    pattern: { kind: 'incremental', changeColumns: [{ column: 'modified_at', lookback: 1, lookbackUnit: 'hours' }] },
    lander: { connection: 'lake' },
  });
  if (!entity.ok || !extract.ok) throw new Error('invalid fixture');
  return { entity: entity.value, extract: extract.value, sourceDialect, warehouseDialect: 'duckdb', parameters: {} };
}

const STATE: RunState = { batchDate: '2026-06-30', batchId: 1n, batchTime: '2026-06-30 00:00:00', runId: 'r', watermarks: { modified_at: '2026-06-29 12:00:00' } };

const COMMENTED_QUERY = [
  '-- customers, latest first (a WITH in a comment',
  'WITH recent AS (',
  "  SELECT customer_id, name, modified_at FROM customers WHERE name <> ')' -- a comment in the CTE body )",
  ')',
  'SELECT customer_id, name, modified_at FROM recent -- a comment that ends the main query',
  '',
].join('\n');

describe('the extract of a query source', () => {
  it('hoists the CTEs and closes the subquery on its own line after a trailing comment', () => {
    const text = preview(extractStatement(queryInput(COMMENTED_QUERY, 'sqlite'), STATE).statement, dialect('sqlite'));
    expect(text).toBe([
      'WITH recent AS (',
      "  SELECT customer_id, name, modified_at FROM customers WHERE name <> ')' -- a comment in the CTE body )",
      ')',
      'SELECT "customer_id",',
      '       "name",',
      '       "modified_at"',
      'FROM (',
      'SELECT customer_id, name, modified_at FROM recent -- a comment that ends the main query',
      ') AS src',
      "WHERE (\"modified_at\") > '2026-06-29 11:00:00.000000000'", // SQLite compares datetimes as text: every fraction digit (see comparedWatermark)
    ].join('\n'));
  });

  it('runs on SQLite and filters on the watermark minus the lookback', () => {
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE TABLE customers (customer_id INTEGER, name TEXT, modified_at TEXT);
        INSERT INTO customers VALUES (1, 'old', '2026-06-29 10:59:59'), (2, 'in the lookback', '2026-06-29 11:30:00'), (3, ')', '2026-06-30 08:00:00'), (4, 'new', '2026-06-30 08:00:00')`);
      const text = preview(extractStatement(queryInput(COMMENTED_QUERY, 'sqlite'), STATE).statement, dialect('sqlite'));
      expect(db.prepare(text).all()).toEqual([
        { customer_id: 2, name: 'in the lookback', modified_at: '2026-06-29 11:30:00' },
        { customer_id: 4, name: 'new', modified_at: '2026-06-30 08:00:00' },
      ]);
    } finally {
      db.close();
    }
  });

  it.each(DIALECTS)('writes RECURSIVE where %s needs it', (name) => {
    const query = 'WITH RECURSIVE n (customer_id) AS (SELECT 1 UNION ALL SELECT customer_id + 1 FROM n WHERE customer_id < 3)\nSELECT customer_id, NULL AS name, NULL AS modified_at FROM n';
    const text = preview(extractStatement(queryInput(query, name), { ...STATE, watermarks: {} }).statement, dialect(name));
    const tsql = { tsql: true, synapse: true, postgres: false, mariadb: false, duckdb: false, sqlite: false }[name];
    expect(text.startsWith(tsql ? 'WITH n (customer_id) AS (' : 'WITH RECURSIVE n (customer_id) AS (')).toBe(true);
    expect(text).toContain('FROM (\nSELECT customer_id, NULL AS name, NULL AS modified_at FROM n\n) AS src');
    expect(text).not.toContain('WHERE (');
  });

  it('wraps a query without CTEs as it is', () => {
    const text = preview(extractStatement(queryInput('SELECT customer_id, name, modified_at FROM customers;', 'postgres'), STATE).statement, dialect('postgres'));
    expect(text).toBe([
      'SELECT "customer_id",',
      '       "name",',
      '       "modified_at"',
      'FROM (',
      'SELECT customer_id, name, modified_at FROM customers',
      ') AS src',
      "WHERE (\"modified_at\") > TIMESTAMP '2026-06-29 11:00:00'",
    ].join('\n'));
  });
});
