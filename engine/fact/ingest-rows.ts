/**
 * Push ingestion into a fact's staging table: rows from a stream (CSV with a header row naming the
 * columns, or NDJSON objects) checked value by value with the engine's normalisers, then written
 * in batches of `fact.batchRows` rows per INSERT. The stream is read only as fast as the batches
 * commit (each batch is awaited before more is read), so memory stays at one batch.
 */
import { describeKind, isConnectionKind } from '../../shared/model/connection-kinds.ts';
import { keepingFractionDigits } from '../fraction-digits.ts';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Fact } from '../../shared/model/index.ts';
import type { DialectName } from '../../shared/sql/dialect.ts';
import { typeOf } from '../../shared/fact/fact-layout.ts';
import { stagingInsertText } from '../../shared/fact/staging-insert.ts';
import { valueNormalizer, ValueError, type Normalizer } from '../values.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

export const INGEST_FORMATS = ['csv', 'ndjson'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** A pushed row the fact cannot take: names fact, row and column. */
export class IngestError extends Error {}

export interface IngestResult {
  readonly rows: number;
  readonly batches: number;
}

/** Rows of the input as raw values in the fact's column order (CSV: mapped by its header). */
async function* records(input: Readable, format: IngestFormat, fact: Fact): AsyncGenerator<unknown[]> {
  const names = fact.columns.map((c) => c.name.toLowerCase());
  if (format === 'ndjson') {
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new IngestError(`fact "${fact.name}", line ${line}: is not JSON (${(error as Error).message})`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new IngestError(`fact "${fact.name}", line ${line}: must be one JSON object per line, its keys the fact's columns`);
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        if (!names.includes(key.toLowerCase())) throw new IngestError(`fact "${fact.name}", line ${line}: "${key}" is not a column of the fact; its columns are ${fact.columns.map((c) => c.name).join(', ')}`);
      }
      yield fact.columns.map((c) => object[c.name] ?? null);
    }
    return;
  }
  let order: number[] | undefined;
  for await (const record of input.pipe(parse({ relax_column_count: false, bom: true }))) {
    const fields = record as string[];
    if (!order) {
      const header = fields.map((f) => f.trim().toLowerCase());
      for (const f of header) if (!names.includes(f)) throw new IngestError(`fact "${fact.name}", header: "${f}" is not a column of the fact; its columns are ${fact.columns.map((c) => c.name).join(', ')}`);
      order = names.map((n) => header.indexOf(n));
      continue;
    }
    // An empty field is NULL; a column the header leaves out is NULL in every row.
    yield order.map((i) => (i < 0 || fields[i] === '' ? null : fields[i]));
  }
}

/** Writes the rows of `input` into `fact`'s staging table on `warehouse`, in batches. */
export async function ingestRows(fact: Fact, warehouse: Warehouse, input: Readable, format: IngestFormat, options: { poller?: number; signal?: AbortSignal } = {}): Promise<IngestResult> {
  const name: DialectName = warehouse.dialect;
  const width = fact.columns.length;
  // Facts run on MariaDB, PostgreSQL and DuckDB warehouses, whose dialects are named as their kinds.
  const digits = (isConnectionKind(name) ? describeKind(name).warehouse?.datetimeDigits : undefined) ?? 6;
  const normalizers: Normalizer[] = fact.columns.map((c) => {
    const type = typeOf(c.type);
    // The warehouse would round or cut digits its datetime columns do not keep.
    return keepingFractionDigits(type, valueNormalizer(type), digits, name);
  });
  const required = fact.columns.map((c) => !c.nullable);
  const size = fact.batchRows;
  const full = stagingInsertText(fact, name, size, options.poller);
  let params: unknown[] = new Array(size * width);
  let filled = 0;
  let rows = 0;
  let batches = 0;
  const flush = async (): Promise<void> => {
    if (!filled) return;
    options.signal?.throwIfAborted();
    const count = filled / width;
    await warehouse.execute(count === size ? full : stagingInsertText(fact, name, count, options.poller), count === size ? params : params.slice(0, filled));
    batches++;
    filled = 0;
    params = new Array(size * width);
  };
  for await (const record of records(input, format, fact)) {
    rows++;
    let c = 0;
    try {
      for (; c < width; c++) {
        const value = record[c];
        if (value === null || value === undefined) {
          if (required[c]) throw new ValueError('is missing in a column that is not nullable');
          params[filled++] = null;
        } else params[filled++] = normalizers[c]!(value);
      }
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      throw new IngestError(`fact "${fact.name}", column "${fact.columns[c]!.name}", row ${rows}: ${error.message}; the batches before it (${batches * size} rows) are in staging`);
    }
    if (filled === size * width) await flush();
  }
  await flush();
  return { rows, batches };
}
