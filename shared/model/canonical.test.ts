import { describe, it, expect } from 'vitest';
import { parseProjectJson, sortKeys, stableStringify, toCanonicalJson, validateProject, type Project } from './index.ts';

/** A valid project written the way a person would: collections out of order, keys in any order, defaults left out. */
function untidyDocument(): Record<string, unknown> {
  return {
    version: 1,
    name: 'Canonical',
    format: 'landfall-project',
    parameters: { zone: 'z', alpha: 'a', Middle: 'm' },
    extracts: [
      {
        source: { table: 'orders', connection: 'src', kind: 'table' },
        entity: 'order',
        pattern: { kind: 'dateRange', days: 7, column: 'order_date' },
        lander: { connection: 'lake' },
        mappings: [
          { column: 'z_last', expression: 'zz' },
          { column: 'a_first', expression: 'aa' },
        ],
      },
      {
        entity: 'Account',
        source: { kind: 'query', connection: 'src', sql: 'SELECT 1 AS account_id' },
        pattern: { kind: 'full' },
        lander: { connection: 'lake' },
      },
    ],
    entities: [
      {
        warehouse: 'wh',
        name: 'order',
        columns: [
          { name: 'z_last', type: 'string(10)' },
          { name: 'order_id', type: 'int', nullable: false },
          { name: 'a_first', type: 'string(10)' },
          { name: 'order_date', type: 'date', nullable: false },
        ],
        businessKey: ['order_id', 'order_date'],
      },
      { name: 'Account', columns: [{ name: 'account_id', type: 'int', nullable: false }], businessKey: ['account_id'], warehouse: 'wh' },
    ],
    connections: [
      { name: 'wh', kind: 'duckdb', path: 'w.duckdb' },
      { name: 'src', kind: 'sqlite', path: 's.sqlite' },
      { name: 'Lake', kind: 'localfs', path: 'lake' },
    ],
  };
}

function validated(document: unknown): Project {
  const result = validateProject(document);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/** Every object in the value, at every depth. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (value !== null && typeof value === 'object') {
    return [value as Record<string, unknown>, ...Object.values(value).flatMap(objectsIn)];
  }
  return [];
}

describe('toCanonicalJson', () => {
  it('gives byte-identical text after export → parse → export', () => {
    const first = toCanonicalJson(validated(untidyDocument()));
    const parsed = parseProjectJson(first);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(toCanonicalJson(parsed.value)).toBe(first);
  });

  it('gives the same text whatever the order of the input', () => {
    const reversed = untidyDocument();
    for (const key of ['connections', 'entities', 'extracts'] as const) reversed[key] = [...(reversed[key] as unknown[])].reverse();
    expect(toCanonicalJson(validated(reversed))).toBe(toCanonicalJson(validated(untidyDocument())));
  });

  it('sorts the keys of every object', () => {
    const text = toCanonicalJson(validated(untidyDocument()));
    const objects = objectsIn(JSON.parse(text));
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) expect(Object.keys(object)).toEqual(Object.keys(object).sort());
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'batch', 'connections', 'entities', 'extracts', 'facts', 'format', 'name', 'parameters', 'version',
    ]);
    expect(Object.keys((JSON.parse(text) as { parameters: object }).parameters)).toEqual(['Middle', 'alpha', 'zone']);
  });

  it('sorts connections and entities by name and extracts by entity, ignoring case', () => {
    const document = JSON.parse(toCanonicalJson(validated(untidyDocument()))) as {
      connections: { name: string }[];
      entities: { name: string }[];
      extracts: { entity: string }[];
    };
    expect(document.connections.map((c) => c.name)).toEqual(['Lake', 'src', 'wh']);
    expect(document.entities.map((e) => e.name)).toEqual(['Account', 'order']);
    expect(document.extracts.map((x) => x.entity)).toEqual(['Account', 'order']);
  });

  it('keeps the order of columns, business key and mappings', () => {
    const document = JSON.parse(toCanonicalJson(validated(untidyDocument()))) as {
      entities: { name: string; columns: { name: string }[]; businessKey: string[] }[];
      extracts: { entity: string; mappings: { column: string }[] }[];
    };
    const order = document.entities.find((e) => e.name === 'order')!;
    expect(order.columns.map((c) => c.name)).toEqual(['z_last', 'order_id', 'a_first', 'order_date']);
    expect(order.businessKey).toEqual(['order_id', 'order_date']);
    expect(document.extracts.find((x) => x.entity === 'order')!.mappings.map((m) => m.column)).toEqual(['z_last', 'a_first']);
  });

  it('writes defaults, two-space indent and a final newline, and leaves out undefined members', () => {
    const text = toCanonicalJson(validated(untidyDocument()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n')[1]).toBe('  "batch": {');
    expect(text).toContain('"fileSizeMb": 128');
    expect(text).toContain('"parallelEntities": 4');
    expect(text).not.toContain('"description"');
    expect(text).not.toContain('undefined');
  });

  it('keeps text exactly, including unicode and quotes', () => {
    const document = untidyDocument();
    document.description = 'Ünïcødé "quoted" \\ back\nslash ✓';
    const text = toCanonicalJson(validated(document));
    const parsed = parseProjectJson(text);
    expect(parsed.ok && parsed.value.description).toBe('Ünïcødé "quoted" \\ back\nslash ✓');
  });
});

describe('sortKeys and stableStringify', () => {
  it('sort keys at every depth but keep array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,1,{"y":2,"z":1}]},"b":1}');
    expect(sortKeys({ b: undefined, a: 1 })).toEqual({ a: 1 });
    expect(Object.keys(sortKeys({ b: undefined, a: 1 }) as object)).toEqual(['a']);
  });
});

describe('parseProjectJson', () => {
  it('reports invalid JSON with the position of the error, naming the document', () => {
    const result = parseProjectJson('{\n  "format": "landfall-project",\n}', 'sales.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toEqual({ object: 'sales.json', field: '', message: expect.stringMatching(/^is not valid JSON \(.*position 34/) });
  });

  it('calls the document "project document" by default', () => {
    const result = parseProjectJson('{"name": ');
    expect(result).toEqual({ ok: false, issues: [{ object: 'project document', field: '', message: expect.stringContaining('is not valid JSON') }] });
  });

  it('validates well-formed JSON against every rule', () => {
    const document = untidyDocument();
    (document.entities as { warehouse: string }[])[0]!.warehouse = 'nowhere';
    const result = parseProjectJson(JSON.stringify(document));
    expect(result).toEqual({
      ok: false,
      issues: [{ object: 'entity "order"', field: 'warehouse', message: 'no connection is named "nowhere"' }],
    });
  });
});
