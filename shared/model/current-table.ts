/**
 * The published current table: `cur.<entity>`, the current, not deleted rows of persistent staging
 * without Landfall's `lf_` columns, replaced with every load so readers never see it half done.
 */
import { z } from 'zod';

export const currentTableSchema = z.strictObject({
  /** The table's name in the `cur` schema; the entity's name by default. */
  table: z.string().min(1, 'must not be empty').max(100).optional(),
});

export type CurrentTable = z.output<typeof currentTableSchema>;
