/**
 * What the bench found: each arm's figures, printed as a table for people and, as the very last
 * line, as one JSON object for scripts.
 */
import type { Output, SourceKind, TableName } from './fixtures.ts';
import { formatLoadArms, loadArmsJson, type LoadArmResult } from './load-arms.ts';

export const MB = 1024 * 1024;

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * `native`: a native tool's pipeline, a ratio's denominator; `reference`: printed for comparison
 * only (DuckDB's COPY from a table loaded untimed); `engine`: the engine, with its ratio.
 */
export type ArmKind = 'native' | 'reference' | 'engine';

/** What an arm writes: the engine's outputs, or `mariadb -B`'s tab-separated text compressed with zstd. */
export type ArmOutput = Output | 'tsv-zstd';

/** How the verification reads an arm's files back (see verification.ts). */
export type Reading = 'typed-csv' | 'text-csv' | 'mariadb-tsv' | 'parquet';

export interface ArmResult {
  /** `<table>:<name>`, the key in the JSON line. */
  readonly arm: string;
  readonly name: string;
  readonly table: TableName;
  readonly source: SourceKind;
  readonly kind: ArmKind;
  readonly output: ArmOutput;
  readonly reading: Reading;
  /** The files it wrote (not in the JSON line). */
  readonly paths: readonly string[];
  /** Engine only: the native arms (names) whose faster one is the ratio's denominator. */
  readonly versus?: readonly string[];
  /** Engine only: the native arm the ratio was taken against (the faster of `versus`). */
  readonly against?: string;
  /** Source rows the arm wrote (from the arm itself: psql/duckdb counts are those verified). */
  readonly rows: number;
  /** Timed seconds (engine: run:started → loading). */
  readonly seconds: number;
  /** Engine only: run:started → run:finished, including the warehouse load. */
  readonly totalSeconds?: number;
  readonly bytes: number;
  readonly files: number;
  readonly rowsPerSecond: number;
  readonly mbPerSecond: number;
  readonly peakRssMb: number | null;
  /** Engine only: this arm's rows/s ÷ the native arm's (`against`) rows/s (higher is better). */
  readonly ratio?: number;
  /** Null when it matched the source; otherwise what did not. */
  readonly problem: string | null;
}

export interface BenchReport {
  readonly rows: number;
  /** Every arm's file size limit, MB. */
  readonly fileSizeMb: number;
  readonly wideRows: number;
  readonly verified: boolean;
  readonly arms: readonly ArmResult[];
  /** The load-phase arms (load-arms.ts); none when the narrow table was not run. */
  readonly loads?: readonly LoadArmResult[];
  /** Node + tsx + DuckDB of an idle child (child.ts), for reading the children's peak RSS. */
  readonly childBaselineRssMb: number;
  /** The engine child's VmHWM at `run:started`: every engine module loaded, no rows read yet. */
  readonly engineStartedRssMb: number;
  readonly notes: readonly string[];
}

/** What each arm is, in the table. */
const ARM_LABELS: Record<string, string> = {
  'psql-csv-zstd': 'psql \\copy | zstd -1',
  'psql-csv-gzip': 'psql \\copy | gzip -1',
  'psql-duckdb-parquet-pipe': 'psql \\copy → fifo → DuckDB → Parquet ZSTD',
  'psql-duckdb-parquet-sequential': 'psql \\copy > CSV; DuckDB → Parquet ZSTD',
  'duckdb-parquet': 'DuckDB COPY → Parquet ZSTD (reference)',
  'engine-csv-zstd': 'engine CSV + zstd',
  'engine-csv-gzip': 'engine CSV + gzip',
  'engine-csv-zstd-2-readers': 'engine CSV + zstd, 2 readers',
  'engine-parquet': 'engine Parquet ZSTD',
  'mariadb-tsv-zstd': 'mariadb --quick -B | zstd -1',
  'engine-mariadb-csv-zstd': 'engine CSV + zstd',
  'sqlite3-csv-zstd': 'sqlite3 -csv | zstd -1',
  'engine-sqlite-csv-zstd': 'engine CSV + zstd',
};

/** The readable table. */
export function formatReport(report: BenchReport): string {
  const header = ['table', 'source', 'arm', 'rows', 'seconds', 'rows/s', 'out MB', 'files', 'MB/s', 'peak RSS MB', 'ratio', 'vs', 'total s', 'check'];
  const lines = report.arms.map((a) => [
    a.table,
    a.source,
    ARM_LABELS[a.name] ?? a.name,
    a.rows.toLocaleString('en-US'),
    a.seconds.toFixed(2),
    a.rowsPerSecond.toLocaleString('en-US'),
    (a.bytes / MB).toFixed(1),
    String(a.files),
    a.mbPerSecond.toFixed(1),
    a.peakRssMb === null ? 'n/a' : a.peakRssMb.toFixed(0),
    a.ratio === undefined ? '' : a.ratio.toFixed(2),
    a.against ?? '',
    a.totalSeconds === undefined ? '' : a.totalSeconds.toFixed(2),
    a.problem === null ? 'ok' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const numeric = new Set([3, 4, 5, 6, 7, 8, 9, 10, 12]);
  const row = (cells: readonly string[]): string => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)];
  const problems = report.arms.filter((a) => a.problem !== null);
  out.push(...formatLoadArms(report.loads ?? []));
  out.push('');
  out.push(`rows: narrow ${report.rows.toLocaleString('en-US')}, wide ${report.wideRows.toLocaleString('en-US')} (30 columns); files of at most ${report.fileSizeMb} MB; ratio = engine rows/s ÷ rows/s of the native arm in "vs" (higher is better, 1.0 = native)`);
  for (const note of report.notes) out.push(`- ${note}`);
  out.push(`- idle child (Node + tsx + DuckDB) peak RSS: ${report.childBaselineRssMb} MB; engine child at run:started (all engine modules loaded, no rows yet): ${report.engineStartedRssMb} MB`);
  out.push(problems.length ? `VERIFICATION FAILED:\n${problems.map((a) => `  ${a.arm}: ${a.problem}`).join('\n')}` : 'verification: every output holds exactly the source rows (count, sum(id), text bytes, non-NULL count)');
  return out.join('\n');
}

/** One arm in the JSON line. */
function armJson(a: ArmResult): Record<string, number | null | string> {
  return {
    source: a.source,
    kind: a.kind,
    rowsPerSecond: a.rowsPerSecond,
    mbPerSecond: a.mbPerSecond,
    peakRssMb: a.peakRssMb,
    ...(a.ratio === undefined ? {} : { ratio: a.ratio }),
    ...(a.against === undefined ? {} : { versus: a.against }),
    seconds: a.seconds,
    ...(a.totalSeconds === undefined ? {} : { totalSeconds: a.totalSeconds }),
    outputMb: round(a.bytes / MB, 2),
    ...(a.problem === null ? {} : { problem: a.problem }),
  };
}

/** The last line: one JSON object with every arm's rows/s, MB/s, peak RSS and (engine) ratio. */
export function reportJson(report: BenchReport): string {
  const arms: Record<string, Record<string, number | null | string>> = {};
  for (const a of report.arms) arms[a.arm] = armJson(a);
  return JSON.stringify({
    rows: report.rows, wideRows: report.wideRows, fileSizeMb: report.fileSizeMb, verified: report.verified,
    childBaselineRssMb: report.childBaselineRssMb, engineStartedRssMb: report.engineStartedRssMb, arms,
    ...(report.loads?.length ? { loads: loadArmsJson(report.loads) } : {}),
  });
}

/** Each engine arm's rows/s ÷ the rows/s of the faster of its native arms (`versus`) in the same table. */
export function withRatios(arms: readonly ArmResult[]): ArmResult[] {
  return arms.map((a) => {
    if (a.kind !== 'engine' || !a.versus) return a;
    const natives = arms.filter((n) => n.table === a.table && a.versus!.includes(n.name) && n.problem === null);
    const fastest = natives.reduce<ArmResult | undefined>((best, n) => (!best || n.rowsPerSecond > best.rowsPerSecond ? n : best), undefined);
    return { ...a, ratio: fastest && fastest.rowsPerSecond > 0 ? round(a.rowsPerSecond / fastest.rowsPerSecond, 2) : 0, ...(fastest ? { against: fastest.name } : {}) };
  });
}
