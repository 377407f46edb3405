/**
 * How an entity learns of rows deleted at the source beyond what its extract pattern sees: a soft
 * delete flag the source keeps on the row, and a sweep of the source's business keys for extracts
 * that read only changed rows (Incremental, Change Tracking).
 */
import { z } from 'zod';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A source expression, in the source's SQL, true for a row the source has marked deleted
 * (`is_deleted = 1`, `deleted_at IS NOT NULL`). The extract reads it as the row's change
 * operation, so its column need not be one of the entity's columns.
 */
export const softDeleteSchema = z.strictObject({
  expression: z.string().refine((text) => text.trim().length > 0, 'must not be empty: give a source condition such as "is_deleted = 1"'),
});

/** When the key sweep runs: every run, every N-th run, or on runs whose batch date is a given weekday. */
export const keySweepScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyRun') }),
  z.strictObject({ kind: z.literal('everyNRuns'), runs: z.number().int('must be a whole number of runs').min(2, 'must be at least 2 (use everyRun for 1)').max(10000) }),
  z.strictObject({ kind: z.literal('weekday'), day: z.enum(WEEKDAYS, { error: `day must be one of: ${WEEKDAYS.join(', ')}` }) }),
], { error: 'key sweep schedule kind must be one of: everyRun, everyNRuns, weekday' });

/**
 * The key sweep: on its schedule, the run also extracts only the source's business keys (one
 * narrow query, landed like any file) and marks current rows whose key is gone as deleted, in
 * the load's transaction.
 */
export const keySweepSchema = z.strictObject({
  schedule: keySweepScheduleSchema.prefault({ kind: 'everyRun' }),
});

export type SoftDelete = z.output<typeof softDeleteSchema>;
export type KeySweep = z.output<typeof keySweepSchema>;
export type KeySweepSchedule = z.output<typeof keySweepScheduleSchema>;
