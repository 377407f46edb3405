/**
 * A statement is an immutable list of SQL text and bound values. The builders produce these;
 * `compile` turns one into `{ sql, params }` for a driver, and `preview` renders it with every
 * value as a safe literal, for the designer and `landfall sql`. Both come from the same parts, so
 * the preview shows exactly what runs.
 */
import type { Dialect, SqlValue } from './dialect.ts';

export type Part = string | { readonly value: SqlValue };

export interface Statement {
  readonly parts: readonly Part[];
}

/** A value to bind, usable inside the `sql` template. */
export const bind = (value: SqlValue): Statement => ({ parts: [{ value }] });

/**
 * Template for statements: interpolated strings are SQL text (already quoted by the dialect),
 * statements are spliced in, so values stay values.
 */
export function sql(strings: TemplateStringsArray, ...items: (string | Statement)[]): Statement {
  const parts: Part[] = [];
  strings.forEach((text, index) => {
    if (text) parts.push(text);
    const item = items[index];
    if (item === undefined) return;
    if (typeof item === 'string') parts.push(item);
    else parts.push(...item.parts);
  });
  return { parts };
}

/** Joins statements (or text) with a separator into one statement. */
export function join(items: readonly (string | Statement)[], separator: string): Statement {
  const parts: Part[] = [];
  items.forEach((item, index) => {
    if (index > 0) parts.push(separator);
    if (typeof item === 'string') parts.push(item);
    else parts.push(...item.parts);
  });
  return { parts };
}

/** What a driver receives: the text with placeholders and the values in order. */
export interface Compiled {
  readonly sql: string;
  readonly params: unknown[];
  readonly types: SqlValue['type'][];
}

/** The JavaScript value handed to a driver for a bound value. */
export function driverValue(value: SqlValue): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return value.value >= BigInt(Number.MIN_SAFE_INTEGER) && value.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value.value)
        : value.value.toString();
    default:
      return value.value;
  }
}

export function compile(statement: Statement, dialect: Dialect): Compiled {
  let text = '';
  const params: unknown[] = [];
  const types: SqlValue['type'][] = [];
  for (const part of statement.parts) {
    if (typeof part === 'string') text += part;
    else {
      params.push(driverValue(part.value));
      types.push(part.value.type);
      text += dialect.placeholder(params.length);
    }
  }
  return { sql: text, params, types };
}

export function preview(statement: Statement, dialect: Dialect): string {
  return statement.parts.map((part) => (typeof part === 'string' ? part : dialect.literal(part.value))).join('');
}
