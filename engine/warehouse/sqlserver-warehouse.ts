import mssql from 'mssql';
import type { DialectName } from '../../shared/sql/dialect.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { compile } from '../../shared/sql/statement.ts';
import { request, sqlServerConfig, type SqlServerConfig } from '../source/sqlserver-source.ts';
import type { Warehouse } from './warehouse.ts';

/**
 * A SQL Server, Azure SQL or Synapse warehouse through `mssql` (tedious). One connection carries
 * the whole load: a T-SQL `BEGIN TRANSACTION` stays open across the batches sent on it until
 * `COMMIT TRANSACTION`, which is how the plan's persist step runs as one transaction. Staging is
 * filled without a file-fed statement: by the SQL Server lander's bulk copy (`tsql`) or by the
 * external table's CTAS (`synapse`), so `load` has nothing to feed.
 */
export async function sqlServerWarehouse(config: SqlServerConfig, spoken: Extract<DialectName, 'tsql' | 'synapse'>): Promise<Warehouse> {
  const d = dialect(spoken);
  const pool = new mssql.ConnectionPool(sqlServerConfig(config));
  // A connection that breaks later fails the statement on it; the pool's event must not go unheard.
  pool.on('error', () => undefined);
  await pool.connect();
  return {
    dialect: spoken,
    serialCommits: false,
    async run(statement) {
      const compiled = compile(statement, d);
      // Without values as a plain batch: BEGIN and COMMIT TRANSACTION inside sp_executesql would
      // end it with another transaction count (error 266).
      const r = request(pool, compiled);
      await (compiled.params.length ? r.query(compiled.sql) : r.batch(compiled.sql));
    },
    async execute(sql, params) {
      // Facts' statements, already in this dialect with their values in order (@p1, @p2, …).
      // Types are left to the driver's inference: these values are names, ids and counts.
      const r = pool.request();
      params.forEach((value, i) => r.input(`p${i + 1}`, value));
      await r.query(sql);
    },
    async query(statement) {
      const compiled = compile(statement, d);
      const r = request(pool, compiled);
      r.arrayRowMode = true;
      const result = await r.query(compiled.sql);
      return (result.recordset ?? []) as unknown as unknown[][];
    },
    async load(statement) {
      throw new Error(`a ${spoken} warehouse reads no landed file through a statement (${compile(statement, d).sql.slice(0, 60)}…): its staging is filled by bulk copy or by an external table`);
    },
    async close() {
      await pool.close().catch(() => undefined);
    },
  };
}
