// The fact plan per dialect, as golden files (reviewed like code), and the order of its steps.
import { describe, expect, it } from 'vitest';
import { parseFact } from '../model/validate.ts';
import type { Fact } from '../model/schema.ts';
import { expectGoldenFile } from '../../test/golden-file.ts';
import { FACT_DIALECT_NAMES } from './fact-dialect.ts';
import { factPlan } from './fact-plan.ts';
import { renderFactPlan } from './fact-plan-text.ts';
import { stagingInsertText } from './staging-insert.ts';

const parsed = parseFact({
  name: 'requests',
  warehouse: 'wh',
  columns: [
    { name: 'host_name', type: 'string(99)', nullable: false },
    { name: 'path', type: 'string(200)', nullable: false },
    { name: 'event_at', type: 'datetime', nullable: false },
    { name: 'bytes', type: 'decimal(12,2)' },
  ],
  normalizations: [
    { column: 'host_name', table: 'hosts', id: 'host_id', idType: 'mediumint' },
    { column: 'path', table: 'paths', id: 'path_id' },
  ],
  summaries: [{
    table: 'requests_daily',
    groupBy: [{ column: 'host_id' }, { column: 'event_at', bucket: 'day', as: 'day' }],
    measures: [{ function: 'count', as: 'requests' }, { function: 'sum', column: 'bytes', as: 'bytes' }, { function: 'max', column: 'bytes', as: 'largest' }],
  }],
  staging: { database: 'ingest' },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const fact: Fact = parsed.value;

describe.each(FACT_DIALECT_NAMES)('the fact plan in %s', (name) => {
  it('renders every step as its golden file', () => {
    expectGoldenFile(renderFactPlan(factPlan(fact, name)), new URL(`./__golden__/requests.${name}.sql`, import.meta.url));
  });

  it('leaves out the swap while a swapped generation is pending, and processes in place for a poller', () => {
    expect(factPlan(fact, name).steps.map((s) => s.name)).toEqual(['setup', 'state', 'swap', 'count', 'normalize', 'load']);
    expect(factPlan(fact, name, { pending: true }).steps.map((s) => s.name)).toEqual(['setup', 'state', 'count', 'normalize', 'load']);
    expect(factPlan(fact, name, { poller: 2 }).steps.map((s) => s.name)).toEqual(['setup', 'clear', 'count', 'normalize', 'load']);
    expect(renderFactPlan(factPlan(fact, name, { poller: 2 }))).toContain('requests__poller2');
  });

  it('inserts pushed rows in batches with one placeholder per value', () => {
    const text = stagingInsertText(fact, name, 3);
    expect(text.match(/\(/g)?.length).toBe(4);
    expect(text).toContain('requests__staging');
  });
});

it('refuses a dialect facts are not generated for', () => {
  expect(() => factPlan(fact, 'sqlite')).toThrow(/facts are not generated for sqlite/);
});
