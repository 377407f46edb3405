import { compile, type Statement } from '../../shared/sql/statement.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { openDuckDb } from '../duckdb.ts';
import type { Warehouse } from './warehouse.ts';

const d = dialect('duckdb');

/** The embedded default warehouse: a DuckDB file; staging reads the landed files directly. */
export async function duckdbWarehouse(path: string): Promise<Warehouse> {
  const handle = await openDuckDb(path);
  const connection = await handle.connect().catch(async (error: unknown) => {
    await handle.release();
    throw error;
  });
  const values = (params: unknown[]) => params as (string | number | boolean | null | bigint)[];
  const run = async (statement: Statement): Promise<void> => {
    const { sql, params } = compile(statement, d);
    await connection.run(sql, values(params));
  };
  return {
    dialect: 'duckdb',
    serialCommits: true,
    run,
    async execute(sql, params) {
      await connection.run(sql, values([...params]));
    },
    async query(statement) {
      const { sql, params } = compile(statement, d);
      const reader = await connection.runAndReadAll(sql, values(params));
      return reader.getRows() as unknown[][];
    },
    async load() {
      // DuckDB reads the landed files itself (read_csv / read_parquet in the stage statement).
      throw new Error('DuckDB stages files by reading them: no statement is fed a file');
    },
    async close() {
      connection.closeSync();
      await handle.release();
    },
  };
}
