// `landfall schedule airflow|cron`: golden files of a project with awkward names (quotes, braces,
// spaces), the DAG compiled by `python3 -m py_compile` and run under stand-ins for Airflow's DAG and
// BashOperator that record what they are given, so the tasks' commands, pool, retries and schedule
// are checked as Airflow would receive them; refusals for a missing or unusable schedule. With
// facts: their tasks and the edges from the entities feeding them, and the commands Airflow would
// render (Jinja) and the crontab lines run by sh, their arguments seen by the program they start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectStore } from '../app/store/project-store.ts';
import { expectGoldenFile } from '../test/golden-file.ts';
import { airflowKey } from '../shared/schedule/airflow-dag.ts';
import { ROOT } from '../test/engine/engine-child.ts';
import { pushedRows, requestsFact } from '../test/fact/fact-fixtures.ts';
import { landfall } from '../test/plan/landfall-cli.ts';

const AWKWARD = `Order "Line's {{ x }}`;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-schedule-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Facts of every source: fed by a scheduled entity (spelled in another case), by one without an extract, pushed, polled. */
const FACTS = [
  { name: 'order totals', source: { kind: 'entity', entity: 'ORDERS' } },
  { name: `Line's {{ sum }} 100%`, source: { kind: 'entity', entity: AWKWARD } },
  { name: 'clicks', source: { kind: 'push' } },
  { name: 'requests files', source: { kind: 'poll', folder: 'in', pattern: 'requests_*.csv' } },
  { name: 'stale', source: { kind: 'entity', entity: 'no_extract' } },
] as const;

/** With `bulk`: one more entity, "bulked", landed by SQL Server bulk copy (no lake files, so no compaction). */
function project(schedule: string | undefined, facts = false, bulk = false): string {
  const file = join(dir, 'sales.landfall');
  const store = ProjectStore.create(file, { name: 'Sales ops' });
  try {
    store.updateSettings({ batch: { parallelEntities: 3, ...(schedule ? { schedule } : {}) } });
    store.saveConnection({ name: 'src', kind: 'sqlite', path: join(dir, 'src.sqlite') });
    store.saveConnection({ name: 'wh', kind: 'duckdb', path: join(dir, 'wh.duckdb') });
    store.saveConnection({ name: 'lake', kind: 'localfs', path: join(dir, 'lake') });
    for (const name of ['customers', AWKWARD, 'orders', 'no_extract']) {
      store.saveEntity({ name, columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'wh' });
      if (name !== 'no_extract') store.saveExtract({ entity: name, source: { kind: 'table', connection: 'src', table: 't' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, lander: { connection: 'lake' } });
    }
    if (facts) for (const fact of FACTS) store.saveFact({ ...fact, warehouse: 'wh', columns: [{ name: 'id', type: 'int', nullable: false }] });
    if (bulk) {
      store.saveConnection({ name: 'mssql', kind: 'sqlserver', host: '127.0.0.1', database: 'dw', user: 'lf', password: '${env:MSSQL}' });
      store.saveEntity({ name: 'bulked', columns: [{ name: 'id', type: 'int', nullable: false }], businessKey: ['id'], warehouse: 'mssql' });
      store.saveExtract({ entity: 'bulked', source: { kind: 'table', connection: 'src', table: 't' }, pattern: { kind: 'full' }, format: { kind: 'csv' }, lander: { connection: 'mssql' } });
    }
  } finally {
    store.close();
  }
  return file;
}

/** Stand-ins for the Airflow modules the DAG imports: they print what the DAG file gave them. */
function fakeAirflow(): string {
  const root = join(dir, 'fake');
  mkdirSync(join(root, 'airflow', 'providers', 'standard', 'operators'), { recursive: true });
  writeFileSync(join(root, 'airflow', '__init__.py'), '');
  writeFileSync(join(root, 'airflow', 'sdk.py'), `import json
TASKS = []
EDGES = []
class DAG:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        k = dict(self.kwargs)
        k["start_date"] = k["start_date"].isoformat()
        k["default_args"] = {n: (v.total_seconds() if hasattr(v, "total_seconds") else v) for n, v in k["default_args"].items()}
        print(json.dumps({"dag": k, "tasks": TASKS, "edges": EDGES}))
`);
  for (const folder of ['providers', join('providers', 'standard'), join('providers', 'standard', 'operators')]) writeFileSync(join(root, 'airflow', folder, '__init__.py'), '');
  writeFileSync(join(root, 'airflow', 'providers', 'standard', 'operators', 'bash.py'), `from airflow.sdk import TASKS, EDGES
class BashOperator:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
        TASKS.append(kwargs)
    def __rshift__(self, other):
        EDGES.append([self.kwargs["task_id"], other.kwargs["task_id"]])
        return other
`);
  return root;
}

describe('landfall schedule airflow', () => {
  it('writes the golden DAG, which compiles and gives Airflow one task per entity', async () => {
    const file = project('0 2 * * 1-5');
    const dag = join(dir, 'dag.py');
    const out = await landfall('schedule', 'airflow', file, '-o', dag, '--start-date', '2026-01-01', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall');
    expect(out.code, out.err).toBe(0);
    const text = readFileSync(dag, 'utf8');
    expectGoldenFile(text, new URL('./__golden__/airflow-dag.py', import.meta.url));
    execFileSync('python3', ['-m', 'py_compile', dag]);

    const recorded = JSON.parse(execFileSync('python3', [dag], { env: { ...process.env, PYTHONPATH: fakeAirflow() }, encoding: 'utf8' })) as { dag: Record<string, unknown>; tasks: { task_id: string; bash_command: string }[] };
    expect(recorded.dag).toMatchObject({
      dag_id: 'landfall_Sales_ops', schedule: '0 2 * * 1-5', start_date: '2026-01-01T00:00:00', catchup: false, max_active_runs: 1,
      default_args: { pool: 'landfall_Sales_ops', retries: 2, retry_delay: 300, retry_exponential_backoff: true, max_retry_delay: 3600 },
    });
    // Braces in a name reach the shell as braces: Jinja renders each from a string literal.
    const braces = (c: string): string => `{{ '${c}' }}`;
    expect(recorded.tasks).toEqual([
      { task_id: 'entity_customers', bash_command: "/opt/landfall/bin/landfall run '/srv/landfall/sales ops.landfall' --entities customers --batch-date {{ data_interval_start | ds }}" },
      { task_id: 'entity_Order_Line_s_x', bash_command: `/opt/landfall/bin/landfall run '/srv/landfall/sales ops.landfall' --entities 'Order "Line'"'"'s ${braces('{')}${braces('{')} x ${braces('}')}${braces('}')}' --batch-date {{ data_interval_start | ds }}` },
      { task_id: 'entity_orders', bash_command: "/opt/landfall/bin/landfall run '/srv/landfall/sales ops.landfall' --entities orders --batch-date {{ data_interval_start | ds }}" },
    ]);
  });

  it('writes the golden DAG of a project with facts: a process task per fact, after the entity feeding it', async () => {
    const file = project('0 2 * * *', true);
    const dag = join(dir, 'dag.py');
    const out = await landfall('schedule', 'airflow', file, '-o', dag, '--start-date', '2026-01-01', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall');
    expect(out.code, out.err).toBe(0);
    expectGoldenFile(readFileSync(dag, 'utf8'), new URL('./__golden__/airflow-dag-facts.py', import.meta.url));
    execFileSync('python3', ['-m', 'py_compile', dag]);

    const recorded = JSON.parse(execFileSync('python3', [dag], { env: { ...process.env, PYTHONPATH: fakeAirflow() }, encoding: 'utf8' })) as { dag: Record<string, unknown>; tasks: { task_id: string; bash_command: string }[]; edges: string[][] };
    expect(recorded.dag).toMatchObject({ description: 'Landfall project Sales ops: 3 entities, 5 facts', default_args: { pool: 'landfall_Sales_ops', retries: 2 } });
    expect(recorded.tasks.map((t) => t.task_id)).toEqual([
      'entity_customers', 'entity_Order_Line_s_x', 'entity_orders',
      'fact_clicks', 'fact_Line_s_sum_100', 'fact_order_totals', 'fact_requests_files', 'fact_stale',
    ]);
    // Only entity-fed facts wait, each for its own entity's task; pushed, polled and unscheduled-entity facts run alone.
    expect(recorded.edges).toEqual([['entity_Order_Line_s_x', 'fact_Line_s_sum_100'], ['entity_orders', 'fact_order_totals']]);
    const braces = (c: string): string => `{{ '${c}' }}`;
    expect(recorded.tasks.find((t) => t.task_id === 'fact_Line_s_sum_100')!.bash_command)
      .toBe(`/opt/landfall/bin/landfall process '/srv/landfall/sales ops.landfall' 'Line'"'"'s ${braces('{')}${braces('{')} sum ${braces('}')}${braces('}')} 100%'`);
    expect(recorded.tasks.find((t) => t.task_id === 'fact_clicks')!.bash_command).toBe("/opt/landfall/bin/landfall process '/srv/landfall/sales ops.landfall' clicks");

    // Rendered as Airflow renders bash_command (Jinja) and run by bash, each command hands the program its words unchanged.
    const argv = join(dir, 'argv.py');
    writeFileSync(argv, 'import sys, json\nprint(json.dumps(sys.argv[1:]))\n');
    const real = join(dir, 'real-dag.py');
    expect((await landfall('schedule', 'airflow', file, '-o', real, '--start-date', '2026-01-01', '--project-path', '/srv/my {{ p }}.landfall', '--landfall', `python3 ${argv}`)).code).toBe(0);
    const tasks = (JSON.parse(execFileSync('python3', [real], { env: { ...process.env, PYTHONPATH: fakeAirflow() }, encoding: 'utf8' })) as typeof recorded).tasks;
    const render = 'import jinja2, sys\nenv = jinja2.Environment()\nenv.filters["ds"] = lambda d: d\nprint(env.from_string(sys.stdin.read()).render(data_interval_start="2026-03-04"))';
    const words = (command: string): string[] => JSON.parse(execFileSync('bash', ['-c', execFileSync('python3', ['-c', render], { input: command, encoding: 'utf8' })], { encoding: 'utf8' })) as string[];
    for (const fact of FACTS) {
      // A polled fact is processed as poller 1, which reads its files; plain process would not.
      expect(words(tasks.find((t) => t.task_id === `fact_${airflowKey(fact.name)}`)!.bash_command))
        .toEqual(['process', '/srv/my {{ p }}.landfall', fact.name, ...(fact.source.kind === 'poll' ? ['--poller', '1'] : [])]);
    }
    expect(words(tasks.find((t) => t.task_id === 'entity_orders')!.bash_command)).toEqual(['run', '/srv/my {{ p }}.landfall', '--entities', 'orders', '--batch-date', '2026-03-04']);
  });

  it('the fact task, rendered and run by bash, processes the real fact of a project in a folder with quotes and braces', async () => {
    const folder = join(dir, `it's {{ p }}`);
    mkdirSync(folder);
    const file = join(folder, 'p.landfall');
    const name = `Line's {{ sum }} 100%`;
    const store = ProjectStore.create(file, { name: 'p' });
    try {
      store.updateSettings({ batch: { parallelEntities: 2, schedule: '0 2 * * *' } });
      store.saveConnection({ name: 'wh', kind: 'duckdb', path: join(folder, 'warehouse.duckdb') });
      store.saveFact(requestsFact({ name }));
    } finally {
      store.close();
    }
    const cli = `${process.execPath} ${join(ROOT, 'bin', 'landfall.js')}`;
    const rows = `seq,host_name,event_at,bytes\n${pushedRows(0, 150).map((r) => `${r.seq},${r.host},${r.at},${r.bytes}`).join('\n')}\n`;
    execFileSync(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'ingest', file, name], { input: rows, cwd: ROOT });
    const dag = join(dir, 'dag.py');
    expect((await landfall('schedule', 'airflow', file, '-o', dag, '--start-date', '2026-01-01', '--landfall', cli)).code).toBe(0);
    const tasks = (JSON.parse(execFileSync('python3', [dag], { env: { ...process.env, PYTHONPATH: fakeAirflow() }, encoding: 'utf8' })) as { tasks: { task_id: string; bash_command: string }[] }).tasks;
    expect(tasks.map((t) => t.task_id)).toEqual(['fact_Line_s_sum_100']);
    const render = 'import jinja2, sys\nprint(jinja2.Environment().from_string(sys.stdin.read()).render())';
    const command = execFileSync('python3', ['-c', render], { input: tasks[0]!.bash_command, encoding: 'utf8' });
    expect(execFileSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8' })).toMatch(/^fact Line's \{\{ sum \}\} 100%: 150 rows processed in /);

    // The crontab line of a project of facts only processes the fact, and runs no entities.
    const cron = await landfall('schedule', 'cron', file, '--landfall', cli, '--log-folder', folder);
    const lines = cron.out.split('\n').filter((line) => line.startsWith('0 2 * * * '));
    expect(lines).toHaveLength(1);
    execFileSync(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'ingest', file, name], { input: rows, cwd: ROOT });
    execFileSync('sh', ['-c', lines[0]!.slice('0 2 * * * '.length).replace(/\\%/g, '%')], { cwd: ROOT });
    expect(readFileSync(join(folder, 'landfall-p-facts.log'), 'utf8')).toMatch(/^fact Line's \{\{ sum \}\} 100%: 150 rows processed in /);
    expect(cron.out).not.toContain('landfall.js run');
  }, 60_000);

  it('with --compact writes the golden DAG: a compaction task after each entity task whose files land in a lake', async () => {
    const file = project('0 2 * * *', true, true);
    const dag = join(dir, 'dag.py');
    const out = await landfall('schedule', 'airflow', file, '--compact', '-o', dag, '--start-date', '2026-01-01', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall');
    expect(out.code, out.err).toBe(0);
    expectGoldenFile(readFileSync(dag, 'utf8'), new URL('./__golden__/airflow-dag-compact.py', import.meta.url));
    execFileSync('python3', ['-m', 'py_compile', dag]);

    const recorded = JSON.parse(execFileSync('python3', [dag], { env: { ...process.env, PYTHONPATH: fakeAirflow() }, encoding: 'utf8' })) as { dag: Record<string, unknown>; tasks: { task_id: string; bash_command: string; pool?: string }[]; edges: string[][] };
    expect(recorded.dag).toMatchObject({ description: 'Landfall project Sales ops: 4 entities, 5 facts, 3 compactions' });
    // The bulk-copied entity keeps no files: no compaction task for it.
    expect(recorded.tasks.map((t) => t.task_id).filter((id) => id.startsWith('compact_'))).toEqual(['compact_customers', 'compact_Order_Line_s_x', 'compact_orders']);
    expect(recorded.edges.filter(([, to]) => to!.startsWith('compact_'))).toEqual([
      ['entity_customers', 'compact_customers'], ['entity_Order_Line_s_x', 'compact_Order_Line_s_x'], ['entity_orders', 'compact_orders'],
    ]);
    // The facts keep their edges from the entity tasks.
    expect(recorded.edges.filter(([, to]) => to!.startsWith('fact_'))).toEqual([['entity_Order_Line_s_x', 'fact_Line_s_sum_100'], ['entity_orders', 'fact_order_totals']]);

    // Rendered as Airflow renders it and run by bash: the program gets the compact command's words unchanged.
    const argv = join(dir, 'argv.py');
    writeFileSync(argv, 'import sys, json\nprint(json.dumps(sys.argv[1:]))\n');
    const real = join(dir, 'real-dag.py');
    expect((await landfall('schedule', 'airflow', file, '--compact', '-o', real, '--start-date', '2026-01-01', '--project-path', '/srv/my {{ p }}.landfall', '--landfall', `python3 ${argv}`)).code).toBe(0);
    const tasks = (JSON.parse(execFileSync('python3', [real], { env: { ...process.env, PYTHONPATH: fakeAirflow() }, encoding: 'utf8' })) as typeof recorded).tasks;
    const render = 'import jinja2, sys\nprint(jinja2.Environment().from_string(sys.stdin.read()).render())';
    const words = (command: string): string[] => JSON.parse(execFileSync('bash', ['-c', execFileSync('python3', ['-c', render], { input: command, encoding: 'utf8' })], { encoding: 'utf8' })) as string[];
    expect(words(tasks.find((t) => t.task_id === 'compact_Order_Line_s_x')!.bash_command)).toEqual(['compact', '/srv/my {{ p }}.landfall', '--entities', AWKWARD]);

    // Without --compact the same project gets no compaction task.
    const plain = join(dir, 'plain.py');
    expect((await landfall('schedule', 'airflow', file, '-o', plain, '--start-date', '2026-01-01')).code).toBe(0);
    expect(readFileSync(plain, 'utf8')).not.toContain('compact');
  });

  it('refuses a project without a schedule, and a schedule that is no cron expression', async () => {
    const file = project(undefined);
    const none = await landfall('schedule', 'airflow', file);
    expect(none.code).toBe(1);
    expect(none.err).toContain('project "Sales ops" has no schedule: set batch.schedule');
    const bad = await landfall('schedule', 'airflow', file, '--schedule', '0 25 * * *');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('the hour field "25" must be within 0-23');
  });
});

/**
 * The crontab lines as cron runs them (`\\%` back to `%`, the rest to sh) with FAIL in their
 * environment, in a fresh log folder: the words each shard's and the facts' commands were given.
 */
function runCronLines(lines: readonly string[], logs: string, fail: string): Record<string, string[][]> {
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs);
  for (const line of lines) {
    try {
      execFileSync('sh', ['-c', line.slice('0 2 * * * '.length).replace(/\\%/g, '%')], { env: { ...process.env, FAIL: fail } });
    } catch {
      // A failed command's line exits non-zero, as cron would mail.
    }
  }
  const log = (suffix: string): string[][] => readFileSync(join(logs, `landfall-sales_ops${suffix}.log`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
  return { 1: log('-1'), 2: log('-2'), facts: log('-facts') };
}

describe('landfall schedule cron', () => {
  it('writes the golden crontab lines and systemd units, one per shard', async () => {
    const file = project('*/30 1-5 * * *');
    const out = await landfall('schedule', 'cron', file, '--shards', '2', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall', '--log-folder', '/var/log/landfall');
    expect(out.code, out.err).toBe(0);
    expectGoldenFile(out.out, new URL('./__golden__/cron-schedule.txt', import.meta.url));
    expect(out.out).toContain('OnCalendar=*-*-* 1..5:0/30:00');
  });

  it('writes the golden lines and units of a project with facts: each processed after its entity\'s shard run, the others by their own line', async () => {
    const file = project('0 2 * * *', true);
    const out = await landfall('schedule', 'cron', file, '--shards', '2', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall', '--log-folder', '/var/log/landfall');
    expect(out.code, out.err).toBe(0);
    expectGoldenFile(out.out, new URL('./__golden__/cron-schedule-facts.txt', import.meta.url));

    // The crontab lines as cron runs them (`\%` back to `%`, the rest to sh), with a program that
    // logs its words and fails the run of the shard named in FAIL.
    const argv = join(dir, 'argv.py');
    writeFileSync(argv, 'import sys, json, os\nprint(json.dumps(sys.argv[1:]))\nsys.exit(1 if sys.argv[1] == "run" and os.environ.get("FAIL") == sys.argv[-1] else 0)\n');
    const logs = join(dir, 'logs %');
    mkdirSync(logs);
    const real = await landfall('schedule', 'cron', file, '--shards', '2', '--project-path', '/srv/my {{ p }}.landfall', '--landfall', `python3 ${argv}`, '--log-folder', logs);
    const lines = real.out.split('\n').filter((line) => line.startsWith('0 2 * * * '));
    expect(lines).toHaveLength(3);
    const ran = (fail: string): Record<string, string[][]> => runCronLines(lines, logs, fail);
    const P = '/srv/my {{ p }}.landfall';
    // "orders" hashes to shard 1 of 2, the awkward entity to shard 2.
    expect(ran('none')).toEqual({
      1: [['run', P, '--shard', '1/2'], ['process', P, 'order totals']],
      2: [['run', P, '--shard', '2/2'], ['process', P, FACTS[1].name]],
      facts: [['process', P, 'clicks'], ['process', P, 'requests files', '--poller', '1'], ['process', P, 'stale']],
    });
    // A failed run leaves its facts to the next schedule; the other shard and the lone facts go on.
    expect(ran('2/2')).toEqual({
      1: [['run', P, '--shard', '1/2'], ['process', P, 'order totals']],
      2: [['run', P, '--shard', '2/2']],
      facts: [['process', P, 'clicks'], ['process', P, 'requests files', '--poller', '1'], ['process', P, 'stale']],
    });
  });

  it('with --compact writes the golden lines and units: each shard compacts its own lake entities last', async () => {
    const file = project('0 2 * * *', true, true);
    const out = await landfall('schedule', 'cron', file, '--compact', '--shards', '2', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall', '--log-folder', '/var/log/landfall');
    expect(out.code, out.err).toBe(0);
    expectGoldenFile(out.out, new URL('./__golden__/cron-schedule-compact.txt', import.meta.url));

    const argv = join(dir, 'argv.py');
    writeFileSync(argv, 'import sys, json, os\nprint(json.dumps(sys.argv[1:]))\nsys.exit(1 if sys.argv[1] == os.environ.get("FAIL") else 0)\n');
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const real = await landfall('schedule', 'cron', file, '--compact', '--shards', '2', '--project-path', '/srv/my {{ p }}.landfall', '--landfall', `python3 ${argv}`, '--log-folder', logs);
    const lines = real.out.split('\n').filter((line) => line.startsWith('0 2 * * * '));
    const ran = (fail: string): Record<string, string[][]> => runCronLines(lines, logs, fail);
    const P = '/srv/my {{ p }}.landfall';
    // "orders" and "customers" hash to shard 1 of 2, the awkward entity and "bulked" to shard 2; "bulked" is bulk copied, so not compacted.
    expect(ran('none')).toEqual({
      1: [['run', P, '--shard', '1/2'], ['process', P, 'order totals'], ['compact', P, '--entities', 'customers', 'orders']],
      2: [['run', P, '--shard', '2/2'], ['process', P, FACTS[1].name], ['compact', P, '--entities', AWKWARD]],
      facts: [['process', P, 'clicks'], ['process', P, 'requests files', '--poller', '1'], ['process', P, 'stale']],
    });
    // A failed run leaves its facts and its compaction to the next schedule.
    expect(ran('run')[1]).toEqual([['run', P, '--shard', '1/2']]);
    // A failed compaction comes last: the run and the facts before it happened.
    expect(ran('compact')[2]).toEqual([['run', P, '--shard', '2/2'], ['process', P, FACTS[1].name], ['compact', P, '--entities', AWKWARD]]);
  });

  it('refuses a schedule a timer cannot express the same way', async () => {
    const file = project('0 2 1 * 1');
    const out = await landfall('schedule', 'cron', file);
    expect(out.code).toBe(1);
    expect(out.err).toContain('restricts both the day of month and the day of week, which cron ORs and systemd ANDs');
  });
});
