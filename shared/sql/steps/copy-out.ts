/** PostgreSQL sources with CSV output: the extract as the server's own `COPY … TO STDOUT`. */
import { dialect } from '../dialect.ts';
import type { BinaryText, CsvLayout } from '../stage-hook.ts';
import { preview, sql, type Statement } from '../statement.ts';
import { keyColumns, typedColumns, type TypedColumn } from './columns.ts';
import type { EntitySqlInput, ExtractMode, RunState } from './entity-sql-input.ts';
import { extractStatement } from './extract.ts';
import { NOT_A_NUMBER, OFFSET_INTO_DATE, OFFSET_INTO_DATETIME, OUT_OF_CALENDAR, precisionProblem, scaleProblem, TIME_INTO_DATE } from '../../value-problems.ts';

/**
 * A date or timestamp's text ending in a zone (`…10:30:00+00`, `…Z`): PostgreSQL's own casts to
 * DATE and TIMESTAMP drop it without a word, and a timestamptz in the session's UTC reads so too.
 */
const ZONED = String.raw`\d:\d\d(:\d\d(\.\d+)?)?\s*([zZ]|[+-]\d\d(:?\d\d)?)$`;
/** The texts of dates and timestamps within 0001–9999 (not `infinity`, not `… BC`). */
const CALENDAR_DATE = String.raw`^\d{4}-\d\d-\d\d$`;
const CALENDAR_TIMESTAMP = String.raw`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$`;

/** Whether the extract runs as the server's own CSV (`COPY … TO STDOUT`) rather than row by row. */
export function extractsByCopy(input: EntitySqlInput, mode: ExtractMode): boolean {
  return input.sourceDialect !== undefined && dialect(input.sourceDialect).copyOut && input.extract.format.kind === 'csv' && input.extract.source.kind !== 'files' && mode !== 'changes';
}

/**
 * PostgreSQL source, CSV output: the extract runs as `COPY (…) TO STDOUT`, the server writing the
 * CSV the engine would write itself (booleans as 1/0, instants in UTC with `+00:00`, binary as
 * the warehouse reads it), each value cast to the entity's type so the server refuses what the
 * warehouse could not take. A business key that is NULL, text longer than its column, a decimal
 * that would be rounded or overflow, a date with a time of day, an instant into a column without
 * zone, or a date outside 0001–9999 (`infinity`) stops the extract through a session-temporary
 * function with the entity, column, row (and value) in the message, worded as the row path's.
 * COPY takes no bound parameters: values are inlined by the dialect's literal function.
 */
export function postgresCopyOutStatements(input: EntitySqlInput, state: RunState, csv: CsvLayout, binary: BinaryText): { statements: Statement[]; mode: ExtractMode } {
  const { statement, mode } = extractStatement(input, state);
  const d = dialect('postgres');
  const columns = typedColumns(input.entity);
  const keys = keyColumns(input.entity, columns);
  const text = (value: string): string => d.literal({ type: 'text', value });
  const fail = (column: TypedColumn, problem: string, type: string): string =>
    `CAST(pg_temp.lf_fail(${text(`entity "${input.entity.name}", column "${column.name}", row `)} || lf_row || ${text(`: ${problem}`)}) AS ${type})`;
  // Patterns go through the dialect's literals like every other text, whatever the server's settings.
  const [zoned, calendarDate, calendarTimestamp] = [text(ZONED), text(CALENDAR_DATE), text(CALENDAR_TIMESTAMP)];
  // As the row path shows a value: its text as a JSON string.
  const failWith = (column: TypedColumn, ref: string, problem: string, type: string): string =>
    `CAST(pg_temp.lf_fail(${text(`entity "${input.entity.name}", column "${column.name}", row `)} || lf_row || ': ' || CAST(to_json(CAST(${ref} AS TEXT)) AS TEXT) || ${text(` ${problem}`)}) AS ${type})`;
  const items = columns.map((c) => {
    const ref = `lf_q.${d.quote(c.name)}`;
    const type = d.columnType(c.type);
    let value: string;
    switch (c.type.kind) {
      case 'boolean': value = `CAST(CAST(${ref} AS BOOLEAN) AS INTEGER)`; break;
      case 'datetimeoffset': {
        const utc = `to_char(CAST(${ref} AS TIMESTAMPTZ) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
        value = `CASE WHEN ${utc} !~ ${calendarTimestamp} OR NOT isfinite(CAST(${ref} AS TIMESTAMPTZ)) THEN ${failWith(c, ref, OUT_OF_CALENDAR, 'TEXT')} ELSE ${utc} || '+00:00' END`;
        break;
      }
      case 'datetime':
        value = `CASE WHEN CAST(${ref} AS TEXT) ~ ${zoned} THEN ${failWith(c, ref, OFFSET_INTO_DATETIME, type)}`
          + ` WHEN CAST(CAST(${ref} AS ${type}) AS TEXT) !~ ${calendarTimestamp} THEN ${failWith(c, ref, OUT_OF_CALENDAR, type)} ELSE CAST(${ref} AS ${type}) END`;
        break;
      case 'date':
        value = `CASE WHEN CAST(${ref} AS TEXT) ~ ${zoned} THEN ${failWith(c, ref, OFFSET_INTO_DATE, type)}`
          + ` WHEN CAST(CAST(${ref} AS DATE) AS TEXT) !~ ${calendarDate} THEN ${failWith(c, ref, OUT_OF_CALENDAR, type)}`
          + ` WHEN CAST(${ref} AS TIMESTAMP) <> CAST(CAST(${ref} AS DATE) AS TIMESTAMP) THEN ${failWith(c, ref, TIME_INTO_DATE, type)} ELSE CAST(${ref} AS DATE) END`;
        break;
      case 'decimal': {
        // Checked before the cast, which would round extra fraction digits and overflow without a row.
        const { precision, scale } = c.type;
        const n = `CAST(${ref} AS NUMERIC)`;
        value = `CASE WHEN ${n} = 'NaN' THEN ${failWith(c, ref, NOT_A_NUMBER, type)}`
          + ` WHEN abs(${n}) >= 1e${precision - scale} THEN ${failWith(c, ref, precisionProblem(precision, scale), type)}`
          + ` WHEN ${n} <> round(${n}, ${scale}) THEN ${failWith(c, ref, scaleProblem(precision, scale), type)} ELSE CAST(${ref} AS ${type}) END`;
        break;
      }
      case 'binary':
        value = binary === 'postgres' ? `CAST(${ref} AS BYTEA)`
          : binary === 'duckdb' ? `regexp_replace(encode(CAST(${ref} AS BYTEA), 'hex'), '(..)', ${text('\\\\x\\1')}, 'g')`
            : `encode(CAST(${ref} AS BYTEA), 'hex')`;
        break;
      case 'string':
        value = c.type.length === undefined ? `CAST(${ref} AS TEXT)`
          : `CASE WHEN char_length(CAST(${ref} AS TEXT)) > ${c.type.length} THEN ${fail(c, `is longer than the column's ${c.type.length} characters: widen the column or shorten the value in the mapping`, 'TEXT')} ELSE CAST(${ref} AS TEXT) END`;
        break;
      default: value = `CAST(${ref} AS ${type})`;
    }
    if (keys.includes(c)) value = `CASE WHEN ${ref} IS NULL THEN ${fail(c, 'is NULL in a business key column: every row needs its key', 'TEXT')} ELSE CAST(${value} AS TEXT) END`;
    return `${value} AS ${d.quote(c.name)}`;
  });
  const options = `FORMAT csv, HEADER false, DELIMITER ${text(csv.delimiter)}, QUOTE ${text(csv.qualifier)}, ESCAPE ${text(csv.qualifier)}, NULL ${text(csv.nullMarker)}, ENCODING 'UTF8'`;
  return {
    mode,
    statements: [
      sql`CREATE OR REPLACE FUNCTION pg_temp.lf_fail(message TEXT) RETURNS TEXT LANGUAGE plpgsql AS $lf$ BEGIN RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '22000'; END $lf$`,
      sql`COPY (\nSELECT ${items.join(',\n       ')}\nFROM (SELECT lf_e.*, row_number() OVER () AS lf_row FROM (\n${preview(statement, d)}\n) AS lf_e) AS lf_q\n) TO STDOUT WITH (${options})`,
    ],
  };
}
