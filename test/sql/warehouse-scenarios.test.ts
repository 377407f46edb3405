// The generated SQL proven on real engines: scripted batches over DuckDB and SQLite in-process and
// PostgreSQL and MariaDB servers, each ending with exactly the expected persistent-staging rows and
// saved watermarks. Source and warehouse share one engine so every statement runs in its dialect.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { entitySchema, extractSchema, parseColumnType, type ColumnType, type ExtractInput, type StagingEntityInput } from '../../shared/model/index.ts';
import {
  bind,
  createStagingStatements,
  deltaStatements,
  dialect,
  extractStatement,
  join,
  META,
  persistStatements,
  readStateStatement,
  setupStatements,
  sql,
  stageInsertStatement,
  watermarkValue,
  type DialectName,
  type EntitySqlInput,
  type ExtractMode,
  type RunState,
  type SqlValue,
} from '../../shared/sql/index.ts';
import { duckdbEngine, mariadbEngine, postgresEngine, sqliteEngine, type Engine } from './engines.ts';

const ENGINES: Record<'duckdb' | 'sqlite' | 'postgres' | 'mariadb', () => Promise<Engine>> = {
  duckdb: duckdbEngine,
  sqlite: sqliteEngine,
  postgres: () => postgresEngine(inject('postgres')),
  mariadb: () => mariadbEngine(inject('mariadb')),
};

let open: Engine[] = [];
afterEach(async () => {
  await Promise.all(open.map((engine) => engine.close()));
  open = [];
});

async function start(name: keyof typeof ENGINES): Promise<Engine> {
  const engine = await ENGINES[name]();
  open.push(engine);
  return engine;
}

type Row = readonly (string | null)[];

class Scenario {
  readonly input: EntitySqlInput;
  readonly types: ColumnType[];
  private batch = 0;

  constructor(
    readonly engine: Engine,
    entity: StagingEntityInput,
    extract: Omit<ExtractInput, 'entity' | 'lander'>,
    readonly sourceTable: string,
  ) {
    const parsedEntity = entitySchema.parse(entity);
    const parsedExtract = extractSchema.parse({ ...extract, entity: parsedEntity.name, lander: { connection: 'lake' } });
    this.input = { entity: parsedEntity, extract: parsedExtract, sourceDialect: engine.name, warehouseDialect: engine.name, parameters: {} };
    this.types = parsedEntity.columns.map((c) => parseColumnType(c.type) as ColumnType);
  }

  private get d() {
    return dialect(this.engine.name);
  }

  value(text: string | null, type: ColumnType): SqlValue {
    if (text === null) return { type: 'null' };
    switch (type.kind) {
      case 'int':
      case 'bigint':
      case 'smallint':
        return { type: 'integer', value: BigInt(text) };
      case 'decimal':
        return { type: 'decimal', value: text };
      case 'date':
        return { type: 'date', value: text.slice(0, 10) };
      case 'datetime':
        return { type: 'datetime', value: text.replace('T', ' ') };
      default:
        return { type: 'text', value: text };
    }
  }

  async createSource(): Promise<void> {
    const columns = this.input.entity.columns.map((c, i) => `${this.d.quote(c.name)} ${this.d.columnType(this.types[i]!)}`);
    await this.engine.exec(`CREATE TABLE ${this.d.quote(this.sourceTable)} (${columns.join(', ')})`);
  }

  async source(rows: readonly Row[]): Promise<void> {
    await this.engine.exec(`DELETE FROM ${this.d.quote(this.sourceTable)}`);
    if (!rows.length) return;
    const values = rows.map((row) => sql`(${join(row.map((v, i) => bind(this.value(v, this.types[i]!))), ', ')})`);
    await this.engine.run(sql`INSERT INTO ${this.d.quote(this.sourceTable)} VALUES ${join(values, ', ')}`);
  }

  /** One run: read state, extract, stage, change set, persist + watermark. Returns the mode. */
  async run(batchDate: string, options: { replayPersist?: boolean } = {}): Promise<{ mode: ExtractMode; extracted: number }> {
    this.batch++;
    for (const statement of setupStatements(this.input)) await this.engine.run(statement);
    const saved = Object.fromEntries((await this.engine.rows(readStateStatement(this.input))).map(([k, v]) => [k!, v ?? undefined]));
    const state: RunState = {
      batchDate,
      batchId: BigInt(this.batch),
      batchTime: `2026-07-01 00:00:0${this.batch}.250`,
      runId: `run-${this.batch}`,
      watermarks: saved,
    };
    const { statement, mode } = extractStatement(this.input, state);
    const rows = await this.engine.rows(statement);
    for (const s of createStagingStatements(this.input, mode)) await this.engine.run(s);
    if (rows.length) await this.engine.run(stageInsertStatement(this.input, mode, rows.map((row) => row.map((v, i) => this.value(v, this.types[i]!)))));
    for (const s of deltaStatements(this.input, state, mode)) await this.engine.run(s);
    const persist = persistStatements(this.input, state, mode);
    for (const s of persist) await this.engine.run(s);
    if (options.replayPersist) for (const s of persist) await this.engine.run(s);
    return { mode, extracted: rows.length };
  }

  /** Every persistent-staging version, normalised: columns…, current, deleted. */
  async versions(): Promise<string[]> {
    const w = this.d;
    const names = this.input.entity.columns.map((c) => w.quote(c.name));
    const keys = this.input.entity.businessKey.map((k) => w.quote(k));
    const rows = await this.engine.rows(sql`SELECT ${[...names, w.quote(META.isCurrent), w.quote(META.isDeleted)].join(', ')} FROM ${w.table('psg', this.input.entity.name)} ORDER BY ${[...keys, w.quote(META.validFrom)].join(', ')}`);
    return rows.map((row) => {
      const values = row.slice(0, names.length).map((v, i) => normalise(v, this.types[i]!));
      const flag = (v: string | null): string => (v === 't' || v === 'true' || v === '1' ? '1' : '0');
      return `${values.map((v) => (v === null ? 'NULL' : JSON.stringify(v))).join('|')} current=${flag(row[names.length]!)} deleted=${flag(row[names.length + 1]!)}`;
    });
  }

  async watermarks(): Promise<Record<string, string>> {
    const rows = await this.engine.rows(readStateStatement(this.input));
    return Object.fromEntries(rows.map(([name, value]) => {
      const type = this.types[this.input.entity.columns.findIndex((c) => c.name === name)]!;
      return [name!, (watermarkValue(value!, type, undefined, name!) as { value: string }).value];
    }));
  }
}

function normalise(text: string | null, type: ColumnType): string | null {
  if (text === null) return null;
  if (type.kind === 'decimal') return Number(text).toFixed(type.scale);
  if (type.kind === 'datetime') return text.replace('T', ' ').replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  if (type.kind === 'date') return text.slice(0, 10);
  return text;
}

const v = (row: (string | null)[], current: boolean, deleted = false): string =>
  `${row.map((x) => (x === null ? 'NULL' : JSON.stringify(x))).join('|')} current=${current ? 1 : 0} deleted=${deleted ? 1 : 0}`;

for (const name of Object.keys(ENGINES) as (keyof typeof ENGINES)[]) {
  describe(`${name} warehouse`, () => {
    it('Full: inserts, updates, deletes and a reappearing key, with hostile names and values; a rerun changes nothing', async () => {
      const engine = await start(name);
      const s = new Scenario(
        engine,
        {
          name: `Order "Lines" ü`,
          columns: [
            { name: 'id', type: 'int', nullable: false },
            { name: 'naïve "name"', type: 'string(100)' },
            { name: 'amount', type: 'decimal(12,2)' },
            { name: 'select', type: 'string' },
            { name: `when's`, type: 'datetime' },
          ],
          businessKey: ['id'],
          warehouse: 'wh',
        },
        { source: { kind: 'table', connection: 'src', table: `src "lines"` }, pattern: { kind: 'full' } },
        `src "lines"`,
      );
      await s.createSource();
      const r1 = ['1', `O'Brien; DROP TABLE x; --`, '10.50', 'line1\nline2', '2026-06-01 10:00:00'];
      const r2 = ['2', 'Zoë "Z" \\ back', '0.00', null, '2026-06-01 11:00:00'];
      const r3 = ['3', '', '3.30', '', null];
      await s.source([r1, r2, r3]);
      expect((await s.run('2026-06-30')).mode).toBe('full');
      expect(await s.versions()).toEqual([v(r1, true), v(r2, true), v(r3, true)]);

      // NULL → '' is a change; 3 deleted; 4 new.
      const r2b = ['2', 'Zoë "Z" \\ back', '0.00', '', '2026-06-01 11:00:00'];
      const r4 = ['4', '日本語 😀', '-7.25', 'NULL', '2026-06-02 00:00:00'];
      await s.source([r1, r2b, r4]);
      await s.run('2026-06-30', { replayPersist: true }); // deletes included: applying twice changes nothing
      const afterTwo = [v(r1, true), v(r2, false), v(r2b, true), v(r3, false), v(r3, true, true), v(r4, true)];
      expect(await s.versions()).toEqual(afterTwo);

      // The same batch again, and its change set applied twice: nothing changes.
      await s.run('2026-06-30', { replayPersist: true });
      expect(await s.versions()).toEqual(afterTwo);

      // A deleted key comes back as a new current version.
      await s.source([r1, r2b, r3, r4]);
      await s.run('2026-06-30');
      expect(await s.versions()).toEqual([v(r1, true), v(r2, false), v(r2b, true), v(r3, false), v(r3, false, true), v(r3, true), v(r4, true)]);
    });

    it('Incremental: two change columns, a lookback, late rows inside and outside it, NULL change ids', async () => {
      const engine = await start(name);
      const s = new Scenario(
        engine,
        {
          name: 'sales_order',
          columns: [
            { name: 'id', type: 'int', nullable: false },
            { name: 'status', type: 'string(20)' },
            { name: 'modified_at', type: 'datetime' },
            { name: 'created_at', type: 'datetime', nullable: false },
          ],
          businessKey: ['id'],
          warehouse: 'wh',
        },
        {
          source: { kind: 'table', connection: 'src', table: 'orders' },
          pattern: {
            kind: 'incremental',
            changeColumns: [{ column: 'modified_at', lookback: 1, lookbackUnit: 'hours' }, { column: 'created_at' }],
          },
        },
        'orders',
      );
      await s.createSource();
      const o1 = ['1', 'new', null, '2026-06-01 10:00:00'];
      const o2 = ['2', 'paid', '2026-06-02 12:00:00', '2026-06-01 09:00:00'];
      const o3 = ['3', 'paid', '2026-06-02 11:00:00', '2026-06-02 08:00:00'];
      await s.source([o1, o2, o3]);
      expect((await s.run('2026-06-30')).mode).toBe('full');
      expect(await s.watermarks()).toEqual({ modified_at: '2026-06-02 12:00:00', created_at: '2026-06-02 08:00:00' });

      const o1b = ['1', 'cancelled', null, '2026-06-01 10:00:00']; // NULL modified, old created: not seen
      const o2b = ['2', 'shipped', '2026-06-03 09:00:00', '2026-06-01 09:00:00']; // changed
      const o3b = ['3', 'refunded', '2026-06-02 11:30:00', '2026-06-02 08:00:00']; // late, inside the hour
      const o4 = ['4', 'new', null, '2026-06-03 10:00:00']; // new, caught by created_at
      const o5 = ['5', 'paid', '2026-06-02 10:30:00', '2026-06-01 00:00:00']; // late, outside the lookback
      await s.source([o1b, o2b, o3b, o4, o5]);
      const second = await s.run('2026-06-30');
      expect(second).toEqual({ mode: 'incremental', extracted: 3 });
      const expected = [v(o1, true), v(o2, false), v(o2b, true), v(o3, false), v(o3b, true), v(o4, true)];
      expect(await s.versions()).toEqual(expected);
      expect(await s.watermarks()).toEqual({ modified_at: '2026-06-03 09:00:00', created_at: '2026-06-03 10:00:00' });

      // No source change: the lookback re-reads a row, but an unchanged row makes no new version.
      const third = await s.run('2026-06-30', { replayPersist: true });
      expect(third.extracted).toBeGreaterThan(0);
      expect(await s.versions()).toEqual(expected);
      expect(await s.watermarks()).toEqual({ modified_at: '2026-06-03 09:00:00', created_at: '2026-06-03 10:00:00' });
    });

    it('Date Range: only the window is extracted, and deletes are taken only inside it', async () => {
      const engine = await start(name);
      const s = new Scenario(
        engine,
        {
          name: 'reading',
          columns: [
            { name: 'id', type: 'int', nullable: false },
            { name: 'reading_date', type: 'date', nullable: false },
            { name: 'value', type: 'int' },
          ],
          businessKey: ['id'],
          warehouse: 'wh',
        },
        { source: { kind: 'table', connection: 'src', table: 'readings' }, pattern: { kind: 'dateRange', column: 'reading_date', days: 2 } },
        'readings',
      );
      await s.createSource();
      const a = ['1', '2026-06-05', '5'];
      const b = ['2', '2026-06-08', '8'];
      const c = ['3', '2026-06-10', '10'];
      const d = ['4', '2026-06-11', '11'];
      const e = ['5', '2026-06-10', '100'];
      await s.source([a, b, c, d, e]);
      expect((await s.run('2026-06-10')).extracted).toBe(3); // 06-08 … 06-10, both ends included
      expect(await s.versions()).toEqual([v(b, true), v(c, true), v(e, true)]);

      // Window 06-10 … 06-12: b is outside (kept), c changes, e is deleted, d arrives.
      const c2 = ['3', '2026-06-10', '12'];
      await s.source([a, b, c2, d]);
      await s.run('2026-06-12');
      expect(await s.versions()).toEqual([v(b, true), v(c, false), v(c2, true), v(d, true), v(e, false), v(e, true, true)]);
      expect(await s.watermarks()).toEqual({});
    });
  });
}

describe('engines under test', () => {
  it('covers the in-process and server dialects', () => {
    const names: DialectName[] = Object.keys(ENGINES) as DialectName[];
    expect(names.sort()).toEqual(['duckdb', 'mariadb', 'postgres', 'sqlite']);
  });
});
