/**
 * What a value that would not land exactly is told, after its entity, column, row and value: one
 * text whichever path found it (the engine's normalisers on the row path, the server's checks in
 * a PostgreSQL `COPY … TO STDOUT`), each saying what to declare instead.
 */

/** More fraction digits than the column's scale: every warehouse would round them on load. */
export const scaleProblem = (precision: number, scale: number): string =>
  `has more digits after the point than decimal(${precision},${scale}) holds (${scale}): declare decimal(p,s) with a larger scale, or round in the mapping (e.g. ROUND(x, ${scale}))`;

/** More integer digits than precision − scale: the warehouse would refuse the value at load. */
export const precisionProblem = (precision: number, scale: number): string =>
  `does not fit decimal(${precision},${scale}): at most ${precision - scale} digits before the point: declare decimal(p,s) with a larger precision`;

/** Text (or a non-finite number) that is no decimal at all. */
export const notDecimalProblem = (precision: number, scale: number): string => `is not a decimal(${precision},${scale})`;

/** More fraction digits than the warehouse's datetime, datetimeoffset or time columns keep. */
export const fractionDigitsProblem = (warehouseKind: string, digits: number): string =>
  `has more fraction digits than a ${warehouseKind} warehouse keeps (${digits}), which its load would cut or round: cut them in the extract query or the column mapping (e.g. a SQL Server source's CAST(x AS DATETIME2(${digits})))`;

/** Text with more than six fraction digits, which PostgreSQL's cast to a timestamp would round. */
export const MICROSECONDS_CAST =
  "has more fraction digits than the 6 a PostgreSQL timestamp keeps, which the extract's cast would round: cut them in the extract query (e.g. left(x, 26) for a datetime's text)";

/** A time of day other than midnight into a date column. */
export const TIME_INTO_DATE = 'has a time of day, which a date column would drop: declare the column datetime, or CAST it to a date in the mapping';

/** An instant into a date column: its day depends on the zone it is read in. */
export const OFFSET_INTO_DATE =
  "has a time zone offset, so its day depends on the zone: declare the column datetimeoffset, or convert it in the mapping (e.g. PostgreSQL CAST(x AT TIME ZONE 'UTC' AS date))";

/** An instant (any offset, even +00 or Z) into a datetime column, which holds wall-clock times. */
export const OFFSET_INTO_DATETIME =
  "has a time zone offset, which a datetime column would drop: declare the column datetimeoffset, or convert it in the mapping (e.g. PostgreSQL x AT TIME ZONE 'UTC')";

/** `infinity`, `-infinity`, dates before Christ or after 9999: no warehouse holds them. */
export const OUT_OF_CALENDAR = 'is outside the years 0001–9999 that every warehouse holds: filter it out or replace it in the mapping';

/** NaN in a decimal column. */
export const NOT_A_NUMBER = 'is not a number, which a decimal column cannot hold: filter it out or replace it in the mapping';

/** A NULL business key. */
export const NULL_KEY = 'is NULL in a business key column: every row needs its key';
