/**
 * The per-column checks of the row path, in one place for the two paths that run them: the rows a
 * source hands over as values (run-entity's batch preparer) and the CSV lines a source writes from
 * the driver's bytes (the MariaDB source), which must refuse and convert exactly alike.
 */
import type { ConnectionKind } from '../shared/model/connection-kinds.ts';
import { describeKind } from '../shared/model/connection-kinds.ts';
import type { FileColumn } from './format/file-builder.ts';
import { keepingFractionDigits } from './fraction-digits.ts';
import { refusingLineBreaks } from './line-breaks.ts';
import { valueNormalizer, type Normalizer } from './values.ts';

/**
 * Each column's normaliser of non-NULL values for a warehouse of `warehouseKind`: fraction digits
 * it would lose refused, and line breaks in text where its CSV reader refuses them (`lineBreaksRefused`
 * says why).
 */
export function columnNormalizers(columns: readonly FileColumn[], warehouseKind: ConnectionKind, lineBreaksRefused?: string): Normalizer[] {
  const digits = warehouseFractionDigits(warehouseKind);
  return columns.map((c) => {
    const normalize = valueNormalizer(c.type);
    if (lineBreaksRefused && c.type.kind === 'string') return refusingLineBreaks(normalize, lineBreaksRefused);
    return keepingFractionDigits(c.type, normalize, digits, warehouseKind);
  });
}

/** The fraction digits of a second a warehouse keeps: its descriptor's, or six. */
export function warehouseFractionDigits(warehouseKind: ConnectionKind): number {
  return describeKind(warehouseKind).warehouse?.datetimeDigits ?? 6;
}

/** What a refused value is told: its entity, column and row (1 = the extract's first), then why. */
export function valueRefusal(entity: string, column: string, row: number, why: string): string {
  return `entity "${entity}", column "${column}", row ${row}: ${why}`;
}
