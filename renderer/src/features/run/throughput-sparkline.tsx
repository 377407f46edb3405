import type { ThroughputSample } from './run-monitor.ts';

export interface ThroughputSparklineProps {
  readonly samples: readonly ThroughputSample[];
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

/** Rows per second over time, as a small line: enough to see a stall or a ramp at a glance. */
export function ThroughputSparkline({ samples, label, width = 140, height = 28 }: ThroughputSparklineProps) {
  const peak = Math.max(1, ...samples.map((s) => s.rowsPerSecond));
  const last = samples.at(-1)?.t ?? 0;
  const span = Math.max(1, last - (samples[0]?.t ?? 0));
  const x = (t: number) => ((t - (samples[0]?.t ?? 0)) / span) * (width - 2) + 1;
  const y = (v: number) => height - 1 - (v / peak) * (height - 2);
  const points = samples.map((s) => `${x(s.t).toFixed(1)},${y(s.rowsPerSecond).toFixed(1)}`).join(' ');
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: 'block' }}>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#e0e4ea" />
      {samples.length > 1 ? (
        <>
          <polygon points={`1,${height - 1} ${points} ${x(last).toFixed(1)},${height - 1}`} fill="rgba(31,95,174,0.12)" />
          <polyline points={points} fill="none" stroke="#1f5fae" strokeWidth={1.5} strokeLinejoin="round" />
        </>
      ) : null}
    </svg>
  );
}
