/** The Date Range window: the days up to and including the batch date. */
import type { ColumnType } from '../../model/column-type.ts';
import { bind, sql, type Statement } from '../statement.ts';
import { addDays, checkBatchDate } from '../../time.ts';

/** `expr` within the Date Range window ending on the batch date, right at both ends for the type. */
export function dateWindow(expression: Statement, type: ColumnType, days: number, batchDate: string): Statement {
  const start = addDays(checkBatchDate(batchDate), -days);
  if (type.kind === 'date') {
    return sql`${expression} >= ${bind({ type: 'date', value: start })} AND ${expression} <= ${bind({ type: 'date', value: batchDate })}`;
  }
  // A datetime on the batch date is inside the window up to midnight that ends it.
  return sql`${expression} >= ${bind({ type: 'datetime', value: `${start} 00:00:00` })} AND ${expression} < ${bind({ type: 'datetime', value: `${addDays(batchDate, 1)} 00:00:00` })}`;
}

