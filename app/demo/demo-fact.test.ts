// The demo's fact on its DuckDB warehouse: every sample order line once, names normalized without
// burned ids, the daily summary equal to a GROUP BY over the fact; filling again adds nothing.
import { afterEach, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from '../../shared/sql/statement.ts';
import { openWarehouse } from '../../engine/connections.ts';
import { factTarget } from '../run/fact-target.ts';
import { createDemo } from './create-demo.ts';
import { fillDemoFact } from './demo-fact.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('fills the demo fact from the sample orders, once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-demofact-'));
  dirs.push(dir);
  const file = join(dir, 'sales.landfall');
  const store = await createDemo(file, { anchorDate: '2026-11-30' });
  try {
    const source = new Database(join(dir, 'sales-source.sqlite'), { readonly: true });
    const [lines, customers, products] = ['SELECT COUNT(*) FROM order_lines', 'SELECT COUNT(DISTINCT c.name) FROM order_lines l JOIN orders o USING (order_id) JOIN customers c USING (customer_id)', 'SELECT COUNT(DISTINCT p.name) FROM order_lines l JOIN products p USING (product_id)']
      .map((q) => Number(source.prepare(q).pluck().get()));
    source.close();
    expect(await fillDemoFact(store, file)).toEqual({ pushed: lines, processed: lines });
    expect(await fillDemoFact(store, file)).toEqual({ pushed: 0, processed: 0 });
    const warehouse = await openWarehouse(factTarget(store, file, 'order_sales').connection);
    try {
      const one = async (q: string): Promise<string> => String((await warehouse.query(sql`${q}`))[0]![0]);
      expect(await one('SELECT COUNT(*) FROM order_sales')).toBe(String(lines));
      expect(await one('SELECT MAX(customer_key) FROM customer_names')).toBe(String(customers));
      expect(await one('SELECT COUNT(*) FROM customer_names')).toBe(String(customers));
      expect(await one('SELECT MAX(product_key) FROM product_names')).toBe(String(products));
      const diff = `SELECT COUNT(*) FROM (
        (SELECT order_date, product_key, COUNT(*), SUM(quantity), SUM(amount) FROM order_sales GROUP BY 1, 2
         EXCEPT SELECT order_date, product_key, lines, quantity, amount FROM daily_product_sales)
        UNION ALL
        (SELECT order_date, product_key, lines, quantity, amount FROM daily_product_sales
         EXCEPT SELECT order_date, product_key, COUNT(*), SUM(quantity), SUM(amount) FROM order_sales GROUP BY 1, 2))`;
      expect(await one(diff)).toBe('0');
    } finally {
      await warehouse.close();
    }
  } finally {
    store.close();
  }
});
