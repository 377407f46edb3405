import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatIssue } from '../../shared/model/index.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { createDemo, DEMO_FILES } from './create-demo.ts';
import { DEMO_ROW_COUNTS } from './sample-source.ts';

const ANCHOR = '2026-06-30';
const TABLES = ['customers', 'products', 'orders', 'order_lines'] as const;

let dir: string;
const stores: ProjectStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-demo-'));
});

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function demo(folder: string, anchorDate = ANCHOR): Promise<ProjectStore> {
  const store = await createDemo(join(dir, folder, 'sales.landfall'), { anchorDate });
  stores.push(store);
  return store;
}

/** Runs a query against a demo's sample source. */
function query<T = Record<string, unknown>>(folder: string, sql: string): T[] {
  const db = new Database(join(dir, folder, DEMO_FILES.source), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const count = (folder: string, sql: string): number => query<{ n: number }>(folder, `SELECT count(*) AS n FROM (${sql})`)[0]!.n;

function contents(folder: string): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, query(folder, `SELECT * FROM ${table} ORDER BY rowid`)]));
}

describe('createDemo', () => {
  it('creates a valid project with its source, lake and warehouse beside it', async () => {
    const store = await demo('a');
    const result = store.validate();
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
    expect(store.getSettings().name).toBe('Sales demo');
    expect(statSync(join(dir, 'a', DEMO_FILES.lake)).isDirectory()).toBe(true);
    expect(statSync(join(dir, 'a', DEMO_FILES.warehouse)).isFile()).toBe(true);
    expect(statSync(join(dir, 'a', DEMO_FILES.source)).isFile()).toBe(true);
    // Paths are relative to the project file, so the folder can move.
    for (const connection of store.listConnections()) {
      if ('path' in connection) expect(connection.path).not.toMatch(/^\//);
    }
  });

  it('has Full, Incremental and Date Range extracts', async () => {
    const store = await demo('a');
    const patterns = new Set(store.listExtracts().map((x) => x.pattern.kind));
    expect(patterns).toEqual(new Set(['full', 'incremental', 'dateRange']));
  });

  it('takes a project name', async () => {
    const store = await createDemo(join(dir, 'named', 'x.landfall'), { anchorDate: ANCHOR, name: 'My demo' });
    stores.push(store);
    expect(store.getSettings().name).toBe('My demo');
  });

  it('has a few thousand rows', async () => {
    await demo('a');
    expect(count('a', 'SELECT * FROM orders')).toBe(2000);
    expect(DEMO_ROW_COUNTS.orders).toBe(2000);
    expect(count('a', 'SELECT * FROM order_lines')).toBeGreaterThan(2000);
    expect(count('a', 'SELECT * FROM customers')).toBe(DEMO_ROW_COUNTS.customers);
    expect(count('a', 'SELECT * FROM products')).toBe(DEMO_ROW_COUNTS.products);
    // Every line belongs to an order and a product.
    expect(count('a', 'SELECT * FROM order_lines l LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toBe(0);
    expect(count('a', 'SELECT * FROM order_lines l LEFT JOIN products p USING (product_id) WHERE p.product_id IS NULL')).toBe(0);
  });

  it('places the orders in the year up to the anchor date, with recent ones for a date range', async () => {
    await demo('a');
    const [range] = query<{ first: string; last: string }>('a', 'SELECT min(order_date) AS first, max(order_date) AS last FROM orders');
    expect(range!.last <= ANCHOR).toBe(true);
    expect(range!.first >= '2025-06-30').toBe(true);
    expect(count('a', "SELECT * FROM orders WHERE order_date > date('2026-06-30', '-30 days')")).toBeGreaterThan(50);
  });

  it('contains quotes, unicode and NULLs', async () => {
    await demo('a');
    expect(count('a', "SELECT * FROM customers WHERE name LIKE '%''%'")).toBeGreaterThan(0);
    expect(count('a', `SELECT * FROM products WHERE category LIKE '%"%' OR name LIKE '%"%'`)).toBeGreaterThan(0);
    const names = query<{ name: string }>('a', 'SELECT name FROM customers').map((r) => r.name);
    expect(names.some((name) => /[^ -~]/.test(name))).toBe(true);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/Nguyễn|Müller|Løvås|García/)]));
    expect(count('a', 'SELECT * FROM customers WHERE email IS NULL')).toBeGreaterThan(0);
    expect(count('a', 'SELECT * FROM customers WHERE modified_at IS NULL')).toBeGreaterThan(0);
    expect(count('a', 'SELECT * FROM order_lines WHERE discount IS NULL')).toBeGreaterThan(0);
    expect(count('a', 'SELECT * FROM orders WHERE modified_at IS NULL')).toBeGreaterThan(0);
  });

  it('is deterministic: the same anchor date gives the same rows', async () => {
    await demo('a');
    await demo('b');
    const a = contents('a');
    expect(a.order_lines!.length).toBeGreaterThan(2000);
    expect(contents('b')).toEqual(a);
  });

  it('moves the rows with the anchor date', async () => {
    await demo('a');
    await demo('c', '2026-01-31');
    expect(contents('c')).not.toEqual(contents('a'));
    const [last] = query<{ last: string }>('c', 'SELECT max(order_date) AS last FROM orders');
    expect(last!.last <= '2026-01-31').toBe(true);
  });

  it('refuses to overwrite an existing project', async () => {
    const store = await demo('a');
    const path = store.path;
    const before = readFileSync(join(dir, 'a', DEMO_FILES.source));
    await expect(createDemo(path, { anchorDate: '2026-01-01' })).rejects.toThrow(/cannot create the demo: .*sales\.landfall.* already exist/);
    expect(readFileSync(join(dir, 'a', DEMO_FILES.source)).equals(before)).toBe(true);
  });

  it('refuses to overwrite any existing demo file, and creates nothing', async () => {
    const folder = join(dir, 'partial');
    mkdirSync(folder);
    writeFileSync(join(folder, DEMO_FILES.warehouse), 'mine');
    await expect(createDemo(join(folder, 'sales.landfall'), { anchorDate: ANCHOR })).rejects.toThrow(
      `cannot create the demo: ${join(folder, DEMO_FILES.warehouse)} already exists`,
    );
    expect(readFileSync(join(folder, DEMO_FILES.warehouse), 'utf8')).toBe('mine');
    expect(existsSync(join(folder, 'sales.landfall'))).toBe(false);
    expect(existsSync(join(folder, DEMO_FILES.source))).toBe(false);
    expect(existsSync(join(folder, DEMO_FILES.lake))).toBe(false);
  });

  it('refuses an anchor date that is not a date', async () => {
    await expect(createDemo(join(dir, 'bad', 'sales.landfall'), { anchorDate: '30/06/2026' })).rejects.toThrow(
      'anchor date "30/06/2026" is not a YYYY-MM-DD date',
    );
  });
});
