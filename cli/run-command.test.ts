// `landfall run` and `landfall demo` end to end through `main(argv, io)`: the demo project (SQLite
// source, local lake and DuckDB warehouse, all inside a temporary folder) run into its warehouse,
// its output as JSON lines or text, a second run that lands only what changed, the run history,
// and the command-line mistakes that stop a run before it starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EngineEvent, RunResult } from '../shared/protocol/engine.ts';
import { createDemo, DEMO_FILES } from '../app/demo/create-demo.ts';
import { DEMO_ROW_COUNTS } from '../app/demo/sample-source.ts';
import { ProjectStore, type RunRecord } from '../app/store/project-store.ts';
import { EXIT, main, type CliIo } from './landfall.ts';

const ANCHOR = '2026-06-30';
const ENTITIES = ['customer', 'product', 'sales_order', 'sales_order_line'];

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-run-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Output {
  code: number;
  out: string;
  err: string;
}

async function landfall(...argv: string[]): Promise<Output> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => void (out += text), err: (text) => void (err += text) };
  const code = await main(argv, io);
  return { code, out, err };
}

/** The demo in the test's folder: its project file, with source, lake and warehouse beside it. */
async function demo(): Promise<string> {
  const file = join(dir, 'demo', 'sales.landfall');
  (await createDemo(file, { anchorDate: ANCHOR })).close();
  return file;
}

function runs(file: string): RunRecord[] {
  const store = ProjectStore.open(file);
  try {
    return store.listRuns();
  } finally {
    store.close();
  }
}

/** Versions per entity in the demo's warehouse (total, current), read once the run has released the file. */
async function versions(file: string): Promise<Record<string, [number, number]>> {
  const instance = await DuckDBInstance.create(join(file, '..', DEMO_FILES.warehouse), { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const connection = await instance.connect();
    try {
      const counts: Record<string, [number, number]> = {};
      for (const entity of ENTITIES) {
        const rows = (await connection.runAndReadAll(`SELECT COUNT(*), COUNT(*) FILTER (WHERE lf_is_current) FROM psg."${entity}"`)).getRows();
        counts[entity] = [Number(rows[0]![0]), Number(rows[0]![1])];
      }
      return counts;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

const byEntity = <E extends { entity: string }>(result: { entities: readonly E[] }): Record<string, E> => Object.fromEntries(result.entities.map((e) => [e.entity, e]));

function jsonEvents(out: string): EngineEvent[] {
  expect(out.endsWith('\n')).toBe(true);
  return out.trimEnd().split('\n').map((line) => JSON.parse(line) as EngineEvent);
}

describe('landfall run', () => {
  it('--json prints one engine event per line, ending with run:finished, and exits 0', async () => {
    const file = await demo();
    const result = await landfall('run', file, '--json', '--batch-date', ANCHOR);
    expect(result.err).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const events = jsonEvents(result.out);
    expect(events[0]).toMatchObject({ type: 'run:started', batchDate: ANCHOR, entities: ENTITIES });
    const last = events.at(-1)!;
    expect(last.type).toBe('run:finished');
    expect(events.filter((e) => e.type === 'run:finished')).toHaveLength(1);
    const finished = (last as { result: RunResult }).result;
    expect(finished.status).toBe('succeeded');
    for (const entity of ENTITIES) {
      const states = events.flatMap((e) => (e.type === 'entity:state' && e.entity === entity ? [e.state] : []));
      expect(states).toEqual(['queued', 'extracting', 'landing', 'loading', 'done']);
    }
    expect(events.some((e) => e.type === 'entity:progress')).toBe(true);
  });

  it('prints progress lines and a summary, exits 0, and records the run with its entities in the history', async () => {
    const file = await demo();
    const result = await landfall('run', file, '--batch-date', ANCHOR);
    expect(result.err).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const lines = result.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^run [0-9a-f-]{36}: 4 entities, batch date ${ANCHOR}$`));
    for (const entity of ENTITIES) expect(lines).toContain(`${entity}: done`);
    expect(lines.at(-1)).toMatch(/^run [0-9a-f-]{36} succeeded: 4 of 4 entities done$/);
    const summary = lines.slice(lines.lastIndexOf('') + 1);
    expect(summary).toHaveLength(ENTITIES.length + 1);
    expect(summary[0]).toMatch(/^customer +done +full +500 rows +1 files .* \+500 new, 0 changed, 0 deleted$/);
    expect(summary[2]).toMatch(/^sales_order +done +full +2,000 rows +1 files .* \+2000 new, 0 changed, 0 deleted$/);

    const history = runs(file);
    expect(history).toHaveLength(1);
    const [run] = history;
    expect(lines[0]).toContain(run!.id);
    expect(run).toMatchObject({ batchDate: ANCHOR, status: 'succeeded', options: { from: 'cli', entities: ENTITIES } });
    expect(run!.finishedAt).toEqual(expect.any(String));
    expect(run!.entities.map((e) => e.entity)).toEqual([...ENTITIES].sort());
    const entities = byEntity(run!);
    expect(entities.customer).toMatchObject({ status: 'done', mode: 'full', rows: DEMO_ROW_COUNTS.customers, files: 1, inserted: DEMO_ROW_COUNTS.customers, updated: 0, deleted: 0 });
    expect(entities.product).toMatchObject({ status: 'done', mode: 'full', rows: DEMO_ROW_COUNTS.products, inserted: DEMO_ROW_COUNTS.products });
    expect(entities.sales_order).toMatchObject({ status: 'done', mode: 'full', rows: DEMO_ROW_COUNTS.orders, inserted: DEMO_ROW_COUNTS.orders });
    expect(entities.sales_order_line).toMatchObject({ status: 'done', mode: 'dateRange', updated: 0, deleted: 0 });
    expect(entities.sales_order_line!.rows).toBeGreaterThan(0);
    expect(entities.sales_order_line!.inserted).toBe(entities.sales_order_line!.rows);
  });

  it('on a terminal, shows a percentage only for the tables whose row count the source estimated, 100% only once done', async () => {
    const file = await demo();
    let out = '';
    const result = await main(['run', file, '--batch-date', ANCHOR], { out: (text) => void (out += text), err: () => undefined, tty: true });
    expect(result).toBe(EXIT.ok);
    // Each frame redraws every entity's line: cursor movement and line clearing stripped, one line per entity.
    const escape = String.fromCharCode(27);
    const frames = out.split(`${escape}[2K`).map((line) => line.replace(new RegExp(`${escape}\\[\\d*A\\r`, 'g'), '').trimEnd());
    const of = (entity: string): string[] => frames.filter((line) => line.startsWith(`${entity} `));
    // customer reads a SQLite table whole: its COUNT(*) is the total; the last frames before done are capped at 99%.
    const customer = of('customer');
    expect(customer.some((line) => / 99% (extracting|landing|loading) /.test(line))).toBe(true);
    expect(customer.filter((line) => / 100% /.test(line)).every((line) => / 100% done /.test(line))).toBe(true);
    expect(customer.at(-1)).toMatch(/ 100% done /);
    // sales_order_line reads a free query's 30-day window: no total, no percentage until it is done.
    const lines = of('sales_order_line');
    expect(lines.filter((line) => !/ done /.test(line)).every((line) => !/\d+%/.test(line))).toBe(true);
  });

  it('is safe to run twice: the second run writes no new versions, the incremental entity re-reads only its lookback window', async () => {
    const file = await demo();
    const first = await landfall('run', file, '--batch-date', ANCHOR);
    expect(first.code, first.out + first.err).toBe(EXIT.ok);
    const afterFirst = await versions(file);
    expect(afterFirst.customer).toEqual([DEMO_ROW_COUNTS.customers, DEMO_ROW_COUNTS.customers]);
    expect(afterFirst.sales_order).toEqual([DEMO_ROW_COUNTS.orders, DEMO_ROW_COUNTS.orders]);

    const second = await landfall('run', file, '--json', '--batch-date', ANCHOR);
    expect(second.code, second.out + second.err).toBe(EXIT.ok);
    const result = (jsonEvents(second.out).at(-1) as { result: RunResult }).result;
    expect(result.status).toBe('succeeded');
    const entities = byEntity(result);
    for (const entity of ENTITIES) expect(entities[entity]).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(entities.customer).toMatchObject({ mode: 'full', rows: DEMO_ROW_COUNTS.customers });
    expect(entities.product).toMatchObject({ mode: 'full', rows: DEMO_ROW_COUNTS.products });
    // The saved watermark minus the 1-hour lookback: a few orders again, far fewer than all of them.
    expect(entities.sales_order!.mode).toBe('incremental');
    expect(entities.sales_order!.rows).toBeGreaterThan(0);
    expect(entities.sales_order!.rows).toBeLessThan(DEMO_ROW_COUNTS.orders);
    expect(entities.sales_order_line!.mode).toBe('dateRange');
    expect(await versions(file)).toEqual(afterFirst);

    // Both runs are in the history, newest first; the lake holds no unpublished leftovers.
    expect(runs(file).map((r) => [r.id, r.status])).toEqual([
      [result.runId, 'succeeded'],
      [expect.any(String), 'succeeded'],
    ]);
    for (const entity of ENTITIES) {
      const folder = join(dir, 'demo', DEMO_FILES.lake, entity);
      expect(readdirSync(folder).filter((name) => name !== 'Archive').sort()).toEqual(['Latest']);
    }
  });

  it('runs only the --entities named', async () => {
    const file = await demo();
    const result = await landfall('run', file, '--entities', 'Product,customer', '--batch-date', ANCHOR);
    expect(result.code, result.out + result.err).toBe(EXIT.ok);
    expect(result.out.trimEnd().split('\n').at(-1)).toMatch(/succeeded: 2 of 2 entities done$/);
    expect(runs(file)[0]!.entities.map((e) => e.entity)).toEqual(['customer', 'product']);
  });

  it('exits 1 naming an --entities name the project does not have, and runs nothing', async () => {
    const file = await demo();
    const result = await landfall('run', file, '--entities', 'customer,nosuch', '--batch-date', ANCHOR);
    expect(result.code).toBe(EXIT.failed);
    expect(result.out).toBe('');
    expect(result.err).toBe('error: no staging entity is named "nosuch"; the project has: customer, product, sales_order, sales_order_line\n');
    expect(runs(file)).toEqual([]);
    expect(readdirSync(join(dir, 'demo', DEMO_FILES.lake))).toEqual([]);
  });

  it.each([
    ['30/06/2026', 'is not a YYYY-MM-DD date'],
    ['yesterday', 'is not a YYYY-MM-DD date'],
    ['2026-13-01', 'is not a day of the calendar'],
    ['2026-02-30', 'is not a day of the calendar'],
    ['2023-02-29', 'is not a day of the calendar'],
  ])('exits 2 (a command-line mistake) with a clear message for --batch-date %s', async (date, why) => {
    const file = await demo();
    const result = await landfall('run', file, '--batch-date', date);
    expect(result.code).toBe(EXIT.usage);
    expect(result.out).toBe('');
    expect(result.err).toBe(`error: --batch-date: batch date "${date}" ${why}\n`);
    expect(runs(file)).toEqual([]);
  });

  it('exits 2 for a --parallel that is not a whole number from 1 to 64', async () => {
    const file = await demo();
    const result = await landfall('run', file, '--parallel', '0', '--batch-date', ANCHOR);
    expect(result).toEqual({ code: EXIT.usage, out: '', err: 'error: --parallel "0" must be a whole number from 1 to 64\n' });
    expect(runs(file)).toEqual([]);
  });

  it('exits 1 for a project file that does not exist', async () => {
    const result = await landfall('run', join(dir, 'missing.landfall'));
    expect(result).toEqual({ code: EXIT.failed, out: '', err: `error: no project file at ${join(dir, 'missing.landfall')}\n` });
  });
});

describe('landfall demo', () => {
  it('creates the demo in a folder and runs it; a second demo run works and lands nothing new', async () => {
    const folder = join(dir, 'sales-demo');
    const first = await landfall('demo', folder);
    expect(first.err).toBe('');
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toContain(`created the demo in ${folder}/`);
    expect(first.out).toContain(': valid (3 connections, 4 entities, 4 extracts)');
    expect(first.out.trimEnd().split('\n').at(-2)).toMatch(/^run [0-9a-f-]{36} succeeded: 4 of 4 entities done$/);
    // The demo's fact is filled after the run (seed 001).
    expect(first.out.trimEnd().split('\n').at(-1)).toMatch(/^fact order_sales: [\d,]+ order lines pushed, [\d,]+ processed into the fact and its daily summary$/);
    expect(readdirSync(folder).sort()).toEqual(expect.arrayContaining([DEMO_FILES.lake, DEMO_FILES.source, 'sales.landfall', DEMO_FILES.warehouse]));
    const file = join(folder, 'sales.landfall');
    const afterFirst = await versions(file);
    expect(afterFirst.customer).toEqual([DEMO_ROW_COUNTS.customers, DEMO_ROW_COUNTS.customers]);

    const second = await landfall('demo', folder, '--json');
    expect(second.err).toBe('');
    expect(second.code).toBe(EXIT.ok);
    expect(second.out).not.toContain('created the demo');
    // The check and listing first, then the run's events as JSON lines.
    const jsonStart = second.out.indexOf('{"type":"run:started"');
    expect(jsonStart).toBeGreaterThan(0);
    const result = (jsonEvents(second.out.slice(jsonStart)).at(-1) as { result: RunResult }).result;
    expect(result.status).toBe('succeeded');
    for (const e of result.entities) expect(e).toMatchObject({ status: 'done', inserted: 0, updated: 0, deleted: 0 });
    expect(await versions(file)).toEqual(afterFirst);
    expect(runs(file).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(existsSync(join(folder, DEMO_FILES.lake, 'customer', 'Latest'))).toBe(true);
  });
});
