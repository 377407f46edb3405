/**
 * The batched INSERT that pushed rows take into a fact's staging table (the seed's "batch INSERTs",
 * 100–1000 rows per statement): the text with the driver's placeholders, built once per batch
 * size, so the per-row path only fills a flat array of values.
 */
import type { Fact } from '../model/schema.ts';
import type { DialectName } from '../sql/dialect.ts';
import { factDialects } from './fact-plan.ts';
import { factLayout } from './fact-layout.ts';

/** `INSERT INTO <staging> (<arriving columns>) VALUES (…), …` for `rows` rows, placeholders numbered in row order. */
export function stagingInsertText(fact: Fact, name: DialectName, rows: number, poller?: number): string {
  const { d, f } = factDialects(name);
  const layout = factLayout(fact, d, f, poller);
  const width = fact.columns.length;
  const columns = layout.stagingColumns.slice(0, width).map((c) => c.quoted).join(', ');
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < width; c++) marks.push(d.placeholder(++n));
    tuples.push(`(${marks.join(', ')})`);
  }
  return `INSERT INTO ${layout.staging} (${columns}) VALUES ${tuples.join(', ')}`;
}
