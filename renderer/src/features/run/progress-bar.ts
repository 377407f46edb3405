/**
 * What an entity's progress bar shows. A percentage only where the engine reports a total (the
 * source's row estimate, or the bytes of a files source's matched files), capped at 99% until the
 * entity is done since an estimate can be low; otherwise a running entity gets an indeterminate
 * bar: a percentage made up from its step would claim a precision nobody measured.
 */
import { progressPercent } from '../../../../shared/protocol/progress-percent.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import { stopped, type LiveEntity } from './run-monitor.ts';

export type ProgressBar =
  | { readonly variant: 'indeterminate'; readonly caption: string }
  | { readonly variant: 'determinate'; readonly value: number; readonly caption: string; readonly detail?: string };

/** The bar of one entity: full when done, empty while queued or once stopped, a share of its total or moving while it works. */
export function progressBar(entity: LiveEntity): ProgressBar {
  if (entity.state === 'done') return { variant: 'determinate', value: 100, caption: '100%' };
  if (entity.state === 'queued') return { variant: 'determinate', value: 0, caption: '' };
  if (stopped(entity.state)) return { variant: 'determinate', value: 0, caption: `stopped ${entity.reached === 'queued' ? 'before starting' : `while ${entity.reached}`}` };
  const percent = progressPercent(entity.rows, entity.total);
  if (percent === undefined || !entity.total) return { variant: 'indeterminate', caption: entity.state };
  const detail = entity.total.kind === 'rows'
    ? `${formatCount(entity.rows)} of about ${formatCount(entity.total.expected)} rows read (the source's estimate)`
    : `${formatBytes(entity.total.read)} of ${formatBytes(entity.total.expected)} of files read`;
  return { variant: 'determinate', value: percent, caption: `${percent}% · ${entity.state}`, detail };
}
