/**
 * Creates the ready-to-run demo beside a project file: a SQLite sample source, a local lake
 * folder, a DuckDB warehouse file, and entities that use Full, Incremental and Date Range.
 * Connection paths are relative to the project file, so the folder can be moved as a whole.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectInput } from '../../shared/model/index.ts';
import { ProjectStore } from '../store/project-store.ts';
import { writeSampleSource } from './sample-source.ts';
import { demoFact } from './demo-fact.ts';
import { today } from '../../shared/time.ts';

export const DEMO_FILES = { source: 'sales-source.sqlite', lake: 'lake', warehouse: 'warehouse.duckdb' } as const;

/** The demo's design: what `landfall new --demo` puts in the project file. */
export function demoDocument(name = 'Sales demo'): ProjectInput {
  const lander = { connection: 'lake' };
  const audit = [
    { name: 'created_at', type: 'datetime', nullable: false },
    { name: 'modified_at', type: 'datetime' },
  ];
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name,
    description: 'A small sales system extracted into a local lake and a DuckDB warehouse.',
    batch: { parallelEntities: 4 },
    parameters: { source_system: 'demo-sales' },
    connections: [
      { name: 'sales', kind: 'sqlite', path: DEMO_FILES.source, description: 'Sample sales system' },
      { name: 'lake', kind: 'localfs', path: DEMO_FILES.lake, description: 'Local data lake folder' },
      { name: 'warehouse', kind: 'duckdb', path: DEMO_FILES.warehouse, description: 'Embedded DuckDB warehouse' },
    ],
    entities: [
      {
        name: 'customer',
        columns: [
          { name: 'customer_id', type: 'int', nullable: false },
          { name: 'customer_name', type: 'string(200)', nullable: false },
          { name: 'email', type: 'string(320)' },
          { name: 'city', type: 'string(100)' },
          { name: 'country', type: 'string(2)' },
          ...audit,
        ],
        businessKey: ['customer_id'],
        warehouse: 'warehouse',
      },
      {
        name: 'product',
        columns: [
          { name: 'product_id', type: 'int', nullable: false },
          { name: 'sku', type: 'string(20)', nullable: false },
          { name: 'product_name', type: 'string(200)', nullable: false },
          { name: 'category', type: 'string(50)', nullable: false },
          { name: 'unit_price', type: 'decimal(10,2)', nullable: false },
          { name: 'source_system', type: 'string(20)', nullable: false },
          ...audit,
        ],
        businessKey: ['product_id'],
        warehouse: 'warehouse',
      },
      {
        name: 'sales_order',
        columns: [
          { name: 'order_id', type: 'int', nullable: false },
          { name: 'customer_id', type: 'int', nullable: false },
          { name: 'order_date', type: 'date', nullable: false },
          { name: 'status', type: 'string(20)', nullable: false },
          { name: 'changed_at', type: 'datetime', nullable: false },
        ],
        businessKey: ['order_id'],
        warehouse: 'warehouse',
      },
      {
        name: 'sales_order_line',
        columns: [
          { name: 'order_id', type: 'int', nullable: false },
          { name: 'line_number', type: 'int', nullable: false },
          { name: 'product_id', type: 'int', nullable: false },
          { name: 'order_date', type: 'date', nullable: false },
          { name: 'quantity', type: 'int', nullable: false },
          { name: 'unit_price', type: 'decimal(10,2)', nullable: false },
          { name: 'discount', type: 'decimal(4,2)' },
        ],
        businessKey: ['order_id', 'line_number'],
        warehouse: 'warehouse',
      },
    ],
    extracts: [
      {
        entity: 'customer',
        source: { kind: 'table', connection: 'sales', table: 'customers' },
        pattern: { kind: 'full' },
        mappings: [{ column: 'customer_name', expression: 'name' }],
        format: { kind: 'parquet' },
        compression: 'zstd',
        lander,
      },
      {
        entity: 'product',
        source: { kind: 'table', connection: 'sales', table: 'products' },
        pattern: { kind: 'full' },
        mappings: [
          { column: 'product_name', expression: 'name' },
          { column: 'source_system', expression: '@source_system' },
        ],
        format: { kind: 'csv' },
        compression: 'gzip',
        lander,
      },
      {
        entity: 'sales_order',
        source: { kind: 'table', connection: 'sales', table: 'orders' },
        pattern: {
          kind: 'incremental',
          changeColumns: [{ column: 'changed_at', lookback: 1, lookbackUnit: 'hours' }],
          comparison: '>',
        },
        mappings: [{ column: 'changed_at', expression: 'COALESCE(modified_at, created_at)' }],
        format: { kind: 'parquet' },
        compression: 'zstd',
        lander,
      },
      {
        entity: 'sales_order_line',
        source: {
          kind: 'query',
          connection: 'sales',
          sql: [
            'WITH placed AS (',
            '  SELECT order_id, order_date FROM orders',
            ')',
            'SELECT l.order_id, l.line_number, l.product_id, p.order_date, l.quantity, l.unit_price, l.discount',
            'FROM order_lines AS l',
            'JOIN placed AS p ON p.order_id = l.order_id',
          ].join('\n'),
        },
        pattern: { kind: 'dateRange', column: 'order_date', days: 30 },
        format: { kind: 'csv' },
        compression: 'zstd',
        lander,
      },
    ],
    facts: [demoFact()],
  };
}

/**
 * Creates the demo project at `projectPath` with its source, lake and warehouse beside it.
 * `anchorDate` (YYYY-MM-DD, default today in local time, the default batch date of its runs) is the last day of the sample orders.
 */
export async function createDemo(projectPath: string, options: { anchorDate?: string; name?: string } = {}): Promise<ProjectStore> {
  const dir = dirname(projectPath);
  const taken = [projectPath, ...Object.values(DEMO_FILES).map((file) => join(dir, file))].filter((path) => existsSync(path));
  if (taken.length) throw new Error(`cannot create the demo: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}`);
  mkdirSync(dir, { recursive: true });
  writeSampleSource(join(dir, DEMO_FILES.source), options.anchorDate ?? today());
  mkdirSync(join(dir, DEMO_FILES.lake));
  const duck = await DuckDBInstance.create(join(dir, DEMO_FILES.warehouse), {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  duck.closeSync();
  return ProjectStore.importDocument(projectPath, demoDocument(options.name));
}
