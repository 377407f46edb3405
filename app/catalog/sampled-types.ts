/**
 * SQLite keeps dates, datetimes and exact amounts without a type of their own: a `TEXT` column of
 * `2025-03-01 10:00:00` values, a `NUMERIC` column of `84.74`. An import samples such columns and
 * maps them to `date`, `datetime` or `decimal(p,s)` when every sampled value fits, saying so in the
 * column's note; a column with one value that does not fit keeps the mapping of its declared type.
 */
import { formatColumnType } from '../../shared/model/column-type.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { sql } from '../../shared/sql/statement.ts';
import { withCatalog, type SqlConnection, type TableColumns } from './source-catalog.ts';
import { sqliteType, type MappedType, type SourceColumn } from './source-types.ts';

/** Rows read to infer types: enough to meet the odd value, few enough to read at once. */
export const SAMPLE_ROWS = 1000;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;
const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;
/** Digits a sampled decimal column gets beyond the widest sampled value, for values not yet seen. */
const HEADROOM = 4;

/** Which declared mappings a sample may narrow: text without a length (dates) and REAL/NUMERIC (decimals). */
type Candidate = 'temporal' | 'decimal';

function candidateOf(mapped: MappedType): Candidate | undefined {
  if (mapped.type === 'string') return 'temporal';
  if (mapped.type === 'double') return 'decimal';
  return undefined;
}

/** The type every sampled value (text as SQLite prints it, NULLs left out) fits, with the note that says so. */
export function sampledType(values: readonly string[], candidate: Candidate): MappedType | undefined {
  if (!values.length) return undefined;
  const seen = `${values.length} sampled value${values.length === 1 ? '' : 's'}`;
  if (candidate === 'temporal') {
    if (values.every((v) => DATE.test(v))) return { type: 'date', note: `imported as date, not text — the ${seen} are all dates (YYYY-MM-DD); check the type if other rows hold other text` };
    if (values.every((v) => DATETIME.test(v))) return { type: 'datetime', note: `imported as datetime, not text — the ${seen} are all datetimes (YYYY-MM-DD HH:MM:SS); check the type if other rows hold other text` };
    return undefined;
  }
  let whole = 1;
  let scale = 0;
  for (const value of values) {
    const match = DECIMAL.exec(value);
    // An exponent (1e-07) or a non-number: the values are floating point after all.
    if (!match) return undefined;
    whole = Math.max(whole, match[1]!.replace(/^0+(?=\d)/, '').length);
    scale = Math.max(scale, match[2]?.length ?? 0);
  }
  // Whole numbers alone say nothing about places; REAL values with many places are measurements, not amounts.
  if (scale === 0 || scale > 6) return undefined;
  const precision = Math.min(38, whole + scale + HEADROOM);
  const type = formatColumnType({ kind: 'decimal', precision, scale });
  return { type, note: `imported as ${type}, not double, so amounts stay exact — the ${seen} have at most ${scale} decimal place${scale === 1 ? '' : 's'} and ${whole} digit${whole === 1 ? '' : 's'} before the point` };
}

/**
 * The SQLite table's columns, those whose declared type maps to text or double given the type the
 * first {@link SAMPLE_ROWS} rows' values all fit (`inferred`); the others as they were.
 */
export async function withSampledTypes(connection: SqlConnection, table: { schema?: string | undefined; name: string }, found: TableColumns): Promise<TableColumns> {
  const d = dialect('sqlite');
  const candidates = found.columns.map((column) => ({ column, candidate: candidateOf(sqliteType(column)) })).filter((c) => c.candidate !== undefined);
  if (!candidates.length) return found;
  const from = table.schema ? `${d.quote(table.schema)}.${d.quote(table.name)}` : d.quote(table.name);
  const list = candidates.map(({ column }) => `CAST(${d.quote(column.name)} AS TEXT)`).join(', ');
  const rows = await withCatalog(connection, (catalog) => catalog.query(sql`SELECT ${list} FROM ${from} LIMIT ${String(SAMPLE_ROWS)}`));
  const inferred = new Map<string, MappedType>();
  candidates.forEach(({ column, candidate }, index) => {
    const values = rows.map((row) => row[index]).filter((v): v is string => typeof v === 'string');
    const type = sampledType(values, candidate!);
    if (type) inferred.set(column.name, type);
  });
  return { ...found, columns: found.columns.map((column): SourceColumn => (inferred.has(column.name) ? { ...column, inferred: inferred.get(column.name) } : column)) };
}
