// A SQL Server, Azure SQL or Synapse warehouse that cannot be reached: the run opens it (the engine
// loads these warehouses) and fails with the driver's connection error, after its bounded connect
// retries, instead of refusing the kind. The port is one this test opened and closed on 127.0.0.1,
// so nothing listens there: every connect is refused at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from './closed-port.ts';
import { parseConnection, type Connection } from '../../shared/model/index.ts';
import { createSource, jobSpec, must, run, workspace, type Workspace } from './fixtures.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const ENTITY = { name: 'items', columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'wh' };

describe.each(['sqlserver', 'azuresql', 'synapse'] as const)('a %s warehouse on a closed port', (kind) => {
  it('fails the entity with the connection error, not as a kind the engine does not load', async () => {
    const source = await createSource('sqlite', ws);
    const columns = [{ name: 'id', type: 'int' }];
    await source.createTable('items', columns);
    await source.insert('items', columns, [[1], [2]]);
    ws.defer(() => source.close());
    const port = await closedPort();
    // A job spec carries secrets resolved: the reference is replaced as the app would.
    const warehouse = { ...must(parseConnection({ name: 'wh', kind, host: '127.0.0.1', port, database: 'dw', user: 'etl', password: '${env:DW_PASSWORD}', encrypt: false })), password: 'not-used' } as Connection;
    // SQL Server lands in itself; Synapse reads a lake (never reached: the warehouse fails first).
    const lander: Connection = kind === 'synapse'
      ? must(parseConnection({ name: 'adls', kind: 'adls', account: 'devstoreaccount1', fileSystem: 'lake', endpoint: 'http://127.0.0.1:9/devstoreaccount1', hierarchicalNamespace: false, credential: { kind: 'azure-default' } }))
      : warehouse;
    const spec = jobSpec({
      ws,
      connections: [source.connection, warehouse, ...(lander === warehouse ? [] : [lander])],
      entities: [{ entity: ENTITY, extract: { entity: 'items', source: { connection: 'src', kind: 'table', table: 'items' }, pattern: { kind: 'full' }, lander: { connection: lander.name } } }],
      batchId: 1,
    });
    const { result, events } = await run(spec);
    const failure = result.error ?? result.entities.map((e) => e.error).join('\n');
    expect(result.status).toBe('failed');
    expect(failure).toContain(`127.0.0.1:${port}`);
    expect(failure).toMatch(/ECONNREFUSED|Failed to connect/);
    expect(failure).not.toMatch(/this engine loads|not supported|previewed/);
    // The connect was retried, boundedly, and each retry was told.
    expect(events.filter((e) => e.type === 'log' && e.level === 'warn' && /attempt \d of 4/.test(e.message)).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
