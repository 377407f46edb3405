// Many runners, one warehouse: four `landfall run --shard K/4` processes (each with its own copy of
// the project file, as on four machines) split a 20-entity project loading one PostgreSQL
// warehouse; one is killed with SIGKILL mid-run and its shard run again. The shards are disjoint
// and cover the project, and persistent staging, the watermarks and the ledger come out exact: every
// source row once as a current version, each watermark the source's highest version, one ledger
// row per watermark change and none from the killed run's uncommitted entities. A second round of
// the four after the sources grow moves every watermark once more.
import { afterEach, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectStore } from '../app/store/project-store.ts';
import type { Connection } from '../shared/model/index.ts';
import type { EngineEvent } from '../shared/protocol/engine.ts';
import { createSource, createWarehouse, workspace, type TestRow, type Workspace } from '../test/engine/fixtures.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTITIES = Array.from({ length: 20 }, (_, i) => `e${String(i + 1).padStart(2, '0')}`);
const COLUMNS = [
  { name: 'id', type: 'int' },
  { name: 'name', type: 'string(40)' },
  { name: 'version', type: 'bigint' },
];
/** Rows of entity i: enough that a runner is still busy when the first of its entities loads. */
const size = (i: number): number => 3000 + i * 50;
const rows = (from: number, to: number): TestRow[] => Array.from({ length: to - from + 1 }, (_, k) => [from + k, `row ${from + k}`, from + k]);
const ENV = 'LF_FOUR_RUNNERS_PASSWORD';

interface Runner {
  readonly shard: number;
  readonly child: ChildProcess;
  readonly events: EngineEvent[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves at the first event that matches. */
  waitFor(match: (event: EngineEvent) => boolean): Promise<EngineEvent>;
}

const children: ChildProcess[] = [];
let ws: Workspace | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await ws?.cleanup();
  ws = undefined;
});

function start(file: string, shard: number, env: NodeJS.ProcessEnv): Runner {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'landfall.js'), 'run', file, '--shard', `${shard}/4`, '--batch-date', '2026-03-01', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const events: EngineEvent[] = [];
  const waiters: { match: (event: EngineEvent) => boolean; resolve: (event: EngineEvent) => void }[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      if (!line.startsWith('{')) continue;
      const event = JSON.parse(line) as EngineEvent;
      events.push(event);
      for (const waiter of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return {
    shard, child, events,
    exited: exited.then((e) => {
      if (e.code === 0 || e.signal !== null) return e;
      const errors = events.flatMap((event) => (event.type === 'entity:state' && event.error ? [event.error] : []));
      throw new Error(`shard ${shard} exited ${e.code}: ${stderr}${errors.join('\n')}`);
    }),
    waitFor: (match) => {
      const found = events.find(match);
      return found ? Promise.resolve(found) : new Promise((resolveWait) => waiters.push({ match, resolve: resolveWait }));
    },
  };
}

const started = (runner: Runner): string[] => {
  const event = runner.events.find((e) => e.type === 'run:started');
  return event && event.type === 'run:started' ? [...event.entities] : [];
};

it('four shards split 20 entities over one PostgreSQL warehouse; one killed and rerun; state, watermarks and ledger exact', async () => {
  ws = await workspace();
  const source = await createSource('sqlite', ws);
  ws.defer(() => source.close());
  for (const [i, name] of ENTITIES.entries()) {
    await source.createTable(name, COLUMNS);
    await source.insert(name, COLUMNS, rows(1, size(i)));
  }
  const wh = await createWarehouse('postgres', ws);
  const connection: Connection = 'password' in wh.connection && wh.connection.password ? { ...wh.connection, password: `\${env:${ENV}}` } : wh.connection;
  const env = { ...process.env, ...('password' in wh.connection && wh.connection.password ? { [ENV]: wh.connection.password } : {}) };
  const file = join(ws.dir, 'many.landfall');
  const store = ProjectStore.create(file, { name: 'many' });
  try {
    store.saveConnection(source.connection);
    store.saveConnection(connection);
    store.saveConnection({ name: 'lake', kind: 'localfs', path: ws.lake });
    for (const name of ENTITIES) {
      store.saveEntity({ name, columns: COLUMNS.map((c) => ({ ...c, nullable: false })), businessKey: ['id'], warehouse: wh.connection.name });
      store.saveExtract({ entity: name, source: { kind: 'table', connection: source.connection.name, table: name }, pattern: { kind: 'incremental', changeColumns: [{ column: 'version' }] }, format: { kind: 'csv' }, compression: 'gzip', fileSizeMb: 0.0625, lander: { connection: 'lake' } });
    }
  } finally {
    store.close();
  }
  // One project file per runner, as each machine has its own.
  const copies = [1, 2, 3, 4].map((shard) => {
    const copy = join(ws!.dir, `runner-${shard}.landfall`);
    copyFileSync(file, copy);
    return copy;
  });

  // Round 1: all four at once; runner 2 is killed as soon as its first entity is loading.
  const round1 = [1, 2, 3, 4].map((shard) => start(copies[shard - 1]!, shard, env));
  await round1[1]!.waitFor((e) => e.type === 'entity:state' && e.state === 'loading');
  round1[1]!.child.kill('SIGKILL');
  expect((await round1[1]!.exited).signal).toBe('SIGKILL');
  for (const runner of [round1[0]!, round1[2]!, round1[3]!]) expect((await runner.exited).code).toBe(0);
  const shards = round1.map(started);
  expect(shards.flat().sort()).toEqual(ENTITIES);
  for (const list of shards) expect(list.length).toBeGreaterThan(0);
  const killedDone = round1[1]!.events.filter((e) => e.type === 'entity:state' && e.state === 'done').map((e) => (e as { entity: string }).entity);
  expect(killedDone.length, 'the killed runner was killed before its last entity was done').toBeLessThan(shards[1]!.length);

  // The killed shard again: it finishes what the killed run did not commit.
  const rerun = start(copies[1]!, 2, env);
  expect((await rerun.exited).code).toBe(0);
  expect(started(rerun)).toEqual(shards[1]);
  const rerunInserted = new Map((rerun.events.find((e) => e.type === 'run:finished') as Extract<EngineEvent, { type: 'run:finished' }>).result.entities.map((e) => [e.entity, e.inserted ?? 0]));
  for (const name of killedDone) expect(rerunInserted.get(name), `${name} committed before the kill: nothing new`).toBe(0);

  const d = wh.dialect;
  const expectExact = async (round: number): Promise<void> => {
    for (const [i, name] of ENTITIES.entries()) {
      const count = size(i) + (round - 1) * 10;
      const psg = d.table('psg', name);
      expect(await wh.query(`SELECT COUNT(*), COUNT(DISTINCT id), MAX(version) FROM ${psg} WHERE lf_is_current`), name).toEqual([[String(count), String(count), String(count)]]);
      expect(await wh.query(`SELECT COUNT(*) FROM ${psg} WHERE NOT lf_is_current`), name).toEqual([['0']]);
    }
    expect(await wh.query(`SELECT entity, parameter, value FROM ${d.table('zdm', 'control_parameters')} ORDER BY entity`))
      .toEqual(ENTITIES.map((name, i) => [name, 'version', String(size(i) + (round - 1) * 10)]));
    const ledger = await wh.query(`SELECT entity, parameter, old_value, new_value, changed_by FROM ${d.table('zdm', 'control_parameter_history')} ORDER BY entity, changed_at`);
    expect(ledger).toEqual(ENTITIES.flatMap((name, i) => [
      [name, 'version', null, String(size(i)), 'run'],
      ...(round === 2 ? [[name, 'version', String(size(i)), String(size(i) + 10), 'run']] : []),
    ]));
    // One metrics row per committed entity run; the runs' rows only for runs that committed one.
    expect(await wh.query(`SELECT COUNT(*), COUNT(DISTINCT entity) FROM ${d.table('zdm', 'entity_run_log')}`)).toEqual([[String(20 * round), '20']]);
    const runsWithEntities = await wh.query(`SELECT COUNT(*) FROM ${d.table('zdm', 'run_log')} r WHERE EXISTS (SELECT 1 FROM ${d.table('zdm', 'entity_run_log')} e WHERE e.run_id = r.run_id)`);
    expect(runsWithEntities).toEqual(await wh.query(`SELECT COUNT(*) FROM ${d.table('zdm', 'run_log')}`));
  };
  await expectExact(1);

  // Round 2: every source grows by ten rows; the four run together again and all finish.
  for (const [i, name] of ENTITIES.entries()) await source.insert(name, COLUMNS, rows(size(i) + 1, size(i) + 10));
  const round2 = [1, 2, 3, 4].map((shard) => start(copies[shard - 1]!, shard, env));
  for (const runner of round2) expect((await runner.exited).code).toBe(0);
  expect(round2.map(started)).toEqual(shards);
  await expectExact(2);
}, 300_000);
