/**
 * The demo's fact (seed 001): order lines with the customer's and product's names, normalized
 * into `customer_names` and `product_names`, with a daily summary per product. `landfall demo`
 * pushes the sample source's order lines that the fact does not hold yet (by order id) through
 * the same batched ingestion `landfall ingest` uses, then processes the fact.
 */
import { Readable } from 'node:stream';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { FactInput } from '../../shared/model/index.ts';
import { sql } from '../../shared/sql/statement.ts';
import { openWarehouse } from '../../engine/connections.ts';
import { ingestRows } from '../../engine/fact/ingest-rows.ts';
import { processFact, setupFact } from '../../engine/fact/process-fact.ts';
import { sqliteBinding } from '../../engine/sqlite-binding.ts';
import { factTarget } from '../run/fact-target.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { DEMO_FILES } from './create-demo.ts';

export const DEMO_FACT = 'order_sales';

/** The demo fact's definition, part of the demo document. */
export function demoFact(): FactInput {
  return {
    name: DEMO_FACT,
    description: 'Order lines, customers and products by id; a daily summary per product',
    warehouse: 'warehouse',
    columns: [
      { name: 'order_id', type: 'int', nullable: false },
      { name: 'line_number', type: 'int', nullable: false },
      { name: 'order_date', type: 'date', nullable: false },
      { name: 'customer_name', type: 'string(200)', nullable: false },
      { name: 'product_name', type: 'string(200)', nullable: false },
      { name: 'quantity', type: 'int', nullable: false },
      { name: 'amount', type: 'decimal(12,2)', nullable: false },
    ],
    normalizations: [
      { column: 'customer_name', table: 'customer_names', id: 'customer_key', idType: 'mediumint' },
      { column: 'product_name', table: 'product_names', id: 'product_key', idType: 'smallint' },
    ],
    summaries: [{
      table: 'daily_product_sales',
      groupBy: [{ column: 'order_date' }, { column: 'product_key' }],
      measures: [
        { function: 'count', as: 'lines' },
        { function: 'sum', column: 'quantity', as: 'quantity' },
        { function: 'sum', column: 'amount', as: 'amount' },
      ],
    }],
  };
}

/** Pushes the order lines the demo fact lacks and processes it; the rows pushed and processed. */
export async function fillDemoFact(store: ProjectStore, projectFile: string): Promise<{ pushed: number; processed: number }> {
  const { fact, connection } = factTarget(store, projectFile, DEMO_FACT);
  const warehouse = await openWarehouse(connection);
  let pushed = 0;
  try {
    await setupFact(fact, warehouse);
    // Lines of orders after the last one the fact (or its staging, not yet processed) holds.
    const [[last]] = (await warehouse.query(sql`SELECT GREATEST(COALESCE((SELECT MAX(order_id) FROM order_sales), 0), COALESCE((SELECT MAX(order_id) FROM order_sales__staging), 0), COALESCE((SELECT MAX(order_id) FROM order_sales__process), 0))`)) as [[number]];
    const source = new Database(resolve(dirname(projectFile), DEMO_FILES.source), { ...sqliteBinding(), readonly: true });
    try {
      const rows = source.prepare(`SELECT l.order_id, l.line_number, o.order_date, c.name AS customer_name, p.name AS product_name, l.quantity,
          printf('%.2f', l.quantity * l.unit_price * (1 - COALESCE(l.discount, 0))) AS amount
        FROM order_lines AS l JOIN orders AS o ON o.order_id = l.order_id JOIN customers AS c ON c.customer_id = o.customer_id
        JOIN products AS p ON p.product_id = l.product_id WHERE l.order_id > ? ORDER BY l.order_id, l.line_number`).iterate(Number(last));
      const lines = (function* () {
        for (const row of rows) yield `${JSON.stringify(row)}\n`;
      })();
      pushed = (await ingestRows(fact, warehouse, Readable.from(lines), 'ndjson')).rows;
    } finally {
      source.close();
    }
  } finally {
    await warehouse.close();
  }
  const { rows } = await processFact(fact, connection);
  return { pushed, processed: rows };
}
