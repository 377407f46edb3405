// `landfall schedule airflow|cron`: golden files of a project with awkward names (quotes, braces,
// spaces), the DAG compiled by `python3 -m py_compile` and run under stand-ins for Airflow's DAG and
// BashOperator that record what they are given, so the tasks' commands, pool, retries and schedule
// are checked as Airflow would receive them; refusals for a missing or unusable schedule.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectStore } from '../app/store/project-store.ts';
import { expectGoldenFile } from '../test/golden-file.ts';
import { landfall } from '../test/plan/landfall-cli.ts';

const AWKWARD = `Order "Line's {{ x }}`;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-schedule-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function project(schedule: string | undefined): string {
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
class DAG:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        k = dict(self.kwargs)
        k["start_date"] = k["start_date"].isoformat()
        k["default_args"] = {n: (v.total_seconds() if hasattr(v, "total_seconds") else v) for n, v in k["default_args"].items()}
        print(json.dumps({"dag": k, "tasks": TASKS}))
`);
  for (const folder of ['providers', join('providers', 'standard'), join('providers', 'standard', 'operators')]) writeFileSync(join(root, 'airflow', folder, '__init__.py'), '');
  writeFileSync(join(root, 'airflow', 'providers', 'standard', 'operators', 'bash.py'), `from airflow.sdk import TASKS
class BashOperator:
    def __init__(self, **kwargs):
        TASKS.append(kwargs)
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

describe('landfall schedule cron', () => {
  it('writes the golden crontab lines and systemd units, one per shard', async () => {
    const file = project('*/30 1-5 * * *');
    const out = await landfall('schedule', 'cron', file, '--shards', '2', '--project-path', '/srv/landfall/sales ops.landfall', '--landfall', '/opt/landfall/bin/landfall', '--log-folder', '/var/log/landfall');
    expect(out.code, out.err).toBe(0);
    expectGoldenFile(out.out, new URL('./__golden__/cron-schedule.txt', import.meta.url));
    expect(out.out).toContain('OnCalendar=*-*-* 1..5:0/30:00');
  });

  it('refuses a schedule a timer cannot express the same way', async () => {
    const file = project('0 2 1 * 1');
    const out = await landfall('schedule', 'cron', file);
    expect(out.code).toBe(1);
    expect(out.err).toContain('restricts both the day of month and the day of week, which cron ORs and systemd ANDs');
  });
});
