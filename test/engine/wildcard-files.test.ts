// The Multi Wild Card File pattern end to end: matching CSV files read in parallel, mapped by
// header (with @file_name), loaded into DuckDB, archived after the commit; repeated keys refused.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseConnection, parseEntity, parseExtract } from '../../shared/model/validate.ts';
import type { EngineEvent, JobSpec } from '../../shared/protocol/engine.ts';
import { runBatch } from '../../engine/run-batch.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function ok<T>(result: { ok: true; value: T } | { ok: false; issues: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function spec(root: string, runId: string, batchId: string, pattern = 'payroll_*.csv'): JobSpec {
  return {
    runId,
    batchDate: '2026-11-20',
    batchId,
    parallelEntities: 2,
    parameters: {},
    connections: [
      ok(parseConnection({ name: 'inbox', kind: 'localfs', path: join(root, 'inbox') })),
      ok(parseConnection({ name: 'lake', kind: 'localfs', path: join(root, 'lake') })),
      ok(parseConnection({ name: 'wh', kind: 'duckdb', path: join(root, 'wh.duckdb') })),
    ],
    entities: [
      {
        entity: ok(parseEntity({
          name: 'payroll',
          columns: [
            { name: 'employee_id', type: 'int', nullable: false },
            { name: 'name', type: 'string(100)' },
            { name: 'amount', type: 'decimal(12,2)' },
            { name: 'paid_on', type: 'date' },
            { name: 'source_file', type: 'string(200)' },
          ],
          businessKey: ['employee_id'],
          warehouse: 'wh',
        })),
        extract: ok(parseExtract({
          entity: 'payroll',
          source: { kind: 'files', connection: 'inbox', pattern, parallelFiles: 2, format: { kind: 'csv' } },
          pattern: { kind: 'multiWildCardFile' },
          mappings: [{ column: 'employee_id', expression: 'Employee' }, { column: 'source_file', expression: '@file_name' }],
          format: { kind: 'csv' },
          compression: 'gzip',
          lander: { connection: 'lake' },
        })),
      },
    ],
  };
}

async function current(root: string): Promise<string[][]> {
  const instance = await DuckDBInstance.create(join(root, 'wh.duckdb'), { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      'SELECT employee_id, name, amount, paid_on, source_file FROM psg.payroll WHERE lf_is_current ORDER BY employee_id',
    );
    return reader.getRows().map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function run(job: JobSpec): Promise<{ status: string; events: EngineEvent[]; error?: string | undefined }> {
  const events: EngineEvent[] = [];
  const result = await runBatch(job, { signal: new AbortController().signal, onEvent: (e) => events.push(e) });
  return { status: result.status, events, error: result.entities[0]?.error };
}

describe('Multi Wild Card File pattern', () => {
  it('loads every matching file, maps by header and @file_name, archives them after the commit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lf-files-'));
    folders.push(root);
    mkdirSync(join(root, 'inbox'));
    writeFileSync(join(root, 'inbox', 'payroll_2026_01.csv'), 'Employee,name,amount,paid_on\n1,"Smith, Jo",100.50,2026-01-31\n2,"Zoë ""Z""",200,2026-01-31\n');
    writeFileSync(join(root, 'inbox', 'PAYROLL_2026_02.csv'), 'name,Employee,paid_on,amount\nAnn,3,2026-02-28,\n');
    writeFileSync(join(root, 'inbox', 'other.csv'), 'Employee,name,amount,paid_on\n9,no,1,2026-01-01\n');

    const first = await run(spec(root, 'run-1', '1'));
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('succeeded');
    expect(await current(root)).toEqual([
      ['1', 'Smith, Jo', '100.50', '2026-01-31', 'payroll_2026_01.csv'],
      ['2', 'Zoë "Z"', '200.00', '2026-01-31', 'payroll_2026_01.csv'],
      ['3', 'Ann', 'NULL', '2026-02-28', 'PAYROLL_2026_02.csv'],
    ]);
    expect(readdirSync(join(root, 'inbox')).sort()).toEqual(['archive', 'other.csv']);
    expect(readdirSync(join(root, 'inbox', 'archive', 'run-1')).sort()).toEqual(['PAYROLL_2026_02.csv', 'payroll_2026_01.csv']);

    // Nothing new: the rerun reads no file and changes nothing.
    const second = await run(spec(root, 'run-2', '2'));
    expect(second.status).toBe('succeeded');
    expect(await current(root)).toHaveLength(3);

    // A new file with a changed row makes one new version.
    writeFileSync(join(root, 'inbox', 'payroll_2026_03.csv'), 'Employee,name,amount,paid_on\n2,"Zoë ""Z""",250,2026-03-31\n');
    expect((await run(spec(root, 'run-3', '3'))).status).toBe('succeeded');
    expect((await current(root))[1]).toEqual(['2', 'Zoë "Z"', '250.00', '2026-03-31', 'payroll_2026_03.csv']);
  });

  it('refuses a key repeated across the run\'s files, commits nothing and leaves the files to retry', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lf-files-'));
    folders.push(root);
    mkdirSync(join(root, 'inbox'));
    writeFileSync(join(root, 'inbox', 'payroll_a.csv'), 'Employee,name,amount,paid_on\n1,A,1,2026-01-01\n');
    writeFileSync(join(root, 'inbox', 'payroll_b.csv'), 'Employee,name,amount,paid_on\n1,B,2,2026-01-02\n');
    const result = await run(spec(root, 'run-1', '1'));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/entity "payroll": the key employee_id = 1 appears 2 times/);
    expect(existsSync(join(root, 'inbox', 'payroll_a.csv'))).toBe(true);
    // The load's transaction held setup too: the fresh warehouse has no persistent staging at all.
    await expect(current(root)).rejects.toThrow('Table with name "psg.payroll" does not exist because schema "psg" does not exist');
  });

  it('names the file and the missing column when a mapping does not match the header', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lf-files-'));
    folders.push(root);
    mkdirSync(join(root, 'inbox'));
    writeFileSync(join(root, 'inbox', 'payroll_x.csv'), 'Emp,name,amount,paid_on\n1,A,1,2026-01-01\n');
    const result = await run(spec(root, 'run-1', '1'));
    expect(result.status).toBe('failed');
    // The drift step reads the first file's header before any row: a mapped column it lacks stops the entity there.
    expect(result.error).toBe([
      'entity "payroll": file payroll_x.csv (the first matching "payroll_*.csv") no longer has every column the extract reads; the run stopped before anything landed:',
      '- source column "Employee" is gone (entity column "employee_id" is mapped to it): restore it at the source, or map "employee_id" to another expression',
    ].join('\n'));
  });
});
