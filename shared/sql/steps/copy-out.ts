/** PostgreSQL sources with CSV output: the extract as the server's own `COPY … TO STDOUT`. */
import type { ColumnType } from '../../model/column-type.ts';
import { dialect } from '../dialect.ts';
import type { BinaryText, CsvLayout } from '../stage-hook.ts';
import { preview, sql, type Statement } from '../statement.ts';
import { keyColumns, typedColumns, type TypedColumn } from './columns.ts';
import type { EntitySqlInput, ExtractMode, RunState } from './entity-sql-input.ts';
import { extractStatement } from './extract.ts';
import { MICROSECONDS_CAST, NOT_A_NUMBER, notDecimalProblem, NULL_KEY, OFFSET_INTO_DATE, OFFSET_INTO_DATETIME, OUT_OF_CALENDAR, precisionProblem, scaleProblem, TIME_INTO_DATE } from '../../value-problems.ts';

/**
 * A date or timestamp's text ending in a zone (`…10:30:00+00`, `…Z`): PostgreSQL's own casts to
 * DATE and TIMESTAMP drop it without a word.
 */
const ZONED = String.raw`\d:\d\d(:\d\d(\.\d+)?)?\s*([zZ]|[+-]\d\d(:?\d\d)?)$`;
/** A time's text with a significant seventh fraction digit: PostgreSQL's casts round it to microseconds. */
const FINER_THAN_MICROS = String.raw`:\d\d\.\d{6}\d*[1-9]`;
/** A decimal's text as the row path accepts it (sign, digits, point, exponent). */
const DECIMAL_TEXT = String.raw`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`;

const d = dialect('postgres');
const text = (value: string): string => d.literal({ type: 'text', value });

/**
 * The value checks, one session-temporary SQL function per target type and source type. The server
 * picks the overload by the source column's type when it parses the COPY, and inlines its body, so
 * a typed source pays only for the comparisons its type needs (a `timestamp` is compared with the
 * calendar's bounds, never printed and matched), while text is parsed and matched as before.
 * Every function takes the value and the column's name and returns the value the CSV gets; a value
 * that would not land exactly stops the COPY through `lf_fail` with the row path's wording. The
 * bodies are constant: names reach them as arguments.
 */
const fail = (problem: string, type: string): string =>
  `CAST(pg_temp.lf_fail(c, CAST(to_json(CAST(x AS TEXT)) AS TEXT) || ' ' || ${problem}) AS ${type})`;
const outside = (value: string, zone = ''): string =>
  `${value} < ${text(`0001-01-01 00:00:00${zone}`)} OR ${value} >= ${text(`10000-01-01 00:00:00${zone}`)}`;
const ARGS = 'c TEXT';
const fn = (name: string, source: string, returns: string, body: string, extra = ''): string =>
  `CREATE OR REPLACE FUNCTION pg_temp.${name}(x ${source}, ${ARGS}${extra}) RETURNS ${returns} LANGUAGE sql AS $lf$ SELECT ${body} $lf$`;

type Checked = 'decimal' | 'date' | 'datetime' | 'datetimeoffset';

const CHECKS: Record<Checked, () => string[]> = {
  decimal: () => {
    const extra = ', bound NUMERIC, s INTEGER, too_big TEXT, too_fine TEXT, not_decimal TEXT';
    const pass = 'pg_temp.lf_decimal(CAST(x AS NUMERIC), c, bound, s, too_big, too_fine, not_decimal)';
    return [
      // NaN first: it compares greater than every number.
      fn('lf_decimal', 'NUMERIC', 'NUMERIC', `CASE WHEN x = ${text('NaN')} THEN ${fail(text(NOT_A_NUMBER), 'NUMERIC')}`
        + ` WHEN abs(x) >= bound THEN ${fail('too_big', 'NUMERIC')}`
        + ` WHEN scale(x) > s AND x <> round(x, s) THEN ${fail('too_fine', 'NUMERIC')} ELSE x END`, extra),
      // Integers and floats widen to NUMERIC exactly (a float as its shortest exact digits).
      ...['SMALLINT', 'INTEGER', 'BIGINT', 'REAL', 'DOUBLE PRECISION', 'MONEY'].map((source) => fn('lf_decimal', source, 'NUMERIC', pass, extra)),
      fn('lf_decimal', 'TEXT', 'NUMERIC', `CASE WHEN x !~ ${text(DECIMAL_TEXT)} THEN ${fail('not_decimal', 'NUMERIC')} ELSE ${pass} END`, extra),
    ];
  },
  datetime: () => [
    fn('lf_datetime', 'TIMESTAMP', 'TIMESTAMP', `CASE WHEN ${outside('x')} THEN ${fail(text(OUT_OF_CALENDAR), 'TIMESTAMP')} ELSE x END`),
    fn('lf_datetime', 'DATE', 'TIMESTAMP', 'pg_temp.lf_datetime(CAST(x AS TIMESTAMP), c)'),
    // An instant holds no wall-clock time of its own: whatever its offset, it does not fit.
    fn('lf_datetime', 'TIMESTAMPTZ', 'TIMESTAMP', `CASE WHEN x IS NOT NULL THEN ${fail(text(OFFSET_INTO_DATETIME), 'TIMESTAMP')} END`),
    fn('lf_datetime', 'TEXT', 'TIMESTAMP', `CASE WHEN x ~ ${text(ZONED)} THEN ${fail(text(OFFSET_INTO_DATETIME), 'TIMESTAMP')}`
      + ` WHEN x ~ ${text(FINER_THAN_MICROS)} THEN ${fail(text(MICROSECONDS_CAST), 'TIMESTAMP')}`
      + ` WHEN ${outside('CAST(x AS TIMESTAMP)')} THEN ${fail(text(OUT_OF_CALENDAR), 'TIMESTAMP')} ELSE CAST(x AS TIMESTAMP) END`),
  ],
  date: () => [
    fn('lf_date', 'DATE', 'DATE', `CASE WHEN ${outside('x')} THEN ${fail(text(OUT_OF_CALENDAR), 'DATE')} ELSE x END`),
    fn('lf_date', 'TIMESTAMP', 'DATE', `CASE WHEN ${outside('x')} THEN ${fail(text(OUT_OF_CALENDAR), 'DATE')}`
      + ` WHEN x <> date_trunc(${text('day')}, x) THEN ${fail(text(TIME_INTO_DATE), 'DATE')} ELSE CAST(x AS DATE) END`),
    fn('lf_date', 'TIMESTAMPTZ', 'DATE', `CASE WHEN x IS NOT NULL THEN ${fail(text(OFFSET_INTO_DATE), 'DATE')} END`),
    // Text keeps its own spelling in the message, not the parsed timestamp's.
    fn('lf_date', 'TEXT', 'DATE', `CASE WHEN x ~ ${text(ZONED)} THEN ${fail(text(OFFSET_INTO_DATE), 'DATE')}`
      // A time of day of 100 ns would be rounded to midnight and pass as a date.
      + ` WHEN x ~ ${text(FINER_THAN_MICROS)} THEN ${fail(text(TIME_INTO_DATE), 'DATE')}`
      + ` WHEN ${outside('CAST(x AS TIMESTAMP)')} THEN ${fail(text(OUT_OF_CALENDAR), 'DATE')}`
      + ` WHEN CAST(x AS TIMESTAMP) <> CAST(CAST(x AS DATE) AS TIMESTAMP) THEN ${fail(text(TIME_INTO_DATE), 'DATE')} ELSE CAST(x AS DATE) END`),
  ],
  // The CSV the engine writes itself: the instant in UTC, microseconds, `+00:00`.
  datetimeoffset: () => [
    fn('lf_instant', 'TIMESTAMPTZ', 'TEXT', `CASE WHEN ${outside('x', '+00')} THEN ${fail(text(OUT_OF_CALENDAR), 'TEXT')}`
      + ` ELSE to_char(x AT TIME ZONE ${text('UTC')}, ${text('YYYY-MM-DD HH24:MI:SS.US')}) || ${text('+00:00')} END`),
    ...['TIMESTAMP', 'DATE'].map((source) => fn('lf_instant', source, 'TEXT', 'pg_temp.lf_instant(CAST(x AS TIMESTAMPTZ), c)')),
    fn('lf_instant', 'TEXT', 'TEXT', `CASE WHEN x ~ ${text(FINER_THAN_MICROS)} THEN ${fail(text(MICROSECONDS_CAST), 'TEXT')}`
      + ` WHEN ${outside('CAST(x AS TIMESTAMPTZ)', '+00')} THEN ${fail(text(OUT_OF_CALENDAR), 'TEXT')} ELSE pg_temp.lf_instant(CAST(x AS TIMESTAMPTZ), c) END`),
  ],
};

const CHECKED: Partial<Record<ColumnType['kind'], Checked>> = { decimal: 'decimal', date: 'date', datetime: 'datetime', datetimeoffset: 'datetimeoffset' };

/**
 * Whether the extract runs as the server's own `COPY … TO STDOUT` rather than row by row: CSV
 * entities get the server's CSV, Parquet entities its binary COPY format (typed values the engine
 * copies into Parquet columns without a text round trip).
 */
export function extractsByCopy(input: EntitySqlInput, mode: ExtractMode): boolean {
  return input.sourceDialect !== undefined && dialect(input.sourceDialect).copyOut && input.extract.source.kind !== 'files' && mode !== 'changes'
    // The COPY's checked select list has no place for a soft delete's operation column.
    && input.entity.softDelete === undefined
    // A partitioned layout puts each row in its partition's file, so the engine needs the row's values, not the server's CSV or tuples.
    && !input.extract.layout?.partition;
}

/** What the server writes for an entity extracted by COPY: its CSV, or binary tuples for Parquet. */
export function copyOutNote(input: EntitySqlInput): string {
  return input.extract.format.kind === 'parquet'
    ? 'the server writes binary COPY tuples of the entity\'s types, each value checked against its type'
    : 'the server writes the CSV, each value checked against the entity\'s type';
}

/**
 * PostgreSQL source: the extract runs as `COPY (…) TO STDOUT`. For CSV output the server writes the
 * CSV the engine would write itself (booleans as 1/0, instants in UTC with `+00:00`, binary as
 * the warehouse reads it), each value cast to the entity's type so the server refuses what the
 * warehouse could not take. A business key that is NULL, text longer than its column, a decimal
 * that would be rounded or overflow, a date with a time of day, an instant into a column without
 * zone, or a date outside 0001–9999 (`infinity`) stops the extract with the entity, column, row
 * (and value) in the message, worded as the row path's. The first statement creates the
 * session-temporary functions that check (see {@link CHECKS}); COPY takes no bound parameters, so
 * values are inlined by the dialect's literal function. `ranged` replaces the extract query with
 * a parallel reader's range of it.
 *
 * For Parquet output the same checks run, but every value keeps the entity's PostgreSQL type
 * (`BOOLEAN`, `NUMERIC(p,s)`, `TIMESTAMPTZ`, `BYTEA`, …) and the COPY writes `FORMAT binary`,
 * which engine/format/parquet-pg-binary.ts decodes straight into Parquet columns.
 */
export function postgresCopyOutStatements(input: EntitySqlInput, state: RunState, csv: CsvLayout, binary: BinaryText, sourceTypes?: readonly SourceColumnType[], ranged?: Statement): { statements: Statement[]; mode: ExtractMode } {
  const extracted = extractStatement(input, state);
  const { mode } = extracted;
  // A parallel reader copies its range of the extract (see partition.ts).
  const statement = ranged ?? extracted.statement;
  const sourceType = (column: TypedColumn): string | undefined => sourceTypes?.find((t) => t.name.toLowerCase() === column.name.toLowerCase())?.type;
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const binaryOut = input.extract.format.kind === 'parquet';
  const refuse = (column: TypedColumn, problem: string, type: string): string => `CAST(pg_temp.lf_fail(${text(column.name)}, ${text(problem)}) AS ${type})`;
  const items = columns.map((c) => {
    const ref = d.quote(c.name);
    const type = d.columnType(c.type);
    const check = (name: string, extra = ''): string => `pg_temp.${name}(${ref}, ${text(c.name)}${extra})`;
    let value: string;
    switch (c.type.kind) {
      case 'boolean': value = binaryOut ? `CAST(${ref} AS BOOLEAN)` : `CAST(CAST(${ref} AS BOOLEAN) AS INTEGER)`; break;
      // The check writes the instant's UTC text; binary output reads it back as the instant.
      case 'datetimeoffset': value = binaryOut ? `CAST(${check('lf_instant')} AS ${type})` : check('lf_instant'); break;
      case 'datetime': value = `CAST(${check('lf_datetime')} AS ${type})`; break;
      case 'date': value = check('lf_date'); break;
      case 'decimal': {
        const { precision, scale } = c.type;
        const fits = decimalFits(sourceType(c), precision, scale);
        if (fits === 'always') {
          value = `CAST(${ref} AS ${type})`;
          break;
        }
        if (fits === 'unlessNaN') {
          value = `CASE WHEN ${ref} = ${text('NaN')} THEN ${refuse(c, `"NaN" ${NOT_A_NUMBER}`, type)} ELSE CAST(${ref} AS ${type}) END`;
          break;
        }
        const messages = [precisionProblem(precision, scale), scaleProblem(precision, scale), notDecimalProblem(precision, scale)].map(text).join(', ');
        value = `CAST(${check('lf_decimal', `, 1e${precision - scale}, ${scale}, ${messages}`)} AS ${type})`;
        break;
      }
      case 'binary':
        value = binary === 'postgres' || binaryOut ? `CAST(${ref} AS BYTEA)`
          : binary === 'duckdb' ? `regexp_replace(encode(CAST(${ref} AS BYTEA), 'hex'), '(..)', ${text('\\\\x\\1')}, 'g')`
            : `encode(CAST(${ref} AS BYTEA), 'hex')`;
        break;
      case 'string':
        value = c.type.length === undefined || textFits(sourceType(c), c.type.length) ? `CAST(${ref} AS TEXT)`
          : `CASE WHEN char_length(CAST(${ref} AS TEXT)) > ${c.type.length} THEN ${refuse(c, `is longer than the column's ${c.type.length} characters: widen the column or shorten the value in the mapping`, 'TEXT')} ELSE CAST(${ref} AS TEXT) END`;
        break;
      default: value = `CAST(${ref} AS ${type})`;
    }
    const keyType = binaryOut ? type : 'TEXT';
    if (keys.includes(c)) value = `CASE WHEN ${ref} IS NULL THEN ${refuse(c, NULL_KEY, keyType)} ELSE CAST(${value} AS ${keyType}) END`;
    return `${value} AS ${ref}`;
  });
  const checked = [...new Set(columns.map((c) => CHECKED[c.type.kind]).filter((kind) => kind !== undefined))].sort();
  const functions = [
    // No JIT for the extract: compiling the checks' expressions took 0.3–0.9 s before the first
    // row, and the compiled COPY still cost more server CPU than the interpreted one (1M narrow
    // rows, backend CPU: jit on 0.88–1.2 s, off 0.76–0.87 s, the plain SELECT * 0.74–0.81 s; the
    // 30-column wide table: on 1.14–1.7 s, off 0.88–1.46 s). Session-wide, on the extract's own
    // connection only.
    'SET jit = off',
    // The column goes in the error's COLUMN field; the engine adds entity and row (see copyCheckMessage).
    `CREATE OR REPLACE FUNCTION pg_temp.lf_fail(c TEXT, message TEXT) RETURNS TEXT LANGUAGE plpgsql AS $lf$ BEGIN RAISE EXCEPTION USING MESSAGE = message, COLUMN = c, ERRCODE = '${COPY_CHECK_STATE}'; END $lf$`,
    ...checked.flatMap((kind) => CHECKS[kind]()),
  ];
  const options = binaryOut ? 'FORMAT binary' : `FORMAT csv, HEADER false, DELIMITER ${text(csv.delimiter)}, QUOTE ${text(csv.qualifier)}, ESCAPE ${text(csv.qualifier)}, NULL ${text(csv.nullMarker)}, ENCODING 'UTF8'`;
  return {
    mode,
    statements: [
      sql`${functions.join(';\n')}`,
      sql`COPY (\nSELECT ${items.join(',\n       ')}\nFROM (\n${preview(statement, d)}\n) AS lf_e\n) TO STDOUT WITH (${options})`,
    ],
  };
}

/**
 * The SQLSTATE of a value check that stopped a COPY. The server cannot number rows without a
 * window over the whole extract (which costs more than every check together), so the engine,
 * which has counted the rows the COPY delivered before the error, names the row.
 */
export const COPY_CHECK_STATE = 'LF001';

/**
 * A server error from a COPY's value check as the row path words it, or undefined for any other
 * error. `row` is its number, or with parallel readers `<n> of reader <k> (<range>)`.
 */
export function copyCheckMessage(error: unknown, entity: string, row: number | string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, column, message } = error as { code?: unknown; column?: unknown; message?: unknown };
  if (code !== COPY_CHECK_STATE || typeof column !== 'string' || typeof message !== 'string') return undefined;
  return `entity "${entity}", column "${column}", row ${row}: ${message}`;
}

/** A column of the extract query as the source describes it. */
export interface SourceColumnType {
  readonly name: string;
  /** As PostgreSQL spells it: `numeric(18,4)`, `integer`, `varchar(50)`, `text`, … */
  readonly type: string;
}

/** The extract query's columns without running it: PostgreSQL plans `LIMIT 0` and sends only the row description. */
export function sourceTypesStatement(input: EntitySqlInput, state: RunState): Statement {
  return sql`SELECT * FROM (\n${extractStatement(input, state).statement}\n) AS lf_e LIMIT 0`;
}

/** Decimal digits of the widest value of each integer type. */
const INTEGER_DIGITS: Readonly<Record<string, number>> = { smallint: 5, integer: 10, bigint: 19 };

/**
 * Whether every value of a source type lands exactly in decimal(precision, scale): integers whose
 * digits fit, or a numeric whose scale and integer digits fit — save NaN, which a numeric(p,s)
 * column can hold and no warehouse can.
 */
export function decimalFits(type: string | undefined, precision: number, scale: number): 'always' | 'unlessNaN' | undefined {
  if (type === undefined) return undefined;
  const digits = INTEGER_DIGITS[type];
  if (digits !== undefined) return digits <= precision - scale ? 'always' : undefined;
  const numeric = /^numeric\((\d+),(-?\d+)\)$/.exec(type);
  if (!numeric) return undefined;
  const [p, s] = [Number(numeric[1]), Number(numeric[2])];
  return s <= scale && p - s <= precision - scale ? 'unlessNaN' : undefined;
}

/** Whether every value of a source type fits a string(length) column. */
export function textFits(type: string | undefined, length: number): boolean {
  const sized = type === undefined ? null : /^(?:varchar|char)\((\d+)\)$/.exec(type);
  return sized !== null && Number(sized[1]) <= length;
}
