/**
 * What the bench runs on: the two PostgreSQL tables (generated server-side), how they are seeded and
 * what the seeded rows must sum to, and the Landfall project and job spec of each table's arms.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import type { Compression } from '../../shared/model/schema.ts';
import { validateProject } from '../../shared/model/validate.ts';
import { describeKind } from '../../shared/model/connection-kinds.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { extractStatement } from '../../shared/sql/steps/extract.ts';
import { planSubject, sqlInput } from '../../shared/plan/run-plan.ts';
import { compile } from '../../shared/sql/statement.ts';
import type { ServerInfo } from '../../test/services/databases.ts';

/** The arms' file size limit unless `--file-size-mb` says otherwise (the native Parquet arms use the same). */
export const FILE_SIZE_MB = 128;

export type TableName = 'narrow' | 'wide';

/** What the arms write: CSV compressed with zstd or gzip, or Parquet (ZSTD inside). */
export type Output = 'csv-zstd' | 'csv-gzip' | 'parquet';

/** The file name ending of each output. */
export const OUTPUT_EXTENSION: Record<Output, string> = { 'csv-zstd': '.csv.zst', 'csv-gzip': '.csv.gz', parquet: '.parquet' };

export interface BenchColumn {
  readonly name: string;
  /** PostgreSQL type. */
  readonly pg: string;
  /** Landfall column type. */
  readonly type: string;
  /** Value for row `g` of generate_series. */
  readonly expr: string;
  /** MariaDB type of the copy (see source-copies.ts). */
  readonly mariadb: string;
  /** SQLite type of the copy: INTEGER, REAL or TEXT (decimals as TEXT, to stay exact). */
  readonly sqlite: 'INTEGER' | 'REAL' | 'TEXT';
  /** How PostgreSQL writes the column for the copies, where its own text would not do (default: the column). */
  readonly copy?: string;
}

export interface BenchTable {
  readonly name: TableName;
  readonly columns: readonly BenchColumn[];
  /** Text column whose UTF-8 bytes are summed by the verification. */
  readonly text: string;
  /** Nullable column whose non-NULL values are counted by the verification. */
  readonly nullable: string;
}

/** Text with everything CSV must get right: quotes, commas, newlines, tabs, 2–4 byte UTF-8. */
const TRICKY_TEXT = `CASE g % 6
    WHEN 0 THEN 'Café "Zürich", Nr. ' || g
    WHEN 1 THEN E'line one\\nline two, ' || g
    WHEN 2 THEN '日本語テキスト ' || g || ' 🚀'
    WHEN 3 THEN E'O''Brien;\\t' || md5(g::text)
    WHEN 4 THEN 'comma, and "quoted ""twice""" ' || g
    ELSE 'plain ' || g END`;

const NARROW: BenchTable = {
  name: 'narrow',
  text: 'name',
  nullable: 'note',
  columns: [
    { name: 'id', pg: 'bigint', type: 'bigint', expr: 'g', mariadb: 'BIGINT', sqlite: 'INTEGER' },
    { name: 'qty', pg: 'integer', type: 'int', expr: 'CASE WHEN g % 10 = 3 THEN NULL ELSE (g * 7919) % 100000 - 50000 END', mariadb: 'INT', sqlite: 'INTEGER' },
    { name: 'name', pg: 'text', type: 'string', expr: TRICKY_TEXT, mariadb: 'TEXT', sqlite: 'TEXT' },
    { name: 'amount', pg: 'numeric(18,4)', type: 'decimal(18,4)', expr: 'CASE WHEN g % 10 = 7 THEN NULL ELSE round(((g * 104729) % 1000000007)::numeric / 10000 * (1 - 2 * (g % 2)), 4) END', mariadb: 'DECIMAL(18,4)', sqlite: 'TEXT' },
    { name: 'modified', pg: 'timestamp', type: 'datetime', expr: `timestamp '2020-01-01' + g * interval '17 seconds' + (g % 1000000) * interval '1 microsecond'`, mariadb: 'DATETIME(6)', sqlite: 'TEXT' },
    // ~10% NULL and ~10% empty text: the two must stay apart.
    { name: 'note', pg: 'text', type: 'string', expr: `CASE WHEN g % 10 = 0 THEN NULL WHEN g % 10 = 5 THEN '' ELSE 'note ' || (g % 997) END`, mariadb: 'TEXT', sqlite: 'TEXT' },
  ],
};

const WIDE: BenchTable = {
  name: 'wide',
  text: 't1',
  nullable: 'i2',
  columns: [
    { name: 'id', pg: 'bigint', type: 'bigint', expr: 'g', mariadb: 'BIGINT', sqlite: 'INTEGER' },
    { name: 'i1', pg: 'integer', type: 'int', expr: 'g % 1000', mariadb: 'INT', sqlite: 'INTEGER' },
    { name: 'i2', pg: 'integer', type: 'int', expr: 'CASE WHEN g % 10 = 1 THEN NULL ELSE (g * 31) % 2000000 END', mariadb: 'INT', sqlite: 'INTEGER' },
    { name: 'i3', pg: 'integer', type: 'int', expr: '-(g % 54321)', mariadb: 'INT', sqlite: 'INTEGER' },
    { name: 's1', pg: 'smallint', type: 'smallint', expr: '(g % 30000)::smallint', mariadb: 'SMALLINT', sqlite: 'INTEGER' },
    { name: 'b1', pg: 'bigint', type: 'bigint', expr: 'g * 1000003', mariadb: 'BIGINT', sqlite: 'INTEGER' },
    { name: 'b2', pg: 'bigint', type: 'bigint', expr: 'CASE WHEN g % 10 = 2 THEN NULL ELSE g * g END', mariadb: 'BIGINT', sqlite: 'INTEGER' },
    { name: 'd1', pg: 'numeric(18,4)', type: 'decimal(18,4)', expr: 'round(g::numeric / 7, 4)', mariadb: 'DECIMAL(18,4)', sqlite: 'TEXT' },
    { name: 'd2', pg: 'numeric(10,2)', type: 'decimal(10,2)', expr: 'CASE WHEN g % 10 = 3 THEN NULL ELSE round((g % 100000)::numeric / 3, 2) END', mariadb: 'DECIMAL(10,2)', sqlite: 'TEXT' },
    { name: 'd3', pg: 'numeric(38,10)', type: 'decimal(38,10)', expr: 'round(g::numeric * 3.14159265358979, 10)', mariadb: 'DECIMAL(38,10)', sqlite: 'TEXT' },
    { name: 'f1', pg: 'double precision', type: 'double', expr: '(g / 7.0)::float8', mariadb: 'DOUBLE', sqlite: 'REAL' },
    { name: 'f2', pg: 'real', type: 'float', expr: '((g % 1000) / 3.0)::real', mariadb: 'FLOAT', sqlite: 'REAL' },
    { name: 'flag', pg: 'boolean', type: 'boolean', expr: 'g % 2 = 0', mariadb: 'BOOLEAN', sqlite: 'INTEGER', copy: 'flag::int' },
    { name: 'flag2', pg: 'boolean', type: 'boolean', expr: 'CASE WHEN g % 10 = 4 THEN NULL ELSE g % 3 = 0 END', mariadb: 'BOOLEAN', sqlite: 'INTEGER', copy: 'flag2::int' },
    { name: 'dt', pg: 'date', type: 'date', expr: `date '2000-01-01' + (g % 10000)::int`, mariadb: 'DATE', sqlite: 'TEXT' },
    { name: 'ts', pg: 'timestamp', type: 'datetime', expr: `timestamp '2021-06-01' + g * interval '1 second'`, mariadb: 'DATETIME', sqlite: 'TEXT' },
    { name: 'tstz', pg: 'timestamptz', type: 'datetimeoffset', expr: `timestamptz '2021-06-01 00:00:00+00' + g * interval '1 minute'`, mariadb: 'DATETIME', sqlite: 'TEXT', copy: `(tstz AT TIME ZONE 'UTC')::text` },
    { name: 'tm', pg: 'time', type: 'time', expr: `time '00:00' + (g % 86400) * interval '1 second'`, mariadb: 'TIME', sqlite: 'TEXT' },
    { name: 'u', pg: 'uuid', type: 'uuid', expr: 'md5(g::text)::uuid', mariadb: 'CHAR(36)', sqlite: 'TEXT' },
    { name: 't1', pg: 'text', type: 'string', expr: TRICKY_TEXT, mariadb: 'TEXT', sqlite: 'TEXT' },
    { name: 't2', pg: 'varchar(50)', type: 'string(50)', expr: `'code-' || (g % 5000)`, mariadb: 'VARCHAR(50)', sqlite: 'TEXT' },
    { name: 't3', pg: 'text', type: 'string', expr: `CASE WHEN g % 10 = 5 THEN NULL ELSE repeat('x', (g % 40)::int) END`, mariadb: 'TEXT', sqlite: 'TEXT' },
    { name: 't4', pg: 'text', type: 'string', expr: 'md5(g::text)', mariadb: 'TEXT', sqlite: 'TEXT' },
    { name: 't5', pg: 'varchar(100)', type: 'string(100)', expr: `'Straße ' || (g % 777) || ', Köln'`, mariadb: 'VARCHAR(100)', sqlite: 'TEXT' },
    { name: 't6', pg: 'text', type: 'string', expr: `CASE WHEN g % 10 = 6 THEN NULL ELSE E'tab\\there "dq"' END`, mariadb: 'TEXT', sqlite: 'TEXT' },
    { name: 'i4', pg: 'integer', type: 'int', expr: 'g % 7', mariadb: 'INT', sqlite: 'INTEGER' },
    { name: 'b3', pg: 'bigint', type: 'bigint', expr: '-g', mariadb: 'BIGINT', sqlite: 'INTEGER' },
    { name: 'd4', pg: 'numeric(12,3)', type: 'decimal(12,3)', expr: '(g % 1000000)::numeric / 1000', mariadb: 'DECIMAL(12,3)', sqlite: 'TEXT' },
    { name: 'dt2', pg: 'date', type: 'date', expr: `CASE WHEN g % 10 = 8 THEN NULL ELSE date '2024-01-01' - (g % 3650)::int END`, mariadb: 'DATE', sqlite: 'TEXT' },
    { name: 't7', pg: 'text', type: 'string', expr: `'Ελληνικά ' || (g % 100)`, mariadb: 'TEXT', sqlite: 'TEXT' },
  ],
};

export const TABLES = [NARROW, WIDE] as const;

/** What the verification compares every output with, counted in PostgreSQL after seeding. */
export interface SourceFacts {
  readonly rows: number;
  readonly sumId: string;
  readonly textBytes: string;
  readonly nonNull: number;
}

/**
 * Creates and fills `table` with `rows` rows, then freezes and analyzes it so that no arm pays for
 * hint bits or a first read; returns the facts the outputs must match. `track` registers a way to
 * stop the seeding (ending the connection stops a long INSERT) and returns its removal.
 */
export async function seedTable(info: ServerInfo, table: BenchTable, rows: number, track: (stop: () => void) => () => void, log: (line: string) => void): Promise<SourceFacts> {
  const client = new pg.Client({ ...info });
  await client.connect();
  const forget = track(() => void client.end().catch(() => undefined));
  try {
    const started = performance.now();
    await client.query(`DROP TABLE IF EXISTS ${table.name}`);
    await client.query(`CREATE TABLE ${table.name} (${table.columns.map((c) => `${c.name} ${c.pg}`).join(', ')}, PRIMARY KEY (id))`);
    await client.query(`INSERT INTO ${table.name} SELECT ${table.columns.map((c) => c.expr).join(',\n  ')} FROM generate_series(1::bigint, ${rows}) AS g`);
    await client.query(`VACUUM (FREEZE, ANALYZE) ${table.name}`);
    const result = await client.query<{ rows: string; sum_id: string; text_bytes: string; non_null: string }>(
      `SELECT count(*) AS rows, sum(id)::text AS sum_id, coalesce(sum(octet_length(${table.text})), 0)::text AS text_bytes, count(${table.nullable}) AS non_null FROM ${table.name}`,
    );
    const row = result.rows[0]!;
    log(`seeded ${table.name}: ${rows.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { rows: Number(row.rows), sumId: row.sum_id ?? '0', textBytes: row.text_bytes, nonNull: Number(row.non_null) };
  } finally {
    forget();
    await client.end().catch(() => undefined);
  }
}

export type Project = Extract<ReturnType<typeof validateProject>, { ok: true }>['value'];

/** The sources the bench reads: the seeded PostgreSQL and its copies in MariaDB and SQLite. */
export const SOURCE_KINDS = ['postgres', 'mariadb', 'sqlite'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where an arm reads a table's rows. */
export type BenchSource =
  | { readonly kind: 'postgres' | 'mariadb'; readonly server: ServerInfo }
  | { readonly kind: 'sqlite'; readonly path: string };

/** The project's source connection, its password (if any) as a reference the job spec resolves. */
function sourceConnection(source: BenchSource): Record<string, unknown> {
  if (source.kind === 'sqlite') return { name: 'source', kind: 'sqlite', path: source.path };
  const { host, port, database, user, password } = source.server;
  return { name: 'source', kind: source.kind, host, port, database, user, ...(password ? { password: '${env:BENCH_SOURCE_PASSWORD}' } : {}) };
}

/** The project of one table: its source, a DuckDB warehouse and a local lander in the arm's folder. */
export function projectFor(table: BenchTable, source: BenchSource, folder: string, output: Output = 'csv-zstd', parallelReads = 1, fileSizeMb = FILE_SIZE_MB): Project {
  const validated = validateProject({
    format: 'landfall-project',
    version: 1,
    name: 'bench',
    batch: { parallelEntities: 1 },
    connections: [
      sourceConnection(source),
      { name: 'warehouse', kind: 'duckdb', path: join(folder, 'warehouse.duckdb') },
      { name: 'lake', kind: 'localfs', path: join(folder, 'lake') },
    ],
    entities: [{
      name: table.name,
      columns: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.name !== 'id' })),
      businessKey: ['id'],
      warehouse: 'warehouse',
      persistentStaging: { trackDeletes: true },
    }],
    extracts: [{
      entity: table.name,
      source: { kind: 'table', connection: 'source', table: table.name },
      pattern: { kind: 'full' },
      format: output === 'parquet' ? { kind: 'parquet' } : { kind: 'csv' },
      compression: (output === 'csv-gzip' ? 'gzip' : 'zstd') satisfies Compression,
      fileSizeMb,
      ...(parallelReads > 1 ? { parallelReads } : {}),
      lander: { connection: 'lake' },
    }],
  });
  if (!validated.ok) throw new Error(`bench project is not valid: ${validated.issues.map((i) => `${i.object} ${i.field}: ${i.message}`).join('; ')}`);
  return validated.value;
}

/** The SELECT the engine runs for a table's full extract from `source`, on one line for the native tools. */
export function extractSelect(table: BenchTable, source: BenchSource): string {
  const project = projectFor(table, source, '/bench');
  const input = sqlInput(planSubject(project, table.name));
  const { statement } = extractStatement(input, { batchDate: '2024-01-01', batchId: 1n, batchTime: '2024-01-01 00:00:00.000', runId: 'bench', watermarks: {} });
  const compiled = compile(statement, dialect(describeKind(source.kind).source!.dialect));
  if (compiled.params.length) throw new Error('the extract query has parameters; the bench expects a plain full extract');
  return compiled.sql.replace(/\s+/g, ' ');
}

/** Files an engine arm may hold in memory at once: one being filled and one per landing slot (see engine/aggregate.ts). */
export function filesInFlight(table: BenchTable, source: BenchSource): number {
  return projectFor(table, source, '/bench').extracts[0]!.lander.concurrency + 1;
}

/** The job spec of one engine arm: the table's project, its secret resolved, landing in `folder`. */
export function engineSpec(table: BenchTable, source: BenchSource, folder: string, output: Output, parallelReads = 1, fileSizeMb = FILE_SIZE_MB): JobSpec {
  const project = projectFor(table, source, folder, output, parallelReads, fileSizeMb);
  const password = source.kind === 'sqlite' ? '' : source.server.password;
  return {
    runId: `bench-${source.kind}-${table.name}-${output}${parallelReads > 1 ? `-${parallelReads}-readers` : ''}`,
    batchDate: new Date().toISOString().slice(0, 10),
    batchId: '1',
    parallelEntities: 1,
    parameters: {},
    // The job spec carries secret values, not references.
    connections: project.connections.map((c) => (c.name === 'source' && password ? { ...c, password } : c)),
    entities: project.entities.map((entity) => ({ entity, extract: project.extracts.find((x) => x.entity === entity.name)! })),
  };
}

/** Where an arm writes, under its table's folder: a file (native CSV arms) or a folder of its own. */
export const armPath = (tableDir: string, name: string): string => join(tableDir, name);

/** An engine arm's published set (the local lander's `Latest`) under its folder. */
export const engineLatest = (armDir: string, table: TableName): string => join(armDir, 'lake', table, 'Latest');
