/**
 * The memory sweep (`--sweep 1000000,4000000,16000000`): the bench run once per size on the narrow
 * table, and each arm's peak RSS per size judged against issue 11's bound: flat in row count, and
 * (engine arms) within file size × files in flight + 200 MB.
 */
import type { ArmKind, BenchReport } from './report.ts';
import { round } from './report.ts';

/** What the engine may hold besides its files: Node, tsx, DuckDB, the engine's modules, buffers. */
export const HEADROOM_MB = 200;

/**
 * Growth from the smallest to the largest size that still counts as flat: 10% of the smallest
 * size's peak or 16 MB, whichever is more (allocator and GC noise across runs).
 */
export const flatTolerance = (firstMb: number): number => Math.max(16, firstMb * 0.1);

export interface SweepArm {
  readonly arm: string;
  readonly kind: ArmKind;
  /** Peak RSS per size, in the order of `sizes`; null where the arm has none (no /usr/bin/time). */
  readonly peakRssMb: readonly (number | null)[];
  /** Largest peak − smallest size's peak. */
  readonly growthMb: number | null;
  readonly flat: boolean;
  /** Engine arms: file size × files in flight + 200 MB. */
  readonly boundMb?: number;
  readonly withinBound?: boolean;
}

export interface SweepReport {
  readonly sizes: readonly number[];
  readonly verified: boolean;
  readonly arms: readonly SweepArm[];
  /** Every arm flat and every engine arm within its bound. */
  readonly ok: boolean;
  readonly reports: readonly BenchReport[];
}

/** Judges the runs of a sweep (one report per size, smallest first); `boundMb` per engine arm name. */
export function sweepReport(reports: readonly BenchReport[], boundMb: (arm: string) => number): SweepReport {
  const names = [...new Set(reports.flatMap((r) => r.arms.map((a) => a.arm)))];
  const arms = names.map((name): SweepArm => {
    const runs = reports.map((r) => r.arms.find((a) => a.arm === name));
    const kind = runs.find((a) => a)!.kind;
    const peaks = runs.map((a) => a?.peakRssMb ?? null);
    const known = peaks.filter((p): p is number => p !== null);
    const growthMb = known.length === peaks.length && known.length > 0 ? round(Math.max(...known) - known[0]!) : null;
    const flat = growthMb === null || growthMb <= flatTolerance(known[0]!);
    if (kind !== 'engine') return { arm: name, kind, peakRssMb: peaks, growthMb, flat };
    const bound = boundMb(name);
    return { arm: name, kind, peakRssMb: peaks, growthMb, flat, boundMb: bound, withinBound: known.every((p) => p <= bound) };
  });
  return {
    sizes: reports.map((r) => r.rows),
    verified: reports.every((r) => r.verified),
    arms,
    ok: arms.every((a) => a.flat && a.withinBound !== false),
    reports,
  };
}

/** The sweep's table: one row per arm, one peak RSS column per size. */
export function formatSweep(sweep: SweepReport): string {
  const header = ['arm', ...sweep.sizes.map((s) => `${s.toLocaleString('en-US')} rows`), 'growth MB', 'flat', 'bound MB', 'within'];
  const lines = sweep.arms.map((a) => [
    a.arm,
    ...a.peakRssMb.map((p) => (p === null ? 'n/a' : p.toFixed(0))),
    a.growthMb === null ? 'n/a' : a.growthMb.toFixed(0),
    a.flat ? 'yes' : 'NO',
    a.boundMb === undefined ? '' : String(a.boundMb),
    a.withinBound === undefined ? '' : a.withinBound ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [
    'peak RSS (MB) per arm and size, narrow table:',
    row(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(row),
    '',
    `- flat: growth from the smallest to the largest size ≤ 10% of the smallest size's peak or 16 MB, whichever is more; bound (engine arms): file size × files in flight + ${HEADROOM_MB} MB`,
    sweep.verified ? 'verification: every output of every size holds exactly the source rows' : 'VERIFICATION FAILED in at least one size (see the tables above)',
    sweep.ok ? 'memory: every arm flat, every engine arm within its bound' : 'memory: NOT within the bound or not flat (see above)',
  ].join('\n');
}

/** The sweep's last line: per size its rows and each arm's `peakRssMb`, then the verdicts. */
export function sweepJson(sweep: SweepReport): string {
  return JSON.stringify({
    sweep: sweep.sizes.map((rows, i) => ({
      rows,
      verified: sweep.reports[i]!.verified,
      peakRssMb: Object.fromEntries(sweep.arms.map((a) => [a.arm, a.peakRssMb[i]])),
      ratio: Object.fromEntries(sweep.reports[i]!.arms.filter((a) => a.ratio !== undefined).map((a) => [a.arm, a.ratio])),
    })),
    arms: Object.fromEntries(sweep.arms.map((a) => [a.arm, {
      kind: a.kind, growthMb: a.growthMb, flat: a.flat,
      ...(a.boundMb === undefined ? {} : { boundMb: a.boundMb, withinBound: a.withinBound }),
    }])),
    verified: sweep.verified,
    ok: sweep.ok,
  });
}
