/**
 * Run metrics of one entity's run: throughput, what landed (bytes, files, file sizes, small files,
 * skew), the watermark's lag and the time spent in each step. The load metrics are known before the
 * persist transaction and are written in it (`zdm.entity_run_log`); the rest (versions written, the
 * persist time, the lag) are known after it and go into the project's run history.
 */

/** What one landed file holds. */
export interface LandedFileSize {
  readonly rows: number;
  readonly bytes: number;
}

/** Milliseconds spent in each step of an entity's run. */
export interface StepTimes {
  readonly extract: number;
  readonly land: number;
  readonly stage: number;
  readonly changeSet: number;
  /** Known only after the commit: 0 in the warehouse's row, which is written inside it. */
  readonly persist: number;
}

/** The metrics known before the load's commit, written with it. */
export interface LoadMetrics {
  readonly rowsRead: number;
  readonly rowsPerSecond: number;
  readonly bytesLanded: number;
  readonly files: number;
  readonly fileBytesMin: number;
  readonly fileBytesMedian: number;
  readonly fileBytesMax: number;
  /** Files under {@link smallFileBytes} of the entity's file size. */
  readonly smallFiles: number;
  readonly smallFileBytes: number;
  /** Largest ÷ median rows per file (1 for one file, 0 for none), two decimals. */
  readonly skew: number;
  readonly steps: StepTimes;
}

/** A watermark (or change tracking version) before and after a run, and the lag the run closed. */
export interface WatermarkLag {
  readonly parameter: string;
  readonly before: string | null;
  readonly after: string | null;
  /** after − before in the change column's own unit (days for a date, seconds for a time); null when not comparable. */
  readonly lag: number | null;
  readonly unit: string;
}

/** Every metric of an entity's run, as the run history keeps it. */
export interface EntityMetrics extends LoadMetrics {
  /** Versions written to persistent staging (new, changed and deleted). */
  readonly rowsWritten: number;
  readonly watermarks: readonly WatermarkLag[];
}

/** A file smaller than this share of the entity's file size limit counts as small. */
export const SMALL_FILE_SHARE = 0.25;

/** The small-file threshold in bytes for a file size limit in MB. */
export function smallFileBytes(fileSizeMb: number): number {
  return Math.floor(fileSizeMb * 1024 * 1024 * SMALL_FILE_SHARE);
}

/** The median of sorted numbers (the lower middle of an even count: always one file's own value). */
function median(sorted: readonly number[]): number {
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0;
}

/** The load metrics from the landed files and the step times measured so far. */
export function loadMetrics(files: readonly LandedFileSize[], rowsRead: number, fileSizeMb: number, steps: StepTimes): LoadMetrics {
  const bytes = files.map((f) => f.bytes).sort((a, b) => a - b);
  const rows = files.map((f) => f.rows).sort((a, b) => a - b);
  const threshold = smallFileBytes(fileSizeMb);
  const middle = median(rows);
  const readingMs = steps.extract + steps.land;
  return {
    rowsRead,
    rowsPerSecond: readingMs > 0 ? Math.round((rowsRead * 1000) / readingMs) : 0,
    bytesLanded: bytes.reduce((sum, b) => sum + b, 0),
    files: files.length,
    fileBytesMin: bytes[0] ?? 0,
    fileBytesMedian: median(bytes),
    fileBytesMax: bytes[bytes.length - 1] ?? 0,
    smallFiles: bytes.filter((b) => b < threshold).length,
    smallFileBytes: threshold,
    skew: !rows.length ? 0 : middle > 0 ? Math.round((rows[rows.length - 1]! / middle) * 100) / 100 : 0,
    steps,
  };
}

/** The unit a change column's values are compared in, from its type's kind. */
export type LagUnit = 'days' | 'seconds' | 'units';

const DAY_MS = 86_400_000;

/**
 * How far `after` is past `before`, in the change column's unit: days for dates, seconds for
 * date-times, the number itself for numbers and versions; null when either is missing or unparsable.
 */
export function watermarkLag(before: string | null, after: string | null, unit: LagUnit): number | null {
  if (before === null || after === null) return null;
  if (unit === 'units') {
    const a = Number(after);
    const b = Number(before);
    return Number.isFinite(a) && Number.isFinite(b) ? a - b : null;
  }
  const time = (text: string): number => Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}${text.length > 10 ? 'Z' : ''}`);
  const a = time(after);
  const b = time(before);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return unit === 'days' ? Math.round((a - b) / DAY_MS) : Math.round((a - b) / 1000);
}
