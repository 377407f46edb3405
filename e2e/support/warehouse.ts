/** Reads the demo's DuckDB warehouse after a run, to check what a run committed. */
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

export interface TableState {
  readonly exists: boolean;
  readonly rows: number;
  readonly batches: readonly string[];
}

/** Rows and batch ids of `psg.<entity>` (persistent staging); `exists: false` before any commit. */
export async function persistentStaging(file: string, entity: string): Promise<TableState> {
  if (!existsSync(file)) return { exists: false, rows: 0, batches: [] };
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const connection = await instance.connect();
    try {
      const found = await connection.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'psg' AND table_name = '${entity}'`);
      if (Number(found.getRows()[0]?.[0] ?? 0) === 0) return { exists: false, rows: 0, batches: [] };
      const rows = await connection.runAndReadAll(`SELECT count(*) FROM psg."${entity}"`);
      const batches = await connection.runAndReadAll(`SELECT DISTINCT CAST(lf_batch_id AS VARCHAR) FROM psg."${entity}" ORDER BY 1`);
      return { exists: true, rows: Number(rows.getRows()[0]?.[0] ?? 0), batches: batches.getRows().map((row) => String(row[0])) };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
