/**
 * Portable column types. A staging column's type is written as a short SQL-like string
 * (`int`, `decimal(18,2)`, `string(50)`) so project files stay readable; each dialect maps it
 * to its own type when warehouse objects are generated.
 */
export type ColumnType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'int' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'float' }
  | { readonly kind: 'double' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'datetimeoffset' }
  | { readonly kind: 'string'; readonly length?: number }
  | { readonly kind: 'binary'; readonly length?: number }
  | { readonly kind: 'uuid' };

export type ColumnTypeKind = ColumnType['kind'];

const SIMPLE_KINDS = [
  'boolean', 'smallint', 'int', 'bigint', 'float', 'double', 'date', 'time', 'datetime', 'datetimeoffset', 'uuid',
] as const;

/** Every type spelling accepted, for error messages and the designer's type picker. */
export const COLUMN_TYPE_SPELLINGS: readonly string[] = [
  ...SIMPLE_KINDS, 'decimal(p,s)', 'string', 'string(n)', 'binary', 'binary(n)',
];

const PATTERN = /^\s*([a-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i;

/** Parses a type string; returns an error message instead of throwing, for validation. */
export function parseColumnType(text: string): ColumnType | string {
  const match = PATTERN.exec(text);
  if (!match) return `"${text}" is not a column type; use one of ${COLUMN_TYPE_SPELLINGS.join(', ')}`;
  const kind = match[1]!.toLowerCase();
  const first = match[2] === undefined ? undefined : Number(match[2]);
  const second = match[3] === undefined ? undefined : Number(match[3]);
  if ((SIMPLE_KINDS as readonly string[]).includes(kind)) {
    if (first !== undefined) return `type ${kind} takes no length or precision; write "${kind}"`;
    return { kind } as ColumnType;
  }
  if (kind === 'decimal') {
    if (first === undefined || second === undefined) return 'decimal needs precision and scale, e.g. "decimal(18,2)"';
    if (first < 1 || first > 38) return `decimal precision must be between 1 and 38, not ${first}`;
    if (second > first) return `decimal scale ${second} cannot exceed precision ${first}`;
    return { kind: 'decimal', precision: first, scale: second };
  }
  if (kind === 'string' || kind === 'binary') {
    if (second !== undefined) return `${kind} takes one length, e.g. "${kind}(100)"`;
    if (first === undefined) return { kind };
    if (first < 1 || first > 1_000_000) return `${kind} length must be between 1 and 1000000, not ${first}`;
    return { kind, length: first };
  }
  return `"${text}" is not a column type; use one of ${COLUMN_TYPE_SPELLINGS.join(', ')}`;
}

/** The canonical spelling of a type, as stored in project files. */
export function formatColumnType(type: ColumnType): string {
  switch (type.kind) {
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'string':
    case 'binary':
      return type.length === undefined ? type.kind : `${type.kind}(${type.length})`;
    default:
      return type.kind;
  }
}

/** Types whose values grow over time and can carry an incremental watermark. */
export function isWatermarkType(type: ColumnType): boolean {
  return isTemporalType(type) || isNumericType(type);
}

export function isTemporalType(type: ColumnType): boolean {
  return type.kind === 'date' || type.kind === 'datetime' || type.kind === 'datetimeoffset';
}

export function isNumericType(type: ColumnType): boolean {
  return type.kind === 'smallint' || type.kind === 'int' || type.kind === 'bigint' || type.kind === 'decimal';
}

/** Whether a column can split a parallel extract into ranges: an integer column. */
export function isPartitionType(type: ColumnType): boolean {
  return type.kind === 'smallint' || type.kind === 'int' || type.kind === 'bigint';
}
