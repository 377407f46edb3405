// The SQL Server lander reads back the very file the CSV writer built (no SQL Server here: the
// bulk load itself runs in the opt-in suite, test/sqlserver/). Every layout and compression the
// writer makes must give back each value's text exactly, NULL apart from the empty string and from
// a string that reads like the NULL marker, binary values as their bytes.
import { describe, expect, it } from 'vitest';
import { parseColumnType, type ColumnType } from '../../shared/model/column-type.ts';
import type { Compression } from '../../shared/model/schema.ts';
import type { BulkCopyTarget } from '../../shared/sql/steps/bulk-copy.ts';
import { bulkCopyTarget } from '../../shared/sql/steps/bulk-copy.ts';
import { parseEntity, parseExtract } from '../../shared/model/index.ts';
import type { CsvLayout } from '../../shared/sql/stage-hook.ts';
import { csvWriter } from '../format/csv-writer.ts';
import { bulkRows } from './sqlserver-lander.ts';

const COLUMNS = [
  { name: 'id', type: 'int' },
  { name: 'name', type: 'string(40)' },
  { name: 'amount', type: 'decimal(38,10)' },
  { name: 'at', type: 'datetime' },
  { name: 'blob', type: 'binary' },
];

const ROWS: unknown[][] = [
  [1, 'plain', '12345678901234567890.1234567890', '2026-01-02 03:04:05.1234567', Buffer.from([0, 1, 254, 255])],
  [2, '', null, null, null],
  [3, 'NULL', '-0.0000000001', '1900-01-01 00:00:00.0000000', Buffer.alloc(0)],
  [4, 'a "quoted", multi\nline\r\nvalue', '0.0000000000', '9999-12-31 23:59:59.9999999', Buffer.from('hi')],
  [5, null, '1.0000000000', '2026-06-30 00:00:00.0000000', Buffer.from([10, 13])],
];

async function landedFile(layout: CsvLayout, compression: Compression, target: BulkCopyTarget) {
  const types = COLUMNS.map((c) => ({ name: c.name, type: parseColumnType(c.type) as ColumnType }));
  const builder = csvWriter(types, { ...layout, compression, binary: 'hex' }).newFile(1, 1 << 20);
  await builder.add(ROWS, 0, ROWS.length);
  const built = await builder.finish();
  expect(target.columns.map((c) => c.sent)).toEqual(['text', 'text', 'text', 'text', 'bytes']);
  return { name: 'part-0001.csv', ...built };
}

const expected = ROWS.map((row) => row.map((v) => (v === null ? null : Buffer.isBuffer(v) ? v : String(v))));

describe.each([
  { delimiter: ',', qualifier: '"', header: true, nullMarker: '' },
  { delimiter: '|', qualifier: "'", header: false, nullMarker: 'NULL' },
  { delimiter: '\t', qualifier: '"', header: true, nullMarker: '\\N' },
])('a CSV file (delimiter %j)', (layout) => {
  it.each(['none', 'gzip', 'zstd'] as const)('is read back value for value (compression %s)', async (compression) => {
    const entity = parseEntity({ name: 'items', columns: COLUMNS.map((c) => ({ ...c, nullable: c.name !== 'id' })), businessKey: ['id'], warehouse: 'wh' });
    const extract = parseExtract({ entity: 'items', source: { connection: 'src', kind: 'table', table: 'items' }, pattern: { kind: 'full' }, lander: { connection: 'wh' }, compression, format: { kind: 'csv', ...layout } });
    if (!entity.ok || !extract.ok) throw new Error('fixture invalid');
    const target = bulkCopyTarget({ entity: entity.value, extract: extract.value, sourceDialect: 'tsql', warehouseDialect: 'tsql', parameters: {} }, 'full', layout);
    const rows = bulkRows(await landedFile(layout, compression, { ...target, compression }), { ...target, compression });
    expect(rows).toEqual(expected);
  });
});

it('refuses a row whose width is not the table\'s, naming the file', async () => {
  const target: BulkCopyTarget = {
    table: '[temp].[x]', name: 'x', csv: { delimiter: ',', qualifier: '"', header: false, nullMarker: '' }, compression: 'none',
    columns: [{ name: 'a', type: { kind: 'int' }, sent: 'text', declared: 'NVARCHAR(100)' }],
  };
  const chunk = Buffer.from('1,2\n');
  expect(() => bulkRows({ name: 'part-0007.csv', firstRow: 1, rows: 1, chunks: [chunk], bytes: chunk.length }, target)).toThrow('file part-0007.csv has a row of 2 values for 1 columns');
});
