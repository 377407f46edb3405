/** PostgreSQL sources with CSV output: the extract as the server's own `COPY … TO STDOUT`. */
import { dialect } from '../dialect.ts';
import type { BinaryText, CsvLayout } from '../stage-hook.ts';
import { preview, sql, type Statement } from '../statement.ts';
import { keyColumns, typedColumns, type TypedColumn } from './columns.ts';
import type { EntitySqlInput, ExtractMode, RunState } from './entity-sql-input.ts';
import { extractStatement } from './extract.ts';

/** Whether the extract runs as the server's own CSV (`COPY … TO STDOUT`) rather than row by row. */
export function extractsByCopy(input: EntitySqlInput, mode: ExtractMode): boolean {
  return input.sourceDialect !== undefined && dialect(input.sourceDialect).copyOut && input.extract.format.kind === 'csv' && input.extract.source.kind !== 'files' && mode !== 'changes';
}

/**
 * PostgreSQL source, CSV output: the extract runs as `COPY (…) TO STDOUT`, the server writing the
 * CSV the engine would write itself (booleans as 1/0, instants in UTC with `+00:00`, binary as
 * the warehouse reads it), each value cast to the entity's type so the server refuses what the
 * warehouse could not take. A business key that is NULL or text longer than its column stops the
 * extract through a session-temporary function with the entity, column and row in the message.
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
  const items = columns.map((c) => {
    const ref = `lf_q.${d.quote(c.name)}`;
    const type = d.columnType(c.type);
    let value: string;
    switch (c.type.kind) {
      case 'boolean': value = `CAST(CAST(${ref} AS BOOLEAN) AS INTEGER)`; break;
      case 'datetimeoffset': value = `to_char(CAST(${ref} AS TIMESTAMPTZ) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00:00'`; break;
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
