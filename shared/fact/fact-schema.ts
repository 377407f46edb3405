/**
 * The fact object (seed 001): a fact table fed through a staging table, with normalization tables
 * that turn names into narrow ids and summary tables kept from the staged rows. The schema is made
 * by a function of the model's shared field schemas, so that `schema.ts` can include it in the
 * project without an import cycle (this file imports nothing of `schema.ts`).
 */
import { z } from 'zod';

/** The id types a normalization table may use: the narrowest that holds its names keeps the fact small. */
export const NORMALIZED_ID_TYPES = ['smallint', 'mediumint', 'int', 'bigint'] as const;
export type NormalizedIdType = (typeof NORMALIZED_ID_TYPES)[number];

export const SUMMARY_FUNCTIONS = ['count', 'sum', 'min', 'max'] as const;
export type SummaryFunction = (typeof SUMMARY_FUNCTIONS)[number];

export const DATE_BUCKETS = ['hour', 'day'] as const;
export type DateBucket = (typeof DATE_BUCKETS)[number];

export const STAGING_MODES = ['single', 'flipFlop'] as const;
/** MariaDB storage engines for the staging tables: InnoDB for several inserters, MEMORY or Aria for one. */
export const STAGING_ENGINES = ['InnoDB', 'MEMORY', 'Aria'] as const;

/** Rows per INSERT statement into staging (the seed's "batch INSERTs", 100–1000 rows per SQL). */
export const DEFAULT_BATCH_ROWS = 500;

/** The fact schema, made from the model's name and column schemas. */
export function makeFactSchema<N extends z.ZodType<string>, C extends z.ZodType>(objectName: N, columnSchema: C) {
  const column = z.string().min(1, 'must name a column');
  return z.strictObject({
    /** The fact table's name. */
    name: objectName,
    description: z.string().optional(),
    warehouse: z.string().min(1, 'must name the warehouse connection'),
    /** The columns of a row as it arrives in staging (names, before normalization). */
    columns: z.array(columnSchema).min(1, 'a fact needs at least one column'),
    /** Where its rows come from: pushed (`landfall ingest`, `landfall serve`) or an entity's new versions. */
    source: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('push') }),
        z.strictObject({ kind: z.literal('entity'), entity: z.string().min(1, 'must name the staging entity') }),
        /** Files polled by `landfall process --poller K`: each file is one "thing", claimed by one poller. */
        z.strictObject({
          kind: z.literal('poll'),
          /** A folder, relative to the project file unless absolute. */
          folder: z.string().min(1, 'must name the folder to poll'),
          pattern: z.string().min(1, 'must give a wild card pattern such as "requests_*.csv"'),
          format: z.enum(['csv', 'ndjson']).default('csv'),
        }),
      ], { error: 'fact source kind must be one of: push, entity, poll' })
      .prefault({ kind: 'push' }),
    normalizations: z
      .array(z.strictObject({
        /** The staging column holding the name; the fact holds the id instead. */
        column,
        /** The normalization table (id, name). */
        table: objectName,
        /** The id column, in the normalization table and in the fact. */
        id: objectName,
        idType: z.enum(NORMALIZED_ID_TYPES).default('int'),
      }))
      .default([]),
    summaries: z
      .array(z.strictObject({
        table: objectName,
        /** Fact columns (an id column for a normalized one), a date or datetime one optionally cut to a bucket. */
        groupBy: z
          .array(z.strictObject({ column, bucket: z.enum(DATE_BUCKETS).optional(), as: objectName.optional() }))
          .min(1, 'group by at least one column'),
        measures: z
          .array(z.strictObject({ function: z.enum(SUMMARY_FUNCTIONS), column: column.optional(), as: objectName }))
          .min(1, 'give at least one measure'),
      }))
      .default([]),
    staging: z
      .strictObject({
        mode: z.enum(STAGING_MODES).default('flipFlop'),
        engine: z.enum(STAGING_ENGINES).default('InnoDB'),
        /** A separate database (schema) for the staging tables, e.g. one left out of replication. */
        database: objectName.optional(),
      })
      .prefault({}),
    batchRows: z.number().int('must be a whole number of rows').min(100, 'must be at least 100 rows').max(1000, 'must be at most 1000 rows').default(DEFAULT_BATCH_ROWS),
  });
}
