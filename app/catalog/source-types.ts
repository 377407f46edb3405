/**
 * Source column types → Landfall column types (`shared/model/column-type.ts` spellings), one
 * mapping per source kind, for importing an entity from a table. A type with no faithful
 * counterpart maps to the closest safe one (usually text) and says so in a note the designer shows.
 */
import { formatColumnType, type ColumnType } from '../../shared/model/column-type.ts';
import { sourceTraits, type CatalogFamily, type SqlSourceKind } from '../../shared/model/connection-kinds.ts';

export type { SqlSourceKind } from '../../shared/model/connection-kinds.ts';

/** A column as the source's catalog describes it. */
export interface SourceColumn {
  readonly name: string;
  /**
   * The type as the catalog names it: SQLite's declared type (`VARCHAR(200)`), DuckDB's
   * `data_type` (`DECIMAL(10,2)`), PostgreSQL's `data_type` (`character varying`), MariaDB's
   * `COLUMN_TYPE` (`int(10) unsigned`), SQL Server's `DATA_TYPE` (`nvarchar`).
   */
  readonly dataType: string;
  /** Character or byte length; -1 for SQL Server's `max`. */
  readonly length?: number | null | undefined;
  readonly precision?: number | null | undefined;
  readonly scale?: number | null | undefined;
  readonly nullable: boolean;
  /** The type its values were found to fit when sampled (sampled-types.ts), over the declared type's mapping. */
  readonly inferred?: MappedType | undefined;
}

export interface MappedType {
  /** The Landfall spelling, e.g. `decimal(10,2)`. */
  readonly type: string;
  /** Why the mapping is not exact, for the designer to show; absent when it is. */
  readonly note?: string;
  /**
   * The source expression the column is extracted as, when not the column itself (`{column}` stands
   * for the quoted column name): the import makes it the column's mapping, which the extract's
   * select list and its watermark filter both use.
   */
  readonly expression?: string;
  /** Why the column cannot be extracted as it is: the import stops, saying what to do instead. */
  readonly refused?: string;
}

const MAX_LENGTH = 1_000_000;
const MAX_PRECISION = 38;

const exact = (type: ColumnType): MappedType => ({ type: formatColumnType(type) });
const noted = (type: ColumnType, note: string): MappedType => ({ type: formatColumnType(type), note });
const refusedAs = (source: string, why: string): MappedType => ({ type: 'string', refused: `SQL Server type ${source} is not extracted: ${why}` });
const asText = (source: string): MappedType => noted({ kind: 'string' }, `${source} has no Landfall type: it is extracted as text`);

const positive = (n: number | null | undefined): number | undefined => (n !== null && n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined);

function text(length: number | null | undefined): MappedType {
  const n = positive(length);
  return exact(n !== undefined && n <= MAX_LENGTH ? { kind: 'string', length: n } : { kind: 'string' });
}

function bytes(length: number | null | undefined): MappedType {
  const n = positive(length);
  return exact(n !== undefined && n <= MAX_LENGTH ? { kind: 'binary', length: n } : { kind: 'binary' });
}

function decimal(precision: number | null | undefined, scale: number | null | undefined, source: string): MappedType {
  const p = positive(precision);
  const s = scale ?? 0;
  if (p === undefined) return noted({ kind: 'decimal', precision: MAX_PRECISION, scale: 10 }, `${source} has no declared precision: mapped to decimal(38,10); narrow it if you know the values`);
  if (p > MAX_PRECISION) return noted({ kind: 'string' }, `${source}(${p},${s}) is wider than decimal(38): it is extracted as text so no digit is lost`);
  return exact({ kind: 'decimal', precision: p, scale: Math.min(Math.max(s, 0), p) });
}

/** `name(a,b) rest` → its lower-case name, numeric arguments and the words after (`unsigned`, `zerofill`). */
function parseDeclared(declared: string): { base: string; args: number[]; rest: string } {
  const open = declared.indexOf('(');
  const close = open < 0 ? -1 : declared.indexOf(')', open);
  let base = (open < 0 ? declared : declared.slice(0, open)).trim().toLowerCase().replace(/\s+/g, ' ');
  let rest = close < 0 ? '' : declared.slice(close + 1).trim().toLowerCase();
  const modifiers = /\s+((?:unsigned|signed|zerofill)(?:\s+(?:unsigned|signed|zerofill))*)$/.exec(base);
  if (modifiers) {
    base = base.slice(0, modifiers.index);
    rest = `${modifiers[1]} ${rest}`.trim();
  }
  const args = open < 0 || close < 0 ? [] : declared.slice(open + 1, close).split(',').map((part) => Number(part.trim())).filter((n) => Number.isFinite(n));
  return { base, args, rest };
}

/**
 * SQLite: the declared type, read by SQLite's own affinity rules (a column typed `INTEGER` holds
 * 64-bit integers, `NUMERIC` holds REAL or INTEGER values, no declared type holds anything).
 */
export function sqliteType(column: SourceColumn): MappedType {
  const { base, args } = parseDeclared(column.dataType);
  const upper = base.toUpperCase();
  if (!upper) return noted({ kind: 'string' }, 'the column declares no type, so SQLite may hold any value in it: it is extracted as text');
  if (/^(BOOL|BOOLEAN)$/.test(upper)) return exact({ kind: 'boolean' });
  if (/^(TINYINT|SMALLINT|INT2)$/.test(upper)) return exact({ kind: 'smallint' });
  if (upper === 'DATE') return exact({ kind: 'date' });
  if (upper === 'TIME') return exact({ kind: 'time' });
  if (/^(DATETIME|TIMESTAMP)$/.test(upper)) return exact({ kind: 'datetime' });
  if (/^(DATETIMEOFFSET|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE)$/.test(upper)) return exact({ kind: 'datetimeoffset' });
  if (/^(UUID|GUID|UNIQUEIDENTIFIER)$/.test(upper)) return exact({ kind: 'uuid' });
  if (/^(DECIMAL|NUMERIC)$/.test(upper) && args.length >= 1) return decimal(args[0], args[1] ?? 0, upper);
  // SQLite's affinity rules, in their order.
  if (upper.includes('INT')) return exact({ kind: 'bigint' });
  if (/CHAR|CLOB|TEXT/.test(upper)) return text(args[0]);
  if (upper.includes('BLOB') || /BINARY/.test(upper)) return bytes(args[0]);
  if (/REAL|FLOA|DOUB/.test(upper)) return exact({ kind: 'double' });
  return noted({ kind: 'double' }, `SQLite keeps ${upper} values as REAL or INTEGER: mapped to double; choose decimal(p,s) for exact amounts`);
}

/** DuckDB: `information_schema.columns.data_type`. */
export function duckdbType(column: SourceColumn): MappedType {
  const { base, args } = parseDeclared(column.dataType);
  const upper = base.toUpperCase();
  switch (upper) {
    case 'BOOLEAN': return exact({ kind: 'boolean' });
    case 'TINYINT': case 'UTINYINT': case 'SMALLINT': return exact({ kind: 'smallint' });
    case 'USMALLINT': case 'INTEGER': return exact({ kind: 'int' });
    case 'UINTEGER': case 'BIGINT': return exact({ kind: 'bigint' });
    case 'UBIGINT': case 'HUGEINT': case 'UHUGEINT': case 'VARINT': case 'BIGNUM':
      return noted({ kind: 'decimal', precision: 38, scale: 0 }, `${upper} can exceed bigint: mapped to decimal(38,0)`);
    case 'DECIMAL': return decimal(args[0] ?? column.precision, args[1] ?? column.scale, 'DECIMAL');
    case 'FLOAT': case 'REAL': return exact({ kind: 'float' });
    case 'DOUBLE': return exact({ kind: 'double' });
    case 'DATE': return exact({ kind: 'date' });
    case 'TIME': return exact({ kind: 'time' });
    case 'TIMESTAMP': case 'DATETIME': case 'TIMESTAMP_S': case 'TIMESTAMP_MS': case 'TIMESTAMP_NS': return exact({ kind: 'datetime' });
    case 'TIMESTAMP WITH TIME ZONE': case 'TIMESTAMPTZ': return exact({ kind: 'datetimeoffset' });
    case 'VARCHAR': case 'TEXT': case 'STRING': return text(args[0] ?? column.length);
    case 'BLOB': case 'BYTEA': return exact({ kind: 'binary' });
    case 'UUID': return exact({ kind: 'uuid' });
    default: return asText(`DuckDB type ${column.dataType}`);
  }
}

/** PostgreSQL: `information_schema.columns.data_type` with its length, precision and scale. */
export function postgresType(column: SourceColumn): MappedType {
  const type = column.dataType.toLowerCase();
  switch (type) {
    case 'boolean': return exact({ kind: 'boolean' });
    case 'smallint': return exact({ kind: 'smallint' });
    case 'integer': return exact({ kind: 'int' });
    case 'bigint': return exact({ kind: 'bigint' });
    case 'numeric': case 'decimal': return decimal(column.precision, column.scale, 'numeric');
    case 'money': return noted({ kind: 'decimal', precision: 19, scale: 2 }, 'money is mapped to decimal(19,2)');
    case 'real': return exact({ kind: 'float' });
    case 'double precision': return exact({ kind: 'double' });
    case 'date': return exact({ kind: 'date' });
    case 'time without time zone': return exact({ kind: 'time' });
    case 'time with time zone': return noted({ kind: 'time' }, 'time with time zone loses its offset: mapped to time');
    case 'timestamp without time zone': return exact({ kind: 'datetime' });
    case 'timestamp with time zone': return exact({ kind: 'datetimeoffset' });
    case 'character varying': case 'character': return text(column.length);
    case 'text': case 'citext': case 'name': return exact({ kind: 'string' });
    case 'bytea': return exact({ kind: 'binary' });
    case 'uuid': return exact({ kind: 'uuid' });
    default: return asText(`PostgreSQL type ${column.dataType}`);
  }
}

/** MariaDB / MySQL: `information_schema.COLUMNS.COLUMN_TYPE` (it keeps `unsigned` and `tinyint(1)`). */
export function mariadbType(column: SourceColumn): MappedType {
  const { base, args, rest } = parseDeclared(column.dataType);
  const unsigned = rest.includes('unsigned');
  switch (base) {
    case 'tinyint': return args[0] === 1 ? exact({ kind: 'boolean' }) : exact({ kind: 'smallint' });
    case 'bool': case 'boolean': return exact({ kind: 'boolean' });
    case 'smallint': return exact({ kind: unsigned ? 'int' : 'smallint' });
    case 'mediumint': return exact({ kind: 'int' });
    case 'int': case 'integer': return exact({ kind: unsigned ? 'bigint' : 'int' });
    case 'bigint': return unsigned ? noted({ kind: 'decimal', precision: 20, scale: 0 }, 'bigint unsigned can exceed bigint: mapped to decimal(20,0)') : exact({ kind: 'bigint' });
    case 'decimal': case 'numeric': case 'dec': case 'fixed': return decimal(args[0] ?? column.precision, args[1] ?? column.scale ?? 0, 'decimal');
    case 'float': return exact({ kind: 'float' });
    case 'double': case 'real': case 'double precision': return exact({ kind: 'double' });
    case 'bit': return args[0] === undefined || args[0] === 1 ? exact({ kind: 'boolean' }) : bytes(Math.ceil(args[0] / 8));
    case 'year': return exact({ kind: 'smallint' });
    case 'date': return exact({ kind: 'date' });
    case 'time': return exact({ kind: 'time' });
    case 'datetime': case 'timestamp': return exact({ kind: 'datetime' });
    case 'char': case 'varchar': return text(args[0] ?? column.length);
    case 'tinytext': case 'text': case 'mediumtext': case 'longtext': case 'json': return exact({ kind: 'string' });
    case 'enum': case 'set': return text(column.length);
    case 'binary': case 'varbinary': return bytes(args[0] ?? column.length);
    case 'tinyblob': case 'blob': case 'mediumblob': case 'longblob': return exact({ kind: 'binary' });
    case 'uuid': return exact({ kind: 'uuid' });
    case 'inet4': case 'inet6': return exact({ kind: 'string', length: 39 });
    default: return asText(`MariaDB type ${column.dataType}`);
  }
}

/** SQL Server, Azure SQL, Synapse: `INFORMATION_SCHEMA.COLUMNS.DATA_TYPE` with its length, precision and scale. */
export function sqlServerType(column: SourceColumn): MappedType {
  const type = column.dataType.toLowerCase();
  switch (type) {
    case 'bit': return exact({ kind: 'boolean' });
    case 'tinyint': case 'smallint': return exact({ kind: 'smallint' });
    case 'int': return exact({ kind: 'int' });
    case 'bigint': return exact({ kind: 'bigint' });
    case 'decimal': case 'numeric': return decimal(column.precision, column.scale, type);
    case 'money': return exact({ kind: 'decimal', precision: 19, scale: 4 });
    case 'smallmoney': return exact({ kind: 'decimal', precision: 10, scale: 4 });
    case 'real': return exact({ kind: 'float' });
    case 'float': return exact({ kind: (column.precision ?? 53) <= 24 ? 'float' : 'double' });
    case 'date': return exact({ kind: 'date' });
    case 'time': return exact({ kind: 'time' });
    case 'datetime2': return exact({ kind: 'datetime' });
    // datetime keeps 1/300 s ticks (.003, .007, …): compared with a DATETIME2(7) watermark it widens
    // to .0033333, so the boundary row would be read again on every run. As DATETIME2(3) each tick is
    // its exact millisecond, in the rows and in the watermark filter alike.
    case 'datetime': case 'smalldatetime': return { ...noted({ kind: 'datetime' }, `${type} is extracted as CAST(… AS DATETIME2(3)): its 1/300 s ticks as exact milliseconds, so an incremental watermark neither repeats nor loses the boundary row`), expression: 'CAST({column} AS DATETIME2(3))' };
    case 'datetimeoffset': return exact({ kind: 'datetimeoffset' });
    case 'char': case 'varchar': case 'nchar': case 'nvarchar': return text(column.length);
    case 'text': case 'ntext': return exact({ kind: 'string' });
    case 'binary': case 'varbinary': return bytes(column.length);
    case 'image': return exact({ kind: 'binary' });
    // An 8-byte big-endian counter that grows with every change: as a number it is a change column.
    case 'timestamp': case 'rowversion': return { ...noted({ kind: 'bigint' }, `${type} is extracted as CAST(… AS BIGINT), the database's change counter as a number, usable as an incremental change column`), expression: 'CAST({column} AS BIGINT)' };
    case 'xml': return refusedAs(type, 'its text is reformatted by the server, so the row hash would see changes that are none; extract CAST(column AS NVARCHAR(MAX)) from a free query if the text is what you need');
    case 'hierarchyid': return refusedAs(type, 'it is a CLR type the driver cannot read; extract column.ToString() from a free query');
    case 'sql_variant': return refusedAs(type, 'each value has its own type; extract CAST(column AS <one type>) from a free query');
    case 'uniqueidentifier': return exact({ kind: 'uuid' });
    default: return asText(`SQL Server type ${column.dataType}`);
  }
}

/** Each catalog family's type mapping. */
const MAPPINGS: Record<CatalogFamily, (column: SourceColumn) => MappedType> = {
  sqlite: sqliteType,
  duckdb: duckdbType,
  postgres: postgresType,
  mariadb: mariadbType,
  sqlserver: sqlServerType,
};

/** The Landfall type of a source column, by the mapping of its kind's catalog family. */
export function landfallType(kind: SqlSourceKind, column: SourceColumn): MappedType {
  return MAPPINGS[sourceTraits(kind).catalog](column);
}
