import { describe, expect, it } from 'vitest';
import { refusingLineBreaks } from './line-breaks.ts';
import { valueNormalizer, ValueError } from './values.ts';

describe('a text column for a warehouse that reads CSV line by line', () => {
  const normalize = refusingLineBreaks(valueNormalizer({ kind: 'string' }), 'Synapse PolyBase cannot load: it reads CSV files line by line');

  it('passes text without line breaks as the plain normalizer does', () => {
    for (const value of ['plain', '', 'a "quoted", value', 'tab\there', 'NULL']) expect(normalize(value)).toBe(value);
  });

  it.each(['two\nlines', 'crlf\r\nend', 'carriage\rreturn', '\n'])('refuses %j, saying why and what to do', (value) => {
    expect(() => normalize(value)).toThrow(ValueError);
    expect(() => normalize(value)).toThrow('holds a line break, which Synapse PolyBase cannot load: it reads CSV files line by line; remove line breaks in the extract query (REPLACE) or land Parquet instead');
  });
});
