// A fact's rules across objects and columns: each bad definition is refused naming fact, field and fix.
import { describe, expect, it } from 'vitest';
import { validateProject, formatIssue } from '../model/validate.ts';

const base = {
  format: 'landfall-project',
  version: 1,
  name: 'p',
  connections: [
    { name: 'wh', kind: 'mariadb', host: 'h', database: 'd', user: 'u' },
    { name: 'pg', kind: 'postgres', host: 'h', database: 'd', user: 'u' },
    { name: 'lite', kind: 'sqlite', path: 'x.sqlite' },
  ],
};
const fact = {
  name: 'requests',
  warehouse: 'wh',
  columns: [
    { name: 'host_name', type: 'string(99)', nullable: false },
    { name: 'event_at', type: 'datetime', nullable: false },
    { name: 'bytes', type: 'int' },
    { name: 'agent', type: 'string' },
  ],
  normalizations: [{ column: 'host_name', table: 'hosts', id: 'host_id' }],
  summaries: [{ table: 'hourly', groupBy: [{ column: 'host_id' }, { column: 'event_at', bucket: 'hour' }], measures: [{ function: 'count', as: 'n' }, { function: 'sum', column: 'bytes', as: 'total' }] }],
};

function problems(change: (f: typeof fact) => unknown): string[] {
  const result = validateProject({ ...base, facts: [change(structuredClone(fact))] });
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('fact validation', () => {
  it('accepts a well-formed fact', () => {
    expect(problems((f) => f)).toEqual([]);
  });

  it.each([
    ['a warehouse that does not run facts', (f: typeof fact) => ({ ...f, warehouse: 'lite' }), 'fact "requests", warehouse: connection "lite" is sqlite; facts run on a MariaDB, PostgreSQL or DuckDB warehouse'],
    ['a missing warehouse', (f: typeof fact) => ({ ...f, warehouse: 'nope' }), 'fact "requests", warehouse: no connection is named "nope"'],
    ['a staging engine off MariaDB', (f: typeof fact) => ({ ...f, warehouse: 'pg', staging: { engine: 'MEMORY' } }), 'fact "requests", staging.engine: the staging engine is a MariaDB setting; remove it for postgres warehouse "pg"'],
    ['a normalized column of unbounded text', (f: typeof fact) => ({ ...f, normalizations: [{ column: 'agent', table: 'agents', id: 'agent_id' }] }), 'normalizations[0].column: "agent" is string; a normalized column is text of at most 768 characters'],
    ['a normalized column that is nullable', (f: typeof fact) => ({ ...f, columns: f.columns.map((c) => (c.name === 'host_name' ? { ...c, nullable: true } : c)) }), 'normalizations[0].column: "host_name" is nullable'],
    ['grouping by a normalized name instead of its id', (f: typeof fact) => ({ ...f, summaries: [{ ...f.summaries[0]!, groupBy: [{ column: 'host_name' }] }] }), 'summaries[0].groupBy[0].column: "host_name" is not a column of the fact (it is normalized: group by its id column)'],
    ['a bucket of a number column', (f: typeof fact) => ({ ...f, summaries: [{ ...f.summaries[0]!, groupBy: [{ column: 'host_id' }, { column: 'bytes', bucket: 'day' }] }] }), 'summaries[0].groupBy[1].bucket: "bytes" is not a date or datetime column'],
    ['a sum of text', (f: typeof fact) => ({ ...f, summaries: [{ ...f.summaries[0]!, measures: [{ function: 'sum', column: 'agent', as: 'x' }] }] }), 'summaries[0].measures[0].function: "agent" is not a number column'],
    ['a summary named like the fact', (f: typeof fact) => ({ ...f, summaries: [{ ...f.summaries[0]!, table: 'Requests' }] }), 'summaries[0].table: "Requests" is the name of another table of this fact'],
    ['a batch outside 100–1000 rows', (f: typeof fact) => ({ ...f, batchRows: 5000 }), 'fact "requests", batchRows: must be at most 1000 rows'],
    ['a source entity that is not there', (f: typeof fact) => ({ ...f, source: { kind: 'entity', entity: 'orders' } }), 'fact "requests", source.entity: no staging entity is named "orders"'],
  ])('refuses %s', (_what, change, message) => {
    expect(problems(change).join('\n')).toContain(message);
  });

  it('refuses a fact named like a staging entity: `landfall sql`, `runs show --entity` and the history name one or the other', () => {
    const entity = { name: 'Requests', columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'wh' };
    const result = validateProject({ ...base, entities: [entity], facts: [fact] });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual(['fact "requests", name: is the name of staging entity "Requests"; a fact and an entity cannot share a name (ignoring case)']);
  });
});
