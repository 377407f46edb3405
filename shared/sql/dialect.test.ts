// Identifier quoting, literal rendering and parameter compilation, per dialect. Quoting and
// literals are the only way names and values enter SQL text, so every case here is one a name or a
// value could use to break out of its place.
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as join_ } from 'node:path';
import type { ColumnType } from '../model/column-type.ts';
import { duckdbEngine, mariadbEngine, postgresEngine, sqliteEngine, type Engine } from '../../test/sql/engines.ts';
import { DIALECTS, dialect, dialectOf, type DialectName, type SqlValue, type TableKind } from './dialect.ts';
import type { BinaryText, LandedFiles, StageStatement, StageTarget } from './stage-hook.ts';
import { bind, compile, join, preview, sql } from './statement.ts';

type PerDialect = Record<DialectName, string>;

/** The same text for the dialects that share a quoting style. */
function styles(brackets: string, doubleQuotes: string, backticks: string): PerDialect {
  return { tsql: brackets, synapse: brackets, postgres: doubleQuotes, duckdb: doubleQuotes, sqlite: doubleQuotes, mariadb: backticks };
}

const IDENTIFIERS: readonly (readonly [string, string, PerDialect])[] = [
  ['a plain name', 'customer', styles('[customer]', '"customer"', '`customer`')],
  ['spaces', 'order line', styles('[order line]', '"order line"', '`order line`')],
  ['a double quote', 'say "hi"', styles('[say "hi"]', '"say ""hi"""', '`say "hi"`')],
  ['a closing bracket', 'a]b', styles('[a]]b]', '"a]b"', '`a]b`')],
  ['both brackets', '[x]', styles('[[x]]]', '"[x]"', '`[x]`')],
  ['a backtick', 'a`b', styles('[a`b]', '"a`b"', '`a``b`')],
  ['a single quote', "O'Brien", styles("[O'Brien]", `"O'Brien"`, "`O'Brien`")],
  ['every quote character', `"]\`'[`, styles(`["]]\`'[]`, `"""]\`'["`, `\`"]\`\`'[\``)],
  ['only quote characters', '""', styles('[""]', '""""""', '`""`')],
  ['a reserved word', 'select', styles('[select]', '"select"', '`select`')],
  ['another reserved word', 'ORDER', styles('[ORDER]', '"ORDER"', '`ORDER`')],
  ['an injection attempt', 'x"]`; DROP TABLE t; --', styles('[x"]]`; DROP TABLE t; --]', '"x""]`; DROP TABLE t; --"', '`x"]``; DROP TABLE t; --`')],
  ['unicode', 'Größe_数据_é', styles('[Größe_数据_é]', '"Größe_数据_é"', '`Größe_数据_é`')],
  ['a dot (one part, not two)', 'dbo.table', styles('[dbo.table]', '"dbo.table"', '`dbo.table`')],
];

/** Reads a quoted identifier back: the inverse of `quote`, failing on any unescaped closer. */
function unquote(name: DialectName, quoted: string): string {
  const [open, close] = styles('[]', '""', '``')[name].split('') as [string, string];
  expect(quoted.startsWith(open) && quoted.endsWith(close), `${quoted} is delimited`).toBe(true);
  const inner = quoted.slice(1, -1);
  // Every closer inside is doubled: removing the pairs leaves none.
  expect(inner.replaceAll(close + close, '')).not.toContain(close);
  return inner.replaceAll(close + close, close);
}

describe.each(DIALECTS)('%s identifiers', (name) => {
  const d = dialect(name);
  it.each(IDENTIFIERS.map(([label, id, expected]) => [label, id, expected[name]] as const))('quotes %s', (_label, id, expected) => {
    expect(d.quote(id)).toBe(expected);
    expect(unquote(name, d.quote(id))).toBe(id);
  });
});

const STRINGS: readonly (readonly [string, string, PerDialect])[] = [
  ['plain text', 'hello', styles("N'hello'", "'hello'", "'hello'")],
  ['the empty string', '', styles("N''", "''", "''")],
  ['single quotes', "it's 'quoted'", styles("N'it''s ''quoted'''", "'it''s ''quoted'''", "'it''s ''quoted'''")],
  ['double quotes and brackets', 'say "hi" [x] `y`', styles(`N'say "hi" [x] \`y\`'`, `'say "hi" [x] \`y\`'`, `'say "hi" [x] \`y\`'`)],
  ['an injection attempt', "'; DROP TABLE x; --", styles("N'''; DROP TABLE x; --'", "'''; DROP TABLE x; --'", "'''; DROP TABLE x; --'")],
  ['unicode', 'é 😀 数据', styles("N'é 😀 数据'", "'é 😀 数据'", "'é 😀 数据'")],
  // MariaDB reads a backslash as an escape (unless NO_BACKSLASH_ESCAPES): hex keeps it a backslash.
  // PostgreSQL reads a backslash as an escape when standard_conforming_strings is off: E'' with it doubled means the same either way.
  ['a backslash', 'C:\\lake\\', { ...styles("N'C:\\lake\\'", "'C:\\lake\\'", "_utf8mb4 X'433a5c6c616b655c'"), postgres: "E'C:\\\\lake\\\\'" }],
  ['a backslash before a quote', "\\'", { ...styles("N'\\'''", "'\\'''", "_utf8mb4 X'5c27'"), postgres: "E'\\\\'''" }],
  ['a newline', 'line 1\nline 2', styles("N'line 1\nline 2'", "'line 1\nline 2'", "_utf8mb4 X'6c696e6520310a6c696e652032'")],
  ['a tab and a carriage return', 'a\tb\r', styles("N'a\tb\r'", "'a\tb\r'", "_utf8mb4 X'6109620d'")],
];

describe.each(DIALECTS)('%s text literals', (name) => {
  const d = dialect(name);
  it.each(STRINGS.map(([label, text, expected]) => [label, text, expected[name]] as const))('renders %s', (_label, text, expected) => {
    expect(d.literal({ type: 'text', value: text })).toBe(expected);
  });
});

describe('mariadb text literals as hex', () => {
  const literal = (value: string) => dialect('mariadb').literal({ type: 'text', value });

  it('writes the UTF-8 bytes of every character once a backslash or control character is present', () => {
    expect(literal('é\\')).toBe("_utf8mb4 X'c3a95c'"); // U+00E9: two bytes
    expect(literal('€\n')).toBe("_utf8mb4 X'e282ac0a'"); // U+20AC: three bytes
    expect(literal('😀\\')).toBe("_utf8mb4 X'f09f98805c'"); // U+1F600 (a surrogate pair in JS): four bytes
    expect(literal('\u0000')).toBe("_utf8mb4 X'00'");
    expect(literal('\u001f')).toBe("_utf8mb4 X'1f'");
    expect(literal("'\\'; DROP TABLE x; --")).toBe(`_utf8mb4 X'${Buffer.from("'\\'; DROP TABLE x; --", 'utf8').toString('hex')}'`);
  });

  it('matches Node’s own UTF-8 encoding for a mix of 1- to 4-byte characters', () => {
    const text = 'a\\ß€😀\u{10FFFF}\n';
    expect(literal(text)).toBe(`_utf8mb4 X'${Buffer.from(text, 'utf8').toString('hex')}'`);
  });

  it('keeps plain text readable: unicode alone needs no hex', () => {
    expect(literal('é 😀')).toBe("'é 😀'");
    expect(literal('\u007f')).toBe("'\u007f'");
  });
});

const TYPED: readonly (readonly [string, SqlValue, PerDialect])[] = [
  ['a date', { type: 'date', value: '2026-06-30' }, {
    tsql: "CAST(N'2026-06-30' AS DATE)", synapse: "CAST(N'2026-06-30' AS DATE)",
    postgres: "DATE '2026-06-30'", duckdb: "DATE '2026-06-30'", mariadb: "DATE '2026-06-30'", sqlite: "'2026-06-30'",
  }],
  ['a datetime', { type: 'datetime', value: '2026-06-30 01:02:03.456' }, {
    tsql: "CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))", synapse: "CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))",
    postgres: "TIMESTAMP '2026-06-30 01:02:03.456'", duckdb: "TIMESTAMP '2026-06-30 01:02:03.456'",
    mariadb: "TIMESTAMP '2026-06-30 01:02:03.456'", sqlite: "'2026-06-30 01:02:03.456'",
  }],
  ['a datetime without fraction', { type: 'datetime', value: '2026-01-01 00:00:00' }, {
    tsql: "CAST(N'2026-01-01 00:00:00' AS DATETIME2(7))", synapse: "CAST(N'2026-01-01 00:00:00' AS DATETIME2(7))",
    postgres: "TIMESTAMP '2026-01-01 00:00:00'", duckdb: "TIMESTAMP '2026-01-01 00:00:00'",
    mariadb: "TIMESTAMP '2026-01-01 00:00:00'", sqlite: "'2026-01-01 00:00:00'",
  }],
  ['a decimal', { type: 'decimal', value: '-12.50' }, styles('-12.50', '-12.50', '-12.50')],
  ['a long decimal', { type: 'decimal', value: '12345678901234567890.123456789' }, styles('12345678901234567890.123456789', '12345678901234567890.123456789', '12345678901234567890.123456789')],
  ['an integer', { type: 'integer', value: 42n }, styles('42', '42', '42')],
  ['a negative integer', { type: 'integer', value: -7n }, styles('-7', '-7', '-7')],
  ['an integer beyond 2^53', { type: 'integer', value: 9007199254740993n }, styles('9007199254740993', '9007199254740993', '9007199254740993')],
  ['the largest bigint', { type: 'integer', value: 9223372036854775807n }, styles('9223372036854775807', '9223372036854775807', '9223372036854775807')],
  ['a double', { type: 'double', value: 0.1 }, styles('0.1', '0.1', '0.1')],
  ['negative zero', { type: 'double', value: -0 }, styles('0', '0', '0')],
  ['a large double', { type: 'double', value: 1e21 }, styles('1e+21', '1e+21', '1e+21')],
  ['true', { type: 'boolean', value: true }, { tsql: '1', synapse: '1', postgres: 'TRUE', duckdb: 'TRUE', mariadb: 'TRUE', sqlite: '1' }],
  ['false', { type: 'boolean', value: false }, { tsql: '0', synapse: '0', postgres: 'FALSE', duckdb: 'FALSE', mariadb: 'FALSE', sqlite: '0' }],
  ['null', { type: 'null' }, styles('NULL', 'NULL', 'NULL')],
];

const INVALID: readonly (readonly [string, SqlValue, RegExp])[] = [
  ['a date with SQL after it', { type: 'date', value: '2026-13-01; DROP TABLE x' }, /is not a valid date/],
  ['a date with a time', { type: 'date', value: '2026-06-30 00:00:00' }, /is not a valid date/],
  ['a date in another order', { type: 'date', value: '30.06.2026' }, /is not a valid date/],
  ['a date with a quote', { type: 'date', value: "2026-06-30'" }, /is not a valid date/],
  ['a datetime with a T', { type: 'datetime', value: '2026-06-30T01:02:03' }, /is not a valid datetime/],
  ['a datetime with a zone', { type: 'datetime', value: '2026-06-30 01:02:03Z' }, /is not a valid datetime/],
  ['a datetime with ten fraction digits', { type: 'datetime', value: '2026-06-30 01:02:03.1234567890' }, /is not a valid datetime/],
  ['a datetime with SQL after it', { type: 'datetime', value: "2026-06-30 01:02:03' OR '1'='1" }, /is not a valid datetime/],
  ['a decimal in exponent form', { type: 'decimal', value: '1e5' }, /is not a valid decimal/],
  ['a decimal with a trailing dot', { type: 'decimal', value: '1.' }, /is not a valid decimal/],
  ['a decimal with spaces', { type: 'decimal', value: ' 1' }, /is not a valid decimal/],
  ['a decimal with a plus sign', { type: 'decimal', value: '+1' }, /is not a valid decimal/],
  ['a decimal with SQL after it', { type: 'decimal', value: '1; DROP TABLE x' }, /is not a valid decimal/],
  ['an empty decimal', { type: 'decimal', value: '' }, /is not a valid decimal/],
  ['NaN', { type: 'double', value: Number.NaN }, /is not a valid finite number/],
  ['infinity', { type: 'double', value: Number.POSITIVE_INFINITY }, /is not a valid finite number/],
  ['negative infinity', { type: 'double', value: Number.NEGATIVE_INFINITY }, /is not a valid finite number/],
];

describe.each(DIALECTS)('%s typed literals', (name) => {
  const d = dialect(name);
  it.each(TYPED.map(([label, value, expected]) => [label, value, expected[name]] as const))('renders %s', (_label, value, expected) => {
    expect(d.literal(value)).toBe(expected);
  });

  it.each(INVALID)('rejects %s', (_label, value, message) => {
    expect(() => d.literal(value)).toThrow(message);
  });

  it('quotes the invalid value in the error, so the user sees what was wrong', () => {
    expect(() => d.literal({ type: 'date', value: '2026-13-01; DROP' })).toThrow('"2026-13-01; DROP" is not a valid date (YYYY-MM-DD)');
  });
});

describe('compile', () => {
  const statement = sql`SELECT * FROM t WHERE a = ${bind({ type: 'text', value: "it's" })} AND b > ${bind({ type: 'integer', value: 9007199254740993n })}
  AND c < ${bind({ type: 'integer', value: -5n })} AND d = ${bind({ type: 'date', value: '2026-06-30' })} AND e IS NOT ${bind({ type: 'null' })}
  AND f = ${bind({ type: 'decimal', value: '10.05' })} AND g = ${bind({ type: 'boolean', value: true })} AND h = ${bind({ type: 'integer', value: -9007199254740993n })}`;

  const PLACEHOLDERS: PerDialect = {
    tsql: '@p1 @p2 @p3 @p4 @p5 @p6 @p7 @p8',
    synapse: '@p1 @p2 @p3 @p4 @p5 @p6 @p7 @p8',
    postgres: '$1 $2 $3 $4 $5 $6 $7 $8',
    duckdb: '$1 $2 $3 $4 $5 $6 $7 $8',
    mariadb: '? ? ? ? ? ? ? ?',
    sqlite: '? ? ? ? ? ? ? ?',
  };

  it.each(DIALECTS)('numbers the placeholders the %s way and passes the values in order', (name) => {
    const compiled = compile(statement, dialect(name));
    const [p1, p2, p3, p4, p5, p6, p7, p8] = PLACEHOLDERS[name].split(' ');
    expect(compiled.sql).toBe(`SELECT * FROM t WHERE a = ${p1} AND b > ${p2}
  AND c < ${p3} AND d = ${p4} AND e IS NOT ${p5}
  AND f = ${p6} AND g = ${p7} AND h = ${p8}`);
    // Integers beyond 2^53 go as text, so no driver turns them into a rounded double.
    expect(compiled.params).toEqual(["it's", '9007199254740993', -5, '2026-06-30', null, '10.05', true, '-9007199254740993']);
    expect(compiled.types).toEqual(['text', 'integer', 'integer', 'date', 'null', 'decimal', 'boolean', 'integer']);
  });

  it('passes the largest safe integers as numbers and the next ones as text', () => {
    const values = [9007199254740991n, 9007199254740992n, -9007199254740991n, -9007199254740992n, 0n];
    const compiled = compile(join(values.map((value) => bind({ type: 'integer', value })), ', '), dialect('postgres'));
    expect(compiled.sql).toBe('$1, $2, $3, $4, $5');
    expect(compiled.params).toEqual([9007199254740991, '9007199254740992', -9007199254740991, '-9007199254740992', 0]);
  });

  it('keeps the text of a value out of the SQL entirely', () => {
    const hostile = "'; DROP TABLE x; --";
    for (const name of DIALECTS) {
      const compiled = compile(sql`SELECT ${bind({ type: 'text', value: hostile })}`, dialect(name));
      expect(compiled.sql).not.toContain('DROP');
      expect(compiled.params).toEqual([hostile]);
    }
  });

  it('shows the same statement with literals in the preview', () => {
    expect(preview(statement, dialect('postgres'))).toBe(`SELECT * FROM t WHERE a = 'it''s' AND b > 9007199254740993
  AND c < -5 AND d = DATE '2026-06-30' AND e IS NOT NULL
  AND f = 10.05 AND g = TRUE AND h = -9007199254740993`);
  });

  it('splices statements and joins them without touching their values', () => {
    const inner = sql`x = ${bind({ type: 'integer', value: 1n })}`;
    const outer = sql`SELECT 1 WHERE ${join([inner, inner, 'y IS NULL'], ' AND ')}`;
    expect(compile(outer, dialect('duckdb')).sql).toBe('SELECT 1 WHERE x = $1 AND x = $2 AND y IS NULL');
    expect(compile(outer, dialect('duckdb')).params).toEqual([1, 1]);
    expect(compile(sql``, dialect('duckdb'))).toEqual({ sql: '', params: [], types: [] });
  });
});

describe('dialectOf', () => {
  it('maps connection kinds to the dialect they speak, and files to none', () => {
    expect(dialectOf('sqlserver')).toBe('tsql');
    expect(dialectOf('azuresql')).toBe('tsql');
    expect(dialectOf('synapse')).toBe('synapse');
    expect(dialectOf('postgres')).toBe('postgres');
    expect(dialectOf('mariadb')).toBe('mariadb');
    expect(dialectOf('duckdb')).toBe('duckdb');
    expect(dialectOf('sqlite')).toBe('sqlite');
    expect(dialectOf('localfs')).toBeUndefined();
    expect(dialectOf('adls')).toBeUndefined();
  });
});

// ---- the engines agree: names and values survive a round trip -------------------------------------

const ROUND_TRIP_TEXTS = [
  "it's", '', 'C:\\lake\\', "\\'", 'a\\\nb', 'line 1\r\nline 2\ttab', "'; DROP TABLE x; --", 'é 😀 数据', '"]`[',
];
const ROUND_TRIP_NAMES = ['order line', 'say "hi"', 'a]b', 'a`b', "O'Brien", 'select', 'Größe_é', `x"]\`'[`];

/** One SELECT that returns every text under every name, as the dialect writes them. */
function roundTripQuery(name: DialectName): string {
  const d = dialect(name);
  return `SELECT ${ROUND_TRIP_TEXTS.map((text, i) => `${d.literal({ type: 'text', value: text })} AS ${d.quote(`${ROUND_TRIP_NAMES[i % ROUND_TRIP_NAMES.length]!} ${i}`)}`).join(', ')}`;
}

const expectedRow = Object.fromEntries(ROUND_TRIP_TEXTS.map((text, i) => [`${ROUND_TRIP_NAMES[i % ROUND_TRIP_NAMES.length]!} ${i}`, text]));

describe('round trip through the embedded engines', () => {
  it('sqlite returns every literal under every quoted name unchanged', () => {
    const db = new Database(':memory:');
    try {
      expect(db.prepare(roundTripQuery('sqlite')).get()).toEqual(expectedRow);
    } finally {
      db.close();
    }
  });

  it('duckdb returns every literal under every quoted name unchanged', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(roundTripQuery('duckdb'));
      expect(reader.getRowObjectsJson()[0]).toEqual(expectedRow);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('sqlite and duckdb read typed literals as the values they stand for', async () => {
    const typed = (name: DialectName) => {
      const d = dialect(name);
      return `SELECT ${d.literal({ type: 'integer', value: 9007199254740993n })} AS i, ${d.literal({ type: 'decimal', value: '-12.50' })} AS m, ${d.literal({ type: 'date', value: '2026-02-28' })} AS d, ${d.literal({ type: 'datetime', value: '2026-06-30 01:02:03.456' })} AS t, ${d.literal({ type: 'boolean', value: true })} AS b`;
    };
    const db = new Database(':memory:');
    db.defaultSafeIntegers(true);
    try {
      expect(db.prepare(typed('sqlite')).get()).toEqual({ i: 9007199254740993n, m: -12.5, d: '2026-02-28', t: '2026-06-30 01:02:03.456', b: 1n });
    } finally {
      db.close();
    }
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(typed('duckdb'));
      expect(reader.getRowObjectsJson()[0]).toEqual({ i: '9007199254740993', m: '-12.50', d: '2026-02-28', t: '2026-06-30 01:02:03.456', b: true });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('round trip through the test servers', () => {
  it('postgres returns every literal under every quoted name unchanged, with standard_conforming_strings on or off', async () => {
    const client = new pg.Client({ ...inject('postgres') });
    await client.connect();
    const d = dialect('postgres');
    try {
      for (const setting of ['on', 'off']) {
        await client.query(`SET standard_conforming_strings = ${setting}`);
        const { rows } = await client.query(roundTripQuery('postgres'));
        expect(rows[0], `standard_conforming_strings ${setting}`).toEqual(expectedRow);
        const typed = await client.query(`SELECT CAST(${d.literal({ type: 'date', value: '2026-02-28' })} AS TEXT) AS d, CAST(${d.literal({ type: 'datetime', value: '2026-06-30 01:02:03.456' })} AS TEXT) AS t`);
        expect(typed.rows[0]).toEqual({ d: '2026-02-28', t: '2026-06-30 01:02:03.456' });
      }
    } finally {
      await client.end();
    }
  });

  it('mariadb returns every literal under every quoted name unchanged, in either backslash mode', async () => {
    const connection = await mysql.createConnection({ ...inject('mariadb'), charset: 'utf8mb4' });
    try {
      for (const mode of ['', 'NO_BACKSLASH_ESCAPES', 'ANSI_QUOTES']) {
        await connection.query(`SET SESSION sql_mode = '${mode}'`);
        const [rows] = await connection.query(roundTripQuery('mariadb'));
        expect((rows as Record<string, unknown>[])[0], `sql_mode '${mode}'`).toEqual(expectedRow);
      }
    } finally {
      await connection.end();
    }
  });
});

// ---- statement hooks: one table per hook, and the SQL run on the engines that are here ----------

const INT: ColumnType = { kind: 'int' };
const LONG_TEXT: ColumnType = { kind: 'string' };
const KEYS = [{ name: 'id', type: INT }, { name: 'code', type: LONG_TEXT }];

/** The standard SQL answers, which most dialects give. */
const STANDARD_HOOKS = {
  createTableAs: 'CREATE TABLE T AS\nSELECT 1 AS x',
  updateAliased: 'UPDATE T AS p\nSET a = 1\nWHERE p.b = 2',
  withRecursive: 'WITH RECURSIVE', rollback: 'ROLLBACK', primaryKeys: true, copyOut: false,
  tableOptions: { persistent: '', control: '', staging: '' },
} as const;
const TSQL_UPDATE = 'UPDATE p\nSET a = 1\nFROM T AS p\nWHERE p.b = 2';

/** What each dialect answers to the plain hooks. */
const HOOKS: Record<DialectName, {
  createTableAs: string; updateAliased: string; withRecursive: string; rollback: string; primaryKeys: boolean;
  binaryText: BinaryText; copyOut: boolean; tableOptions: Record<TableKind, string>; keyIndex: Record<'psg' | 'temp', string | undefined>;
}> = {
  tsql: {
    createTableAs: 'SELECT q.* INTO T FROM (\nSELECT 1 AS x\n) AS q',
    updateAliased: TSQL_UPDATE,
    withRecursive: 'WITH', rollback: 'ROLLBACK TRANSACTION', primaryKeys: true, binaryText: 'hex', copyOut: false,
    tableOptions: { persistent: '', control: '', staging: '' },
    keyIndex: { psg: undefined, temp: undefined },
  },
  synapse: {
    createTableAs: 'CREATE TABLE T\nWITH (DISTRIBUTION = HASH([id]), HEAP)\nAS\nSELECT 1 AS x',
    // Synapse's UPDATE takes no alias for its target: SET and WHERE name the table itself.
    updateAliased: 'UPDATE T\nSET a = 1\nWHERE p.b = 2',
    withRecursive: 'WITH', rollback: 'ROLLBACK TRANSACTION', primaryKeys: false, binaryText: 'hex', copyOut: false,
    tableOptions: {
      persistent: '\nWITH (DISTRIBUTION = HASH([id]), CLUSTERED COLUMNSTORE INDEX)',
      control: '\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)',
      staging: '\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)',
    },
    keyIndex: { psg: undefined, temp: undefined },
  },
  postgres: {
    ...STANDARD_HOOKS, binaryText: 'postgres', copyOut: true,
    keyIndex: { psg: 'CREATE INDEX IF NOT EXISTS "e__lf_key" ON T ("id", "code", "lf_is_current")', temp: undefined },
  },
  mariadb: {
    ...STANDARD_HOOKS, binaryText: 'hex',
    // CREATE TABLE IF NOT EXISTS names the engine itself; the staging table's plain CREATE TABLE needs it here.
    tableOptions: { persistent: '', control: '', staging: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' },
    keyIndex: {
      psg: 'CREATE INDEX IF NOT EXISTS `lf_psg_key` ON T (`id`, `code`(255), `lf_is_current`)',
      temp: 'CREATE INDEX IF NOT EXISTS `lf_temp_key` ON T (`id`, `code`(255))',
    },
  },
  duckdb: {
    ...STANDARD_HOOKS, binaryText: 'duckdb',
    keyIndex: { psg: undefined, temp: undefined },
  },
  sqlite: {
    ...STANDARD_HOOKS, binaryText: 'hex',
    keyIndex: {
      psg: 'CREATE INDEX IF NOT EXISTS "psg__e__lf_key" ON T ("id", "code", "lf_is_current")',
      temp: 'CREATE INDEX IF NOT EXISTS "temp__e__lf_key" ON T ("id", "code")',
    },
  },
};

describe('the registry', () => {
  it('holds every dialect under its own name, in the listed order', () => {
    expect(DIALECTS).toEqual(['tsql', 'synapse', 'postgres', 'mariadb', 'duckdb', 'sqlite']);
    for (const name of DIALECTS) expect(dialect(name).name).toBe(name);
  });
});

describe.each(DIALECTS)('%s statement hooks', (name) => {
  const d = dialect(name);
  const expected = HOOKS[name];
  const hash = { kind: 'hash', column: 'id' } as const;

  it('creates a table from a query', () => {
    expect(preview(d.createTableAs('T', sql`SELECT 1 AS x`, hash), d)).toBe(expected.createTableAs);
  });

  it('updates a table under an alias', () => {
    expect(preview(d.updateAliased('T', 'p', sql`a = 1`, sql`p.b = 2`), d)).toBe(expected.updateAliased);
  });

  it('indexes the business key where the warehouse needs it, the current flag on persistent staging', () => {
    expect(d.keyIndex({ schema: 'psg', entity: 'e', table: 'T', keys: KEYS, current: 'lf_is_current' })).toBe(expected.keyIndex.psg);
    expect(d.keyIndex({ schema: 'temp', entity: 'e', table: 'T', keys: KEYS, current: undefined })).toBe(expected.keyIndex.temp);
  });

  it('indexes a short text key whole', () => {
    const short = d.keyIndex({ schema: 'temp', entity: 'e', table: 'T', keys: [{ name: 'code', type: { kind: 'string', length: 512 } }], current: undefined });
    expect(short ?? '').not.toContain('(255)');
  });

  it('writes the options of each Landfall table', () => {
    for (const table of ['persistent', 'control', 'staging'] as const) expect(d.tableOptions(table, hash), table).toBe(expected.tableOptions[table]);
  });

  it('gives a replicated entity’s change set the persistent table’s distribution, as staging has', () => {
    const text = preview(d.createTableAs('T', sql`SELECT 1 AS x`, { kind: 'replicate' }), d);
    // Only a distributing warehouse (Synapse) names a distribution at all.
    expect(text.includes('DISTRIBUTION = REPLICATE')).toBe(d.tableOptions('persistent', { kind: 'replicate' }).includes('REPLICATE'));
    expect(d.tableOptions('persistent', { kind: 'replicate' })).toBe(expected.tableOptions.persistent.replace('HASH([id])', 'REPLICATE'));
  });

  it('answers the plain questions: recursive CTEs, rollback, primary keys, binary CSV text, COPY out', () => {
    expect(d.withRecursive).toBe(expected.withRecursive);
    expect(d.rollback).toBe(expected.rollback);
    expect(d.primaryKeys).toBe(expected.primaryKeys);
    expect(d.binaryText).toBe(expected.binaryText);
    expect(d.copyOut).toBe(expected.copyOut);
  });
});

// ---- the stage hook ----------------------------------------------------------------------------

const FILES = ['/lake/e/Latest/part-0001.csv', '/lake/e/Latest/part-0002.csv'];
const CSV = { delimiter: ',', qualifier: '"', header: false, nullMarker: '' };

function stageTarget(name: DialectName, operation?: string): StageTarget {
  const d = dialect(name);
  const table = d.table('temp', 'hook_e');
  const columns = [{ name: 'id', type: INT }, { name: 'label', type: { kind: 'string', length: 20 } as const }];
  const names = [...columns.map((c) => d.quote(c.name)), ...(operation ? [d.quote(operation)] : [])];
  return {
    entity: 'hook_e',
    table,
    changeSet: d.table('temp', 'hook_e_delta'),
    columns,
    operation,
    distribution: undefined,
    createEmpty: [
      sql`${d.dropTableIfExists(table)}`,
      sql`CREATE TABLE ${table} (${[...columns.map((c) => `${d.quote(c.name)} ${d.columnType(c.type)} NULL`), ...(operation ? [`${d.quote(operation)} CHAR(1) NULL`] : [])].join(', ')})`,
    ],
    insert: (rows) => sql`INSERT INTO ${table} (${names.join(', ')}) VALUES ${join(rows.map((row) => sql`(${join(row.map(bind), ', ')})`), ', ')}`,
  };
}

const landed = (files: readonly string[], kind: 'csv' | 'parquet' = 'csv'): LandedFiles => ({
  files, folder: { dataSource: 'lake', location: '/e/Latest/', url: 'abfss://raw@lakeaccount.dfs.core.windows.net' }, format: { kind, csv: CSV, compression: 'none' },
});

/** The kinds of items each dialect's stage hook returns for two landed files. */
const STAGE_KINDS: Record<DialectName, StageStatement['kind'][]> = {
  tsql: ['bulkCopy'],
  synapse: ['run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run'],
  postgres: ['run', 'run', 'stream', 'stream'],
  mariadb: ['run', 'run', 'stream', 'stream'],
  duckdb: ['run', 'run'],
  sqlite: ['run', 'run', 'insertRows', 'insertRows'],
};

/** Which files each item reads: the executor's part of the contract. */
function filesOf(item: StageStatement): readonly string[] {
  switch (item.kind) {
    case 'run': return [];
    case 'stream':
    case 'insertRows': return [item.file];
    case 'bulkCopy': return item.files;
  }
}

describe.each(DIALECTS)('%s stage hook', (name) => {
  const d = dialect(name);

  it('returns its items for the landed files, each file fed to at most one item', () => {
    const items = d.stage(stageTarget(name), landed(FILES));
    expect(items.map((item) => item.kind)).toEqual(STAGE_KINDS[name]);
    const fed = items.flatMap(filesOf);
    // A warehouse that reads a folder or a file list in one statement feeds no file itself.
    if (fed.length) expect(fed).toEqual(FILES);
  });

  it('stages the operation flag after the entity’s columns when the source sends one', () => {
    // Only the hook's own items: the empty table (which names the flag too) is the builder's.
    const own = (operation?: string): string =>
      d.stage({ ...stageTarget(name, operation), createEmpty: [] }, landed(FILES)).map((item) => {
        switch (item.kind) {
          case 'run':
          case 'stream': return preview(item.statement, d);
          case 'insertRows': return compile(item.insert([Array.from({ length: item.width }, (): SqlValue => ({ type: 'null' }))]), d).sql;
          case 'bulkCopy': return item.files.join('\n');
        }
      }).join('\n');
    const flag = d.quote('lf_change_operation');
    expect(own()).not.toContain(flag);
    expect(own('lf_change_operation').includes(flag)).toBe(NAMES_THE_FLAG[name]);
  });
});

/** SQL Server's bulk copy maps columns by position: its stage names no column. */
const NAMES_THE_FLAG: Record<DialectName, boolean> = { tsql: false, synapse: true, postgres: true, mariadb: true, duckdb: true, sqlite: true };

describe('stage hooks run on the engines here', () => {
  it('duckdb reads every landed CSV file into the staging table, and creates it empty without files', async () => {
    const folder = mkdtempSync(join_(tmpdir(), 'lf-stage-'));
    const files = [join_(folder, 'a.csv'), join_(folder, 'b.csv')];
    writeFileSync(files[0]!, '1,one\n2,"two, too"\n');
    writeFileSync(files[1]!, '3,\n');
    const engine = await duckdbEngine();
    try {
      const d = dialect('duckdb');
      for (const text of d.createSchemas()) await engine.exec(text);
      for (const item of d.stage(stageTarget('duckdb'), landed(files))) if (item.kind === 'run') await engine.run(item.statement);
      expect(await engine.rows(sql`SELECT id, label FROM ${d.table('temp', 'hook_e')} ORDER BY id`)).toEqual([['1', 'one'], ['2', 'two, too'], ['3', null]]);
      const empty = d.stage(stageTarget('duckdb'), landed([]));
      expect(empty.map((item) => item.kind)).toEqual(['run', 'run']);
      for (const item of empty) if (item.kind === 'run') await engine.run(item.statement);
      expect(await engine.rows(sql`SELECT COUNT(*) FROM ${d.table('temp', 'hook_e')}`)).toEqual([['0']]);
    } finally {
      await engine.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sqlite inserts a file’s rows with the statement its insertRows item builds', async () => {
    const engine = await sqliteEngine();
    try {
      const d = dialect('sqlite');
      const items = d.stage(stageTarget('sqlite'), landed(FILES));
      for (const item of items) {
        if (item.kind === 'run') await engine.run(item.statement);
        if (item.kind === 'insertRows' && item.file === FILES[1]) {
          await engine.run(item.insert([[{ type: 'integer', value: 7n }, { type: 'text', value: "it's" }], [{ type: 'integer', value: 8n }, { type: 'null' }]]));
        }
      }
      expect(await engine.rows(sql`SELECT id, label FROM ${d.table('temp', 'hook_e')} ORDER BY id`)).toEqual([['7', "it's"], ['8', null]]);
    } finally {
      await engine.close();
    }
  });
});

/** The hooks' statements on a real engine: CREATE TABLE AS, UPDATE under an alias, key indexes, a recursive CTE, rollback. */
async function runHooks(engine: Engine): Promise<void> {
  const d = dialect(engine.name);
  for (const text of d.createSchemas()) await engine.exec(text);
  const source = d.table('temp', 'hook_source');
  const copy = d.table('psg', 'hook_copy');
  for (const table of [source, copy]) await engine.exec(d.dropTableIfExists(table));
  await engine.exec(`CREATE TABLE ${source} (${d.quote('id')} ${d.columnType(INT)} NOT NULL, ${d.quote('code')} ${d.columnType({ kind: 'string', length: 600 })} NOT NULL, ${d.quote('lf_is_current')} ${d.flagType} NOT NULL)`);
  await engine.exec(`INSERT INTO ${source} VALUES (1, 'a', ${d.true}), (2, 'b', ${d.true})`);
  await engine.run(d.createTableAs(copy, sql`SELECT * FROM ${source}`, undefined));
  const keys = [{ name: 'id', type: INT }, { name: 'code', type: { kind: 'string', length: 600 } as const }];
  for (const [schema, table, current] of [['psg', copy, 'lf_is_current'], ['temp', source, undefined]] as const) {
    const index = d.keyIndex({ schema, entity: 'hook', table, keys, current });
    if (index !== undefined) await engine.exec(index);
  }
  await engine.run(d.updateAliased(copy, 'p', sql`${d.quote('code')} = 'z'`, sql`p.${d.quote('id')} = 2`));
  expect(await engine.rows(sql`SELECT ${d.quote('id')}, ${d.quote('code')} FROM ${copy} ORDER BY ${d.quote('id')}`)).toEqual([['1', 'a'], ['2', 'z']]);
  expect(await engine.rows(sql`${d.withRecursive} n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)\nSELECT COUNT(*) FROM n`)).toEqual([['3']]);
  await engine.exec(d.beginTransaction);
  await engine.exec(`DELETE FROM ${copy}`);
  await engine.exec(d.rollback);
  expect(await engine.rows(sql`SELECT COUNT(*) FROM ${copy}`)).toEqual([['2']]);
}

describe('statement hooks run on the engines here', () => {
  const ENGINES: Record<'duckdb' | 'sqlite' | 'postgres' | 'mariadb', () => Promise<Engine>> = {
    duckdb: duckdbEngine,
    sqlite: sqliteEngine,
    postgres: () => postgresEngine(inject('postgres')),
    mariadb: () => mariadbEngine(inject('mariadb')),
  };
  it.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('%s', async (name) => {
    const engine = await ENGINES[name]();
    try {
      await runHooks(engine);
    } finally {
      await engine.close();
    }
  });
});
