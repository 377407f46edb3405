import { describe, expect, it } from 'vitest';
import { CONNECTION_KINDS, describeKind } from '../shared/model/index.ts';
import { engineRoles, openLander, openSource, openWarehouse } from './connections.ts';

describe.each(CONNECTION_KINDS)('the engine and the %s descriptor', (kind) => {
  const descriptor = describeKind(kind);
  const engine = engineRoles(kind);

  it('opens it as a source exactly when the descriptor says it is one', () => {
    expect(engine.source).toBe(descriptor.source !== undefined);
  });

  it('opens it as a warehouse or lander only where the descriptor gives it that role', () => {
    if (engine.warehouse) expect(descriptor.warehouse).toBeDefined();
    if (engine.lander) expect(descriptor.lander).toBe(true);
  });
});

describe('what the engine does not open', () => {
  const named = { name: 'x', description: undefined };
  it('refuses with the reason, without loading a driver', async () => {
    await expect(openSource({ ...named, kind: 'localfs', path: '/tmp' })).rejects.toThrow('holds files, not tables');
    await expect(openWarehouse({ ...named, kind: 'sqlite', path: '/tmp/x.sqlite' })).rejects.toThrow('this engine loads DuckDB, PostgreSQL, MariaDB, SQL Server, Azure SQL and Synapse warehouses');
    await expect(openLander({ ...named, kind: 'duckdb', path: '/tmp/x.duckdb' }, {} as never)).rejects.toThrow('files land in a local folder or Azure Data Lake, or by bulk copy into the SQL Server or Azure SQL warehouse itself');
  });

  it('opens the warehouses and file landers the README lists', () => {
    expect(CONNECTION_KINDS.filter((k) => engineRoles(k).warehouse)).toEqual(['sqlserver', 'azuresql', 'synapse', 'postgres', 'mariadb', 'duckdb']);
    expect(CONNECTION_KINDS.filter((k) => engineRoles(k).lander)).toEqual(['sqlserver', 'azuresql', 'adls', 'localfs']);
  });
});
