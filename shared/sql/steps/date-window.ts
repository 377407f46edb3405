/** The Date Range window: the days up to and including the batch date. */
import type { ColumnType } from '../../model/column-type.ts';
import { bind, sql, type Statement } from '../statement.ts';

function dayAfter(date: string): string {
  const at = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return at.toISOString().slice(0, 10);
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** `expr` within the Date Range window ending on the batch date, right at both ends for the type. */
export function dateWindow(expression: Statement, type: ColumnType, days: number, batchDate: string): Statement {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(batchDate) || Number.isNaN(Date.parse(batchDate))) {
    throw new Error(`batch date "${batchDate}" is not a YYYY-MM-DD date`);
  }
  const start = daysBefore(batchDate, days);
  if (type.kind === 'date') {
    return sql`${expression} >= ${bind({ type: 'date', value: start })} AND ${expression} <= ${bind({ type: 'date', value: batchDate })}`;
  }
  // A datetime on the batch date is inside the window up to midnight that ends it.
  return sql`${expression} >= ${bind({ type: 'datetime', value: `${start} 00:00:00` })} AND ${expression} < ${bind({ type: 'datetime', value: `${dayAfter(batchDate)} 00:00:00` })}`;
}

