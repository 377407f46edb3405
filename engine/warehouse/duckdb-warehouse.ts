import { compile, type Statement } from '../../shared/sql/statement.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { createStagingStatements, duckdbStageFromFiles } from '../../shared/sql/entity-sql.ts';
import { openDuckDb } from '../duckdb.ts';
import type { StageFiles, Warehouse } from './warehouse.ts';

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
    run,
    async query(statement) {
      const { sql, params } = compile(statement, d);
      const reader = await connection.runAndReadAll(sql, values(params));
      return reader.getRows() as unknown[][];
    },
    async stage({ input, mode, files, format, csv }: StageFiles) {
      if (!files.length) {
        for (const statement of createStagingStatements(input, mode)) await run(statement);
        return;
      }
      const locations = files.map((f) => f.location);
      await run(duckdbStageFromFiles(input, mode, locations, format.kind === 'parquet' ? { kind: 'parquet' } : { kind: 'csv', ...csv }));
    },
    async close() {
      connection.closeSync();
      await handle.release();
    },
  };
}
