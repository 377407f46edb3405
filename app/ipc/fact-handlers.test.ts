// The designer's fact channels through the real gate (dispatch) and handlers, on the demo project
// (its fact `order_sales` on the DuckDB warehouse): the preview is byte for byte what `landfall sql`
// prints for the same project file, a draft is checked as the project file is checked (issues by
// field), and payloads the contract does not allow are refused before any handler runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Fact } from '../../shared/model/index.ts';
import { designerHandlers } from '../../test/ipc/designer-handlers.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** `landfall` as a user runs it: its exit code and what it printed. */
async function landfall(...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'landfall.js'), ...argv], { cwd: ROOT, encoding: 'utf8' });
  return { code: cli.status, out: cli.stdout, err: cli.stderr };
}

describe('fact channels: save, delete, preview', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-fact-handlers-'));
  const file = join(dir, 'demo.landfall');
  const { handlers, call } = designerHandlers(dir);
  const saved = async (): Promise<Fact> => (await call('project:current', undefined))!.project.facts.find((f) => f.name === 'order_sales')!;

  beforeAll(async () => {
    await call('project:create', { path: file, demo: true, typed: true });
  });
  afterAll(async () => {
    await handlers.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews a fact as `landfall sql <project> <fact>` prints it, in its dialect or another', async () => {
    const preview = await call('fact:preview', { factName: 'order_sales' });
    const cli = await landfall('sql', file, 'order_sales');
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    expect(preview).toEqual({ ok: true, text: cli.out });
    expect(cli.out).toContain('-- ==== normalize: warehouse (duckdb) ====');

    const postgres = await call('fact:preview', { factName: 'order_sales', dialect: 'postgres' });
    expect(postgres).toEqual({ ok: true, text: (await landfall('sql', file, 'order_sales', '--dialect', 'postgres')).out });

    // A draft previews as the project would once saved: after the save the CLI prints the same.
    const draft = { ...(await saved()), summaries: [{ ...(await saved()).summaries[0]!, groupBy: [{ column: 'order_date', bucket: 'day' as const }, { column: 'customer_key' }] }] };
    const drafted = await call('fact:preview', { factName: 'order_sales', fact: draft });
    expect(drafted.ok && drafted.text).toContain('"customer_key"');
    await expect(call('fact:save', { fact: draft, previousName: 'order_sales' })).resolves.toMatchObject({ ok: true });
    expect(drafted).toEqual({ ok: true, text: (await landfall('sql', file, 'order_sales')).out });
  });

  it('gives the issues of a draft by field, as the project file is checked', async () => {
    const fact = await saved();
    const badColumn = await call('fact:preview', { factName: 'order_sales', fact: { ...fact, summaries: [{ ...fact.summaries[0]!, groupBy: [{ column: 'product_name' }] }] } });
    expect(badColumn).toEqual({ ok: false, issues: [{ object: 'fact "order_sales"', field: 'summaries[0].groupBy[0].column', message: '"product_name" is not a column of the fact (it is normalized: group by its id column)' }] });

    const badType = await call('fact:preview', { factName: 'order_sales', fact: { ...fact, normalizations: [{ ...fact.normalizations[0]!, idType: 'tinyint' }] } });
    expect(badType.ok).toBe(false);
    expect(!badType.ok && badType.issues[0]).toMatchObject({ object: 'fact "order_sales"', field: 'normalizations[0].idType' });

    const badEngine = await call('fact:preview', { factName: 'order_sales', fact: { ...fact, staging: { ...fact.staging, engine: 'MEMORY' } } });
    expect(badEngine).toEqual({ ok: false, issues: [{ object: 'fact "order_sales"', field: 'staging.engine', message: 'the staging engine is a MariaDB setting; remove it for duckdb warehouse "warehouse"' }] });

    const badBatch = await call('fact:save', { fact: { ...fact, batchRows: 5 }, previousName: 'order_sales' });
    expect(badBatch).toMatchObject({ ok: false, issues: [{ field: 'batchRows', message: 'must be at least 100 rows' }] });
    expect((await saved()).batchRows).toBe(fact.batchRows);
  });

  it('adds, renames and deletes a fact; a new fact never replaces a saved one', async () => {
    const fact = await saved();
    const clash = await call('fact:save', { fact: { ...fact, name: 'ORDER_SALES' } });
    expect(clash).toMatchObject({ ok: false, issues: [{ field: 'name', message: expect.stringContaining('a fact named "order_sales" already exists') }] });

    const added = await call('fact:save', { fact: { name: 'pushed_lines', warehouse: 'warehouse', columns: [{ name: 'id', type: 'int', nullable: false }] } });
    expect(added).toMatchObject({ ok: true, value: { name: 'pushed_lines', source: { kind: 'push' }, staging: { mode: 'flipFlop', engine: 'InnoDB' }, batchRows: 500 } });
    const taken = await call('fact:save', { fact: { ...fact, name: 'pushed_lines' }, previousName: 'order_sales' });
    expect(taken).toMatchObject({ ok: false, issues: [{ field: 'name', message: 'another fact is named "pushed_lines"; names must be unique (ignoring case)' }] });

    await expect(call('fact:save', { fact: { ...fact, name: 'order_lines' }, previousName: 'order_sales' })).resolves.toMatchObject({ ok: true });
    const names = async () => (await call('project:current', undefined))!.project.facts.map((f) => f.name);
    expect(await names()).toEqual(['order_lines', 'pushed_lines']);
    const gone = await call('fact:save', { fact, previousName: 'order_sales' });
    expect(gone).toMatchObject({ ok: false, issues: [{ field: 'name', message: 'no saved fact is named "order_sales"; it may have been deleted' }] });

    await call('fact:delete', { name: 'pushed_lines' });
    expect(await names()).toEqual(['order_lines']);
    await expect(call('fact:delete', { name: 'pushed_lines' })).rejects.toThrow('no fact is named "pushed_lines"');
    await expect(call('fact:preview', { factName: 'pushed_lines' })).rejects.toThrow('no fact is named "pushed_lines"');
    await call('fact:save', { fact, previousName: 'order_lines' });
  });

  it('refuses payloads the contract does not allow, before any handler runs', async () => {
    const refused = (channel: 'fact:save' | 'fact:delete' | 'fact:preview', arg: unknown) => call(channel, arg as never);
    await expect(refused('fact:save', { fact: {}, extra: 1 })).rejects.toThrow('fact:save: invalid argument: the argument: Unrecognized key: "extra"');
    await expect(refused('fact:save', { fact: {}, previousName: '' })).rejects.toThrow('fact:save: invalid argument: previousName:');
    await expect(refused('fact:delete', { name: 'x'.repeat(129) })).rejects.toThrow('fact:delete: invalid argument: name:');
    await expect(refused('fact:delete', undefined)).rejects.toThrow('fact:delete: invalid argument');
    await expect(refused('fact:preview', {})).rejects.toThrow('fact:preview: invalid argument: the argument: name a saved fact (factName) or give a draft (fact)');
    await expect(refused('fact:preview', { factName: 'order_sales', dialect: 'oracle' })).rejects.toThrow('fact:preview: invalid argument: dialect:');
    // Not a fact at all: an answer naming the problem, and nothing saved.
    await expect(call('fact:save', { fact: 'DROP TABLE fact' })).resolves.toEqual({ ok: false, issues: [{ object: 'fact', field: '', message: 'must be an object with the form\'s fields' }] });
    await expect(call('fact:save', { fact: ['order_sales'] })).resolves.toMatchObject({ ok: false });
    expect((await call('project:current', undefined))!.project.facts.map((f) => f.name)).toEqual(['order_sales']);
  });
});
