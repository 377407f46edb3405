/**
 * The run dashboard's numbers, from the run history alone (pure, so it is tested without a
 * window): each entity's last result, and its results over past runs as chart series.
 */
import type { RunEntityRecord, RunRecordView } from '../../../../shared/ipc/contract.ts';
import type { StepTimes, WatermarkLag } from '../../../../shared/run-metrics.ts';

/** One entity's last run, as the overview lists it. */
export interface EntityOverview {
  readonly entity: string;
  /** Absent when no recorded run included the entity. */
  readonly last?: EntityRun | undefined;
  /** Runs of the entity in the history, and how many of them failed. */
  readonly runs: number;
  readonly failures: number;
}

/** One entity's result in one run. */
export interface EntityRun {
  readonly runId: string;
  readonly batchDate: string;
  readonly startedAt: string;
  readonly status: string;
  readonly rows: number;
  readonly bytes: number;
  /** Null when the run recorded no start or end for the entity (it was killed, say). */
  readonly durationMs: number | null;
  /** Rows per second over the entity's duration; null without a duration, or with too few rows to make a rate of (see MIN_RATE_ROWS). */
  readonly rowsPerSecond: number | null;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  /** Milliseconds in each step; null when the run recorded no metrics for the entity (it did not commit). */
  readonly steps: StepTimes | null;
  /** Each saved watermark before and after the run, and how far the run moved it. */
  readonly watermarks: readonly WatermarkLag[];
}

/** The steps a run's metrics time, in the order they run, with their chart labels. */
export const TIMED_STEPS: readonly { readonly step: keyof StepTimes; readonly label: string }[] = [
  { step: 'extract', label: 'Extract' },
  { step: 'land', label: 'Land' },
  { step: 'stage', label: 'Stage' },
  { step: 'changeSet', label: 'Change set' },
  { step: 'persist', label: 'Persist' },
];

const UNIT_SECONDS: readonly (readonly [number, string])[] = [[86_400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];

/** A watermark's lag as the overview says it: days for a date, the largest fitting unit for seconds, the number otherwise. */
export function lagText(lag: WatermarkLag): string {
  if (lag.lag === null) return `${lag.parameter}: ${lag.after ?? '(none)'}`;
  if (lag.unit === 'days') return `${lag.parameter} +${lag.lag} d`;
  if (lag.unit === 'seconds') {
    const [size, unit] = UNIT_SECONDS.find(([seconds]) => Math.abs(lag.lag!) >= seconds) ?? [1, 's'];
    return `${lag.parameter} +${Math.round((lag.lag / size) * 10) / 10} ${unit}`;
  }
  return `${lag.parameter} +${lag.lag}`;
}

/**
 * Fewer rows than this give no rate: over a handful of rows the duration is the run's fixed cost
 * (connecting, setting up, committing), so one row in 0.7 s read as "1 rows/s" (and as 0 over two
 * seconds), a throughput nobody measured.
 */
export const MIN_RATE_ROWS = 100;

const lower = (text: string): string => text.toLowerCase();

function durationOf(record: RunEntityRecord, run: RunRecordView): number | null {
  const from = Date.parse(record.startedAt ?? run.startedAt);
  const to = Date.parse(record.finishedAt ?? run.finishedAt ?? '');
  return Number.isFinite(from) && Number.isFinite(to) && to >= from ? to - from : null;
}

function entityRun(record: RunEntityRecord, run: RunRecordView): EntityRun {
  const durationMs = durationOf(record, run);
  return {
    runId: run.id,
    batchDate: run.batchDate,
    startedAt: record.startedAt ?? run.startedAt,
    status: record.status,
    rows: record.rows,
    bytes: record.bytes,
    durationMs,
    rowsPerSecond: durationMs && record.rows >= MIN_RATE_ROWS ? Math.round((record.rows * 1000) / durationMs) : null,
    inserted: record.inserted,
    updated: record.updated,
    deleted: record.deleted,
    steps: record.metrics?.steps ?? null,
    watermarks: record.metrics?.watermarks ?? [],
  };
}

/** The entity's results, oldest run first (history is newest first). */
export function entityHistory(runs: readonly RunRecordView[], entity: string): EntityRun[] {
  const found: EntityRun[] = [];
  for (const run of runs) {
    const record = run.entities.find((e) => lower(e.entity) === lower(entity));
    if (record) found.push(entityRun(record, run));
  }
  return found.reverse();
}

/** Each of `entities` with its last result in `runs` (newest first), in the order given. */
export function entityOverview(runs: readonly RunRecordView[], entities: readonly string[]): EntityOverview[] {
  return entities.map((entity) => {
    const history = entityHistory(runs, entity);
    return { entity, last: history.at(-1), runs: history.length, failures: history.filter((r) => r.status === 'failed').length };
  });
}
