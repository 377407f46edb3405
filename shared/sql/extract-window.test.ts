// The extract query's WHERE: the Date Range window from the batch date (a real calendar day,
// month ends and leap days by shared/time.ts), and the incremental comparison with the saved
// watermark, which on a source that keeps datetimes as text (SQLite) must not take a row's
// `…:00.500` for more than the saved `…:00.5`.
import { describe, expect, it } from 'vitest';
import { parseEntity, parseExtract, type ExtractInput } from '../model/index.ts';
import { dialect, type DialectName } from './dialect.ts';
import type { EntitySqlInput, RunState } from './steps/entity-sql-input.ts';
import { extractStatement } from './steps/extract.ts';
import { compile, preview } from './statement.ts';

type PatternInput = ExtractInput['pattern'];

/** Entity "orders" (id, at) read from table "orders" of a SQLite or PostgreSQL source. */
function project(source: 'sqlite' | 'postgres', pattern: PatternInput, type: string): EntitySqlInput {
  const entity = parseEntity({ name: 'orders', columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'at', type }], businessKey: ['id'], warehouse: 'wh' });
  const extract = parseExtract({ entity: 'orders', source: { kind: 'table', connection: 'src', table: 'orders' }, pattern, lander: { connection: 'lake' } });
  if (!entity.ok || !extract.ok) throw new Error('invalid fixture');
  return { entity: entity.value, extract: extract.value, sourceDialect: source, warehouseDialect: 'duckdb', parameters: {} };
}

const state = (batchDate: string, watermarks: Record<string, string> = {}): RunState => ({ batchDate, batchId: 1n, batchTime: '2026-01-01 00:00:00', runId: 'r', watermarks });

const where = (sql: string): string => sql.slice(sql.indexOf('WHERE'));

describe('the Date Range window', () => {
  it.each([
    ['date', '2024-03-01', 1, `WHERE ("at") >= '2024-02-29' AND ("at") <= '2024-03-01'`],
    ['date', '2026-03-01', 1, `WHERE ("at") >= '2026-02-28' AND ("at") <= '2026-03-01'`],
    ['date', '2026-01-05', 7, `WHERE ("at") >= '2025-12-29' AND ("at") <= '2026-01-05'`],
    ['datetime', '2024-02-29', 0, `WHERE ("at") >= '2024-02-29 00:00:00' AND ("at") < '2024-03-01 00:00:00'`],
    ['datetime', '2026-12-31', 3, `WHERE ("at") >= '2026-12-28 00:00:00' AND ("at") < '2027-01-01 00:00:00'`],
    ['datetime', '0099-12-31', 1, `WHERE ("at") >= '0099-12-30 00:00:00' AND ("at") < '0100-01-01 00:00:00'`],
  ])('a %s column, batch date %s, %d days back', (type, batchDate, days, expected) => {
    const input = project('sqlite', { kind: 'dateRange', column: 'at', days }, type);
    expect(where(preview(extractStatement(input, state(batchDate)).statement, dialect('sqlite')))).toBe(expected);
  });

  it.each([
    ['2026-02-30', 'batch date "2026-02-30" is not a day of the calendar'],
    ['2023-02-29', 'batch date "2023-02-29" is not a day of the calendar'],
    ['30/06/2026', 'batch date "30/06/2026" is not a YYYY-MM-DD date'],
  ])('refuses the batch date %s, naming it', (batchDate, message) => {
    const input = project('sqlite', { kind: 'dateRange', column: 'at', days: 1 }, 'date');
    expect(() => extractStatement(input, state(batchDate))).toThrow(message);
  });
});

describe('the incremental comparison', () => {
  const incremental = (comparison: '>' | '>='): PatternInput => ({ kind: 'incremental', changeColumns: [{ column: 'at' }], comparison });
  const bound = (source: DialectName & ('sqlite' | 'postgres'), comparison: '>' | '>=', saved: string): unknown =>
    compile(extractStatement(project(source, incremental(comparison), 'datetime'), state('2026-11-20', { at: saved })).statement, dialect(source)).params.at(-1);

  it.each([
    ['2026-11-20 10:30:00.5', '2026-11-20 10:30:00.500000000'],
    ['2026-11-20 10:30:00', '2026-11-20 10:30:00.000000000'],
    ['2026-11-20T10:30:00.123456Z', '2026-11-20 10:30:00.123456000'],
  ])('binds a SQLite "> %s" with every fraction digit, so the same instant written with trailing zeros is not above it', (saved, expected) => {
    expect(bound('sqlite', '>', saved)).toBe(expected);
    // The row that set the watermark, as SQLite keeps it, is not re-read; a later one is.
    expect('2026-11-20 10:30:00.500' > (bound('sqlite', '>', '2026-11-20 10:30:00.5') as string)).toBe(false);
    expect('2026-11-20 10:30:00.501' > (bound('sqlite', '>', '2026-11-20 10:30:00.5') as string)).toBe(true);
  });

  it('binds the saved value as it is for ">=" (the shortest text is at or below every writing) and for typed sources', () => {
    expect(bound('sqlite', '>=', '2026-11-20 10:30:00.500')).toBe('2026-11-20 10:30:00.5');
    expect('2026-11-20 10:30:00.500' >= (bound('sqlite', '>=', '2026-11-20 10:30:00.500') as string)).toBe(true);
    expect(bound('postgres', '>', '2026-11-20 10:30:00.500')).toBe('2026-11-20 10:30:00.5');
    expect(bound('postgres', '>=', '2026-11-20 10:30:00.5')).toBe('2026-11-20 10:30:00.5');
  });
});
