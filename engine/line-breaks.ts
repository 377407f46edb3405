import { ValueError, type Normalizer } from './values.ts';

/**
 * Wraps a text column's normalizer so that a value holding a line break stops the entity, for a
 * warehouse whose CSV load reads files line by line (Synapse PolyBase: a quoted field cannot span
 * lines). Made once per column; the row path only pays an indexOf per value.
 */
export function refusingLineBreaks(normalize: Normalizer, why: string): Normalizer {
  return (value) => {
    const text = normalize(value);
    if (typeof text === 'string' && (text.includes('\n') || text.includes('\r'))) throw new ValueError(`holds a line break, which ${why}; remove line breaks in the extract query (REPLACE) or land Parquet instead`);
    return text;
  };
}
