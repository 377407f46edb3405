import { describe, expect, it } from 'vitest';
import { parseColumnType } from '../../shared/model/column-type.ts';
import { duckdbType, landfallType, mariadbType, postgresType, sqliteType, sqlServerType, type MappedType, type SourceColumn } from './source-types.ts';

type Row = [dataType: string, extra: Partial<SourceColumn>, type: string, noted?: RegExp];

/** Runs one table of mappings; every result must also be a type the model accepts. */
function table(map: (column: SourceColumn) => MappedType, rows: readonly Row[]): void {
  it.each(rows)('%s %j → %s', (dataType, extra, type, noted) => {
    const mapped = map({ name: 'c', dataType, nullable: true, ...extra });
    expect(mapped.type).toBe(type);
    expect(typeof parseColumnType(mapped.type)).toBe('object');
    if (noted) expect(mapped.note).toMatch(noted);
    else expect(mapped.note).toBeUndefined();
  });
}

describe('SQLite declared types, by affinity', () => {
  table(sqliteType, [
    ['INTEGER', {}, 'bigint'],
    ['INT', {}, 'bigint'],
    ['BIGINT', {}, 'bigint'],
    ['SMALLINT', {}, 'smallint'],
    ['TINYINT', {}, 'smallint'],
    ['BOOLEAN', {}, 'boolean'],
    ['TEXT', {}, 'string'],
    ['VARCHAR(200)', {}, 'string(200)'],
    ['nvarchar( 30 )', {}, 'string(30)'],
    ['CHARACTER(2)', {}, 'string(2)'],
    ['CLOB', {}, 'string'],
    ['REAL', {}, 'double'],
    ['DOUBLE PRECISION', {}, 'double'],
    ['FLOAT', {}, 'double'],
    ['DECIMAL(10,2)', {}, 'decimal(10,2)'],
    ['NUMERIC(12)', {}, 'decimal(12,0)'],
    ['NUMERIC', {}, 'double', /REAL or INTEGER/],
    ['DATE', {}, 'date'],
    ['DATETIME', {}, 'datetime'],
    ['TIMESTAMP', {}, 'datetime'],
    ['TIME', {}, 'time'],
    ['BLOB', {}, 'binary'],
    ['VARBINARY(16)', {}, 'binary(16)'],
    ['UUID', {}, 'uuid'],
    ['', {}, 'string', /declares no type/],
  ]);
});

describe('DuckDB data_type', () => {
  table(duckdbType, [
    ['BOOLEAN', {}, 'boolean'],
    ['TINYINT', {}, 'smallint'],
    ['SMALLINT', {}, 'smallint'],
    ['USMALLINT', {}, 'int'],
    ['INTEGER', {}, 'int'],
    ['UINTEGER', {}, 'bigint'],
    ['BIGINT', {}, 'bigint'],
    ['HUGEINT', {}, 'decimal(38,0)', /exceed bigint/],
    ['UBIGINT', {}, 'decimal(38,0)', /exceed bigint/],
    ['DECIMAL(18,3)', {}, 'decimal(18,3)'],
    ['DECIMAL', { precision: 9, scale: 2 }, 'decimal(9,2)'],
    ['FLOAT', {}, 'float'],
    ['DOUBLE', {}, 'double'],
    ['DATE', {}, 'date'],
    ['TIME', {}, 'time'],
    ['TIMESTAMP', {}, 'datetime'],
    ['TIMESTAMP_NS', {}, 'datetime'],
    ['TIMESTAMP WITH TIME ZONE', {}, 'datetimeoffset'],
    ['VARCHAR', {}, 'string'],
    ['BLOB', {}, 'binary'],
    ['UUID', {}, 'uuid'],
    ['INTEGER[]', {}, 'string', /no Landfall type/],
    ['STRUCT(a INTEGER)', {}, 'string', /no Landfall type/],
    ['INTERVAL', {}, 'string', /no Landfall type/],
  ]);
});

describe('PostgreSQL data_type', () => {
  table(postgresType, [
    ['boolean', {}, 'boolean'],
    ['smallint', {}, 'smallint'],
    ['integer', {}, 'int'],
    ['bigint', {}, 'bigint'],
    ['numeric', { precision: 12, scale: 2 }, 'decimal(12,2)'],
    ['numeric', {}, 'decimal(38,10)', /no declared precision/],
    ['numeric', { precision: 50, scale: 4 }, 'string', /wider than decimal\(38\)/],
    ['money', {}, 'decimal(19,2)', /money/],
    ['real', {}, 'float'],
    ['double precision', {}, 'double'],
    ['date', {}, 'date'],
    ['time without time zone', {}, 'time'],
    ['time with time zone', {}, 'time', /offset/],
    ['timestamp without time zone', {}, 'datetime'],
    ['timestamp with time zone', {}, 'datetimeoffset'],
    ['character varying', { length: 320 }, 'string(320)'],
    ['character varying', {}, 'string'],
    ['character', { length: 2 }, 'string(2)'],
    ['text', {}, 'string'],
    ['bytea', {}, 'binary'],
    ['uuid', {}, 'uuid'],
    ['jsonb', {}, 'string', /no Landfall type/],
    ['ARRAY', {}, 'string', /no Landfall type/],
    ['USER-DEFINED', {}, 'string', /no Landfall type/],
  ]);
});

describe('MariaDB COLUMN_TYPE', () => {
  table(mariadbType, [
    ['tinyint(1)', {}, 'boolean'],
    ['tinyint(4)', {}, 'smallint'],
    ['smallint(6)', {}, 'smallint'],
    ['smallint(5) unsigned', {}, 'int'],
    ['mediumint(9)', {}, 'int'],
    ['int(11)', {}, 'int'],
    ['int', {}, 'int'],
    ['int(10) unsigned', {}, 'bigint'],
    ['int unsigned', {}, 'bigint'],
    ['bigint(20)', {}, 'bigint'],
    ['bigint(20) unsigned', {}, 'decimal(20,0)', /exceed bigint/],
    ['decimal(10,2)', {}, 'decimal(10,2)'],
    ['decimal(65,30)', {}, 'string', /wider than decimal\(38\)/],
    ['float', {}, 'float'],
    ['double', {}, 'double'],
    ['bit(1)', {}, 'boolean'],
    ['bit(12)', {}, 'binary(2)'],
    ['year(4)', {}, 'smallint'],
    ['date', {}, 'date'],
    ['time', {}, 'time'],
    ['datetime(6)', {}, 'datetime'],
    ['timestamp', {}, 'datetime'],
    ['varchar(100)', {}, 'string(100)'],
    ['char(2)', {}, 'string(2)'],
    ['longtext', {}, 'string'],
    ["enum('a','bb')", { length: 2 }, 'string(2)'],
    ['varbinary(16)', {}, 'binary(16)'],
    ['blob', {}, 'binary'],
    ['uuid', {}, 'uuid'],
    ['geometry', {}, 'string', /no Landfall type/],
  ]);
});

describe('SQL Server DATA_TYPE', () => {
  table(sqlServerType, [
    ['bit', {}, 'boolean'],
    ['tinyint', {}, 'smallint'],
    ['smallint', {}, 'smallint'],
    ['int', {}, 'int'],
    ['bigint', {}, 'bigint'],
    ['decimal', { precision: 18, scale: 4 }, 'decimal(18,4)'],
    ['numeric', { precision: 5, scale: 0 }, 'decimal(5,0)'],
    ['money', {}, 'decimal(19,4)'],
    ['smallmoney', {}, 'decimal(10,4)'],
    ['real', {}, 'float'],
    ['float', { precision: 53 }, 'double'],
    ['float', { precision: 24 }, 'float'],
    ['date', {}, 'date'],
    ['time', {}, 'time'],
    ['datetime', {}, 'datetime', /CAST\(… AS DATETIME2\(3\)\)/],
    ['datetime2', {}, 'datetime'],
    ['smalldatetime', {}, 'datetime', /neither repeats nor loses the boundary row/],
    ['datetimeoffset', {}, 'datetimeoffset'],
    ['nvarchar', { length: 50 }, 'string(50)'],
    ['varchar', { length: -1 }, 'string'],
    ['ntext', {}, 'string'],
    ['varbinary', { length: -1 }, 'binary'],
    ['binary', { length: 16 }, 'binary(16)'],
    ['rowversion', {}, 'bigint', /CAST\(… AS BIGINT\).*change column/],
    ['timestamp', {}, 'bigint', /change column/],
    ['uniqueidentifier', {}, 'uuid'],
    ['geography', {}, 'string', /no Landfall type/],
  ]);
});

describe('SQL Server types that are refused or extracted through an expression', () => {
  it.each([
    ['xml', 'SQL Server type xml is not extracted: its text is reformatted by the server, so the row hash would see changes that are none; extract CAST(column AS NVARCHAR(MAX)) from a free query if the text is what you need'],
    ['hierarchyid', 'SQL Server type hierarchyid is not extracted: it is a CLR type the driver cannot read; extract column.ToString() from a free query'],
    ['sql_variant', 'SQL Server type sql_variant is not extracted: each value has its own type; extract CAST(column AS <one type>) from a free query'],
  ])('refuses %s, saying what to do', (dataType, message) => {
    expect(sqlServerType({ name: 'c', dataType, nullable: true }).refused).toBe(message);
  });

  it('extracts datetime at its exact milliseconds and rowversion as a number', () => {
    expect(sqlServerType({ name: 'c', dataType: 'datetime', nullable: true }).expression).toBe('CAST({column} AS DATETIME2(3))');
    expect(sqlServerType({ name: 'c', dataType: 'rowversion', nullable: true }).expression).toBe('CAST({column} AS BIGINT)');
    for (const dataType of ['datetime2', 'datetimeoffset', 'money', 'uniqueidentifier']) expect(sqlServerType({ name: 'c', dataType, nullable: true }).expression).toBeUndefined();
  });
});

describe('landfallType', () => {
  it('picks the mapping of the connection kind; Azure SQL and Synapse speak T-SQL', () => {
    const column: SourceColumn = { name: 'c', dataType: 'int', nullable: false };
    expect(landfallType('azuresql', column)).toEqual({ type: 'int' });
    expect(landfallType('synapse', { ...column, dataType: 'uniqueidentifier' })).toEqual({ type: 'uuid' });
    expect(landfallType('sqlite', { ...column, dataType: 'INTEGER' })).toEqual({ type: 'bigint' });
    expect(landfallType('mariadb', { ...column, dataType: 'tinyint(1)' })).toEqual({ type: 'boolean' });
  });
});
