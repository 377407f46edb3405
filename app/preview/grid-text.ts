/**
 * Values as a data grid shows them: text that crosses IPC as it is (no bigint, no Date, no bytes),
 * NULL kept apart from the empty string.
 */
import { plainValue } from '../../engine/source/duckdb-source.ts';

/** Bytes shown as hex, at most this many of them. */
const SHOWN_BYTES = 64;

/** One value as display text; null for SQL NULL. */
export function gridText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  // DuckDB values (timestamps, decimals, blobs) become text or bytes first.
  const plain = value instanceof Uint8Array ? value : plainValue(value);
  if (plain instanceof Uint8Array) {
    const hex = Buffer.from(plain.subarray(0, SHOWN_BYTES)).toString('hex');
    return `0x${hex}${plain.length > SHOWN_BYTES ? `… (${plain.length} bytes)` : ''}`;
  }
  return String(plain);
}

/** Rows of driver values as display rows. */
export function gridRows(rows: readonly (readonly unknown[])[]): (string | null)[][] {
  return rows.map((row) => row.map(gridText));
}
