// DECIMAL, NUMERIC and MONEY from SQL Server: tedious decodes them into a JavaScript number, so a
// value of more than 15 significant digits reaches the engine changed, and would land changed
// without an error. The T-SQL extract selects those columns as their text instead (exactRead),
// which lands exactly. The values here are decoded by tedious's own value parser from TDS bytes.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../shared/model/column-type.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { preview, sql } from '../../shared/sql/statement.ts';
import { normalizer } from '../values.ts';

interface TediousParser {
  readValue(buf: Buffer, offset: number, metadata: unknown, options: unknown): { value: unknown };
}
const require = createRequire(import.meta.url);
const parser = require('tedious/lib/value-parser.js') as TediousParser;
const { TYPE, TYPES } = require('tedious/lib/data-type.js') as { TYPE: Record<number, unknown>; TYPES: Record<string, unknown> };

/** A DECIMAL(precision, scale) as the server sends it: length, sign, the unscaled value in 8 bytes. */
function decimalValue(unscaled: bigint, precision: number, scale: number): unknown {
  const buf = Buffer.alloc(10);
  buf[0] = 9;
  buf[1] = unscaled < 0n ? 0 : 1;
  buf.writeBigUInt64LE(unscaled < 0n ? -unscaled : unscaled, 2);
  return parser.readValue(buf, 0, { type: TYPE[0x6a], precision, scale }, { useUTC: true }).value;
}

/** A MONEY value: ten-thousandths as a 64-bit integer, high half first. */
function moneyValue(tenThousandths: bigint): unknown {
  const buf = Buffer.alloc(8);
  buf.writeInt32LE(Number(BigInt.asIntN(64, tenThousandths) >> 32n), 0);
  buf.writeUInt32LE(Number(BigInt.asUintN(32, tenThousandths)), 4);
  return parser.readValue(buf, 0, { type: TYPES.Money }, { useUTC: true }).value;
}

const decimal = (precision: number, scale: number): ColumnType => ({ kind: 'decimal', precision, scale });
const landed = (type: ColumnType, value: unknown): unknown => normalizer(type, false)(value);
const tsql = dialect('tsql');
const read = (type: ColumnType): string | undefined => {
  const statement = tsql.exactRead?.(sql`[amount]`, type);
  return statement && preview(statement, tsql);
};

describe('SQL Server decimals are read exactly', () => {
  it('would land a DECIMAL(18,2) of 18 digits changed from the number tedious gives', () => {
    expect(landed(decimal(18, 2), decimalValue(123456789012345678n, 18, 2))).not.toBe('1234567890123456.78');
    // The text the extract selects instead lands as it is.
    expect(landed(decimal(18, 2), '1234567890123456.78')).toBe('1234567890123456.78');
    expect(landed(decimal(18, 2), '-0.50')).toBe('-0.5');
  });

  it('would land MONEY beyond 15 digits changed; through DECIMAL(19,4) text it is exact', () => {
    expect(landed(decimal(19, 4), moneyValue(9223372036854775807n))).not.toBe('922337203685477.5807');
    expect(landed(decimal(19, 4), '922337203685477.5807')).toBe('922337203685477.5807');
    expect(read(decimal(19, 4))).toBe('CAST(CAST([amount] AS DECIMAL(19,4)) AS VARCHAR(21))');
  });

  it('keeps the driver number up to 15 digits, where it is exact', () => {
    expect(landed(decimal(15, 2), decimalValue(999999999999999n, 15, 2))).toBe('9999999999999.99');
    expect(landed(decimal(10, 4), moneyValue(12345678n))).toBe('1234.5678');
    expect(read(decimal(15, 2))).toBeUndefined();
    expect(read({ kind: 'int' })).toBeUndefined();
    expect(read(decimal(38, 10))).toBe('CAST(CAST([amount] AS DECIMAL(38,10)) AS VARCHAR(40))');
  });
});
