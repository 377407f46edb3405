/**
 * What the bench found: each arm's figures, printed as a table for people and, as the very last
 * line, as one JSON object for scripts.
 */
import type { Output, TableName } from './fixtures.ts';
import { formatLoadArms, loadArmsJson, type LoadArmResult } from './load-arms.ts';

export const MB = 1024 * 1024;

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export type ArmKind = 'psql' | 'duckdb' | 'engine';

export interface ArmResult {
  readonly arm: string;
  readonly table: TableName;
  readonly kind: ArmKind;
  readonly output: Output;
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
  /** Engine only: this arm's rows/s ÷ the native arm's rows/s for the same output. */
  readonly ratio?: number;
  /** Null when it matched the source; otherwise what did not. */
  readonly problem: string | null;
}

export interface BenchReport {
  readonly rows: number;
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

const ARM_LABELS: Record<string, string> = {
  'psql-csv-zstd': 'psql \\copy | zstd -1',
  'psql-csv-gzip': 'psql \\copy | gzip -1',
  'duckdb-parquet': 'DuckDB COPY → Parquet ZSTD',
  'engine-csv-zstd': 'engine CSV + zstd',
  'engine-csv-gzip': 'engine CSV + gzip',
  'engine-parquet': 'engine Parquet ZSTD',
};

/** The readable table. */
export function formatReport(report: BenchReport): string {
  const header = ['table', 'arm', 'rows', 'seconds', 'rows/s', 'out MB', 'files', 'MB/s', 'peak RSS MB', 'ratio', 'total s', 'check'];
  const lines = report.arms.map((a) => [
    a.table,
    ARM_LABELS[a.arm.slice(a.table.length + 1)] ?? a.arm,
    a.rows.toLocaleString('en-US'),
    a.seconds.toFixed(2),
    a.rowsPerSecond.toLocaleString('en-US'),
    (a.bytes / MB).toFixed(1),
    String(a.files),
    a.mbPerSecond.toFixed(1),
    a.peakRssMb === null ? 'n/a' : a.peakRssMb.toFixed(0),
    a.ratio === undefined ? '' : a.ratio.toFixed(2),
    a.totalSeconds === undefined ? '' : a.totalSeconds.toFixed(2),
    a.problem === null ? 'ok' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const row = (cells: readonly string[]): string => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)];
  const problems = report.arms.filter((a) => a.problem !== null);
  out.push(...formatLoadArms(report.loads ?? []));
  out.push('');
  out.push(`rows: narrow ${report.rows.toLocaleString('en-US')}, wide ${report.wideRows.toLocaleString('en-US')} (30 columns); ratio = engine rows/s ÷ native rows/s for the same output (higher is better)`);
  for (const note of report.notes) out.push(`- ${note}`);
  out.push(`- idle child (Node + tsx + DuckDB) peak RSS: ${report.childBaselineRssMb} MB; engine child at run:started (all engine modules loaded, no rows yet): ${report.engineStartedRssMb} MB`);
  out.push(problems.length ? `VERIFICATION FAILED:\n${problems.map((a) => `  ${a.arm}: ${a.problem}`).join('\n')}` : 'verification: every output holds exactly the source rows (count, sum(id), text bytes, non-NULL count)');
  return out.join('\n');
}

/** The last line: one JSON object with every arm's rows/s, MB/s, peak RSS and (engine) ratio. */
export function reportJson(report: BenchReport): string {
  const arms: Record<string, Record<string, number | null | string>> = {};
  for (const a of report.arms) {
    arms[a.arm] = {
      rowsPerSecond: a.rowsPerSecond,
      mbPerSecond: a.mbPerSecond,
      peakRssMb: a.peakRssMb,
      ...(a.ratio === undefined ? {} : { ratio: a.ratio }),
      seconds: a.seconds,
      ...(a.totalSeconds === undefined ? {} : { totalSeconds: a.totalSeconds }),
      outputMb: round(a.bytes / MB, 2),
      ...(a.problem === null ? {} : { problem: a.problem }),
    };
  }
  return JSON.stringify({
    rows: report.rows, wideRows: report.wideRows, verified: report.verified,
    childBaselineRssMb: report.childBaselineRssMb, engineStartedRssMb: report.engineStartedRssMb, arms,
    ...(report.loads?.length ? { loads: loadArmsJson(report.loads) } : {}),
  });
}
